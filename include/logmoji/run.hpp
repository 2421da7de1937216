#pragma once
// The run: inputs -> pipeline -> sink on one thread or several, and how it ends (exit status,
// the invalid-line count, the final flush).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/output.hpp"
#include "logmoji/plan.hpp"
#include "logmoji/sink.hpp"

namespace logmoji {

/// Exit statuses (docs/design.md#exit-status), grep-compatible.
namespace exit_status {
inline constexpr int ok = 0;
inline constexpr int nothing_selected = 1;
inline constexpr int error = 2;
}  // namespace exit_status

/// Invalid lines named one by one on standard error before the rest are only counted.
inline constexpr std::uint64_t invalid_reports = 10;

/// A message about one line, kept until it can be written in input order.
struct line_report {
  std::uint64_t line;
  std::string message;
  std::size_t at = 0;  ///< a worker's: how much of its block's output came before the report
};

/// What processing some lines produced besides output.
struct run_state {
  line_counts counts;
  bool failed = false;
  bool strict_violation = false;
  std::uint64_t reported = 0;        ///< line reports written so far
  std::vector<line_report> reports;  ///< when collecting (workers): at most invalid_reports

  /// No line reports from here on: the pipeline reports only while `reported` is under
  /// invalid_reports, so a spent allowance is silence.
  void silence_line_reports() { reported = invalid_reports; }

  /// Adds another share of the run (a worker's block) to this one.
  void add(const run_state& other);
};

/// Flushes and closes standard output; false after reporting a write error.
bool close_output(output& out);

/// The end of a run: final flush, the invalid-line count (when `reported`: invalid lines went to
/// standard error; `shown`: they were also in the output), and the exit status.
int finish_run(const options& opts, const run_state& state, output& out, bool reported, bool shown);

/// Writes a document (--emoji-matrix, --print-config) to standard output; returns the exit status.
int write_document(std::string_view text);

/// Runs the whole pipeline over every input and returns the exit status.
int run(const plan& p);

}  // namespace logmoji
