// Alias tables for message, level, time, logger and stack; the user's names; dotted-key lookup.
#include "logmoji/field_roles.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <span>
#include <utility>

#include "logmoji/timestamp.hpp"

namespace logmoji {
namespace {

// Priority order within a role: foundation's key first, then the common ones, then the names
// of particular families (docs/fields.md says which writes which).
// The last general message aliases are the message only where no usual key is there, each a
// string (docs/fields.md, "Message keys of last resort"): OpenTelemetry's `body` flattened,
// journald's `MESSAGE` outside its envelope, fluentd's and fluent-bit's `log`.
constexpr std::array<std::string_view, 16> message_keys{"event",
                                                        "msg",
                                                        "message",
                                                        "@message",
                                                        "@m",
                                                        "@mt",
                                                        "fields.message",
                                                        "data",
                                                        "short_message",
                                                        "body",
                                                        "MESSAGE",
                                                        "log",
                                                        "m",
                                                        "RenderedMessage",
                                                        "MessageTemplate",
                                                        "Message"};
constexpr std::array<std::string_view, 12> level_keys{"level",     "levelname",  "severity",     "lvl",
                                                      "log.level", "@l",         "severityText", "severityNumber",
                                                      "l",         "level_name", "Level",        "LogLevel"};
constexpr std::array<std::string_view, 13> time_keys{"timestamp",  "time",     "ts",        "@timestamp",   "t",
                                                     "asctime",    "@t",       "startTime", "timeUnixNano", "instant",
                                                     "timeMillis", "datetime", "Timestamp"};
constexpr std::array<std::string_view, 13> logger_keys{
    "logger_name",  "logger",        "name",       "log.logger", "logger.name",   "target",
    "categoryName", "_logMeta.name", "loggerName", "channel",    "SourceContext", "Properties.SourceContext",
    "Category"};
constexpr std::array<std::string_view, 9> stack_keys{
    "stack", "stack_trace", "stacktrace", "backtrace", "err.stack", "error.stack_trace", "exception", "exc_info", "@x"};

// The objects a dotted alias reaches into; only an event with one of them pays for nested lookups.
constexpr std::array<std::string_view, 7> nested_alias_heads{"fields", "log",      "logger",    "err",
                                                             "error",  "_logMeta", "Properties"};

bool is_nested_alias_head(std::string_view key) {
  return std::find(nested_alias_heads.begin(), nested_alias_heads.end(), key) != nested_alias_heads.end();
}

// A level object and the member that names its level: log4js's {levelStr, level}, loguru's
// {name, no}. Both members must be there: {"level": {"name": "x"}} is some other object.
struct level_object {
  std::string_view name, number;
};
constexpr std::array<level_object, 2> level_objects{{{"levelStr", "level"}, {"name", "no"}}};

// The member of the root the event keeps for `key`: of repeated top-level keys the last one's
// value (parser.hpp keep_last_of_duplicates); nested objects keep their repeats, first wins.
std::uint32_t kept_child(const event& ev, std::uint32_t parent, std::string_view key) {
  if (parent != 0) return ev.member(parent, key);
  std::uint32_t kept = no_node;
  for (std::uint32_t i = 1; i < ev.tape[0].end; i = ev.tape[i].end)
    if (ev.tape[i].key == key) kept = i;
  return kept;
}

// Walks `path` through nested objects, trying every split point so that a key that itself
// contains dots ({"http": {"status.class": …}}) is found too. Each call goes one object deeper,
// so the recursion is as deep as the event's nesting (the parser's max_depth) and no deeper: a
// path needs no limit of its own. Each split leads into another member, so no object is walked
// twice and the work stays within the event's objects times the path's dots.
std::uint32_t walk_nested(const event& ev, std::uint32_t object, std::string_view path) {
  if (auto hit = kept_child(ev, object, path)) return hit;
  for (std::size_t dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.', dot + 1)) {
    std::uint32_t head = kept_child(ev, object, path.substr(0, dot));
    if (head == no_node || ev.tape[head].kind != value_kind::object) continue;
    if (auto hit = walk_nested(ev, head, path.substr(dot + 1))) return hit;
  }
  return no_node;
}

// What a role takes from a value: a boolean `t` is no timestamp, a number no logger name.
enum class accepts { text, level, time, stack };

// The node a role takes for the value at `i`, or no_node: a level object gives its name
// member, anything else the value itself.
std::uint32_t take(const event& ev, std::uint32_t i, accepts what, bool library_keys_only) {
  value_kind kind = ev.at(i).kind;
  bool scalar = kind == value_kind::string || kind == value_kind::number;
  switch (what) {
    case accepts::text:
      if (kind == value_kind::string) return i;
      // log4js writes its arguments as `data: [message, …]`: the first, when it is a string.
      if (kind == value_kind::array && ev.at(i).key == "data" && i + 1 < ev.at(i).end &&
          ev.at(i + 1).kind == value_kind::string && !library_keys_only)
        return i + 1;
      return no_node;
    case accepts::level:
      if (scalar) return i;
      if (kind != value_kind::object || library_keys_only) return no_node;
      for (auto [name, number] : level_objects)
        if (auto n = ev.member(i, name); n && ev.at(n).kind == value_kind::string && ev.member(i, number)) return n;
      return no_node;
    case accepts::time:
      if (scalar) return i;
      return kind == value_kind::object && !library_keys_only && time_object(ev, i) ? i : no_node;
    case accepts::stack: return scalar || is_container(kind) ? i : no_node;
  }
  return no_node;
}

// The aliases of one role in priority order, and what their values may be. foundation's own
// `event` may hold any value (the library str()-s it); other message aliases must be strings.
struct role_table {
  std::span<const std::string_view> keys;
  accepts what;
  std::uint32_t roles::*member;
  std::vector<std::string> field_names::*user;
};

constexpr std::array<role_table, 5> role_tables{{
    {message_keys, accepts::text, &roles::message, &field_names::message},
    {level_keys, accepts::level, &roles::level, &field_names::level},
    {time_keys, accepts::time, &roles::time, &field_names::time},
    {logger_keys, accepts::text, &roles::logger, &field_names::logger},
    {stack_keys, accepts::stack, &roles::stack, &field_names::stack},
}};
// Aliases a role takes only with their family's signature (below): zerolog's short names `l` and
// `m` are too common as words to be a level or a message anywhere else; an application's own
// `datetime`, `channel` or `instant` is no event time or logger name, and `level_name` or
// `timeMillis` outside Monolog and log4j2 may be anything. So are .NET's capitalised names
// (Serilog's `Level`, `Timestamp`, `SourceContext`; the console's `Message`, `Category`): a
// property of an application's own beside another logger's keys is no role.
constexpr std::array<std::string_view, 16> family_only_keys{"m",
                                                            "l",
                                                            "level_name",
                                                            "instant",
                                                            "timeMillis",
                                                            "datetime",
                                                            "channel",
                                                            "Level",
                                                            "LogLevel",
                                                            "Timestamp",
                                                            "SourceContext",
                                                            "Properties.SourceContext",
                                                            "Category",
                                                            "RenderedMessage",
                                                            "MessageTemplate",
                                                            "Message"};
// family_only_keys as rank bits of each role, worked out by the compiler.
constexpr std::array<std::uint16_t, 5> family_only = [] {
  std::array<std::uint16_t, 5> bits{};
  for (std::string_view key : family_only_keys) {
    bool found = false;
    for (std::size_t r = 0; r < role_tables.size(); ++r)
      for (std::size_t k = 0; k < role_tables[r].keys.size(); ++k)
        if (role_tables[r].keys[k] == key) {
          bits[r] = static_cast<std::uint16_t>(bits[r] | 1U << k);
          found = true;
        }
    if (!found) throw "a family-only key is no alias";  // not a constant expression: the build fails
  }
  return bits;
}();

constexpr std::size_t alias_count =
    message_keys.size() + level_keys.size() + time_keys.size() + logger_keys.size() + stack_keys.size();

// A small hash of a key from its length and its first and last bytes; it happens to give each
// alias a bucket shared with at most two others.
constexpr std::size_t bucket_of(std::string_view key) {
  return (key.size() + static_cast<unsigned char>(key.front()) + static_cast<unsigned char>(key.back()) * 7) & 63;
}

// Every alias by bucket, with the role it belongs to and its rank there; built by the compiler.
// A bit per rank (at most 16 aliases a role) lets a role visit only the aliases an event holds.
struct alias_index {
  std::array<std::array<std::int8_t, 3>, 64> buckets{};
  std::array<std::string_view, alias_count> names{};
  std::array<std::uint8_t, alias_count> role{}, rank{};
  std::array<std::uint16_t, role_tables.size()> dotted{};  // ranks of aliases that may be nested
  // Per first byte, a bit for each alias length: most keys of a log are no alias, and this
  // rejects nearly all of them before any hashing.
  std::array<std::uint32_t, 256> lengths_by_first_byte{};
};

constexpr alias_index build_alias_index() {
  alias_index index;
  for (auto& b : index.buckets) b.fill(-1);
  std::size_t slot = 0;
  for (std::size_t r = 0; r < role_tables.size(); ++r) {
    for (std::size_t k = 0; k < role_tables[r].keys.size(); ++k, ++slot) {
      std::string_view alias = role_tables[r].keys[k];
      index.names[slot] = alias;
      index.lengths_by_first_byte[static_cast<unsigned char>(alias.front())] |= 1U << alias.size();
      index.role[slot] = static_cast<std::uint8_t>(r);
      index.rank[slot] = static_cast<std::uint8_t>(k);
      if (alias.find('.') != std::string_view::npos) index.dotted[r] |= static_cast<std::uint16_t>(1U << k);
      auto& b = index.buckets[bucket_of(alias)];
      auto free = std::find(b.begin(), b.end(), -1);
      // A new alias that collides: not a constant expression, so the build fails; change bucket_of.
      if (free == b.end()) throw "alias bucket overflow";
      *free = static_cast<std::int8_t>(slot);
    }
  }
  return index;
}

constexpr alias_index aliases = build_alias_index();
static_assert(std::ranges::all_of(aliases.names, [](std::string_view a) { return !a.empty() && a.size() < 32; }));
static_assert(message_keys.size() <= 16 && level_keys.size() <= 16 && time_keys.size() <= 16 &&
              logger_keys.size() <= 16 && stack_keys.size() <= 16);

// The alias slot a top-level key fills, or -1: one hash and at most a few comparisons.
int alias_slot(std::string_view key) {
  if (key.empty() || key.size() >= 32 ||
      !(aliases.lengths_by_first_byte[static_cast<unsigned char>(key.front())] >> key.size() & 1U))
    return -1;
  for (std::int8_t slot : aliases.buckets[bucket_of(key)]) {
    if (slot < 0) break;
    if (aliases.names[static_cast<std::size_t>(slot)] == key) return slot;
  }
  return -1;
}

field_names& user_names() {
  static field_names names;
  return names;
}

// Most runs name no fields of their own: one plain flag skips the user's table for them.
bool any_user_names = false;

// The user's names for a role, in their order: a few linear lookups, only when there are any.
std::uint32_t pick_user(const event& ev, const role_table& table) {
  for (const auto& name : user_names().*table.user)
    if (auto hit = lookup_path(ev, name))
      if (auto taken = take(ev, hit, table.what, false)) return taken;
  return no_node;
}

using detail::found_aliases;
static_assert(role_tables.size() < detail::role_none);

// The first alias (in priority order) whose value the role takes. Dotted aliases may also name
// a nested field ({"log": {"level": …}}): those are looked up the slow way, only when the event
// has an object and nothing better was found.
std::uint32_t pick(const event& ev, std::size_t r, const found_aliases& found, bool first_only) {
  const role_table& table = role_tables[r];
  if (any_user_names && !first_only)
    if (auto hit = pick_user(ev, table)) return hit;
  unsigned present = found.present[r] & ~family_only[r];
  unsigned candidates = present | (found.has_nested ? aliases.dotted[r] & ~family_only[r] : 0U);
  if (first_only) candidates &= 1U;
  for (; candidates; candidates &= candidates - 1) {
    auto k = static_cast<unsigned>(std::countr_zero(candidates));
    std::uint32_t hit = present >> k & 1U ? found.first[r][k] : lookup_path(ev, table.keys[k]);
    if (!hit) continue;
    // foundation's `event` takes any value, every role a string: no call for most logs.
    if ((r == 0 && k == 0) || ev.at(hit).kind == value_kind::string) return hit;
    if (auto taken = take(ev, hit, table.what, first_only)) return taken;
  }
  return no_node;
}

// pick() without a call for what nearly every event is: a role with no candidate, or whose best
// candidate is a top-level string (or foundation's `event`). The role is a constant, so that each
// role's table entries fold into its copy; the user's names are pick()'s.
template <std::size_t r>
[[gnu::always_inline]] inline std::uint32_t pick_common(const event& ev, const found_aliases& found, bool first_only) {
  unsigned present = first_only ? found.present[r] & 1U : found.present[r] & ~family_only[r];
  unsigned nested = found.has_nested && !first_only ? aliases.dotted[r] & ~family_only[r] : 0U;
  if ((present | nested) == 0) return no_node;
  // The first alias present, when no nested alias ranks before it.
  unsigned first = present & (0U - present);
  if (first != 0 && (nested & (first - 1)) == 0) {
    auto k = static_cast<unsigned>(std::countr_zero(present));
    std::uint32_t hit = found.first[r][k];
    // A number is what take() keeps as it is for every role but the text ones (pino's level
    // and epoch time).
    if ((r == 0 && k == 0) || ev.at(hit).kind == value_kind::string ||
        (ev.at(hit).kind == value_kind::number && role_tables[r].what != accepts::text))
      return hit;
  }
  return pick(ev, r, found, first_only);
}

// A logger family, told by keys that only it writes. Its own keys take their roles ahead of the
// priority order, so that an application's field of another alias's name does not: a `time`
// of 12.5 seconds beside python-json-logger's `asctime`, a `timestamp` beside pino's `time`, a
// `level` of 3 beside `levelname`. The first family whose signature is present decides.
// A signature key may be dotted (tslog's `_logMeta.name`): absent at the top level, it is looked up
// nested. A family's name ties it to its console layout (family_layouts below).
struct logger_family {
  std::array<std::string_view, 3> signature;  // every one present (an empty one is no condition)
  std::array<std::string_view, 4> own;        // message, level, time, logger: an alias, or none
  std::string_view name;
};
constexpr std::array<logger_family, 15> logger_families{{
    {{"levelname", "", ""}, {"message", "levelname", "asctime", "name"}, "python-logging"},  // Python's logging
    {{"l", "m", ""}, {"m", "l", "t", ""}, "zerolog"},  // zerolog's short names (TimestampFieldName "t", …)
    // Serilog's compact JSON: its logger is the SourceContext property, a member like any other.
    {{"@t", "", ""}, {"@m", "@l", "@t", "SourceContext"}, "serilog-compact"},
    // Serilog's JsonFormatter: RenderedMessage only with renderMessage, else the template; the
    // properties, SourceContext among them, in an object of their own.
    {{"Timestamp", "Level", "RenderedMessage"},
     {"RenderedMessage", "Level", "Timestamp", "Properties.SourceContext"},
     "serilog"},
    {{"Timestamp", "Level", "MessageTemplate"},
     {"MessageTemplate", "Level", "Timestamp", "Properties.SourceContext"},
     "serilog"},
    // .NET's JsonConsoleFormatter (AddJsonConsole): Timestamp only with a TimestampFormat.
    {{"LogLevel", "Category", ""}, {"Message", "LogLevel", "Timestamp", "Category"}, "dotnet-console"},
    {{"@timestamp", "", ""}, {"message", "", "@timestamp", ""}, "ecs"},  // Elastic: ECS, Logstash
    {{"ts", "msg", ""}, {"msg", "", "ts", "logger"}, "zap"},             // zap
    {{"time", "msg", ""}, {"msg", "", "time", "name"}, "pino"},          // pino, bunyan, logrus
    // PHP's Monolog (JsonFormatter): its `level` is a number on its own scale (200 is INFO), so
    // `level_name` says the level. All three keys: `channel` is a common application field.
    {{"level_name", "channel", "datetime"}, {"message", "level_name", "datetime", "channel"}, "monolog"},
    // log4j2's JsonLayout: `instant` {epochSecond, nanoOfSecond}, or `timeMillis` (includeTimeMillis).
    {{"loggerName", "instant", ""}, {"message", "", "instant", "loggerName"}, "log4j2"},
    {{"loggerName", "timeMillis", ""}, {"message", "", "timeMillis", "loggerName"}, "log4j2"},
    // Families known by their keys for the console's layout alone, last: their own keys are
    // what the priority order takes anyway, so they change no role (docs/loggers.md, "Shown once").
    // tracing-subscriber's JSON formatter (its event's fields in `fields`, unless flattened).
    {{"timestamp", "level", "target"}, {"", "", "", ""}, "tracing"},
    // log4js with the documented JSON layout: the logging event as it is.
    {{"startTime", "categoryName", "data"}, {"", "", "", ""}, "log4js"},
    // tslog 4/5 JSON: its metadata object, whose `name` is written for a named logger.
    {{"_logMeta.name", "", ""}, {"", "", "", ""}, "tslog"},
}};

// A key's place among the aliases as a role and a rank bit; none for an empty key.
struct family_alias_bit {
  std::uint8_t role = 0;
  std::uint16_t bit = 0;
};
constexpr family_alias_bit family_alias_bit_of(std::string_view key) {
  for (std::size_t r = 0; r < role_tables.size(); ++r)
    for (std::size_t k = 0; k < role_tables[r].keys.size(); ++k)
      if (!key.empty() && role_tables[r].keys[k] == key)
        return {static_cast<std::uint8_t>(r), static_cast<std::uint16_t>(1U << k)};
  if (!key.empty()) throw "a family's key is no alias";  // not a constant expression: the build fails
  return {};
}

// The families as bits of found_aliases::present, worked out by the compiler.
struct logger_family_bits {
  std::array<std::uint16_t, role_tables.size()> signature{};
  std::array<std::uint16_t, 4> own{};  // by role
  std::string_view name;
};
constexpr std::array<logger_family_bits, logger_families.size()> build_logger_family_bits() {
  std::array<logger_family_bits, logger_families.size()> out{};
  for (std::size_t f = 0; f < logger_families.size(); ++f) {
    out[f].name = logger_families[f].name;
    for (std::string_view key : logger_families[f].signature) {
      family_alias_bit b = family_alias_bit_of(key);
      out[f].signature[b.role] = static_cast<std::uint16_t>(out[f].signature[b.role] | b.bit);
    }
    for (std::size_t r = 0; r < 4; ++r) {
      family_alias_bit b = family_alias_bit_of(logger_families[f].own[r]);
      if (b.bit && b.role != r) throw "a family's own key is another role's alias";
      out[f].own[r] = b.bit;
    }
  }
  return out;
}
constexpr auto logger_family_table = build_logger_family_bits();

// Whether the dotted signature keys `missing` of role `r`, absent at the top level, are nested.
bool nested_signature(const event& ev, std::size_t r, unsigned missing, const found_aliases& found) {
  if (!found.has_nested || (missing & ~unsigned{aliases.dotted[r]}) != 0) return false;
  for (; missing; missing &= missing - 1)
    if (!lookup_path(ev, role_tables[r].keys[static_cast<std::size_t>(std::countr_zero(missing))])) return false;
  return true;
}

// The family whose signature the event holds, or null.
const logger_family_bits* logger_family_of(const event& ev, const found_aliases& found) {
  for (const auto& f : logger_family_table) {
    bool all = true;
    for (std::size_t r = 0; r < role_tables.size() && all; ++r) {
      unsigned missing = f.signature[r] & ~unsigned{found.present[r]};
      all = missing == 0 || nested_signature(ev, r, missing, found);
    }
    if (all) return &f;
  }
  return nullptr;
}

// A role's own key in `f` when the event holds it with a value the role takes, else no_node. An
// own time must be readable as one: a container runtime's time written beside an event's own
// "12:00:01" outranks it by the built-in order (docs/envelopes.md, "Names"), and must keep doing so.
std::uint32_t pick_own(const event& ev, std::size_t r, const found_aliases& found, const logger_family_bits& f) {
  auto k = static_cast<unsigned>(std::countr_zero(f.own[r]));
  std::uint32_t field = no_node;
  if (found.present[r] & f.own[r])
    field = found.first[r][k];
  else if (found.has_nested && (aliases.dotted[r] & f.own[r]))  // Serilog's Properties.SourceContext
    field = lookup_path(ev, role_tables[r].keys[k]);
  if (!field) return no_node;
  std::uint32_t hit = take(ev, field, role_tables[r].what, false);
  if (hit && role_tables[r].what == accepts::time && !event_time(ev, hit, naive_zone::utc)) return no_node;
  return hit;
}

// foundation's `event` is the message of structlog's lines, where it is the only message key;
// beside `msg` or `message` it is an application's field (pino's, winston's "event": "signup").
constexpr std::uint16_t event_alias_bit = 1U << 0;
constexpr std::uint16_t msg_or_message = (1U << 1) | (1U << 2);
static_assert(message_keys[0] == "event" && message_keys[1] == "msg" && message_keys[2] == "message");

// Outranks the built-in order (not the user's names) with the family's own keys, and event with
// msg or message.
void prefer_own_keys(event& ev, const found_aliases& found) {
  if (const logger_family_bits* f = logger_family_of(ev, found)) {
    for (std::size_t r = 0; r < 4; ++r) {
      // Only where an alias ranked before the own key is there too (else the order took it), or
      // the own key is one the order never takes.
      bool outranked = (found.present[r] & (f->own[r] - 1U)) != 0 || (f->own[r] & family_only[r]) != 0;
      if (!outranked || (any_user_names && pick_user(ev, role_tables[r]))) continue;
      if (auto own = pick_own(ev, r, found, *f)) ev.role.*role_tables[r].member = own;
    }
  }
  if (!(found.present[0] & event_alias_bit) || !(found.present[0] & msg_or_message) ||
      ev.role.message != found.first[0][0])
    return;
  for (unsigned k : {1U, 2U})
    if ((found.present[0] >> k & 1U) && ev.at(found.first[0][k]).kind == value_kind::string) {
      ev.role.message = found.first[0][k];
      return;
    }
}

// The family of an event from its top-level keys alone, as pick_roles finds it.
const logger_family_bits* family_by_keys(const event& ev) {
  found_aliases found;
  for (auto i : ev.fields) {
    const node& n = ev.tape[i];
    if (std::uint8_t meaning = detail::key_meaning(n.key); meaning != detail::meaning_none) found.note(n, i, meaning);
  }
  return logger_family_of(ev, found);
}

// The first child of `parent` under `key`: an object's member, or (key empty) an array's element.
std::uint32_t first_child(const event& ev, std::uint32_t parent, std::string_view key) {
  for (std::uint32_t i = parent + 1; i < ev.at(parent).end; i = ev.at(i).end)
    if (ev.at(i).key == key) return i;
  return no_node;
}

// Whether top-level container `field` (an object, or log4js's `data` array), holding role node
// `r`, is all about that role: `r` is its one child, or `r` names the level of a level object
// (log4js's levelStr beside its number).
bool container_of_role(const event& ev, std::uint32_t field, std::uint32_t r, bool level) {
  if (ev.at(r).end > ev.at(field).end || first_child(ev, field, ev.at(r).key) != r) return false;
  if (field + 1 == r && ev.at(r).end == ev.at(field).end) return true;
  if (!level) return false;
  std::string_view key = ev.at(field).key;
  const auto& user = user_names().level;
  return std::find(level_keys.begin(), level_keys.end(), key) != level_keys.end() ||
         std::find(user.begin(), user.end(), key) != user.end();
}

}  // namespace

std::span<const std::string_view> message_aliases() { return message_keys; }
std::span<const std::string_view> level_aliases() { return level_keys; }

bool family_level_key(std::string_view key) {
  static_assert(std::ranges::all_of(logger_families, [](const logger_family& f) {
    return f.own[1].empty() || f.own[1].front() == 'l' || f.own[1].front() == 'L' || f.own[1].front() == '@';
  }));
  return !key.empty() && std::ranges::any_of(logger_families, [&](const logger_family& f) { return f.own[1] == key; });
}
std::span<const std::string_view> time_aliases() { return time_keys; }
std::span<const std::string_view> logger_aliases() { return logger_keys; }
std::span<const std::string_view> stack_aliases() { return stack_keys; }

std::vector<std::string>* field_names_of(field_names& names, std::string_view role) {
  return const_cast<std::vector<std::string>*>(field_names_of(std::as_const(names), role));
}

const std::vector<std::string>* field_names_of(const field_names& names, std::string_view role) {
  static constexpr std::array<std::pair<std::string_view, std::vector<std::string> field_names::*>, 5> by_role{{
      {"time", &field_names::time},
      {"level", &field_names::level},
      {"message", &field_names::message},
      {"logger", &field_names::logger},
      {"stack", &field_names::stack},
  }};
  for (auto [name, member] : by_role)
    if (name == role) return &(names.*member);
  return nullptr;
}

void set_user_field_names(field_names names) {
  any_user_names = !names.empty();
  user_names() = std::move(names);
}

std::uint32_t lookup_path(const event& ev, std::string_view path) {
  if (auto hit = ev.find(path)) return hit;
  if (path.find('.') == std::string_view::npos || ev.tape.empty()) return no_node;
  // Nested lookups only see the parsed object, not fields added by enrichment.
  return walk_nested(ev, 0, path);
}

std::uint8_t detail::key_meaning(std::string_view key) {
  int slot = alias_slot(key);
  auto meaning = slot < 0 ? meaning_none
                          : static_cast<std::uint8_t>((aliases.role[static_cast<std::size_t>(slot)] + 1U) << 4 |
                                                      aliases.rank[static_cast<std::size_t>(slot)]);
  return is_nested_alias_head(key) ? static_cast<std::uint8_t>(meaning | nested_head_bit) : meaning;
}

// One pass over the top-level keys noted each alias's first field; now each role takes its best
// alias. Same result as looking every alias up in turn, without the 40 scans.
void detail::pick_roles(event& ev, const found_aliases& found, bool library_keys_only) {
  if (any_user_names && !library_keys_only) {
    for (std::size_t r = 0; r < role_tables.size(); ++r)
      ev.role.*role_tables[r].member = pick(ev, r, found, library_keys_only);
  } else {
    [&]<std::size_t... r>(std::index_sequence<r...>) {
      ((ev.role.*role_tables[r].member = pick_common<r>(ev, found, library_keys_only)), ...);
    }
    (std::make_index_sequence<role_tables.size()>{});
  }
  // A family's keys, and msg or message over event, only matter where a role has two aliases
  // present: nearly every line has one a role, and pays four tests.
  bool clash = false;
  for (std::size_t r = 0; r < 4; ++r)
    clash = clash || (found.present[r] & (found.present[r] - 1)) != 0 || (found.present[r] & family_only[r]) != 0;
  if (clash && !library_keys_only) [[unlikely]]
    prefer_own_keys(ev, found);
}

void resolve_roles(event& ev, bool library_keys_only) {
  found_aliases found;
  for (auto i : ev.fields) {
    const node& n = ev.tape[i];
    if (std::uint8_t meaning = detail::key_meaning(n.key); meaning != detail::meaning_none) found.note(n, i, meaning);
  }
  detail::pick_roles(ev, found, library_keys_only);
}

bool detail::container_shown_by_role(const event& ev, std::uint32_t field) {
  const roles& r = ev.role;
  std::uint32_t message = ev.original_message ? ev.original_message : r.message;
  const std::array<std::pair<std::uint32_t, bool>, 5> shown{
      {{r.message, false}, {message, false}, {r.level, true}, {r.time, false}, {r.logger, false}}};
  for (auto [node_index, level] : shown) {
    if (node_index > field && node_index < ev.at(field).end && container_of_role(ev, field, node_index, level))
      return true;
  }
  return false;
}

// The console's layouts of the families that write an event's data inside a wrapper, or a fact
// twice (docs/loggers.md, "Shown once"). Only what another column or field of the same line
// shows is left out, and only an empty container the family always writes; a wrapper whose
// members cannot be pairs of their own (console_sink::flatten says when) is shown whole.

// A level's number beside its name, on the library's own scale: the same level told twice only
// where the pair is one of the library's.
struct numbered_level {
  std::string_view number, name;
};
constexpr std::array<numbered_level, 8> monolog_levels{{{"100", "DEBUG"},
                                                        {"200", "INFO"},
                                                        {"250", "NOTICE"},
                                                        {"300", "WARNING"},
                                                        {"400", "ERROR"},
                                                        {"500", "CRITICAL"},
                                                        {"550", "ALERT"},
                                                        {"600", "EMERGENCY"}}};
// logstash-logback-encoder's `level_value`: logback's Level.toInt().
constexpr std::array<numbered_level, 5> logback_levels{
    {{"5000", "TRACE"}, {"10000", "DEBUG"}, {"20000", "INFO"}, {"30000", "WARN"}, {"40000", "ERROR"}}};
constexpr std::array<numbered_level, 7> tslog_levels{
    {{"0", "SILLY"}, {"1", "TRACE"}, {"2", "DEBUG"}, {"3", "INFO"}, {"4", "WARN"}, {"5", "ERROR"}, {"6", "FATAL"}}};

// What a twin repeats: a role's value, or the last element of a top-level list.
enum class twin_of : std::uint8_t { none, message, level, time, logger, last_of_list };
struct family_twin {
  std::string_view key;
  twin_of of = twin_of::none;
  std::span<const numbered_level> numbers{};  // a number repeating the level's name
  std::string_view list{};                    // last_of_list: the list's key
};
struct family_wrapper {
  std::string_view key;
  family_treatment how = family_treatment::shown;
  std::array<family_twin, 3> twins{};  // members repeating a role (a role's own node always is)
};
struct family_layout {
  std::string_view family;  // logger_family::name
  std::array<family_wrapper, 1> wrappers;
  std::array<std::string_view, 2> left_out_empty;
  std::array<family_twin, 1> twins;  // top-level fields repeating a role or another field
};

constexpr std::array<family_layout, 6> family_layouts{{
    // tracing-subscriber's JSON: the event's fields, its message among them, in `fields`; the
    // current span again as the last of `spans` (both are written by default).
    {"tracing", {{{"fields", family_treatment::flattened}}}, {}, {{{"span", twin_of::last_of_list, {}, "spans"}}}},
    // Monolog's JsonFormatter: PSR-3's context is the event's data; `level` is `level_name`'s
    // number; `extra` holds what processors add, empty without them.
    {"monolog",
     {{{"context", family_treatment::flattened}}},
     {"context", "extra"},
     {{{"level", twin_of::level, monolog_levels}}}},
    // log4js: `data` is the call's arguments, the message first (util.format's layout); `context`
    // what addContext gave the logger.
    {"log4js", {{{"data", family_treatment::flattened}}}, {"context"}, {}},
    // tslog: `_logMeta` repeats the time, the level and the logger's name beside facts of its own
    // (runtime, hostname, parent names, the caller's path); `levelId` is the level's number.
    {"tslog",
     {{{"_logMeta",
        family_treatment::trimmed,
        {{{"date", twin_of::time}, {"logLevelId", twin_of::level, tslog_levels}, {"logLevelName", twin_of::level}}}}}},
     {},
     {{{"levelId", twin_of::level, tslog_levels}}}},
    // logstash-logback-encoder (an ECS-like `@timestamp` line): `level_value` is the level's number.
    {"ecs", {}, {}, {{{"level_value", twin_of::level, logback_levels}}}},
    // .NET's JsonConsoleFormatter: `State` is the message again, its template and the
    // properties, which it writes nowhere else; `Scopes` is written, empty, with IncludeScopes.
    {"dotnet-console",
     {{{"State",
        family_treatment::flattened,
        {{{"Message", twin_of::message}, {"{OriginalFormat}", twin_of::message}}}}}},
     {"Scopes"},
     {}},
}};
static_assert(std::ranges::all_of(family_layouts, [](const family_layout& l) {
  return std::ranges::any_of(logger_families, [&](const logger_family& f) { return f.name == l.family; });
}));

namespace {

std::uint32_t role_node(const event& ev, twin_of of) {
  switch (of) {
    case twin_of::message: return ev.original_message ? ev.original_message : ev.role.message;
    case twin_of::level: return ev.role.level;
    case twin_of::time: return ev.role.time;
    case twin_of::logger: return ev.role.logger;
    case twin_of::none:
    case twin_of::last_of_list: break;
  }
  return no_node;
}

bool is_role_node(const event& ev, std::uint32_t i) {
  const roles& r = ev.role;
  return i == r.message || i == ev.original_message || i == r.level || i == r.time || i == r.logger;
}

// The same JSON value at `a` and `b` (their own keys aside): the same nodes, one by one.
bool same_value(const event& ev, std::uint32_t a, std::uint32_t b) {
  std::uint32_t size = ev.at(a).end - a;
  if (ev.at(b).end - b != size) return false;
  for (std::uint32_t j = 0; j < size; ++j) {
    const node& x = ev.at(a + j);
    const node& y = ev.at(b + j);
    if (x.kind != y.kind || x.text != y.text || x.end - (a + j) != y.end - (b + j) || (j > 0 && x.key != y.key))
      return false;
  }
  return true;
}

std::uint32_t last_element(const event& ev, std::uint32_t list) {
  std::uint32_t last = no_node;
  for (std::uint32_t c = list + 1; c < ev.at(list).end; c = ev.at(c).end) last = c;
  return last;
}

// Whether the value at `i` is what `twin` says it repeats.
bool twin_holds(const event& ev, const family_twin& twin, std::uint32_t i) {
  const node& n = ev.at(i);
  if (twin.of == twin_of::last_of_list) {
    std::uint32_t list = ev.find(twin.list);
    std::uint32_t last = list && ev.at(list).kind == value_kind::array ? last_element(ev, list) : no_node;
    return last && same_value(ev, last, i);
  }
  std::uint32_t r = role_node(ev, twin.of);
  if (!r || r == i) return r == i;
  const node& shown = ev.at(r);
  if (shown.kind != value_kind::string) return false;
  if (twin.numbers.empty()) return n.kind == value_kind::string && n.text == shown.text;
  return n.kind == value_kind::number && std::ranges::any_of(twin.numbers, [&](const numbered_level& l) {
           return l.number == n.text && l.name == shown.text;
         });
}

const family_wrapper* wrapper_of(const family_layout& layout, std::string_view key) {
  for (const family_wrapper& w : layout.wrappers)
    if (!w.key.empty() && w.key == key) return &w;
  return nullptr;
}

// The one member of list `field` not shown elsewhere, or no_node; `left` counts them.
std::uint32_t remaining_element(const family_layout& layout, const event& ev, std::uint32_t field, std::size_t& left) {
  std::uint32_t last = no_node;
  left = 0;
  for (std::uint32_t c = field + 1; c < ev.at(field).end; c = ev.at(c).end)
    if (!member_shown_elsewhere(layout, ev, field, c)) {
      ++left;
      last = c;
    }
  return left == 1 ? last : no_node;
}

}  // namespace

const family_layout* family_layout_of(const event& ev) {
  const logger_family_bits* f = family_by_keys(ev);
  if (!f) return nullptr;
  for (const family_layout& l : family_layouts)
    if (l.family == f->name) return &l;
  return nullptr;
}

bool is_family_layout_key(std::string_view key) {
  auto named = [key](std::string_view k) { return !k.empty() && k == key; };
  return std::ranges::any_of(family_layouts, [&](const family_layout& l) {
    return std::ranges::any_of(l.wrappers, [&](const family_wrapper& w) { return named(w.key); }) ||
           std::ranges::any_of(l.left_out_empty, named) ||
           std::ranges::any_of(l.twins, [&](const family_twin& t) { return named(t.key); });
  });
}

family_treatment treat_field(const family_layout& layout, const event& ev, std::uint32_t field) {
  const node& n = ev.at(field);
  if (is_container(n.kind) && n.end == field + 1 &&
      std::ranges::find(layout.left_out_empty, n.key) != layout.left_out_empty.end())
    return family_treatment::left_out;
  for (const family_twin& t : layout.twins)
    if (!t.key.empty() && t.key == n.key && twin_holds(ev, t, field)) return family_treatment::left_out;
  const family_wrapper* w = wrapper_of(layout, n.key);
  if (!w || !is_container(n.kind)) return family_treatment::shown;
  if (w->how != family_treatment::flattened || n.kind == value_kind::object)
    return w->how == family_treatment::trimmed && n.kind != value_kind::object ? family_treatment::shown : w->how;
  // A list (log4js' arguments): what the message does not show, its one object's members as
  // pairs, as util.format writes an object after the text; several values stay a list. One
  // empty object is an Error (JSON has none of its members), which log4js writes again as
  // `error`: nothing to show. Only a list that starts with the message: any other is shown as
  // written.
  if (n.end == field + 1 || !is_role_node(ev, field + 1)) return family_treatment::shown;
  std::size_t left = 0;
  std::uint32_t one = remaining_element(layout, ev, field, left);
  if (left == 0 || (one && ev.at(one).kind == value_kind::object && ev.at(one).end == one + 1))
    return family_treatment::left_out;
  return one && ev.at(one).kind == value_kind::object ? family_treatment::flattened : family_treatment::trimmed;
}

bool member_shown_elsewhere(const family_layout& layout, const event& ev, std::uint32_t field, std::uint32_t member) {
  if (is_role_node(ev, member)) return true;
  const family_wrapper* w = wrapper_of(layout, ev.at(field).key);
  if (!w) return false;
  std::string_view key = ev.at(member).key;
  return std::ranges::any_of(
      w->twins, [&](const family_twin& t) { return !t.key.empty() && t.key == key && twin_holds(ev, t, member); });
}

std::uint32_t flattened_object(const family_layout& layout, const event& ev, std::uint32_t field) {
  if (ev.at(field).kind == value_kind::object) return field;
  std::size_t left = 0;
  return remaining_element(layout, ev, field, left);
}

}  // namespace logmoji
