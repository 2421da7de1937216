#pragma once
// Sinks: where selected events and raw lines go. The set is closed and chosen once per run.

#include <concepts>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/options.hpp"
#include "logmoji/output.hpp"

namespace logmoji {

/// What the run loop needs from a sink.
template <class S>
concept sink = requires(S s, const event& ev, std::string_view bytes, output& out) {
  s.write_event(ev, out);
  s.write_raw(bytes, out);
  s.write_blank(out);
};

/// structlog 25.5's ConsoleRenderer as foundation configures it (foundation.md §6.1), with
/// logmoji's terminal safety.
class console_sink {
public:
  console_sink(const sink_options& options, bool color, bool redact_dicts);
  void write_event(const event& ev, output& out);
  /// A line that is not an event: escaped, dim when coloured.
  void write_raw(std::string_view bytes, output& out);
  void write_blank(output& out);

private:
  void append_columns(const event& ev, std::string& line);
  void append_pairs(const event& ev, std::string& line);
  void append_trailer(const event& ev, std::string& line);
  void add_column(std::string& line, std::size_t start);

  sink_options options_;
  bool color_;
  bool redact_dicts_;
  std::vector<std::uint32_t> pairs_;  // reused: the fields printed as key=value
  std::string scratch_;       // reused: one value's text before escaping
  std::string scratch_line_;  // reused: the line before trailing spaces are stripped
};

static_assert(sink<console_sink>);

}  // namespace logmoji
