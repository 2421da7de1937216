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

  /// What `make(key)` says of `n`'s key, remembered by id. The answer must not be 0: 0 marks an
  /// id not asked yet. A node without an id is asked every time.
  template <class Make>
  [[gnu::always_inline]] std::uint8_t get_used(const node& n, Make&& make) {
    if (n.key_id < bytes_.size()) [[likely]] {
      if (std::uint8_t b = bytes_[n.key_id]) [[likely]]
        return b;
      return bytes_[n.key_id] = make(n.key);
    }
    return make(n.key);
  }

private:
  std::array<std::uint8_t, key_table::capacity> bytes_{};
  std::uint32_t space_ = 0;
};

}  // namespace logmoji
