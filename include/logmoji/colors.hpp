#pragma once
// The colour decision, and the reset that ends every styled span (the styles themselves are
// the theme's: include/logmoji/theme.hpp).

#include <string_view>

namespace logmoji {

namespace ansi {
inline constexpr std::string_view reset = "\x1b[0m";
}  // namespace ansi

enum class color_mode { automatic, always, never };

/// The colour decision: --color wins; in automatic mode NO_COLOR turns colours off,
/// FORCE_COLOR / CLICOLOR_FORCE turn them on, else colours iff stdout is a terminal and TERM is
/// not "dumb".
bool use_color(color_mode mode, bool stdout_is_tty);

}  // namespace logmoji
