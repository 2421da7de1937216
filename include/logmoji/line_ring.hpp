#pragma once
// The last N lines of a stream in bounded memory: -n N on input that cannot be entered from its
// end (a pipe, a compressed file) is read through, keeping only what it will show.

#include <cstdint>
#include <string>
#include <vector>

#include "logmoji/framer.hpp"

namespace logmoji {

class line_ring {
public:
  explicit line_ring(std::uint64_t capacity) : capacity_(capacity) {}

  /// Keeps a copy of `l`, dropping the oldest line kept when full. Slots are reused, so once
  /// the ring is full a line costs a copy and no allocation (unless it is longer than before).
  void push(const line& l) {
    if (capacity_ == 0) return;
    if (slots_.size() < capacity_) {
      slots_.push_back({std::string(l.bytes), l.number, l.truncated});
      return;
    }
    slot& s = slots_[oldest_];
    s.bytes.assign(l.bytes);
    s.number = l.number;
    s.truncated = l.truncated;
    oldest_ = (oldest_ + 1) % slots_.size();
  }

  /// Hands the lines kept to `handle`, oldest first, until it returns false.
  template <class Handle>
  bool drain(Handle&& handle) const {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      const slot& s = slots_[(oldest_ + i) % slots_.size()];
      if (!handle(line{s.bytes, s.number, s.truncated})) return false;
    }
    return true;
  }

  [[nodiscard]] std::size_t size() const { return slots_.size(); }

private:
  struct slot {
    std::string bytes;
    std::uint64_t number;
    bool truncated;
  };
  std::uint64_t capacity_;
  std::vector<slot> slots_;
  std::size_t oldest_ = 0;
};

}  // namespace logmoji
