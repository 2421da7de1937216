// Alias tables for message, level, time and logger; dotted-key lookup.
#include "logmoji/field_roles.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <span>

namespace logmoji {
namespace {

constexpr std::array<std::string_view, 4> message_keys{"event", "msg", "message", "@message"};
constexpr std::array<std::string_view, 5> level_keys{"level", "levelname", "severity", "lvl", "log.level"};
constexpr std::array<std::string_view, 5> time_keys{"timestamp", "time", "ts", "@timestamp", "t"};
constexpr std::array<std::string_view, 4> logger_keys{"logger_name", "logger", "name", "log.logger"};

std::uint32_t child(const event& ev, std::uint32_t parent, std::string_view key) {
  const auto& tape = ev.tape;
  for (std::uint32_t i = parent + 1; i < tape[parent].end; i = tape[i].end)
    if (tape[i].key == key) return i;
  return no_node;
}

// Walks `path` through nested objects, trying every split point so that a key that itself
// contains dots ({"http": {"status.class": …}}) is found too.
std::uint32_t walk_nested(const event& ev, std::uint32_t object, std::string_view path, int depth) {
  if (depth > 32) return no_node;
  if (auto hit = child(ev, object, path)) return hit;
  for (std::size_t dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.', dot + 1)) {
    std::uint32_t head = child(ev, object, path.substr(0, dot));
    if (head == no_node || ev.tape[head].kind != value_kind::object) continue;
    if (auto hit = walk_nested(ev, head, path.substr(dot + 1), depth + 1)) return hit;
  }
  return no_node;
}

// Which value kinds a role accepts: a boolean `t` is no timestamp, a number no logger name.
enum class accepts { text, text_or_number };

bool acceptable(value_kind kind, accepts what) {
  switch (what) {
    case accepts::text: return kind == value_kind::string;
    case accepts::text_or_number: return kind == value_kind::string || kind == value_kind::number;
  }
  return false;
}

// The aliases of one role in priority order, and what their values may be. foundation's own
// `event` may hold any value (the library str()-s it); other message aliases must be strings.
struct role_table {
  std::span<const std::string_view> keys;
  accepts what;
  std::uint32_t roles::*member;
};

const role_table role_tables[] = {
    {message_keys, accepts::text, &roles::message},
    {level_keys, accepts::text_or_number, &roles::level},
    {time_keys, accepts::text_or_number, &roles::time},
    {logger_keys, accepts::text, &roles::logger},
};
constexpr std::size_t alias_count = message_keys.size() + level_keys.size() + time_keys.size() + logger_keys.size();

// A small hash of a key from its length and its first and last bytes; it happens to give each
// of the 18 aliases a bucket of its own.
constexpr std::size_t bucket_of(std::string_view key) {
  return (key.size() + static_cast<unsigned char>(key.front()) + static_cast<unsigned char>(key.back()) * 7) & 63;
}

// Alias slots by bucket, at most a few per bucket.
struct alias_index {
  std::array<std::array<std::int8_t, 3>, 64> buckets;
  std::array<std::string_view, alias_count> names;
  alias_index() {
    for (auto& b : buckets) b.fill(-1);
    std::size_t slot = 0;
    for (const auto& table : role_tables)
      for (auto alias : table.keys) {
        names[slot] = alias;
        auto& b = buckets[bucket_of(alias)];
        auto free = std::find(b.begin(), b.end(), -1);
        if (free == b.end()) std::abort();  // a new alias that collides: change bucket_of
        *free = static_cast<std::int8_t>(slot++);
      }
  }
};

// The alias slot a top-level key fills, or -1: one hash and at most a few comparisons.
int alias_slot(std::string_view key) {
  static const alias_index index;
  if (key.empty()) return -1;
  for (std::int8_t slot : index.buckets[bucket_of(key)]) {
    if (slot < 0) break;
    if (index.names[static_cast<std::size_t>(slot)] == key) return slot;
  }
  return -1;
}

// The first alias (in priority order) whose first occurrence has an acceptable value. Aliases
// with a dot may also name a nested field ({"log": {"level": …}}): those are looked up the
// slow way, only when the event has such an object and nothing better was found.
std::uint32_t pick(const event& ev, const role_table& table, const std::uint32_t* first, bool first_only,
                   bool has_nested) {
  for (std::size_t k = 0; k < table.keys.size(); ++k) {
    std::uint32_t hit = first[k];
    if (!hit && has_nested && table.keys[k].find('.') != std::string_view::npos) hit = lookup_path(ev, table.keys[k]);
    bool any = k == 0 && &table == &role_tables[0];
    if (hit && (any || acceptable(ev.at(hit).kind, table.what))) return hit;
    if (first_only) break;
  }
  return no_node;
}

}  // namespace

std::span<const std::string_view> message_aliases() { return message_keys; }
std::span<const std::string_view> level_aliases() { return level_keys; }
std::span<const std::string_view> time_aliases() { return time_keys; }
std::span<const std::string_view> logger_aliases() { return logger_keys; }

std::uint32_t lookup_path(const event& ev, std::string_view path) {
  if (auto hit = ev.find(path)) return hit;
  if (path.find('.') == std::string_view::npos || ev.tape.empty()) return no_node;
  // Nested lookups only see the parsed object, not fields added by enrichment.
  return walk_nested(ev, 0, path, 0);
}

// One pass over the top-level keys fills each alias's first occurrence; then each role takes
// its best alias. Same result as looking every alias up in turn, without the 18 scans.
void resolve_roles(event& ev, bool library_keys_only) {
  std::array<std::uint32_t, alias_count> first{};
  bool has_nested = false;
  for (auto i : ev.fields) {
    const node& n = ev.at(i);
    int slot = alias_slot(n.key);
    if (slot >= 0 && !first[static_cast<std::size_t>(slot)]) first[static_cast<std::size_t>(slot)] = i;
    has_nested = has_nested || (n.kind == value_kind::object && n.key == "log");
  }
  std::size_t offset = 0;
  for (const auto& table : role_tables) {
    ev.role.*table.member = pick(ev, table, first.data() + offset, library_keys_only, has_nested);
    offset += table.keys.size();
  }
}

}  // namespace logmoji
