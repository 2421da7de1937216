#pragma once
// Key ids: the parser gives every object member's key a small dense id, the same for the same
// key text on every line, so that each later stage decides what a key means once per run
// (key_memo.hpp) instead of hashing and comparing it on every line.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/padded_scan.hpp"

namespace logmoji {

class key_table {
public:
  /// Most ids one table hands out before it starts again under a new key space.
  static constexpr std::size_t capacity = 4096;
  /// Longer keys get no id: they are rare and would make the table large.
  static constexpr std::size_t longest_key = 256;

  key_table();

  /// Called before each line: a full table starts again, under a new space, so that keys that
  /// drift over a long run (ids built from request data) never leave the new ones without ids.
  /// The first line allocates the table.
  void begin_line() {
    if (keys_.size() >= capacity || slots_.empty()) [[unlikely]] {
      if (slots_.empty()) slots_.resize(slot_count);
      if (keys_.size() >= capacity) reset();
    }
  }
  /// The id of `key`, new or known; no_key_id once the table is full or for a long key.
  std::uint16_t intern(std::string_view key);
  /// intern() of the `size` bytes at `p`, which may read 16 bytes from `p` (a padded buffer):
  /// a short key is then two masked loads, no copy and no branch on its length. Only after
  /// begin_line() or intern() (the table is allocated).
  std::uint16_t intern_padded(const char* p, std::size_t size) {
    if (size > short_key) [[unlikely]]
      return intern({p, size});
    padded_words w = words_of_padded(p, size);
    return find_short(w.head, w.tail, size);
  }
  /// Which table (and which generation of it) the ids belong to; never 0.
  [[nodiscard]] std::uint32_t space() const { return space_; }

private:
  void reset();

  // A key of up to 16 bytes is its bytes, zero-padded to two words: equal words and sizes are
  // equal keys.
  static constexpr std::size_t short_key = padded_words_most;
  static std::uint32_t mix(std::uint64_t first, std::uint64_t last, std::size_t size) {
    std::uint64_t h = (first * 0x9E3779B97F4A7C15ULL) ^ (last * 0xC2B2AE3D27D4EB4FULL) ^ size;
    return static_cast<std::uint32_t>((h ^ (h >> 29)) >> 16);
  }
  // The short keys' hash: one multiply, its top bits taken (the table is indexed by them). The
  // size is left out: keys that differ only in it (trailing NULs) are rare, and cost a probe.
  static std::uint32_t short_mix(std::uint64_t lo, std::uint64_t hi) {
    return static_cast<std::uint32_t>(((lo + hi) * 0x9E3779B97F4A7C15ULL) >> 40);
  }
  std::uint16_t find_short(std::uint64_t lo, std::uint64_t hi, std::size_t size) {
    std::uint32_t h = short_mix(lo, hi);
    for (std::size_t i = h & (slot_count - 1);; i = (i + 1) & (slot_count - 1)) {
      const slot& s = slots_[i];
      // One test for the three fields: a free slot's size (free_size) is no key's.
      if (((s.first ^ lo) | (s.last ^ hi) | (s.size ^ size)) == 0) [[likely]]
        return s.id;
      if (s.size == free_size) return add(i, lo, hi, h, {}, size);
    }
  }
  // Takes free slot `i` for a new key (`text` empty: a short key, its words say all of it).
  std::uint16_t add(std::size_t i, std::uint64_t first, std::uint64_t last, std::uint32_t hash, std::string_view text,
                    std::size_t size);

  static constexpr std::size_t slot_count = capacity * 2;  // a power of two, half full at most
  static constexpr std::uint16_t free_size = 0xFFFF;       // above longest_key
  struct slot {
    std::uint64_t first = 0;  // the key's words (key_table.cpp words_of)
    std::uint64_t last = 0;
    std::uint32_t hash = 0;
    std::uint16_t size = free_size;
    std::uint16_t id = no_key_id;
  };
  // Allocated by the first key: a parser that never reads one (an envelope reader's, in a run
  // without envelopes: one per worker) costs nothing.
  std::vector<slot> slots_;
  std::vector<std::string> keys_;  // by id
  std::uint32_t space_ = 0;
};

}  // namespace logmoji
