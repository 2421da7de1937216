// The event-set resolver: mapping lookup by key, then marker and metadata by value.
#include "logmoji/enrich_event_sets.hpp"

#include <algorithm>
#include <array>

namespace logmoji {
namespace {

struct dotted_family {
  std::string_view key_prefix;      // "http."
  std::string_view mapping_prefix;  // "http_"
};

constexpr std::array<dotted_family, 4> families{
    {{"http.", "http_"}, {"llm.", "llm_"}, {"db.", "db_"}, {"task.", "task_"}}};

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

event_set_registry::event_set_registry(std::vector<custom_event_set> custom) : custom_(std::move(custom)) {
  for (const auto& set : custom_) add_views(set);
  auto builtins = event_sets();
  sets_.insert(sets_.end(), builtins.begin(), builtins.end());
  // Stable: the user's sets, added first, stay ahead of built-ins of the same priority.
  std::stable_sort(sets_.begin(), sets_.end(),
                   [](const event_set& a, const event_set& b) { return a.priority > b.priority; });
  // Each name's first mapping in walking order: later ones of the same name can never be hit.
  for (const auto& set : sets_)
    for (const auto& mapping : set.mappings)
      if (rank_of_.emplace(mapping.name, static_cast<std::uint32_t>(by_rank_.size())).second) {
        by_rank_.push_back(&mapping);
        std::size_t n = std::min<std::size_t>(mapping.name.size(), 63);
        lengths_ |= std::uint64_t{1} << n;
        if (!mapping.name.empty()) first_bytes_.set(static_cast<unsigned char>(mapping.name[0]));
      }
}

void event_set_registry::add_views(const custom_event_set& set) {
  auto& mappings = mappings_.emplace_back();
  for (const auto& m : set.mappings) {
    auto& markers = markers_.emplace_back();
    for (const auto& vm : m.markers) markers.push_back({vm.value, vm.emoji});
    auto& metadata = metadata_.emplace_back();
    for (const auto& md : m.metadata) {
      auto& fields = fields_.emplace_back();
      for (const auto& f : md.fields) fields.push_back({f.key, f.kind, f.text});
      metadata.push_back({md.value, fields});
    }
    mappings.push_back({m.name, markers, m.default_marker, metadata});
  }
  sets_.push_back({set.name, set.priority, mappings});
}

const event_set_registry& event_set_registry::builtin() {
  static const event_set_registry registry;
  return registry;
}

const marker_mapping* event_set_registry::find_mapping_by_walk(std::string_view key) const noexcept {
  auto dot = key.rfind('.');
  std::string_view simple = dot == std::string_view::npos ? key : key.substr(dot + 1);
  for (const auto& set : sets_)
    for (const auto& mapping : set.mappings)
      if (hits(mapping, key, simple)) return &mapping;
  return nullptr;
}

// The walk asks, mapping by mapping, whether its name is the key, the key's last segment or
// (for http./llm./db./task. keys) the key with dots as underscores. The first mapping to say
// yes is the one of lowest rank among those three names: three lookups instead of a walk.
const marker_mapping* event_set_registry::find_mapping(std::string_view key) const noexcept {
  auto best = static_cast<std::uint32_t>(by_rank_.size());
  auto consider = [&](std::string_view name) {
    // Most keys fail on their length or first byte, before any hashing.
    if (name.empty() || !(lengths_ >> std::min<std::size_t>(name.size(), 63) & 1) ||
        !first_bytes_.test(static_cast<unsigned char>(name[0])))
      return;
    if (auto it = rank_of_.find(name); it != rank_of_.end()) best = std::min(best, it->second);
  };
  auto dot = key.rfind('.');
  consider(key);
  if (dot != std::string_view::npos) consider(key.substr(dot + 1));
  for (const auto& f : families) {
    if (!key.starts_with(f.key_prefix)) continue;
    char buf[256];
    if (key.size() > sizeof buf) return find_mapping_by_walk(key);
    std::replace_copy(key.begin(), key.end(), buf, '.', '_');
    consider(std::string_view(buf, key.size()));
    break;
  }
  return best < by_rank_.size() ? by_rank_[best] : nullptr;
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
