#pragma once
// The command line: one CLI11 option table filling `options`.

#include <memory>
#include <optional>

#include "logmoji/plan.hpp"

namespace logmoji {

/// Parses argv (defaults, then --foundation's preset and the library's environment, the
/// configuration file, then the flags) and builds the run's plan into `out`. The special modes
/// (--help, --version, --print-config, --emoji-matrix) and usage errors are decided and done
/// here, in one place: they return the exit status. Otherwise returns nullopt with `out` set.
std::optional<int> parse_command_line(int argc, char** argv, std::unique_ptr<const plan>& out);

}  // namespace logmoji
