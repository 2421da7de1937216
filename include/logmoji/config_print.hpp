#pragma once
// --print-config: the effective configuration as a TOML file that reads back to the same.

#include <string>

#include "logmoji/config_file.hpp"
#include "logmoji/options.hpp"

namespace logmoji {

/// Appends the settings in `opts` (after defaults, the configuration file, --foundation and
/// the flags) with the configuration's logger prefixes, event sets and the active theme.
void write_config(std::string& out, const options& opts, const config_file& config);

}  // namespace logmoji
