#pragma once
// Test helpers: parse a JSON line and render it through the pipeline stages.

#include <string>
#include <stdexcept>
#include <string_view>

#include <unistd.h>

#include "logmoji/enrich.hpp"
#include "logmoji/event.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/output.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/sink.hpp"

namespace logmoji::test {

/// Parses `json` (must be an object) into `ev` with roles resolved.
inline void parse_event(event_parser& parser, std::string_view json, event& ev, bool foundation = false) {
  if (parser.parse(json, ev).kind != line_kind::event) throw std::runtime_error("not an event: " + std::string(json));
  resolve_roles(ev, foundation);
}

/// Renders one event with the console sink into a string (the output buffer is never flushed
/// to its descriptor because it stays below capacity).
inline std::string render(std::string_view json, bool color = false, const options& opts = {}) {
  event_parser parser;
  event ev;
  parse_event(parser, json, ev, opts.foundation);
  enricher enr(opts.enrich);
  enr.sanitize(ev);
  enr.decorate(ev);
  output out(-1);
  console_sink sink(opts.sink, color, opts.enrich.redact_dicts);
  sink.write_event(ev, out);
  return out.buffer();
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

}  // namespace logmoji::test
