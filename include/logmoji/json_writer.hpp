#pragma once
// JSON serialisation of tape values, for the json outputs.

#include <cstdint>
#include <string>
#include <string_view>

#include "logmoji/event.hpp"
#include "logmoji/python_repr.hpp"

namespace logmoji {

/// Separators: compact `,`/`:`, or Python's json.dumps defaults `, `/`: ` (foundation's layout).
enum class json_style { compact, python };

/// Appends a JSON string literal. Control characters are escaped as json.dumps does (\n, \t,
/// \u0007, …), and so is every other code point is_terminal_unsafe() names (DEL, C1 and bidi
/// controls, U+2028/2029, U+FFF9–FFFB: \u007f, \u202e): the same value, but safe if someone
/// cats the output to a terminal.
void append_json_string(std::string& out, std::string_view s);

/// Appends a valid JSON text (a line as read) for a terminal: each character is_terminal_unsafe()
/// names becomes its \u escape inside a string, and a space between tokens (a raw \r). The
/// result is the same JSON value; a text with nothing to escape is copied byte for byte.
void append_json_for_terminal(std::string& out, std::string_view json);

/// Appends the value at tape[i] as JSON; numbers as written, NaN/Infinity as Python writes
/// them; objects under `redaction::dict` have foundation's secret keys replaced.
void append_json_value(std::string& out, const event& ev, std::uint32_t i, json_style style, redaction r);

}  // namespace logmoji
