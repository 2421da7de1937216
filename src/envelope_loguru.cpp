// loguru's serialize=True: {"text": "<the formatted line, traceback included>", "record": {…}}.
// The record holds the event; the traceback text exists only in "text" (record.exception keeps
// the type, the value and whether there was a traceback).
#include <string_view>

#include "envelope_internal.hpp"
#include "logmoji/json_writer.hpp"

namespace logmoji::envelope_detail {
namespace {

// The traceback loguru appended to the formatted line: from its "Traceback" heading on.
std::string_view traceback_of(std::string_view text) {
  auto at = text.find("\nTraceback (most recent call last):");
  if (at == std::string_view::npos) return {};
  std::string_view tb = text.substr(at + 1);
  while (!tb.empty() && (tb.back() == '\n' || tb.back() == '\r')) tb.remove_suffix(1);
  return tb;
}

// Why a record is not read as loguru's (empty when it is): every part the reader takes has the
// type loguru writes, or a level given as a string would vanish and a timestamp given as text
// would be written as JSON it is not. Such a line is shown whole, with the reason.
std::string_view malformed_record(const event& ev, std::uint32_t record) {
  using k = value_kind;
  std::uint32_t level = member(ev, record, "level");
  if (!kind_is(ev, level, k::object) || !kind_is(ev, member(ev, level, "name"), k::string))
    return "loguru record: level is not an object with a name";
  if (!kind_is(ev, member(ev, record, "message"), k::string)) return "loguru record: message is not a string";
  std::uint32_t time = member(ev, record, "time");
  if (!absent_or(ev, time, k::object) || !absent_or(ev, member(ev, time, "repr"), k::string) ||
      !absent_or(ev, member(ev, time, "timestamp"), k::number))
    return "loguru record: time is not an object with a repr and a timestamp";
  if (!absent_or(ev, member(ev, record, "name"), k::string)) return "loguru record: name is not a string";
  if (!absent_or(ev, member(ev, record, "extra"), k::object)) return "loguru record: extra is not an object";
  std::uint32_t file = member(ev, record, "file");
  if (!absent_or(ev, file, k::object) || !absent_or(ev, member(ev, file, "name"), k::string))
    return "loguru record: file is not an object with a name";
  std::uint32_t exception = member(ev, record, "exception");
  if (!absent_or(ev, exception, k::object) || !absent_or(ev, member(ev, exception, "type"), k::string) ||
      !absent_or(ev, member(ev, exception, "value"), k::string))
    return "loguru record: exception is not an object with a type and a value";
  return {};
}

}  // namespace

loguru_read read_loguru_record(event_parser& parser, event& ev, const line_block& block, std::string_view bytes,
                               std::string_view& why) {
  if (parser.parse(bytes, ev, block).kind != line_kind::event) return loguru_read::not_loguru;
  std::uint32_t record = top_member(ev, "record");
  std::uint32_t text = top_member(ev, "text");
  std::uint32_t level = member(ev, record, "level");
  if (!kind_is(ev, text, value_kind::string) || level == no_node || member(ev, record, "message") == no_node)
    return loguru_read::not_loguru;
  why = malformed_record(ev, record);
  return why.empty() ? loguru_read::event : loguru_read::malformed;
}

void write_loguru_event(const event& ev, key_log& keys, std::string& scratch, std::string& out) {
  std::uint32_t record = top_member(ev, "record");
  std::uint32_t level = member(ev, record, "level");
  out.push_back('{');
  keys.start();
  members m(out, true, &keys);
  std::uint32_t time = member(ev, record, "time");
  wrapping w{
      string_member(ev, time, "repr"), string_member(ev, level, "name"), string_member(ev, record, "name"), {}, {}};
  if (auto ts = member(ev, time, "timestamp"); w.time.empty() && ts != no_node) {
    m.role_key("time", time_aliases());
    out += ev.tape[ts].text;
  }
  add_roles(m, w);
  m.role_key("message", message_aliases());
  append_value(out, ev, member(ev, record, "message"));
  // The record's members written after the bound extras keep their names: an extra of one of
  // them is renamed (`file_extra`).
  std::string_view file = string_member(ev, member(ev, record, "file"), "name");
  std::uint32_t exception = member(ev, record, "exception");
  bool has_exception = kind_is(ev, exception, value_kind::object);
  if (!file.empty()) keys.reserve("file");
  for (std::string_view key : {"function", "line"})
    if (member(ev, record, key) != no_node) keys.reserve(key);
  if (has_exception) {
    keys.reserve("exception");
    keys.reserve_outranking(stack_aliases(), "exception");
  }
  m.origin("extra");
  std::uint32_t extra = member(ev, record, "extra");
  if (kind_is(ev, extra, value_kind::object))
    for (std::uint32_t i = extra + 1; i < ev.tape[extra].end; i = ev.tape[i].end) {
      m.key(ev.tape[i].key);
      append_value(out, ev, i);
    }
  m.origin({});
  if (!file.empty()) m.string("file", file);
  for (std::string_view key : {"function", "line"})
    if (auto i = member(ev, record, key); i != no_node) {
      m.key(key);
      append_value(out, ev, i);
    }
  if (has_exception) {
    std::string_view tb = traceback_of(ev.tape[top_member(ev, "text")].text);
    if (!tb.empty()) {
      m.string("exception", tb);
    } else {
      std::string_view type = string_member(ev, exception, "type");
      std::string_view value = string_member(ev, exception, "value");
      m.key("exception");
      scratch.assign(type).append(": ").append(value);
      append_json_string(out, scratch);
    }
  }
  out.push_back('}');
}

bool read_loguru(stage_state& s, std::string_view bytes, std::uint64_t number) {
  std::string_view why;
  switch (read_loguru_record(s.outer, s.outer_ev, s.block, bytes, why)) {
    case loguru_read::not_loguru: return false;
    case loguru_read::malformed: s.reject(number, bytes, why); return true;
    case loguru_read::event: break;
  }
  s.emit(number, [&](std::string& out) { write_loguru_event(s.outer_ev, s.keys, s.scratch, out); });
  return true;
}

}  // namespace logmoji::envelope_detail
