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

/// What one scan of a text found, as bits: every decision about quoting and escaping reads
/// them instead of walking the text again. Most texts hold none of the rarer bits, and are
/// then copied whole.
using text_bits = std::uint32_t;
namespace text_bit {
inline constexpr text_bits control = 1U << 0;  ///< a C0 control, tab and newline included
inline constexpr text_bits equals = 1U << 1;
inline constexpr text_bits single_quote = 1U << 2;
inline constexpr text_bits double_quote = 1U << 3;
inline constexpr text_bits backslash = 1U << 4;
inline constexpr text_bits space = 1U << 5;
inline constexpr text_bits non_ascii = 1U << 6;  ///< a byte from 0x80 up
inline constexpr text_bits del = 1U << 7;
inline constexpr text_bits unprintable = 1U << 8;  ///< past ASCII: invalid UTF-8 or a code point repr() escapes
inline constexpr text_bits unsafe = 1U << 9;       ///< past ASCII: invalid UTF-8 or is_terminal_unsafe
}  // namespace text_bit

/// Classifies every byte of `s` (SIMD on x86), then decodes the text past ASCII only when
/// there is some.
text_bits scan_text(std::string_view s);

/// Appends `s` with unsafe characters escaped in place, without quotes.
void append_escaped(std::string& out, std::string_view s, keep_controls keep);
/// The same, given scan_text(s).
void append_escaped(std::string& out, std::string_view s, keep_controls keep, text_bits bits);

/// Appends Python's repr() of a str: quoted, escapes for the quote, backslash, \n \r \t and
/// every non-printable code point (\xhh, \uhhhh, \Uhhhhhhhh).
void append_repr_string(std::string& out, std::string_view s);
/// The same, given scan_text(s).
void append_repr_string(std::string& out, std::string_view s, text_bits bits);

/// append_repr_string(…, bits) of a text whose bits hold no unprintable (its escapes are all
/// ASCII), written at `p`, which has room for ascii_repr_room(s.size()) bytes; returns the end.
char* write_ascii_repr(char* p, std::string_view s, text_bits bits);
/// \xhh is the longest escape of one byte; and the quotes.
constexpr std::size_t ascii_repr_room(std::size_t size) { return 4 * size + 2; }

/// True when structlog's ConsoleRenderer would quote this top-level value (space, tab, '=',
/// CR, LF or a quote), or when it holds a character that must not reach a terminal raw.
bool needs_quoting(std::string_view s);
/// The same, given scan_text(s).
inline bool needs_quoting(text_bits bits) {
  using namespace text_bit;
  return (bits & (control | del | space | equals | single_quote | double_quote | unsafe)) != 0;
}

/// Python's str.isprintable() for one code point (see text_escape.cpp for its approximation).
bool is_repr_printable(std::uint32_t cp);

/// True when the text holds a character append_escaped(…, none) would escape.
bool has_unsafe_character(std::string_view s, keep_controls keep);

/// True for a code point that must not reach a terminal raw: C0 controls, DEL, C1 controls,
/// bidi controls, the Unicode line separators and the interlinear annotation controls.
bool is_terminal_unsafe(std::uint32_t cp);
/// How many characters the escape of code point `cp` takes (`\n`, `\x85`, `\u202e`, `\U000e0067`).
std::size_t cp_escape_size(std::uint32_t cp);

/// Number of code points in valid UTF-8 (continuation bytes are not counted).
std::size_t count_code_points(std::string_view s);

/// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i, or returns -1
/// and advances i by one for an invalid byte.
std::int32_t decode_utf8(std::string_view s, std::size_t& i);

/// Strict UTF-8: no overlong forms, surrogates or code points above U+10FFFF (decode_utf8's).
bool valid_utf8(std::string_view s);

/// Each byte that is no UTF-8 written as the four characters \xHH, as Python's
/// decode(errors="backslashreplace") writes it: a text JSON can hold, its bytes still readable
/// (a journal's binary MESSAGE), where U+FFFD would lose them.
void backslash_replace(std::string& s);

/// The paths the scan lets most texts skip, one code point at a time: the reference the
/// differential tests and the render fuzzer compare the fast paths with.
namespace slow {
void append_escaped(std::string& out, std::string_view s, keep_controls keep);
void append_repr_string(std::string& out, std::string_view s);
bool needs_quoting(std::string_view s);
/// scan_text one byte at a time, from a table.
text_bits scan_text(std::string_view s);
/// is_repr_printable from the table of non-printable ranges alone.
bool is_repr_printable(std::uint32_t cp);
}  // namespace slow

}  // namespace logmoji
