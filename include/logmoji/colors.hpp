#pragma once
// foundation's ANSI codes (foundation.md §6.1) and the colour decision.

#include <string_view>

namespace logmoji {

namespace ansi {
inline constexpr std::string_view reset = "\x1b[0m";
inline constexpr std::string_view bright = "\x1b[1m";
inline constexpr std::string_view dim = "\x1b[2m";
inline constexpr std::string_view red = "\x1b[31m";
inline constexpr std::string_view yellow = "\x1b[33m";
inline constexpr std::string_view green = "\x1b[32m";
inline constexpr std::string_view blue = "\x1b[34m";
inline constexpr std::string_view magenta = "\x1b[35m";
inline constexpr std::string_view cyan = "\x1b[36m";
inline constexpr std::string_view red_back = "\x1b[41m";
}  // namespace ansi

enum class color_mode { automatic, always, never };

/// The colour decision: --color wins; in automatic mode NO_COLOR turns colours off,
/// FORCE_COLOR / CLICOLOR_FORCE turn them on, else colours iff stdout is a terminal and TERM is
/// not "dumb".
bool use_color(color_mode mode, bool stdout_is_tty);

}  // namespace logmoji
