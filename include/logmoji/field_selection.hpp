#pragma once
// -k/--keys and -x/--hide: which top-level fields an output shows.

#include <string>
#include <vector>

#include "logmoji/event.hpp"

namespace logmoji {

class field_selection {
public:
  field_selection(std::vector<std::string> keep, std::vector<std::string> hide, bool keep_columns);
  [[nodiscard]] bool active() const { return !keep_.empty() || !hide_.empty(); }
  /// Removes the fields not selected from ev.fields. With keep_columns (the console), the
  /// fields shown as columns (time, level, message, logger) stay unless -x names them.
  void apply(event& ev) const;

private:
  [[nodiscard]] bool listed(const std::vector<std::string>& names, std::string_view key) const;
  [[nodiscard]] bool is_column(const event& ev, std::uint32_t i) const;

  std::vector<std::string> keep_;
  std::vector<std::string> hide_;
  bool keep_columns_;
};

/// Splits "a,b,c" into its non-empty, trimmed items.
std::vector<std::string> split_list(const std::vector<std::string>& values);

}  // namespace logmoji
