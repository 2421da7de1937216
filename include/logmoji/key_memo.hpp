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
    use(ev);
    return get_used(n, make);
  }

  /// Takes `ev`'s key space: ids of another table (another parser, or this one started again)
  /// mean other keys. A stage that asks for every field of an event calls this once per event
  /// and then get_used(), which skips the check.
  void use(const event& ev) {
    if (ev.key_space == space_) return;
    known_.clear();
    count_ = 0;
    space_ = ev.key_space;
  }

  /// get() for a node of the event last passed to use().
  template <class Make>
  const T& get_used(const node& n, Make&& make) {
    // no_key_id is never below the count: at most key_table::capacity ids.
    if (n.key_id < count_ && known_[n.key_id]) [[likely]]
      return *known_[n.key_id];
    return learn(n, make);
  }

private:
  // Out of the callers' loops: once per key id and key space, and for every key without an id.
  template <class Make>
  [[gnu::noinline]] const T& learn(const node& n, Make& make) {
    if (n.key_id == no_key_id) {
      scratch_.emplace(make(n.key));
      return *scratch_;
    }
    if (n.key_id >= count_) {
      known_.resize(n.key_id + std::size_t{1});
      count_ = n.key_id + 1U;
    }
    return known_[n.key_id].emplace(make(n.key));
  }

  std::vector<std::optional<T>> known_;
  // known_.size(), kept: the vector's size is a subtraction and a division by sizeof, on every
  // lookup.
  std::uint32_t count_ = 0;
  std::optional<T> scratch_;
  std::uint32_t space_ = 0;
};

}  // namespace logmoji
