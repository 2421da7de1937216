#pragma once
// foundation's event-set resolver (foundation.md §2.2): which mapping a key hits, which marker
// and metadata a value gives.

#include <span>
#include <string_view>

#include "logmoji/emoji_tables.hpp"

namespace logmoji {

/// Step 1: the mapping a key hits, or nullptr. The key's last dotted segment or the whole key
/// names the mapping; `http.`/`llm.`/`db.`/`task.` keys also hit `http_…` etc. when the key
/// with dots replaced by underscores equals the mapping's name.
const marker_mapping* find_mapping(std::string_view key) noexcept;

/// What a value gives: a marker (empty = none) and the metadata keys to add.
struct resolution {
  std::string_view marker;
  std::span<const metadata_field> metadata;
};

/// Steps 2–4, for `lowered` = Python's str(value).lower().
resolution resolve(const marker_mapping& mapping, std::string_view lowered) noexcept;

}  // namespace logmoji
