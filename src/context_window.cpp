// The -B ring of hidden events (see the header for why it keeps bytes).
#include "logmoji/context_window.hpp"

namespace logmoji {

std::uint64_t context_window::push(std::string_view event_line, std::uint64_t unit, window_source source) {
  if (entries_.empty()) return 0;
  std::uint64_t dropped = 0;
  std::size_t slot = (first_ + size_) % entries_.size();
  if (size_ == entries_.size()) {
    dropped = entries_[first_].continuations;
    slot = first_;
    first_ = (first_ + 1) % entries_.size();
  } else {
    ++size_;
  }
  entry& e = entries_[slot];
  e.text.assign(event_line);
  e.event_size = event_line.size();
  e.unit = unit;
  e.continuations = 0;
  e.source.assign(source.source);
  e.source_key.assign(source.key);
  e.source_width = source.width;
  e.input.assign(source.input);
  return dropped;
}

bool context_window::append(std::string_view line) {
  if (size_ == 0) return false;
  entry& e = entries_[(first_ + size_ - 1) % entries_.size()];
  if (e.text.size() - e.event_size + line.size() + 1 > max_entry_bytes) return false;
  e.text.push_back('\n');
  e.text.append(line);
  ++e.continuations;
  return true;
}

std::uint64_t context_window::clear() {
  std::uint64_t dropped = 0;
  for (std::size_t k = 0; k < size_; ++k) dropped += entries_[(first_ + k) % entries_.size()].continuations;
  first_ = 0;
  size_ = 0;
  return dropped;
}

}  // namespace logmoji
