#pragma once
// Python repr notation and terminal safety (docs/design.md#terminal-safety,
// docs/reliability.md C1–C8).
//
// No byte from the data reaches a terminal as a control character: C0, DEL, C1, bidi controls
// and line separators are written as Python repr escapes (\x1b, \x9b, \u202e), invalid UTF-8
// bytes as \xNN.

#include <cstdint>
#include <string>
#include <string_view>

namespace logmoji {

/// Which characters an in-place escape keeps as they are.
enum class keep_controls {
  none,         ///< keys and one-line fields: every control character escaped
  tab,          ///< raw lines: a tab stays a tab
  tab_newline,  ///< messages, exception and stack text: the library prints \n and \t raw
};

/// Appends `s` with unsafe characters escaped in place, without quotes.
void append_escaped(std::string& out, std::string_view s, keep_controls keep);

/// Appends Python's repr() of a str: quoted, escapes for the quote, backslash, \n \r \t and
/// every non-printable code point (\xhh, \uhhhh, \Uhhhhhhhh).
void append_repr_string(std::string& out, std::string_view s);

/// True when structlog's ConsoleRenderer would quote this top-level value (space, tab, '=',
/// CR, LF or a quote), or when it holds a character that must not reach a terminal raw.
bool needs_quoting(std::string_view s);

/// True when the text holds a character append_escaped(…, none) would escape.
bool has_unsafe_character(std::string_view s, keep_controls keep);

/// True for a code point that must not reach a terminal raw: C0 controls, DEL, C1 controls,
/// bidi controls, the Unicode line separators and the interlinear annotation controls.
bool is_terminal_unsafe(std::uint32_t cp);

/// Number of code points in valid UTF-8 (continuation bytes are not counted).
std::size_t count_code_points(std::string_view s);

/// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i, or returns -1
/// and advances i by one for an invalid byte.
std::int32_t decode_utf8(std::string_view s, std::size_t& i);

}  // namespace logmoji
