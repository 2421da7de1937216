#pragma once
// --print-config: the effective configuration as a TOML file that reads back to the same.

#include <string>
#include <string_view>
#include <vector>

#include "logmoji/config_file.hpp"
#include "logmoji/options.hpp"

namespace logmoji {

/// What the user set, beside the options it became. Switches are written from it, so that no
/// switch of the option table is left out; values --foundation's preset or PROVIDE_LOG_* gave
/// are not the user's and are left out; times and -n are written as the user wrote them.
struct user_settings {
  struct setting {
    std::string name;  ///< the long option's first name, as the file writes it
    bool is_switch = false;
    bool given = false;  ///< in the configuration file or on the command line
  };
  std::vector<setting> settings;   ///< every option the file can set, in the option table's order
  std::string since, until, tail;  ///< as written ("1h" stays an offset); empty when not given

  [[nodiscard]] bool given(std::string_view name) const;
};

/// Appends the settings in `opts` (after defaults, the configuration file and the flags) with
/// the configuration's logger prefixes, event sets and the active theme.
void write_config(std::string& out, const options& opts, const config_file& config, const user_settings& user = {});

}  // namespace logmoji
