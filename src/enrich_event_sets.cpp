// The event-set resolver: mapping lookup by key, then marker and metadata by value.
#include "logmoji/event_sets.hpp"

#include <array>

namespace logmoji {
namespace {

struct dotted_family {
  std::string_view key_prefix;      // "http."
  std::string_view mapping_prefix;  // "http_"
};

constexpr std::array<dotted_family, 4> families{{
    {"http.", "http_"}, {"llm.", "llm_"}, {"db.", "db_"}, {"task.", "task_"}}};

// key.replace(".", "_") == name, without building the replaced string.
bool equals_with_underscores(std::string_view key, std::string_view name) {
  if (key.size() != name.size()) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    char c = key[i] == '.' ? '_' : key[i];
    if (c != name[i]) return false;
  }
  return true;
}

bool hits(const marker_mapping& m, std::string_view key, std::string_view simple) {
  if (m.name == simple || m.name == key) return true;
  for (const auto& f : families)
    if (key.starts_with(f.key_prefix) && m.name.starts_with(f.mapping_prefix) && equals_with_underscores(key, m.name))
      return true;
  return false;
}

}  // namespace

const marker_mapping* find_mapping(std::string_view key) noexcept {
  auto dot = key.rfind('.');
  std::string_view simple = dot == std::string_view::npos ? key : key.substr(dot + 1);
  for (const auto& set : event_sets())
    for (const auto& mapping : set.mappings)
      if (hits(mapping, key, simple)) return &mapping;
  return nullptr;
}

resolution resolve(const marker_mapping& mapping, std::string_view lowered) noexcept {
  resolution r{mapping.default_marker, {}};
  for (const auto& vm : mapping.markers)
    if (vm.value == lowered) {
      r.marker = vm.marker;
      break;
    }
  // Metadata is keyed by the value on its own: 2xx has metadata but falls back to ❓.
  for (const auto& md : mapping.metadata)
    if (md.value == lowered) {
      r.metadata = md.fields;
      break;
    }
  return r;
}

}  // namespace logmoji
