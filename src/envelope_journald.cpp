// journald's JSON export (journalctl -o json / -o json-seq): one record per line, every field a
// string, an array of bytes (binary or non-UTF-8 values), an array of those (a field set more
// than once) or null (a value over journalctl's size limit).
#include <array>
#include <string_view>

#include "envelope_internal.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/json_writer.hpp"

namespace logmoji::envelope_detail {
namespace {

// What becomes of journal fields besides the ones read for the roles. Address fields ("__"),
// the journal's own bookkeeping and trusted fields not named here are left out: they describe
// the journal entry, not the log event (journalctl -o json shows them all).
struct field_rule {
  std::string_view journal;
  std::string_view shown;  // empty: left out
};
constexpr std::array<field_rule, 11> field_rules{{
    {"MESSAGE", {}},
    {"PRIORITY", {}},
    {"SYSLOG_IDENTIFIER", {}},
    {"SYSLOG_FACILITY", {}},
    {"SYSLOG_PID", {}},
    {"SYSLOG_TIMESTAMP", {}},
    {"SYSLOG_RAW", {}},
    {"_PID", "pid"},
    {"_HOSTNAME", "host"},
    {"_SYSTEMD_UNIT", "unit"},
    {"_SYSTEMD_USER_UNIT", "user_unit"},
}};

// A field's value as text: a string as it is, an array of byte numbers decoded into `buf`.
bool field_text(const event& ev, std::uint32_t i, std::string& buf, std::string_view& text) {
  const node& n = ev.tape[i];
  if (n.kind == value_kind::string) {
    text = n.text;
    return true;
  }
  if (n.kind != value_kind::array) return false;
  buf.clear();
  for (std::uint32_t j = i + 1; j < n.end; j = ev.tape[j].end) {
    const node& b = ev.tape[j];
    if (b.kind != value_kind::number || b.text.size() > 3) return false;
    int v = 0;
    for (char c : b.text) v = c >= '0' && c <= '9' ? v * 10 + (c - '0') : 1000;
    if (v > 255) return false;
    buf.push_back(static_cast<char>(v));
  }
  if (!valid_utf8(buf)) backslash_replace(buf);
  text = buf;
  return true;
}

const field_rule* rule_of(std::string_view key) {
  for (const auto& r : field_rules)
    if (r.journal == key) return &r;
  return nullptr;
}

// The fields read for a role that could not be read as one (a MESSAGE set twice is an array of
// values, a PRIORITY "x", an unreadable time): kept under their own names, never left out.
struct unread_fields {
  std::array<std::string_view, 5> keys{};
  std::size_t count = 0;
  void add(std::string_view key) { keys[count++] = key; }
  [[nodiscard]] bool has(std::string_view key) const {
    for (std::size_t k = 0; k < count; ++k)
      if (keys[k] == key) return true;
    return false;
  }
};

void add_fields(stage_state& s, const event& ev, std::string_view logger_key, const unread_fields& unread) {
  members m(s.fields);
  for (auto i : ev.fields) {
    std::string_view key = ev.tape[i].key;
    std::string_view shown = key;
    if (unread.has(key))
      shown = key;
    else if (const field_rule* r = rule_of(key))
      shown = r->shown;
    else if (key.starts_with('_'))
      continue;
    if (shown.empty() || key == logger_key) continue;
    std::string_view text;
    m.key(shown);
    if (field_text(ev, i, s.scratch2, text))
      append_json_string(s.fields, text);
    else
      append_value(s.fields, ev, i);
  }
}

}  // namespace

bool read_journald(stage_state& s, std::string_view bytes, std::uint64_t number) {
  if (s.outer.parse(bytes, s.outer_ev, s.block).kind != line_kind::event) return false;
  const event& ev = s.outer_ev;
  // The two times in one pass: a second lookup among a record's twenty fields cost 220
  // instructions a line.
  std::uint32_t realtime = no_node;
  std::uint32_t source = no_node;
  for (auto i : ev.fields) {
    if (ev.tape[i].key == "__REALTIME_TIMESTAMP")
      realtime = i;
    else if (ev.tape[i].key == "_SOURCE_REALTIME_TIMESTAMP")
      source = i;
  }
  std::uint32_t message = top_member(ev, "MESSAGE");
  // journalctl writes __REALTIME_TIMESTAMP in every record; an application's own upper-case
  // JSON has none.
  if (realtime == no_node || ev.tape[realtime].kind != value_kind::string) return false;
  unread_fields unread;
  // The time the entry was logged, as journalctl shows it: the client's own time, when journald
  // recorded one (_SOURCE_REALTIME_TIMESTAMP: sd_journal_send, the kernel, syslog's timestamp),
  // else the time the journal received it. journalctl falls back to the latter for a source time
  // that is zero or no number; logmoji keeps such a field in view.
  s.scratch.clear();
  std::string_view source_text = string_at(ev, source);
  if (source != no_node && (source_text.find_first_not_of('0') == std::string_view::npos ||
                            !append_epoch_digits(s.scratch, source_text, 1'000'000, 6))) {
    s.scratch.clear();
    unread.add("_SOURCE_REALTIME_TIMESTAMP");
  }
  // The received time, used or not, is kept in view when it is no count of microseconds.
  const std::string_view received = ev.tape[realtime].text;
  // (append_epoch_digits writes nothing when it cannot read the count.)
  if (s.scratch.empty() ? !append_epoch_digits(s.scratch, received, 1'000'000, 6) : !epoch_digits(received))
    unread.add("__REALTIME_TIMESTAMP");
  // Syslog severities are one digit; the table reads larger numbers as pino's.
  std::uint32_t priority_node = top_member(ev, "PRIORITY");
  std::string_view priority = string_at(ev, priority_node);
  std::string_view level = priority.size() == 1 ? level_of_number("PRIORITY", priority) : std::string_view{};
  if (level.empty() && priority_node != no_node) unread.add("PRIORITY");
  std::string_view logger_key;
  std::string_view logger;
  for (std::string_view key : {"SYSLOG_IDENTIFIER", "_SYSTEMD_UNIT", "_COMM"})
    if (!(logger = string_at(ev, top_member(ev, key))).empty()) {
      logger_key = key;
      break;
    }
  if (logger_key != "SYSLOG_IDENTIFIER" && top_member(ev, "SYSLOG_IDENTIFIER") != no_node)
    unread.add("SYSLOG_IDENTIFIER");
  std::string_view text;
  if (message != no_node && !field_text(ev, message, s.message, text)) {
    text = {};
    unread.add("MESSAGE");
  }
  s.fields.clear();
  add_fields(s, ev, logger_key, unread);
  wrapping w{s.scratch, level, logger, s.fields, "journald"};
  // An application that logs JSON or logfmt to the journal: its own event, with the journal's
  // roles as fallbacks.
  if (!text.empty() && s.emit_wrapped(number, text, w)) return true;
  s.emit(number, [&](std::string& out) {
    out.push_back('{');
    s.keys.start();
    members m(out, true, &s.keys);
    m.origin(w.origin);
    add_roles(m, w);
    m.role_member("message", message_aliases(), text);
    m.fragment(s.fields);
    out.push_back('}');
  });
  return true;
}

}  // namespace logmoji::envelope_detail
