// Interns keys for key ids (key_table.hpp).
#include "logmoji/key_table.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>

namespace logmoji {

namespace {

// Spaces are unique in the process: parallel workers, the envelope reader and the merge reader
// each have their own parser, and a stage must never take one table's id for another's.
std::uint32_t next_space() {
  static std::atomic<std::uint32_t> last{0};
  return ++last;
}

}  // namespace

key_table::key_table() { reset(); }

void key_table::reset() {
  std::fill(slots_.begin(), slots_.end(), slot{});
  keys_.clear();
  space_ = next_space();
}

std::uint16_t key_table::add(std::size_t i, std::uint64_t first, std::uint64_t last, std::uint32_t hash,
                             std::string_view text, std::size_t size) {
  if (keys_.size() >= capacity) return no_key_id;
  slot& s = slots_[i];
  s = {first, last, hash, static_cast<std::uint16_t>(size), static_cast<std::uint16_t>(keys_.size())};
  if (text.empty()) {
    char bytes[16];
    std::memcpy(bytes, &first, 8);
    std::memcpy(bytes + 8, &last, 8);
    keys_.emplace_back(bytes, size);
  } else {
    keys_.emplace_back(text);
  }
  return s.id;
}

std::uint16_t key_table::intern(std::string_view key) {
  if (key.size() > longest_key) return no_key_id;
  if (slots_.empty()) slots_.resize(slot_count);
  if (key.size() <= short_key) {
    char bytes[short_key * 2] = {};
    std::memcpy(bytes, key.data(), key.size());
    return intern_padded(bytes, key.size());
  }
  // A longer key is known by its first and last eight bytes and a hash of all of it, and
  // compared whole.
  std::uint64_t first;
  std::uint64_t last;
  std::memcpy(&first, key.data(), 8);
  std::memcpy(&last, key.data() + key.size() - 8, 8);
  std::uint32_t h = mix(first, last, key.size());
  for (std::size_t i = 8; i + 8 < key.size(); i += 8) {
    std::uint64_t m;
    std::memcpy(&m, key.data() + i, 8);
    h = mix(m, h, i);
  }
  for (std::size_t i = h & (slot_count - 1);; i = (i + 1) & (slot_count - 1)) {
    slot& s = slots_[i];
    if (s.id == no_key_id) return add(i, first, last, h, key, key.size());
    if (s.first == first && s.last == last && s.size == key.size() && keys_[s.id] == key) return s.id;
  }
}

}  // namespace logmoji
