#pragma once
// foundation's emoji tables and logmoji's hash palette: data only (src/emoji_tables.cpp).

#include <cstdint>
#include <span>
#include <string_view>

namespace logmoji {

/// One row of foundation's logger-name prefix table (docs/foundation.md#prefix-table).
struct logger_prefix {
  std::string_view prefix;
  std::string_view emoji;
};

/// Typed metadata values: the library adds strings and booleans.
enum class metadata_kind : std::uint8_t { string, true_value, false_value };

/// A key an event set adds when its value is seen (only if the key is absent).
struct metadata_field {
  std::string_view key;
  metadata_kind kind;
  std::string_view text;  ///< for metadata_kind::string
};

struct value_marker {
  std::string_view value;  ///< lower case
  std::string_view marker;
};

struct value_metadata {
  std::string_view value;
  std::span<const metadata_field> fields;
};

/// One field mapping of an event set (e.g. `http_method`).
struct marker_mapping {
  std::string_view name;
  std::span<const value_marker> markers;
  std::string_view default_marker;  ///< empty: unknown values give no marker
  std::span<const value_metadata> metadata;
};

/// A registered event set (docs/foundation.md#event-sets).
struct event_set {
  std::string_view name;
  int priority;
  std::span<const marker_mapping> mappings;
};

/// foundation's prefix table in match order (longest prefix first).
std::span<const logger_prefix> logger_prefixes() noexcept;
/// 🔹: the emoji of every name no prefix matches.
std::string_view default_logger_emoji() noexcept;
/// logmoji's palette for the family hash: single-code-point wide emoji, fixed order.
std::span<const std::string_view> hash_palette() noexcept;
/// The event sets in the resolver's walking order (priority, highest first).
std::span<const event_set> event_sets() noexcept;

}  // namespace logmoji
