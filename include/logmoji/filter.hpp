#pragma once
// Selection: minimum level and per-logger-prefix levels, exactly foundation's rule
// (foundation.md §4.2): the longest plain-string prefix of the logger name sets the threshold.

#include <string_view>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/options.hpp"

namespace logmoji {

class event_filter {
public:
  explicit event_filter(const filter_options& options);
  /// True when the event is selected.
  [[nodiscard]] bool accepts(const event& ev) const;
  /// The threshold for a logger name.
  [[nodiscard]] int threshold(std::string_view logger) const;

private:
  std::vector<module_level> by_length_;  // longest prefix first, stable
  int min_level_;
  level_rules rules_;
};

/// Parses `mod:LEVEL,mod2:LEVEL` like PROVIDE_LOG_MODULE_LEVELS: items are trimmed and split at
/// the first ':'; items without ':', with an empty module or an invalid level are skipped.
std::vector<module_level> parse_module_levels(std::string_view text);

/// The name foundation filters an event without logger_name under.
inline constexpr std::string_view unnamed_filter_target = "unnamed_filter_target";

}  // namespace logmoji
