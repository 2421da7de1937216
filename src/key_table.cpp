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

// Keys are short: a key of up to 16 bytes is read as two overlapping words (the first and the
// last eight bytes, or four, or each byte), which with its length tell it from any other key.
struct key_words {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
};

key_words words_of(std::string_view key) {
  key_words w;
  const char* p = key.data();
  std::size_t n = key.size();
  if (n >= 8) {
    std::memcpy(&w.first, p, 8);
    std::memcpy(&w.last, p + n - 8, 8);
  } else if (n >= 4) {
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    w.first = a;
    w.last = b;
  } else {
    for (std::size_t i = 0; i < n; ++i) w.first |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
  return w;
}

std::uint32_t mix(const key_words& w, std::size_t size) {
  std::uint64_t h = (w.first * 0x9E3779B97F4A7C15ULL) ^ (w.last * 0xC2B2AE3D27D4EB4FULL) ^ size;
  return static_cast<std::uint32_t>((h ^ (h >> 29)) >> 16);
}

}  // namespace

key_table::key_table() { reset(); }

void key_table::reset() {
  std::fill(slots_.begin(), slots_.end(), slot{});
  keys_.clear();
  space_ = next_space();
}

std::uint16_t key_table::intern(std::string_view key) {
  if (key.size() > longest_key) return no_key_id;
  key_words w = words_of(key);
  std::uint32_t h = mix(w, key.size());
  // A longer key's middle bytes are not in its words: compare it whole.
  bool whole = key.size() > 16;
  if (whole)
    for (std::size_t i = 8; i + 8 < key.size(); i += 8) {
      std::uint64_t m;
      std::memcpy(&m, key.data() + i, 8);
      h = mix({m, h}, i);
    }
  if (slots_.empty()) slots_.resize(slot_count);
  for (std::size_t i = h & (slot_count - 1);; i = (i + 1) & (slot_count - 1)) {
    slot& s = slots_[i];
    if (s.id == no_key_id) {
      if (keys_.size() >= capacity) return no_key_id;
      s = {w.first, w.last, h, static_cast<std::uint16_t>(key.size()), static_cast<std::uint16_t>(keys_.size())};
      keys_.emplace_back(key);
      return s.id;
    }
    if (s.first == w.first && s.last == w.last && s.size == key.size() && (!whole || keys_[s.id] == key)) return s.id;
  }
}

}  // namespace logmoji
