#pragma once
// Sinks: where selected events and raw lines go. The set is closed and chosen once per run; the
// run loop is a template over the sink, so there is no virtual call per line. Each output is a
// module of its own: sink_console, sink_json, sink_logfmt, sink_summary.

#include <array>
#include <concepts>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/options.hpp"
#include "logmoji/output.hpp"

namespace logmoji {

/// What the pipeline counted; every line read is exactly one of these (nothing is lost).
struct line_counts {
  std::uint64_t selected = 0;
  std::uint64_t filtered = 0;
  std::uint64_t invalid = 0;  ///< starts like a JSON object but is not one, or over-long
  std::uint64_t raw = 0;      ///< not JSON: a traceback or a print, shown with the event before it
  std::uint64_t blank = 0;
  std::uint64_t hidden = 0;  ///< of the raw and blank lines: hidden with their event or by --raw hide
  /// Input lines read. Without envelopes, lines(); an OTLP batch line carries several events and
  /// a split Docker or CRI line's parts make one (docs/envelopes.md).
  std::uint64_t read = 0;
  /// What the lines read became: events, invalid, raw and blank lines.
  [[nodiscard]] std::uint64_t lines() const { return selected + filtered + invalid + raw + blank; }
};

/// What the run loop needs from a sink.
template <class S>
concept sink = requires(S s, const event& ev, std::string_view bytes, output& out, const line_counts& counts) {
  { S::shows_raw_lines } -> std::convertible_to<bool>;
  s.write_event(ev, out);
  s.write_raw(bytes, out);
  s.write_blank(out);
  s.finish(counts, out);
  { s.done() } -> std::convertible_to<bool>;
};

/// No-op defaults for sinks that ignore raw lines or have nothing to say at the end.
struct sink_defaults {
  void write_raw(std::string_view, output&) {}
  void write_blank(output&) {}
  void finish(const line_counts&, output&) {}
  [[nodiscard]] bool done() const { return false; }
};

}  // namespace logmoji
