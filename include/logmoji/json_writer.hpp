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
/// \u0007, …), and so are DEL, C1 controls, bidi controls and U+2028/2029 (\u007f, \u202e):
/// the same value, but safe if someone cats the output to a terminal.
void append_json_string(std::string& out, std::string_view s);

/// Appends the value at tape[i] as JSON; numbers as written, NaN/Infinity as Python writes
/// them; objects under `redaction::dict` have foundation's secret keys replaced.
void append_json_value(std::string& out, const event& ev, std::uint32_t i, json_style style, redaction r);

}  // namespace logmoji
