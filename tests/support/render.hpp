#pragma once
// Test helpers: parse a JSON line, or render it through the real pipeline.

#include <string>
#include <stdexcept>
#include <string_view>

#include "logmoji/event.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/options.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/sink_console.hpp"
#include "logmoji/sink_json.hpp"
#include "logmoji/sink_logfmt.hpp"
#include "logmoji/sink_summary.hpp"
#include "pipeline_run.hpp"

namespace logmoji::test {

/// Parses `json` (must be an object) into `ev` with roles resolved.
inline void parse_event(event_parser& parser, std::string_view json, event& ev, bool foundation = false) {
  if (parser.parse(json, ev).kind != line_kind::event) throw std::runtime_error("not an event: " + std::string(json));
  resolve_roles(ev, foundation);
}

/// Renders one line with the console sink, as `logmoji` with `opts` would; the line must be an
/// event the options select.
inline std::string render(std::string_view json, bool color = false, const options& opts = {}) {
  pipeline_run run(opts, console_sink(opts.sink, color, run_redaction(opts.enrich)));
  run.line(json);
  if (run.counts().selected != 1) throw std::runtime_error("not a selected event: " + std::string(json));
  return run.text();
}

/// Options with no enrichment: the renderer alone.
inline options plain_options() {
  options o;
  o.enrich.logger_emoji = logger_emoji_mode::off;
  o.enrich.markers = false;
  o.enrich.mask = false;
  o.enrich.redact_dicts = false;
  return o;
}

/// plain_options() with the given -o/--output.
inline options with_output(output_kind kind) {
  options o = plain_options();
  o.sink.output = kind;
  return o;
}

}  // namespace logmoji::test
