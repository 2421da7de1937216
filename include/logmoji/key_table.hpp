#pragma once
// Key ids: the parser gives every object member's key a small dense id, the same for the same
// key text on every line, so that each later stage decides what a key means once per run
// (key_memo.hpp) instead of hashing and comparing it on every line.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/event.hpp"

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
  void begin_line() {
    if (keys_.size() >= capacity) reset();
  }
  /// The id of `key`, new or known; no_key_id once the table is full or for a long key.
  std::uint16_t intern(std::string_view key);
  /// Which table (and which generation of it) the ids belong to; never 0.
  [[nodiscard]] std::uint32_t space() const { return space_; }

private:
  void reset();

  static constexpr std::size_t slot_count = capacity * 2;  // a power of two, half full at most
  struct slot {
    std::uint64_t first = 0;  // the key's words (key_table.cpp words_of)
    std::uint64_t last = 0;
    std::uint32_t hash = 0;
    std::uint16_t size = 0;
    std::uint16_t id = no_key_id;
  };
  // Allocated by the first key: a parser that never reads one (an envelope reader's, in a run
  // without envelopes: one per worker) costs nothing.
  std::vector<slot> slots_;
  std::vector<std::string> keys_;  // by id
  std::uint32_t space_ = 0;
};

}  // namespace logmoji
