// The envelope stage: tells a line's format from its first bytes, hands it to its reader and
// keeps split lines until their last part.
#include "logmoji/envelope.hpp"
#include "logmoji/unaligned.hpp"

#include <algorithm>

#include "envelope_internal.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/json_writer.hpp"
#include "logmoji/level.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/decimal_digits.hpp"
#include "logmoji/timestamp.hpp"

namespace logmoji {
namespace {

// json-seq (RFC 7464: journalctl -o json-seq, jq --seq): a record starts with RS, one or more. A
// UTF-8 byte order mark inside a stream is where two files were joined (cat a.log b.log). Either
// is dropped and the rest read as a line of its own, as at a stream's start; the stage and the
// parallel reader's envelope_may_continue read a line alike.
std::string_view without_marks(std::string_view bytes) {
  constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
  for (;;) {  // in any order and number (a BOM then RS: a json-seq file joined with cat)
    if (bytes.starts_with('\x1e'))
      bytes.remove_prefix(1);
    else if (bytes.starts_with(byte_order_mark))
      bytes.remove_prefix(byte_order_mark.size());
    else
      return bytes;
  }
}

}  // namespace

namespace envelope_detail {

void key_log::start(const event* inner) {
  inner_ = inner;
  count_ = 0;
  if (!inner_keys_.empty()) inner_keys_.clear();
  if (!more_.empty()) more_.clear();
  if (!numbered_.empty()) numbered_.clear();
  made_.clear();
}

bool key_log::taken(std::string_view key) {
  if (inner_) {
    if (inner_->fields.size() <= inner_scanned) {
      if (inner_->find(key) != no_node) return true;
    } else {
      if (inner_keys_.empty())  // (filled on the first question: inner_ has keys)
        for (auto i : inner_->fields) inner_keys_.insert(inner_->tape[i].key);
      if (inner_keys_.contains(key)) return true;
    }
  }
  for (std::size_t k = 0; k < std::min(count_, first_.size()); ++k)
    if (first_[k] == key) return true;
  return count_ > first_.size() && more_.contains(key);
}

void key_log::reserve_outranking(std::span<const std::string_view> aliases, std::string_view key) {
  auto at = std::find(aliases.begin(), aliases.end(), key);
  if (at != aliases.end()) reserve_all_before(aliases, at);
}

void key_log::reserve_all_before(std::span<const std::string_view> aliases,
                                 std::span<const std::string_view>::iterator end) {
  for (auto a = aliases.begin(); a != end; ++a) add(*a);
}

void key_log::add(std::string_view key) {
  if (count_ < first_.size())
    first_[count_] = key;
  else
    more_.insert(key);
  ++count_;
}

std::string_view key_log::give(std::string_view key, std::string_view origin) {
  if (!origin.empty() && taken(key)) {
    std::string name = std::string(key).append("_").append(origin);
    if (taken(name)) {
      // Numbered from where the last copy of this key left off: many copies of one key cost a
      // step each, and their names stay short.
      auto at = numbered_.find(name);
      if (at == numbered_.end()) at = numbered_.emplace(keep(name), 1).first;
      unsigned& last = at->second;
      std::string numbered;
      do numbered.assign(name).append("_").append(std::to_string(++last));
      while (taken(numbered));
      name = std::move(numbered);
    }
    key = keep(name);
  }
  add(key);
  return key;
}

std::string_view members::key(std::string_view k) {
  // A member written by its key and then its text is not noted: no event is handed on for it.
  if (placed_) placed_->plain = false;
  return key(k, {});
}

std::string_view members::key(std::string_view k, std::string_view quoted) {
  std::string_view given = log_ ? log_->give(k, origin_) : k;
  if (!first_) out_.push_back(',');
  first_ = false;
  if (given.data() == k.data() && !quoted.empty())
    out_.append(quoted);
  else
    append_json_string(out_, given);
  out_.push_back(':');
  return given;
}

std::string_view members::string(std::string_view k, std::string_view v) {
  std::string_view given = key(k, {});
  std::size_t at = out_.size();
  append_json_string(out_, v);
  if (placed_) place(given, at, std::string_view(out_).substr(at));
  return given;
}

void members::place(std::string_view given, std::size_t at, std::string_view value) {
  // A string the text holds as it is (no escape: the bytes are the string's) or another scalar
  // is read back as it was written, by the parser's own rules; anything else needs the parse.
  if (!placed_->plain) return;
  value_kind kind{};
  if (value.size() >= 2 && value.front() == '"' && value.find('\\') == std::string_view::npos)
    placed_->at.push_back({given, value_kind::string, at + 1, value.size() - 2});
  else if (scalar_kind(value, kind))
    placed_->at.push_back({given, kind, at, kind == value_kind::number ? value.size() : 0});
  else
    placed_->plain = false;
}

void members::json(std::string_view k, std::string_view json_text) {
  key(k);  // (not noted: see key())
  out_ += json_text;
}

namespace {
// Where the JSON value at t[i] ends (at its comma, the brace that closes its object, or the
// text's end): `members` wrote it, or docker_log_ends_line reads a record.
std::size_t value_end(std::string_view t, std::size_t i) {
  int depth = 0;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (c == '"') {
      for (++i; i < t.size() && t[i] != '"'; ++i) i += t[i] == '\\';
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) break;
      --depth;
    } else if (c == ',' && depth == 0) {
      break;
    }
  }
  return i;
}
}  // namespace

void members::fragment(std::string_view text) {
  if (text.empty()) return;
  if (!log_) {
    if (placed_) placed_->plain = false;  // not member by member: nothing noted
    if (!first_) out_.push_back(',');
    first_ = false;
    out_ += text;
    return;
  }
  // Member by member, so that each key goes through the log. (`members` wrote the text: a key
  // that is not closed by a quote and a colon is not reached, and would end the walk.)
  for (std::size_t i = 0; i < text.size();) {
    std::size_t close = i + 1;
    while (close < text.size() && text[close] != '"' && text[close] != '\\') ++close;
    std::string_view k = text.substr(i + 1, close - i - 1);
    if (close < text.size() && text[close] == '\\') {  // an escape: decoded, kept
      thread_local std::string decoded;
      std::size_t after = read_quoted(text, i, decoded);
      if (after == std::string_view::npos) break;
      close = after - 1;
      k = log_->keep(decoded);
    }
    if (close + 1 >= text.size()) break;
    std::size_t end = value_end(text, close + 2);
    std::string_view given = key(k, text.substr(i, close + 1 - i));
    std::string_view value = text.substr(close + 2, end - close - 2);
    std::size_t at = out_.size();
    out_.append(value);
    if (placed_) place(given, at, value);
    i = end + 1;
  }
}

bool date_time_digits(std::string_view t) {
  // Straight-line tests: a loop over a shape string cost a container line 142 to 300
  // instructions more.
  auto d = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(t[i]) - '0') < 10; };
  return t.size() >= 19 && t[4] == '-' && t[7] == '-' && t[13] == ':' && t[16] == ':' &&
         d(0) & d(1) & d(2) & d(3) & d(5) & d(6) & d(8) & d(9) & d(11) & d(12) & d(14) & d(15) & d(17) & d(18);
}

std::size_t seconds_end(std::string_view t) {
  std::size_t i = 19;
  if (i < t.size() && t[i] == '.') {
    std::size_t digits = ++i;
    while (i < t.size() && is_digit(t[i])) ++i;
    if (i == digits) return std::string_view::npos;
  }
  return i;
}

namespace {
// Most events' own time is `YYYY-MM-DD[T ]HH:MM:SS[.frac][Z|±HH:MM|±HHMM]` with its fields in
// range: that is taken as readable by its shape, without the parse a container line would pay
// for on every line. Anything else is parsed.
bool plain_date_time(const node& n) {
  std::string_view t = n.text;
  if (n.kind != value_kind::string || t.size() < 19 || !date_time_digits(t) || (t[10] != 'T' && t[10] != ' '))
    return false;
  auto two = [&](std::size_t i, unsigned low, unsigned high) {
    auto v = static_cast<unsigned>(t[i] - '0') * 10 + static_cast<unsigned>(t[i + 1] - '0');
    return v >= low && v <= high;
  };
  if (t.starts_with("0000") || !two(5, 1, 12) || !two(8, 1, 31) || !two(11, 0, 23) || !two(14, 0, 59) ||
      !two(17, 0, 59))
    return false;  // (years from 1: parse_timestamp's)
  // A day past its month's end ("2025-02-30") is no time: the rare day above 28 is checked.
  if (!two(8, 1, 28)) {
    auto number = [&](std::size_t i, std::size_t size) {
      int v = 0;
      for (std::size_t k = i; k < i + size; ++k) v = v * 10 + (t[k] - '0');
      return v;
    };
    if (number(8, 2) > days_in_month(number(0, 4), number(5, 2))) return false;
  }
  std::size_t i = seconds_end(t);
  if (i == std::string_view::npos) return false;
  std::string_view zone = t.substr(i);
  if (zone.empty() || zone == "Z") return true;
  // ±HH:MM or ±HHMM, an offset parse_timestamp reads (hours to 23, minutes to 59).
  const std::size_t minutes = zone.size() == 6 && zone[3] == ':' ? 4 : 3;
  if (zone.size() != minutes + 2 || (zone[0] != '+' && zone[0] != '-')) return false;
  auto digits = [&](std::size_t k, unsigned high) {
    auto a = static_cast<unsigned>(static_cast<unsigned char>(zone[k]) - '0');
    auto b = static_cast<unsigned>(static_cast<unsigned char>(zone[k + 1]) - '0');
    return a < 10 && b < 10 && a * 10 + b <= high;
  };
  return digits(1, 23) && digits(minutes, 59);
}
}  // namespace

void add_roles(members& m, const wrapping& w, const event* inner) {
  const roles* r = inner ? &inner->role : nullptr;
  if (!w.time.empty()) {
    if (!r || r->time == no_node)
      m.role("time", time_aliases(), w.time);
    else if (!plain_date_time(inner->tape[r->time]) && !event_time(*inner, r->time, naive_zone::utc))
      m.time_over(inner->tape[r->time].key, w.time);
  }
  if (!w.level.empty() && (!r || r->level == no_node)) m.role("level", level_aliases(), w.level);
  if (!w.logger.empty() && (!r || r->logger == no_node)) m.role("logger", logger_aliases(), w.logger);
}

std::string_view members::free_alias(std::span<const std::string_view> aliases) const {
  for (std::string_view alias : aliases)
    if (alias.find('.') == std::string_view::npos && (!log_ || !log_->taken(alias))) return alias;
  return {};
}

void members::time_over(std::string_view own, std::string_view value) {
  // An event's own time that cannot be read ("12:00:01", no date) stays, as written; the
  // envelope's time takes the role from it under an alias that outranks its key, when one is
  // free, and is otherwise kept as a field: either way it is not dropped. A key of the user's
  // (--field time=NAME) outranks every alias.
  auto aliases = time_aliases();
  auto at = std::find(aliases.begin(), aliases.end(), own);
  std::string_view k = at == aliases.end() ? std::string_view{} : free_alias({aliases.begin(), at});
  if (k.empty()) {
    string("time", value);
    return;
  }
  role_member(k, aliases, value);
}

void members::role(std::string_view preferred, std::span<const std::string_view> aliases, std::string_view value) {
  // An inner event may have a role's key with a value the role cannot read ({"time": {}}): the
  // value then goes under another alias of the role, so that it is still read as the role.
  std::string_view k = preferred;
  if (log_ && log_->taken(preferred)) {
    std::string_view alias = free_alias(aliases);
    if (!alias.empty()) k = alias;
  }
  role_member(k, aliases, value);
}

void members::role_member(std::string_view k, std::span<const std::string_view> aliases, std::string_view value) {
  string(k, value);
  if (log_) log_->reserve_outranking(aliases, k);
}

void members::role_key(std::string_view k, std::span<const std::string_view> aliases) {
  key(k);
  if (log_) log_->reserve_outranking(aliases, k);
}

std::uint32_t member(const event& ev, std::uint32_t object, std::string_view key) {
  return object == no_node ? no_node : ev.member(object, key);
}

std::uint32_t top_member(const event& ev, std::string_view key) { return ev.member(0, key); }

std::string_view string_at(const event& ev, std::uint32_t i) {
  return kind_is(ev, i, value_kind::string) ? ev.tape[i].text : std::string_view{};
}

bool kind_is(const event& ev, std::uint32_t i, value_kind kind) { return i != no_node && ev.tape[i].kind == kind; }

bool absent(const event& ev, std::uint32_t i) { return i == no_node || ev.tape[i].kind == value_kind::null_value; }

bool absent_or(const event& ev, std::uint32_t i, value_kind kind) { return absent(ev, i) || ev.tape[i].kind == kind; }

std::string_view string_member(const event& ev, std::uint32_t object, std::string_view key) {
  return string_at(ev, member(ev, object, key));
}

void append_value(std::string& out, const event& ev, std::uint32_t i) {
  append_json_value(out, ev, i, json_style::compact, redaction::none);
}

void append_utc_time(std::string& out, std::int64_t seconds, std::uint32_t nanos, int digits) {
  // Digits written by hand: snprintf cost a journal line about 4,000 instructions.
  const wall_clock w = wall_from_seconds(seconds);
  char buf[48];
  char* p = buf;
  if (w.year < 0 || w.year > 9999) {  // far times (journald's microseconds reach year 586,524)
    p += std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(w.year));
  } else {
    put_digits(p + 4, static_cast<std::uint32_t>(w.year), 4);
    p += 4;
  }
  *p++ = '-';
  put_digits(p + 2, static_cast<std::uint32_t>(w.month), 2);
  p[2] = '-';
  put_digits(p + 5, static_cast<std::uint32_t>(w.day), 2);
  p[5] = 'T';
  put_digits(p + 8, static_cast<std::uint32_t>(w.hour), 2);
  p[8] = ':';
  put_digits(p + 11, static_cast<std::uint32_t>(w.minute), 2);
  p[11] = ':';
  put_digits(p + 14, static_cast<std::uint32_t>(w.second), 2);
  p += 14;
  if (digits > 0) {
    char fraction[9];
    put_digits(fraction + 9, nanos, 9);
    *p++ = '.';
    for (int k = 0; k < digits && k < 9; ++k) *p++ = fraction[k];
  }
  *p++ = 'Z';
  out.append(buf, static_cast<std::size_t>(p - buf));
}

bool epoch_digits(std::string_view digits) {
  // Up to 19 digits fit a uint64 (OTLP's fixed64): nanoseconds until the year 2286.
  return !digits.empty() && digits.size() <= 19 && std::all_of(digits.begin(), digits.end(), is_digit);
}

bool append_epoch_digits(std::string& out, std::string_view digits, std::int64_t per_second, int shown_digits) {
  // epoch_digits' rule, checked while the value is read (a journal line reads two such times).
  if (digits.empty() || digits.size() > 19) return false;
  std::uint64_t v = 0;
  for (char c : digits) {
    if (!is_digit(c)) return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  const auto unit = static_cast<std::uint64_t>(per_second);
  append_utc_time(out, static_cast<std::int64_t>(v / unit),
                  static_cast<std::uint32_t>(v % unit * (1'000'000'000 / unit)), shown_digits);
  return true;
}

// 2024-05-01T10:00:00[.frac](Z|±hh:mm): the shape only, which is all telling formats apart needs.
bool is_rfc3339(std::string_view s) {
  if (s.size() < 20 || !date_time_digits(s) || s[10] != 'T') return false;
  std::size_t i = seconds_end(s);
  if (i == std::string_view::npos) return false;
  std::string_view zone = s.substr(i);
  if (zone == "Z" || zone == "z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && is_digit(zone[1]) && is_digit(zone[2]) &&
         zone[3] == ':' && is_digit(zone[4]) && is_digit(zone[5]);
}

std::string_view level_of_number(std::string_view key, std::string_view digits) {
  // The same ranks and names as a numeric level in a JSON line: one table (src/level.cpp).
  if (digits.empty() || !is_json_number(digits)) return {};
  return number_level_name(node{value_kind::number, 0, key, digits});
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

void stage_state::reject(std::uint64_t line, std::string_view shown, std::string_view why) {
  std::size_t start = texts.size();
  texts += shown;
  spans.push_back({start, 0, start, shown.size(), why, line});
}

bool stage_state::emit_wrapped(std::uint64_t line, std::string_view inner, const wrapping& w) {
  inner = trim(inner);
  if (inner.empty()) return false;
  if (inner.front() != '{') {
    if (!logfmt_to_json(inner, logfmt, true)) return false;
    inner = logfmt;
  }
  ++probe_parses;
  // An event outside the line's block (unescaped from a Docker record or a journal's MESSAGE,
  // joined from parts, made from logfmt) is parsed from a padded copy, a block of its own: the
  // block reader's walk instead of On-Demand's (6,900 instructions a Docker line), and its
  // parse lies in one place with the text this writes (move_probe_to).
  line_block in = block;
  const auto at = reinterpret_cast<std::uintptr_t>(inner.data()) - reinterpret_cast<std::uintptr_t>(block.bytes.data());
  if (at > block.bytes.size() || inner.size() > block.bytes.size() - at) {
    inner_copy.assign(inner);
    inner_copy.append(block_padding, '\0');
    inner = std::string_view(inner_copy).substr(0, inner.size());
    in = {inner, new_block_serial()};
  }
  if (loguru_shaped(inner)) {
    std::string_view why;
    if (unwrap_nested_loguru(inner, in, why) == loguru_read::malformed) {
      reject(line, inner, why);
      return true;
    }
  }
  if (probe.parse(inner, probe_ev, in).kind != line_kind::event) return false;
  probe_roles.resolve(probe_ev, false);
  // The event's own keys stay; an envelope member of a name it has is renamed after the envelope.
  keys.start(&probe_ev);
  placed.clear();
  std::string_view key;
  emit(line, [&](std::string& out) {
    out.append(inner.substr(0, inner.size() - 1));  // all but the closing brace
    members m(out, probe_ev.fields.empty(), &keys);
    m.note_members(&placed);
    m.origin(w.origin);
    add_roles(m, w, &probe_ev);
    // Fields the envelope adds (Docker's attrs, journald's) do not take a role from the event:
    // the aliases that would outrank its own are reserved (after the roles, which may take one).
    if (!w.fields.empty()) {
      const roles& r = probe_ev.role;
      for (auto [node, aliases] : {std::pair{r.message, message_aliases()}, std::pair{r.level, level_aliases()},
                                   std::pair{r.time, time_aliases()}, std::pair{r.logger, logger_aliases()},
                                   std::pair{r.stack, stack_aliases()}})
        // A top-level field (the parse keeps one field a key, so this is find(key) == node),
        // told by its node: no key compared. A role taken from inside an object (tracing's
        // fields.message, ECS's {"log":{"level":…}}, log4js' data[0]) is outranked by every
        // alias before the one that reached it, or by all when none names its node.
        if (node != no_node) {
          if (std::find(probe_ev.fields.begin(), probe_ev.fields.end(), node) != probe_ev.fields.end()) {
            keys.reserve_outranking(aliases, probe_ev.tape[node].key);
          } else {
            const std::uint32_t held = node;  // a structured binding: no lambda may capture it (C++17)
            auto reaching = std::find_if(aliases.begin(), aliases.end(),
                                         [&](std::string_view a) { return lookup_path(probe_ev, a) == held; });
            keys.reserve_all_before(aliases, reaching);
          }
        }
    }
    if (!w.stream.empty()) m.string("stream", w.stream);
    m.fragment(w.fields);
    if (!w.source.empty()) {  // last: the column takes it from there
      m.origin("prefix");
      key = m.string("source", w.source);
    }
    out.push_back('}');
  });
  hand_on_parse(inner);
  if (!key.empty()) {
    spans.back().source = texts.size();
    spans.back().source_size = w.source.size();
    spans.back().source_key = key;
    spans.back().source_width = w.source_width;
    texts += w.source;
  }
  return true;
}

// loguru's `serialize=True` records written to a container's stdout or the journal: the record's
// event is the inner event, so its level, time and logger are the event's and the runtime's only
// fall back. A record whose parts have other types than loguru's is shown whole and reported, as
// on its own line.
loguru_read stage_state::unwrap_nested_loguru(std::string_view& inner, line_block& in, std::string_view& why) {
  loguru_read read = read_loguru_record(nested, nested_ev, in, inner, why);
  if (read != loguru_read::event) return read;
  nested_text.clear();
  write_loguru_event(nested_ev, keys, nested_scratch, nested_text);
  const std::size_t size = nested_text.size();
  nested_text.append(block_padding, '\0');
  inner = std::string_view(nested_text).substr(0, size);
  in = {inner, new_block_serial()};
  return read;
}

// The text emit_wrapped just wrote is `inner` and members after it: the probe's event and those
// members are the parse of that text, and the pipeline takes them (take_parsed) instead of
// parsing the text again: a container line's event was parsed twice. Not when a member is an
// object or an array, or a string was escaped (its bytes in the text are not the string): the
// text is parsed then.
void stage_state::hand_on_parse(std::string_view inner) {
  if (!placed.plain) return;
  for (auto& p : placed.at) p.value -= spans.back().text;
  probe_text = inner;
  spans.back().parsed = probe_parses;
}

void stage_state::move_probe_to(std::string_view text) {
  // The event's views into `inner` move to the same bytes at the start of the text (strings the
  // parser unescaped stay in its own buffer); the members are read where they were written.
  const auto from = reinterpret_cast<std::uintptr_t>(probe_text.data());
  const std::size_t size = probe_text.size();
  auto move = [&](std::string_view& v) {
    const std::uintptr_t at = reinterpret_cast<std::uintptr_t>(v.data()) - from;
    if (at < size) v = {text.data() + at, v.size()};
  };
  for (std::size_t i = 1; i < probe_ev.tape.size(); ++i) {
    node& n = probe_ev.tape[i];
    move(n.key);
    move(n.text);
  }
  for (const auto& p : placed.at) {
    // (A literal's text is none, as the parser leaves it.)
    std::string_view value = p.kind == value_kind::string || p.kind == value_kind::number
                                 ? text.substr(p.value, p.value_size)
                                 : std::string_view{};
    std::uint32_t i = probe_ev.append_field(p.key, p.kind, value);
    probe_ev.tape[i].key_id = probe.intern_key(p.key);
  }
  probe_ev.tape[0].end = static_cast<std::uint32_t>(probe_ev.tape.size());
}

void stage_state::emit_or_reject(std::uint64_t line, std::string_view inner, const wrapping& w) {
  std::string_view t = trim(inner);
  // An empty inner line is a blank line, as it would be without the envelope.
  if (t.empty()) return emit(line, [](std::string&) {});
  if (emit_wrapped(line, inner, w)) return;
  // Plain text (a traceback, a print) is a raw line, as it is in a JSON log: it shares the fate
  // of the event before it (it was counted invalid: always shown under -l, and it dropped -B's
  // window). The record's time and stream go with it: a raw line has no fields.
  if (t.front() != '{') {
    // As written, its indentation kept (a traceback's frames), less its line end.
    while (inner.ends_with('\n') || inner.ends_with('\r')) inner.remove_suffix(1);
    return emit(line, [&](std::string& out) { out += inner; });
  }
  reject(line, t, "invalid JSON inside the record");
}

split_line& stage_state::split_of(std::string_view name) {
  for (auto& s : splits)
    if (s.of(name)) return s;
  auto free = std::find_if(splits.begin(), splits.end(), [](const split_line& s) { return !s.waiting; });
  split_line& s = free != splits.end() ? *free : splits.emplace_back();
  s.name.assign(name);
  s.name_at = name.data();
  return s;
}

namespace {

void give_up_split(stage_state& s, split_line& sp, std::string_view why) {
  s.reject(sp.first, sp.text, why);
  sp.waiting = false;
  sp.text.clear();
}

std::string_view origin_of(input_format kind) { return kind == input_format::cri ? "cri" : "docker"; }

std::string_view unfinished_why(input_format kind) {
  return kind == input_format::cri ? "CRI partial (P) line without its final (F) part"
                                   : "Docker record split at 16 KiB without its last part";
}

}  // namespace

void add_split_part(stage_state& s, std::string_view name, std::uint64_t number, input_format kind,
                    std::string_view stream, std::string_view time, std::string_view extra, std::string_view part,
                    bool last) {
  split_line& sp = s.split_of(name);
  // A part that does not follow its line directly (another stream, a gap) ends the wait.
  if (sp.waiting && (sp.next != number || sp.kind != kind || sp.stream != stream))
    give_up_split(s, sp, unfinished_why(sp.kind));
  if (!sp.waiting) {
    if (last) {
      wrapping w{time, {}, {}, extra, origin_of(kind)};
      w.stream = stream;
      s.emit_or_reject(number, part, w);
      return;
    }
    sp.waiting = true;
    sp.first = number;
    sp.kind = kind;
    sp.stream.assign(stream);
    sp.time.assign(time);
    sp.extra.assign(extra);
    sp.text.clear();
  }
  sp.next = number + 1;
  if (sp.text.size() + part.size() > s.max_line) {
    sp.text.append(part.substr(0, s.max_line - sp.text.size()));
    give_up_split(s, sp, cut_split_line);
    return;
  }
  sp.text += part;
  if (!last) return;
  sp.waiting = false;
  wrapping w{sp.time, {}, {}, sp.extra, origin_of(sp.kind)};
  w.stream = sp.stream;
  s.emit_or_reject(sp.first, sp.text, w);
}

namespace {

// The first key of a JSON object line, cheaply: a few bytes, no parse. Empty when the line
// does not start like an object with a plain key.
std::string_view first_key(std::string_view s) {
  std::size_t i = 1;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i >= s.size() || s[i] != '"') return {};
  std::size_t start = ++i;
  std::size_t stop = std::min(s.size(), start + 24);
  while (i < stop && s[i] != '"' && s[i] != '\\') ++i;
  if (i >= stop || s[i] != '"') return {};
  return s.substr(start, i - start);
}

// The format a JSON object line is in, by its first key; json when it names no envelope.
input_format object_format(std::string_view s) {
  std::string_view key = first_key(s);
  if (key.empty()) return input_format::json;
  if (key == "log") return input_format::docker;
  if (key == "resourceLogs") return input_format::otlp;
  // journalctl writes its fields in no fixed order, but every journal field name is upper case.
  for (char c : key)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return input_format::json;
  return input_format::journald;
}

bool read_as(stage_state& st, input_format f, std::string_view name, std::string_view s, std::uint64_t number) {
  switch (f) {
    case input_format::docker: return read_docker(st, name, s, number);
    case input_format::cri: return read_cri(st, name, s, number);
    case input_format::journald: return read_journald(st, s, number);
    case input_format::otlp: return read_otlp(st, s, number);
    case input_format::logfmt:
      if (!logfmt_to_json(trim(s), st.logfmt, false)) return false;
      st.emit(number, [&](std::string& out) { out += st.logfmt; });
      return true;
    case input_format::automatic:
    case input_format::json: break;
  }
  return false;
}

std::string_view format_name(input_format f) {
  switch (f) {
    case input_format::docker: return "not a Docker json-file record";
    case input_format::cri: return "not a CRI log line";
    case input_format::journald: return "not a journald JSON record";
    case input_format::otlp: return "not an OTLP/JSON logs batch";
    case input_format::logfmt: return "not a logfmt line";
    default: return "not an event";
  }
}

// auto: the cheap signatures first; a line no reader takes is parsed as it is. `body` is the
// line without surrounding blanks (to tell formats apart); readers get the line as it is (a CRI
// part's trailing spaces belong to its text).
bool read_auto(stage_state& st, std::string_view name, std::string_view line, std::string_view body,
               std::uint64_t number) {
  char c = body.front();
  if (c == '{') {
    if (loguru_shaped(body) && read_loguru(st, body, number)) return true;
    input_format f = object_format(body);
    return f != input_format::json && read_as(st, f, name, body, number);
  }
  if (is_digit(c)) return read_cri(st, name, line, number) || read_prefixed(st, body, number);
  if (c == '"') return false;
  if (logfmt_to_json(body, st.logfmt, true)) {
    st.emit(number, [&](std::string& out) { out += st.logfmt; });
    return true;
  }
  return read_prefixed(st, body, number);
}

}  // namespace
}  // namespace envelope_detail

using namespace envelope_detail;

struct envelope_stage::impl : stage_state {};

envelope_stage::envelope_stage(input_format format, std::size_t max_line_size)
    : format_(format), impl_(std::make_unique<impl>()) {
  impl_->format = format;
  impl_->max_line = max_line_size;
}

envelope_stage::~envelope_stage() = default;

void envelope_stage::note_waiting() {
  waiting_ = false;
  for (const auto& sp : impl_->splits) waiting_ = waiting_ || sp.waiting;
}

bool envelope_stage::unwrap_line(std::string_view name, std::string_view bytes, std::uint64_t number,
                                 const line_block& block) {
  impl& st = *impl_;
  st.texts.clear();
  st.spans.clear();
  st.block = block;
  const std::size_t size = bytes.size();
  bytes = without_marks(bytes);
  const bool marked = bytes.size() != size;
  std::string_view body = trim(bytes);
  // A blank line is no record of any format; like any line that does not continue a waiting
  // split line of its input, it ends that wait, below, and comes after it.
  const bool blank = body.empty();
  bool taken = !blank && (format_ == input_format::automatic
                              ? read_auto(st, name, bytes, body, number)
                              : read_as(st, format_, name, format_ == input_format::cri ? bytes : body, number));
  if (!taken && !blank && format_ != input_format::automatic && format_ != input_format::json) {
    st.reject(number, bytes, format_name(format_));
    taken = true;
  }
  // The rest is an ordinary line (or a blank one): the pipeline reads it without the mark.
  if (!taken && marked) {
    st.emit(number, [&](std::string& out) { out += bytes; });
    taken = true;
  }
  // A line of the same input that did not continue a waiting split ends it; the split comes
  // first, as it came first.
  for (auto& sp : st.splits)
    if (sp.waiting && sp.of(name) && sp.next != number + 1) {
      give_up_split(st, sp, unfinished_why(sp.kind));
      std::rotate(st.spans.begin(), st.spans.end() - 1, st.spans.end());
    }
  note_waiting();
  if (!taken && st.spans.empty()) return false;
  // A split line given up by this one comes first; the line itself follows when no reader took it.
  if (!taken) st.emit(number, [&](std::string& out) { out += bytes; });
  st.seal();
  return true;
}

bool envelope_stage::finish(std::string_view name) {
  impl& st = *impl_;
  st.texts.clear();
  st.spans.clear();
  for (auto& sp : st.splits)
    if (sp.waiting && (name.empty() || sp.of(name))) give_up_split(st, sp, unfinished_why(sp.kind));
  note_waiting();
  st.seal();
  return !st.spans.empty();
}

line_block envelope_stage::items_block() const {
  const impl& st = *impl_;
  return {std::string_view(st.texts).substr(0, st.sealed_size), st.serial};
}

std::span<const envelope_item> envelope_stage::items() const {
  impl& st = *impl_;
  st.items.clear();
  std::string_view all = st.texts;
  for (const auto& sp : st.spans)
    st.items.push_back({all.substr(sp.text, sp.text_size), all.substr(sp.shown, sp.shown_size), sp.problem, sp.line,
                        all.substr(sp.source, sp.source_size), sp.source_key, sp.source_width,
                        sp.parsed != 0 && sp.parsed == st.probe_parses});
  return st.items;
}

void envelope_stage::take_parsed(const envelope_item& item, event& ev) {
  impl& st = *impl_;
  st.move_probe_to(item.text);
  std::swap(st.probe_ev, ev);
  // As a parse of the text leaves it: the probe's roles are the pipeline's to find again.
  ev.role = {};
  ev.line = item.text;
  st.probe_parses++;  // the probe's event is gone: no other item may take it
}

void envelope_stage::share_keys_with(event_parser& owner) { impl_->probe.share_keys_with(owner); }

namespace {

// Whether the JSON string `quoted` (its quotes included) ends in a newline once decoded: its
// last character is the escape \n or \u000a (a line holds no raw newline). An escape starts at
// a backslash that an odd run of backslashes ends.
bool string_ends_in_newline(std::string_view quoted) {
  const std::size_t close = quoted.size() - 1;
  auto escape_at = [&](std::size_t backslash) {
    std::size_t run = 0;
    while (backslash - run > 0 && quoted[backslash - run] == '\\') ++run;
    return run % 2 == 1;
  };
  if (close >= 3 && quoted[close - 1] == 'n' && escape_at(close - 2)) return true;
  if (close < 7 || quoted[close - 5] != 'u' || !escape_at(close - 6)) return false;
  std::string_view hex = quoted.substr(close - 4, 4);
  return hex == "000a" || hex == "000A";
}

// Whether a line is a Docker record as read_docker takes it, and whether its log ends in a
// newline: 1 when it does (a whole line or a line's last part), 0 when it does not (a part
// waiting for the next), -1 when the line is no such record. read_docker's rules: members log,
// stream, time and attrs only (any other is an application's own object), log, stream and time
// strings, attrs an object; of a key given twice, the last counts, as the parse keeps it. By
// hand, without decoding the log: it runs at a block's end only, but on every read of a pipe.
// `log_value`, when given, is set to the log's quoted value.
int docker_log_ends_line(std::string_view s, std::string_view* log_value = nullptr) {
  thread_local std::string key;
  std::size_t i = 1;  // past the '{'
  int log = -1;
  bool stream = false, time = false, attrs = true;
  auto space = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
  };
  for (;;) {
    space();
    if (i >= s.size() || s[i] != '"') return -1;
    std::size_t after = read_quoted(s, i, key);
    if (after == std::string_view::npos) return -1;
    i = after;
    space();
    if (i >= s.size() || s[i] != ':') return -1;
    ++i;
    space();
    if (i >= s.size()) return -1;
    const std::size_t start = i;
    i = value_end(s, i);
    const std::string_view value = trim(s.substr(start, i - start));
    const bool string = value.size() >= 2 && value.front() == '"' && value.back() == '"';
    if (key == "log") {
      log = !string ? -1 : string_ends_in_newline(value) ? 1 : 0;
      if (log_value) *log_value = value;
    } else if (key == "stream")
      stream = string;
    else if (key == "time")
      time = string;
    else if (key == "attrs")
      attrs = value.starts_with('{');
    else
      return -1;
    if (i >= s.size()) return -1;
    if (s[i] == '}') return stream && time && attrs ? log : -1;
    if (s[i] != ',') return -1;
    ++i;
  }
}

}  // namespace

namespace {

// Whether `line` waits for a next part and, when `measure`, the text it adds (0 unmeasured): a
// Docker log is decoded only to be measured, which a block's end, looked at on every read of a
// pipe, does not ask.
std::optional<std::size_t> continuing_text(input_format format, std::string_view line, bool measure) {
  line = without_marks(line);  // as unwrap_line reads the line
  if (format == input_format::json || format == input_format::logfmt || format == input_format::journald ||
      format == input_format::otlp || line.empty())
    return std::nullopt;
  if (line.back() == '\r') line.remove_suffix(1);
  if (std::string_view body = trim(line); !body.empty() && body.front() == '{') {
    // Read as Docker only under --input docker or when its first key is "log" (object_format),
    // in whatever spacing: a part waits when its decoded log does not end in a newline (an
    // escaped "\\n" at its end is no newline). Its text is the decoded log.
    if (format == input_format::cri || (format == input_format::automatic && first_key(body) != "log"))
      return std::nullopt;
    std::string_view log;
    if (docker_log_ends_line(body, &log) != 0) return std::nullopt;
    if (!measure) return 0;
    thread_local std::string decoded;
    if (read_quoted(log, 0, decoded) == std::string_view::npos) return log.size();
    return decoded.size();
  }
  if (format == input_format::docker) return std::nullopt;
  auto sp = line.find(' ');
  if (sp == std::string_view::npos || !is_rfc3339(line.substr(0, sp))) return std::nullopt;
  std::string_view rest = line.substr(sp + 1);
  // The tag word may hold more tags after a colon (`P:x`), as read_cri reads it; the text
  // follows the tag word's space.
  if (!(rest.starts_with("stdout P") || rest.starts_with("stderr P")) ||
      !(rest.size() == 8 || rest[8] == ' ' || rest[8] == ':'))
    return std::nullopt;
  std::size_t text = rest.find(' ', 8);
  return text == std::string_view::npos ? 0 : rest.size() - text - 1;
}

}  // namespace

std::optional<std::size_t> continuing_part_size(input_format format, std::string_view line) {
  return continuing_text(format, line, true);
}

bool envelope_may_continue(input_format format, std::string_view line) {
  return continuing_text(format, line, false).has_value();
}

}  // namespace logmoji
