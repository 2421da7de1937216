// -o json (lines as read, or the kept fields re-serialised) and -o json-enriched (foundation's
// JSON formatter layout).
#include "logmoji/json_writer.hpp"
#include "logmoji/sink_json.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji {
namespace {

void append_object(std::string& buf, const event& ev, json_style style, redaction redact, bool foundation_keys,
                   bool library_keys) {
  buf.push_back('{');
  bool first = true;
  for (auto i : ev.fields) {
    const node& n = ev.at(i);
    // foundation's JSON never carries logger_name (stripped). exc_info it formats away: with no
    // live exception to format, a traceback string would vanish, so only --foundation drops it.
    if (foundation_keys && (n.key == "logger_name" || (library_keys && n.key == "exc_info"))) continue;
    if (!first) buf += style == json_style::python ? ", " : ",";
    first = false;
    append_json_string(buf, n.key);
    buf += style == json_style::python ? ": " : ":";
    append_json_value(buf, ev, i, style, field_redaction(redact, n.kind));
  }
  buf += "}\n";
}

}  // namespace

void json_sink::write_event(const event& ev, output& out) {
  if (!reserialise_) return write_line(ev.line, out);
  append_object(out.buffer(), ev, json_style::compact, redaction::none, false, false);
  out.commit();
}

void json_sink::write_line(std::string_view line, output& out) {
  std::string& buf = out.buffer();
  if (to_terminal_ && has_unsafe_character(line, keep_controls::tab))
    append_json_for_terminal(buf, line);
  else
    buf += line;
  buf.push_back('\n');
  out.commit();
}

void json_enriched_sink::write_event(const event& ev, output& out) {
  append_object(out.buffer(), ev, json_style::python, redact_, true, library_keys_);
  out.commit();
}

}  // namespace logmoji
