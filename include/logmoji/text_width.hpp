#pragma once
// How many terminal cells text takes (docs/outputs.md#aligned-columns): the console pads its
// columns by cells outside --foundation, so wide emoji and CJK do not push the next column.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace logmoji {

/// Cells of one code point on its own: 2 for East Asian Wide and Fullwidth (every emoji with
/// emoji presentation), 0 for combining marks, format characters and Hangul jamo that join a
/// syllable, else 1.
int code_point_width(std::uint32_t cp);

/// Cells of already-escaped UTF-8 text. Sequences that draw one glyph count once: a character
/// after a zero-width joiner adds nothing, a skin-tone modifier after an emoji adds nothing, and
/// VS16 (U+FE0F) asks for emoji presentation, so it widens a one-cell character to two.
/// An invalid byte counts as one cell.
std::size_t display_width(std::string_view s);

/// True when `cp` starts a character of its own after `previous` (-1: none, or an invalid
/// byte), false when display_width draws it with the character before: a zero-width mark, a
/// joiner, what a joiner joins, VS16, a skin tone after an emoji. Where text may be cut.
bool starts_character(std::int32_t previous, std::int32_t cp);

}  // namespace logmoji
