// -k/--keys and -x/--hide.
#include "logmoji/field_selection.hpp"

#include <algorithm>

namespace logmoji {

field_selection::field_selection(std::vector<std::string> keep, std::vector<std::string> hide, bool keep_columns)
    : keep_(std::move(keep)), hide_(std::move(hide)), keep_columns_(keep_columns) {}

bool field_selection::listed(const std::vector<std::string>& names, std::string_view key) const {
  return std::find(names.begin(), names.end(), key) != names.end();
}

bool field_selection::is_column(const event& ev, std::uint32_t i) const {
  std::string_view key = ev.at(i).key;
  return i == ev.role.time || i == ev.role.level || i == ev.role.message || key == "logger" || key == "logger_name";
}

void field_selection::apply(event& ev) const {
  if (!active()) return;
  std::erase_if(ev.fields, [&](std::uint32_t i) {
    std::string_view key = ev.at(i).key;
    if (listed(hide_, key)) return true;
    if (keep_.empty() || listed(keep_, key)) return false;
    return !(keep_columns_ && is_column(ev, i));
  });
  // A hidden column disappears from the console too.
  for (auto* r : {&ev.role.time, &ev.role.level, &ev.role.message, &ev.role.logger})
    if (*r && listed(hide_, ev.at(*r).key)) *r = no_node;
}

std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      std::size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string item = v.substr(start, comma - start);
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      if (!item.empty()) out.push_back(item);
      start = comma + 1;
    }
  }
  return out;
}

}  // namespace logmoji
