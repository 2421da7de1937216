// Level names, pino/bunyan numbers and foundation's case rules.
#include "logmoji/level.hpp"

#include <array>
#include <cctype>

namespace logmoji {
namespace {

struct level_entry {
  std::string_view name;  // upper case
  int number;
};

constexpr std::array<level_entry, 7> foundation_levels{{
    {"CRITICAL", level_number::critical},
    {"ERROR", level_number::error},
    {"WARNING", level_number::warning},
    {"INFO", level_number::info},
    {"DEBUG", level_number::debug},
    {"TRACE", level_number::trace},
    {"NOTSET", level_number::notset},
}};

// Names other tools write that foundation would count as INFO.
constexpr std::array<level_entry, 6> extra_levels{{
    {"WARN", level_number::warning},
    {"ERR", level_number::error},
    {"FATAL", level_number::critical},
    {"CRIT", level_number::critical},
    {"PANIC", level_number::critical},
    {"EMERG", level_number::critical},
}};

struct pino_entry {
  std::string_view number;
  std::string_view name;
  int rank;
};

constexpr std::array<pino_entry, 6> pino_levels{{
    {"10", "trace", level_number::trace},
    {"20", "debug", level_number::debug},
    {"30", "info", level_number::info},
    {"40", "warning", level_number::warning},
    {"50", "error", level_number::error},
    {"60", "critical", level_number::critical},
}};

// Python's str.strip() removes whitespace; log levels never hold non-ASCII spaces worth more.
std::string_view strip(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view upper) {
  if (a.size() != upper.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != upper[i]) return false;
  return true;
}

template <std::size_t N>
std::optional<int> find_level(const std::array<level_entry, N>& table, std::string_view name) {
  for (const auto& e : table)
    if (iequals(name, e.name)) return e.number;
  return std::nullopt;
}

}  // namespace

int event_level(const node* level, level_rules rules) {
  if (!level) return level_number::info;
  if (level->kind == value_kind::number) {
    for (const auto& p : pino_levels)
      if (p.number == level->text) return p.rank;
    return level_number::info;
  }
  if (level->kind != value_kind::string) return level_number::info;
  std::string_view name = strip(level->text);
  if (auto n = find_level(foundation_levels, name)) return *n;
  if (rules == level_rules::extended)
    if (auto n = find_level(extra_levels, name)) return *n;
  return level_number::info;
}

std::optional<int> parse_level_option(std::string_view name) {
  if (iequals(name, "NOTSET")) return std::nullopt;
  if (auto n = find_level(foundation_levels, name)) return n;
  if (iequals(name, "WARN")) return level_number::warning;
  if (iequals(name, "FATAL")) return level_number::critical;
  return std::nullopt;
}

std::optional<int> parse_foundation_level(std::string_view name) {
  if (iequals(name, "NOTSET")) return std::nullopt;
  return find_level(foundation_levels, name);
}

std::string_view pino_level_name(std::string_view number) {
  for (const auto& p : pino_levels)
    if (p.number == number) return p.name;
  return {};
}

std::string_view level_name(int number) {
  switch (number) {
    case level_number::trace: return "trace";
    case level_number::debug: return "debug";
    case level_number::info: return "info";
    case level_number::warning: return "warning";
    case level_number::error: return "error";
    case level_number::critical: return "critical";
    default: return "notset";
  }
}

}  // namespace logmoji
