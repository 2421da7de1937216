#pragma once
// --foundation: the library's defaults and its PROVIDE_LOG_* variables
// (docs/foundation.md#environment).

#include <string>

#include "logmoji/options.hpp"

namespace logmoji {

/// Which settings the command line gave explicitly (they override the environment).
struct explicit_flags {
  bool level = false;
  bool module_levels = false;
  bool logger_emoji = false;
  bool markers = false;
  bool omit_timestamp = false;
  bool mask = false;
};

/// Applies foundation's preset: table emoji, level WARNING, module levels asyncio:INFO, the
/// library's level rules, logger_name not rendered.
void apply_foundation_preset(options& opts);

/// Reads PROVIDE_LOG_* with the library's parsing rules, skipping settings given on the command
/// line. An invalid value is an error: returns false with a one-line message in `error`.
bool apply_foundation_env(options& opts, const explicit_flags& given, std::string& error);

/// foundation's bool_extended: true iff lower(trim(v)) is true, yes, 1 or on.
bool parse_bool_extended(std::string_view value);

}  // namespace logmoji
