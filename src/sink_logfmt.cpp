// -o logfmt and -o raw (message only).
#include "logmoji/json_writer.hpp"
#include "logmoji/python_repr.hpp"
#include "logmoji/sink_logfmt.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji {
namespace {

// Keys and values alike: quoted as JSON strings when a plain token would not parse back.
bool logfmt_needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  for (char c : s)
    if (c == ' ' || c == '=' || c == '"' || c == '\\') return true;
  return has_unsafe_character(s, keep_controls::none);
}

}  // namespace

void logfmt_sink::write_event(const event& ev, output& out) {
  std::string& buf = out.buffer();
  bool first = true;
  for (auto i : ev.fields) {
    const node& n = ev.at(i);
    if (!first) buf.push_back(' ');
    first = false;
    if (logfmt_needs_quotes(n.key))
      append_json_string(buf, n.key);
    else
      buf += n.key;
    buf.push_back('=');
    if (n.kind == value_kind::string) {
      if (logfmt_needs_quotes(n.text))
        append_json_string(buf, n.text);
      else
        buf += n.text;
    } else if (is_container(n.kind)) {
      scratch_.clear();
      append_json_value(scratch_, ev, i, json_style::compact, field_redaction(redact_, n.kind));
      append_json_string(buf, scratch_);
    } else {
      append_json_value(buf, ev, i, json_style::compact, redaction::none);
    }
  }
  buf.push_back('\n');
  out.commit();
}

void message_sink::write_event(const event& ev, output& out) {
  std::string& buf = out.buffer();
  // The message -g reads (role_field), so that what -g selects shows what it matched.
  std::uint32_t message = role_field(ev, ev.original_message ? ev.original_message : ev.role.message, "message");
  if (message) {
    scratch_.clear();
    append_str(scratch_, ev, message, redact_);
    // One line per event, as `| sort | uniq -c` and `wc -l` count them: a newline is written
    // as \n, as a carriage return already was.
    append_escaped(buf, scratch_, keep_controls::tab);
  }
  buf.push_back('\n');
  out.commit();
}

}  // namespace logmoji
