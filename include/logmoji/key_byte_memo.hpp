#pragma once
// key_memo for a one-byte answer asked of every field of every line (roles, masking): a fixed
// table indexed by key id, so a hit is one compare with a constant and one load, without
// key_memo's size load and std::optional flag.

#include <array>
#include <cstdint>

#include "logmoji/event.hpp"
#include "logmoji/key_table.hpp"

namespace logmoji {

class key_byte_memo {
public:
  /// Takes `ev`'s key space (ids of another space mean other keys); once per event.
  void use(const event& ev) {
    if (ev.key_space == space_) return;
    bytes_.fill(0);
    space_ = ev.key_space;
  }

  /// The answer remembered for `n`'s key, 0 when there is none yet (or `n` has no id): a loop
  /// compares it with its common answer first and calls learn() only on 0.
  [[nodiscard]] std::uint8_t peek(const node& n) const { return n.key_id < bytes_.size() ? bytes_[n.key_id] : 0; }

  /// What `make(key)` says of `n`'s key, remembered by id. The answer must not be 0. A node
  /// without an id is asked every time.
  template <class Make>
  std::uint8_t learn(const node& n, Make&& make) {
    std::uint8_t b = make(n.key);
    if (n.key_id < bytes_.size()) bytes_[n.key_id] = b;
    return b;
  }

  /// peek(), and learn() when there is no answer yet.
  template <class Make>
  [[gnu::always_inline]] std::uint8_t get_used(const node& n, Make&& make) {
    if (std::uint8_t b = peek(n)) [[likely]]
      return b;
    return learn(n, make);
  }

private:
  std::array<std::uint8_t, key_table::capacity> bytes_{};
  std::uint32_t space_ = 0;
};

}  // namespace logmoji
