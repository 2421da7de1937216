#pragma once
// Shared by the fuzz targets: run one line through the pipeline into memory.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "../support/pipeline_run.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/sink_console.hpp"
#include "logmoji/sink_json.hpp"
#include "logmoji/sink_logfmt.hpp"
#include "logmoji/sink_summary.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji::fuzz {

/// The framer never hands out a newline inside a line.
inline std::string as_line(const std::uint8_t* data, std::size_t size) {
  std::string line(reinterpret_cast<const char*>(data), size);
  for (char& c : line)
    if (c == '\n') c = ' ';
  return line;
}

/// Runs `line` through a real pipeline as a whole input and returns what its sink wrote (a
/// split envelope line, a CRI `P` line, is shown at the input's end, as in a one-line file).
/// Line reports are collected, not written: fuzzing stays quiet. The run is reused from input
/// to input, as a real run reuses its pipeline from line to line (and building one per input
/// is slow).
template <sink Sink>
std::string run_line(test::pipeline_run<Sink>& run, std::string_view line) {
  run.clear_text();
  run.line(line).end_input();
  return run.text();
}

[[noreturn]] inline void fail(const char* why) {
  std::fprintf(stderr, "oracle failed: %s\n", why);
  std::abort();
}

}  // namespace logmoji::fuzz
