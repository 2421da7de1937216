#pragma once
// A stage's answer per key, computed the first time a key id is seen (key_table.hpp). A node
// without an id (a synthesized field, a full table, an event not built by the parser) is
// computed every time.

#include <optional>
#include <string_view>
#include <vector>

#include "logmoji/event.hpp"

namespace logmoji {

template <class T>
class key_memo {
public:
  /// What `make(key)` says of `n`'s key, remembered per key id of `ev`'s key space.
  template <class Make>
  const T& get(const event& ev, const node& n, Make&& make) {
    if (n.key_id == no_key_id) {
      scratch_.emplace(make(n.key));
      return *scratch_;
    }
    if (ev.key_space != space_) {
      // Ids of another table (another parser, or this one started again) mean other keys.
      known_.clear();
      space_ = ev.key_space;
    }
    if (n.key_id >= known_.size()) known_.resize(n.key_id + std::size_t{1});
    std::optional<T>& answer = known_[n.key_id];
    if (!answer) answer.emplace(make(n.key));
    return *answer;
  }

private:
  std::vector<std::optional<T>> known_;
  std::optional<T> scratch_;
  std::uint32_t space_ = 0;
};

}  // namespace logmoji
