#pragma once
// The configuration file (TOML): option defaults, logger prefixes, event sets and themes.
// Read by the command line before its flags are applied; the flags win.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "logmoji/enrich_event_sets.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/options.hpp"
#include "logmoji/theme.hpp"

namespace logmoji {

/// A top-level `name = value`: the default of the long option --name.
struct config_default {
  std::string name;
  std::vector<std::string> values;  ///< option words; a boolean gives "true" or "false"
  bool is_boolean = false;
  std::size_t line = 0;
  bool applied = false;  ///< set when the command line did not give the option itself
};

struct config_file {
  std::string path;
  std::vector<config_default> defaults;
  std::vector<logger_prefix_option> logger_prefixes;  ///< [logger-prefixes]
  std::vector<custom_event_set> event_sets;           ///< [[event-sets]]
  std::vector<theme> themes;                          ///< [themes.NAME], over foundation's
  field_names fields;                                 ///< [fields]: the user's names per role

  /// "PATH:LINE: " when the option's value came from this file, else "": the start of an error
  /// message about that value.
  std::string origin(std::string_view name) const;
};

/// Where the configuration comes from: --config, else $LOGMOJI_CONFIG, else
/// $XDG_CONFIG_HOME/logmoji/config.toml (~/.config when unset). Only the last may be missing.
struct config_location {
  std::string path;
  bool required = false;
};
std::optional<config_location> locate_config(const std::string& explicit_path);

/// Reads and checks a configuration file. On error returns nullopt with "PATH:LINE: what"
/// (the path escaped for the terminal) in `error`.
std::optional<config_file> load_config(const config_location& where, std::string& error);

/// A logger emoji must be one printable word: it goes to the terminal as it is.
bool valid_logger_emoji(std::string_view emoji);

}  // namespace logmoji
