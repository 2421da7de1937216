#pragma once
// The command line: one CLI11 option table filling `options`.

#include <optional>

#include "logmoji/options.hpp"

namespace logmoji {

/// Parses argv into `opts` (defaults, then --foundation's preset and the library's environment,
/// then the flags). Returns an exit status when the program should stop now (--help, --version,
/// usage errors), else nullopt.
std::optional<int> parse_command_line(int argc, char** argv, options& opts);

}  // namespace logmoji
