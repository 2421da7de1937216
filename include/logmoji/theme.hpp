#pragma once
// Themes: the ANSI styles of the console columns. The default is foundation's (docs/foundation.md
// #console-layout), byte for byte; the configuration file can define others.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace logmoji {

/// One element's style: the words the user wrote and the escape sequences they mean.
struct style {
  std::string spec;  ///< e.g. "bold red"; "" = no style
  std::string sgr;   ///< e.g. "\x1b[1m\x1b[31m"
};

struct theme {
  std::string name;
  style timestamp, message, logger, key, value, raw;
  /// Level names (as written, lower case) and their styles; names not listed are not styled.
  std::vector<std::pair<std::string, style>> levels;

  /// The style of a level name in the level column ("" when unstyled).
  std::string_view level_sgr(std::string_view level) const noexcept;
  /// The element called `name` ("timestamp", "key", ...; "levels.NAME" for a level), created
  /// for a new level name; nullptr for an unknown element.
  style* element(std::string_view name);
};

/// Reads a style: space-separated words, each an attribute (bold/bright, dim, italic,
/// underline, reverse, reset), a colour (black, red, green, yellow, blue, magenta, cyan,
/// white, bright_NAME, a number 0-255, #rrggbb) or a background (on_COLOUR). On error returns
/// nullopt and says why in `error`.
std::optional<style> parse_style(std::string_view spec, std::string& error);

/// The built-in themes: "foundation" (the default) and "plain" (no colour, emphasis only).
const std::vector<theme>& builtin_themes();
const theme& default_theme();
/// The named elements every theme has (levels aside), in --print-config's order.
struct theme_element {
  std::string_view name;
  style theme::*member;
};
std::span<const theme_element> theme_elements() noexcept;

}  // namespace logmoji
