#pragma once
// Shared by the fuzz targets: run one line through the pipeline into memory.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "logmoji/enrich.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/filter.hpp"
#include "logmoji/output.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/sink.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji::fuzz {

/// The framer never hands out a newline inside a line.
inline std::string as_line(const std::uint8_t* data, std::size_t size) {
  std::string line(reinterpret_cast<const char*>(data), size);
  for (char& c : line)
    if (c == '\n') c = ' ';
  return line;
}

/// Renders `line` the way the run loop does and returns what the sink wrote.
template <class Sink>
std::string run_line(Sink& sink, const options& opts, std::string_view line) {
  static event_parser parser;
  event ev;
  output out = output::in_memory();
  parse_outcome o = parser.parse(line, ev);
  if (o.kind == line_kind::blank) {
    if (Sink::shows_raw_lines) sink.write_blank(out);
  } else if (o.kind != line_kind::event) {
    if (Sink::shows_raw_lines) sink.write_raw(line, out);
  } else {
    ev.line = line;
    resolve_roles(ev, opts.foundation);
    enricher enr(opts.enrich);
    enr.sanitize(ev);
    ev.original_message = ev.role.message;
    enr.decorate(ev);
    sink.write_event(ev, out);
  }
  return out.buffer();
}

[[noreturn]] inline void fail(const char* why) {
  std::fprintf(stderr, "oracle failed: %s\n", why);
  std::abort();
}

}  // namespace logmoji::fuzz
