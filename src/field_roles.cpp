// Alias tables for message, level, time and logger; dotted-key lookup.
#include "logmoji/field_roles.hpp"

#include <array>

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
enum class accepts { anything, text, text_or_number };

bool acceptable(value_kind kind, accepts what) {
  switch (what) {
    case accepts::anything: return true;
    case accepts::text: return kind == value_kind::string;
    case accepts::text_or_number: return kind == value_kind::string || kind == value_kind::number;
  }
  return false;
}

// The first alias present with an acceptable value. foundation's own `event` may hold any
// value (the library str()-s it); other message aliases must be strings.
template <std::size_t N>
std::uint32_t first_alias(const event& ev, const std::array<std::string_view, N>& keys, accepts what,
                          bool first_only) {
  for (auto key : keys) {
    auto hit = lookup_path(ev, key);
    bool any = what == accepts::anything && key == keys.front();
    if (hit && (any || acceptable(ev.at(hit).kind, what == accepts::anything ? accepts::text : what))) return hit;
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

void resolve_roles(event& ev, bool library_keys_only) {
  ev.role.message = first_alias(ev, message_keys, accepts::anything, library_keys_only);
  ev.role.level = first_alias(ev, level_keys, accepts::text_or_number, library_keys_only);
  ev.role.time = first_alias(ev, time_keys, accepts::text_or_number, library_keys_only);
  ev.role.logger = first_alias(ev, logger_keys, accepts::text, library_keys_only);
}

}  // namespace logmoji
