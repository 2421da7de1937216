#pragma once
// Logger-name emoji (docs/design.md#logger-emoji): foundation's prefix table, then a stable
// hash of the logger's family into a fixed palette.

#include <cstdint>
#include <string_view>

namespace logmoji {

/// The emoji of the first table prefix that is a plain string prefix of `name` (not dot-aware:
/// `service.betamax` → 🇧), or empty when none is.
std::string_view logger_emoji_table_match(std::string_view name) noexcept;

/// foundation exactly: the table match, else 🔹.
std::string_view logger_emoji_from_table(std::string_view name) noexcept;

/// 32-bit FNV-1a (offset basis 2166136261, prime 16777619) of the family: the text before the
/// first '.', so worker.alpha and worker.bravo hash alike.
std::uint32_t logger_family_hash(std::string_view name) noexcept;

/// palette[logger_family_hash(name) % palette size].
std::string_view logger_emoji_from_hash(std::string_view name) noexcept;

/// True when `text` starts with a logger emoji (any table emoji, 🔹, or a palette emoji)
/// followed by a space or the end of the text.
bool starts_with_logger_emoji(std::string_view text) noexcept;

}  // namespace logmoji
