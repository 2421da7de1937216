#pragma once
// foundation's event-set resolver (docs/foundation.md#event-sets): which mapping a key hits,
// which marker and metadata a value gives; and the registry that adds the user's own sets to
// the library's.

#include <bitset>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "logmoji/emoji_tables.hpp"

namespace logmoji {

/// What a value gives: a marker (empty = none) and the metadata keys to add.
struct resolution {
  std::string_view marker;
  std::span<const metadata_field> metadata;
};

/// Steps 2–4, for `lowered` = Python's str(value).lower().
resolution resolve(const marker_mapping& mapping, std::string_view lowered) noexcept;

/// An event set from the configuration file, owning its text; the same shape as the built-in
/// sets. Values are stored lower-cased, as the resolver compares them.
struct custom_event_set {
  struct field {
    std::string key;
    metadata_kind kind = metadata_kind::string;
    std::string text;
  };
  struct value_fields {
    std::string value;
    std::vector<field> fields;
  };
  struct value_emoji {
    std::string value;
    std::string emoji;
  };
  struct mapping {
    std::string name;
    std::vector<value_emoji> markers;
    std::string default_marker;
    std::vector<value_fields> metadata;
  };
  std::string name;
  int priority = 0;
  std::vector<mapping> mappings;
};

/// The sets the resolver walks: the user's and foundation's, highest priority first; on equal
/// priority the user's set comes first, so it can take over a built-in key.
class event_set_registry {
public:
  explicit event_set_registry(std::vector<custom_event_set> custom = {});
  event_set_registry(const event_set_registry&) = delete;
  event_set_registry& operator=(const event_set_registry&) = delete;

  /// Step 1: the mapping a key hits, or nullptr. The key's last dotted segment or the whole key
  /// names the mapping; `http.`/`llm.`/`db.`/`task.` keys also hit `http_…` etc. when the key
  /// with dots replaced by underscores equals the mapping's name.
  const marker_mapping* find_mapping(std::string_view key) const noexcept;
  /// The same answer by walking every mapping in order: the resolver's definition, which the
  /// indexed lookup above must agree with (the tests compare them).
  const marker_mapping* find_mapping_by_walk(std::string_view key) const noexcept;
  std::span<const event_set> sets() const noexcept { return sets_; }

  /// foundation's sets alone.
  static const event_set_registry& builtin();

private:
  void add_views(const custom_event_set& set);

  std::vector<custom_event_set> custom_;
  // Views into custom_ in the shape of the built-in tables; deques never move their elements.
  std::deque<std::vector<value_marker>> markers_;
  std::deque<std::vector<metadata_field>> fields_;
  std::deque<std::vector<value_metadata>> metadata_;
  std::deque<std::vector<marker_mapping>> mappings_;
  std::vector<event_set> sets_;
  std::unordered_map<std::string_view, std::uint32_t> rank_of_;  // name -> its first mapping's rank
  std::vector<const marker_mapping*> by_rank_;
  std::uint64_t lengths_ = 0;     // bit n: some name has n bytes (63: 63 or more)
  std::bitset<256> first_bytes_;  // the names' first bytes
};

/// The built-in registry's lookup (foundation's sets only).
inline const marker_mapping* find_mapping(std::string_view key) noexcept {
  return event_set_registry::builtin().find_mapping(key);
}

}  // namespace logmoji
