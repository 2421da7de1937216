// Minimum level and module levels (longest prefix wins).
#include "logmoji/filter.hpp"

#include <algorithm>

namespace logmoji {
namespace {

std::string_view trim(std::string_view s) {
  constexpr std::string_view space = " \t\n\r\f\v";
  auto b = s.find_first_not_of(space);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(space);
  return s.substr(b, e - b + 1);
}

}  // namespace

event_filter::event_filter(const filter_options& options)
    : by_length_(options.module_levels), min_level_(options.min_level), rules_(options.rules) {
  std::stable_sort(by_length_.begin(), by_length_.end(),
                   [](const module_level& a, const module_level& b) { return a.prefix.size() > b.prefix.size(); });
}

int event_filter::threshold(std::string_view logger) const {
  for (const auto& m : by_length_)
    if (logger.starts_with(m.prefix)) return m.level;
  return min_level_;
}

bool event_filter::accepts(const event& ev) const {
  std::string_view logger = unnamed_filter_target;
  if (ev.role.logger && ev.at(ev.role.logger).kind == value_kind::string) logger = ev.at(ev.role.logger).text;
  const node* level = ev.role.level ? &ev.at(ev.role.level) : nullptr;
  return event_level(level, rules_) >= threshold(logger);
}

std::vector<module_level> parse_module_levels(std::string_view text) {
  std::vector<module_level> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string_view item = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    auto colon = item.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view module = trim(item.substr(0, colon));
    auto level = parse_foundation_level(trim(item.substr(colon + 1)));
    if (module.empty() || !level) continue;
    // A dict in the library: a repeated module keeps its first place and takes the last level.
    auto same = std::find_if(out.begin(), out.end(), [&](const module_level& m) { return m.prefix == module; });
    if (same != out.end()) same->level = *level;
    else out.push_back({std::string(module), *level});
  }
  return out;
}

}  // namespace logmoji
