#pragma once
// The pipeline: sources -> framer -> parser -> enrich -> filter -> sink.

#include <string_view>

#include "logmoji/options.hpp"

namespace logmoji {

/// Exit statuses (docs/design.md#exit-status), grep-compatible.
namespace exit_status {
inline constexpr int ok = 0;
inline constexpr int nothing_selected = 1;
inline constexpr int error = 2;
}  // namespace exit_status

/// Writes a document (--emoji-matrix, --print-config) to standard output; returns the exit status.
int write_document(std::string_view text);

/// Runs the whole pipeline over every input and returns the exit status.
int run(const options& opts);

}  // namespace logmoji
