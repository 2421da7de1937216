#pragma once
// Test helper: the real pipeline<Sink> with everything it refers to, owned in one place.
//
// Every unit test and fuzz target that runs lines goes through this class, so the tests cannot
// drift from the stage order of src/pipeline.hpp, and a change to how a pipeline is built is
// one edit here.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "../../src/pipeline.hpp"
#include "logmoji/options.hpp"
#include "logmoji/output.hpp"
#include "logmoji/plan.hpp"
#include "logmoji/sink_console.hpp"
#include "logmoji/sink_json.hpp"
#include "logmoji/sink_logfmt.hpp"
#include "logmoji/sink_summary.hpp"

namespace logmoji::test {

template <sink Sink>
class pipeline_run {
public:
  /// `collect`: keep line reports in state() as the parallel workers do, instead of writing
  /// them to standard error at once as the single-threaded loop does.
  pipeline_run(options opts, Sink sink, bool collect = true)
      : plan_(built(std::move(opts))), sink_(std::move(sink)), pipe_(*plan_, sink_, out_, collect) {}
  pipeline_run(const pipeline_run&) = delete;
  pipeline_run& operator=(const pipeline_run&) = delete;

  /// One line as the framer would hand it out (no newline), numbered after the previous one.
  pipeline_run& line(std::string_view bytes, bool truncated = false) {
    pipe_.process_line(name, logmoji::line{bytes, ++lines_, truncated}, state_);
    return *this;
  }

  /// The end of the input: a split envelope line still waiting is shown, as at a file's end.
  pipeline_run& end_input() {
    pipe_.end_of_input(name, state_);
    return *this;
  }

  /// Bytes as read from one whole input: framed (the max line size applies), then processed.
  pipeline_run& input(std::string_view bytes) {
    pipe_.process_block(name, bytes, true, 1, true, state_);
    return *this;
  }

  /// The end of the run: the sink's closing words (count, stats).
  pipeline_run& finish() {
    sink_.finish(state_.counts, out_);
    return *this;
  }

  /// Everything written so far.
  [[nodiscard]] const std::string& text() { return out_.buffer(); }
  /// Forgets what was written: a fuzz target reuses one run for every input, as a real run
  /// reuses its pipeline for every line.
  void clear_text() { out_.buffer().clear(); }
  [[nodiscard]] const run_state& state() const { return state_; }
  [[nodiscard]] const line_counts& counts() const { return state_.counts; }
  [[nodiscard]] Sink& sink() { return sink_; }
  /// The pipeline itself, for what a worker asks of it after a block.
  [[nodiscard]] pipeline<Sink>& pipe() { return pipe_; }

  /// The input name in line reports.
  static constexpr std::string_view name = "test.jsonl";

private:
  // The run's plan, built as cli.cpp builds it; a test gives only valid options.
  static std::unique_ptr<const plan> built(options opts) {
    std::string error;
    auto p = plan::build(opts, error);
    if (!p) throw std::invalid_argument(error);
    return p;
  }

  std::unique_ptr<const plan> plan_;
  Sink sink_;
  output out_ = output::in_memory();
  run_state state_;
  std::uint64_t lines_ = 0;
  pipeline<Sink> pipe_;
};

}  // namespace logmoji::test
