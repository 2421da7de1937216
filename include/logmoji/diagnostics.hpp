#pragma once
// Messages on standard error. Every message starts with "logmoji: " and names its place; names
// and data in messages are escaped like everything else that may reach a terminal.

#include <cstdint>
#include <string>
#include <string_view>

namespace logmoji {

/// Writes "logmoji: " + message + "\n" to standard error at once (unbuffered).
void report(std::string_view message);

/// Appends a file name made safe for a terminal.
void append_name(std::string& out, std::string_view name);

/// 'NAME', escaped: how messages name a file, a setting or a value the user gave.
std::string quoted(std::string_view name);
// Exact matches, so that argument-dependent lookup never prefers std::quoted (<iomanip>).
inline std::string quoted(const std::string& name) { return quoted(std::string_view(name)); }
inline std::string quoted(const char* name) { return quoted(std::string_view(name)); }

/// "NAME:LINE" (the name escaped; just "NAME" when `line` is 0): how every message points at a
/// place in an input or a configuration file.
std::string place(std::string_view name, std::uint64_t line);

/// "logmoji: NAME:LINE: message".
void report_at(std::string_view name, std::uint64_t line, std::string_view message);

}  // namespace logmoji
