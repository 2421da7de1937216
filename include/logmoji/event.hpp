#pragma once
// The event model shared by parser, enrichment, filter and sinks.
//
// A parsed line is a flat tape of nodes in document order; every view points either into the
// parser's string buffer or into the enrichment arena, so nothing is copied per field. Both
// stay valid until the next line is parsed.

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace logmoji {

/// JSON value kinds, plus the three non-standard number tokens Python's json module writes.
enum class value_kind : std::uint8_t {
  object,
  array,
  string,
  number,  ///< text holds the literal exactly as written
  true_value,
  false_value,
  null_value,
  nan_value,  ///< bare NaN
  pos_inf,    ///< bare Infinity
  neg_inf,    ///< bare -Infinity
};

/// A node without a key id (key_table.hpp): an array element, a synthesized field, a key the
/// table had no room for.
inline constexpr std::uint16_t no_key_id = 0xFFFF;

/// One value on the tape. Containers are followed by their descendants; `end` is the index one
/// past the last descendant, so the next sibling of node i is tape[tape[i].end]. The id sits in
/// the kind's padding: 40 bytes a node, five words for the parser to write.
struct node {
  value_kind kind = value_kind::null_value;
  std::uint16_t key_id = no_key_id;  ///< the same for the same key text in one key space
  std::uint32_t end = 0;
  std::string_view key;   ///< member name when the parent is an object, else empty
  std::string_view text;  ///< unescaped string, or the number literal

  constexpr node() = default;
  constexpr node(value_kind k, std::uint32_t e, std::string_view member_name, std::string_view value_text = {},
                 std::uint16_t id = no_key_id)
      : kind(k), key_id(id), end(e), key(member_name), text(value_text) {}
};
static_assert(sizeof(node) == 40);

/// The tape's storage: the part of std::vector's interface the stages use, and, for the parser,
/// room for nodes written through a pointer and then taken in (room(), commit()), without a
/// capacity check per node. Every slot up to the capacity holds a constructed node.
class node_tape {
public:
  node_tape() = default;
  node_tape(const node_tape& other) { *this = other; }
  node_tape(node_tape&& other) noexcept { swap(other); }
  node_tape& operator=(const node_tape& other) {
    if (this != &other) {
      size_ = 0;
      reserve(other.size_);
      std::copy(other.begin(), other.end(), data_.get());
      size_ = other.size_;
    }
    return *this;
  }
  node_tape& operator=(node_tape&& other) noexcept {
    swap(other);
    return *this;
  }
  ~node_tape() = default;

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t capacity() const { return capacity_; }
  void clear() { size_ = 0; }
  void reserve(std::size_t n) {
    if (n > capacity_) grow(n);
  }
  void resize(std::size_t n) {
    reserve(n);
    for (std::size_t i = size_; i < n; ++i) data_[i] = node{};
    size_ = n;
  }
  void push_back(node n) {  // by value: `n` may be one of this tape's nodes
    if (size_ == capacity_) grow(size_ + 1);
    data_[size_++] = n;
  }
  node& operator[](std::size_t i) { return data_[i]; }
  const node& operator[](std::size_t i) const { return data_[i]; }
  node& back() { return data_[size_ - 1]; }
  [[nodiscard]] const node& back() const { return data_[size_ - 1]; }
  node* data() { return data_.get(); }
  [[nodiscard]] const node* data() const { return data_.get(); }
  node* begin() { return data_.get(); }
  node* end() { return data_.get() + size_; }
  [[nodiscard]] const node* begin() const { return data_.get(); }
  [[nodiscard]] const node* end() const { return data_.get() + size_; }

  /// Room for at least `n` nodes after the last: write them from the pointer returned, then
  /// commit() the new size.
  node* room(std::size_t n) {
    reserve(size_ + n);
    return data_.get() + size_;
  }
  void commit(std::size_t n) { size_ = n; }

private:
  void grow(std::size_t n) {
    std::size_t cap = std::max({n, capacity_ * 2, std::size_t{64}});
    std::unique_ptr<node[]> bigger(new node[cap]);
    std::copy(begin(), end(), bigger.get());
    data_ = std::move(bigger);
    capacity_ = cap;
  }
  void swap(node_tape& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
  }
  std::unique_ptr<node[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

inline constexpr std::uint32_t no_node = 0;  // tape[0] is the root object, never a field

/// Node indexes of the well-known fields (docs/design.md#field-roles); no_node when absent.
struct roles {
  std::uint32_t message = no_node;
  std::uint32_t level = no_node;
  std::uint32_t time = no_node;
  std::uint32_t logger = no_node;
  std::uint32_t stack = no_node;  ///< a stack trace or exception (field_roles.hpp stack_aliases)
};

/// The roles' names as -q, -k and -x read them (docs/query.md), and where each role is held.
inline constexpr std::array<std::pair<std::string_view, std::uint32_t roles::*>, 4> role_names{
    {{"time", &roles::time}, {"level", &roles::level}, {"message", &roles::message}, {"logger", &roles::logger}}};

/// A parsed JSON object line.
struct event {
  node_tape tape;                     ///< tape[0] is the root object
  std::vector<std::uint32_t> fields;  ///< top-level value nodes, in output order
  roles role;
  std::string_view line;                     ///< the line as read, for byte-exact re-emission
  std::uint32_t original_message = no_node;  ///< the message before enrichment decorated it
  bool enriched = false;                     ///< the message already carried foundation's prefix
  /// Some string inside an object or a list is not its bytes in the line (an escape was
  /// decoded): masking, which finds a secret's words in the line's bytes first, must look at
  /// such strings themselves.
  bool unescaped = false;
  /// Every string's text lies in `line` as written: the parser read the line's block and the
  /// framer found no backslash in it, so no escape was decoded out of it. False: not known.
  bool strings_in_line = false;
  std::uint32_t key_space = 0;  ///< whose key ids the nodes carry; 0: none

  void clear() {
    line = {};
    original_message = no_node;
    tape.clear();
    fields.clear();
    role = {};
    enriched = false;
    unescaped = false;
    strings_in_line = false;
    key_space = 0;
  }
  [[nodiscard]] const node& at(std::uint32_t i) const { return tape[i]; }
  /// First top-level field with this exact key, or no_node.
  [[nodiscard]] std::uint32_t find(std::string_view key) const {
    for (auto i : fields)
      if (same_key(tape[i].key, key)) return i;
    return no_node;
  }
  /// The first member `key` of node `object`; no_node when there is none or it is no object.
  [[nodiscard]] std::uint32_t member(std::uint32_t object, std::string_view key) const {
    if (object >= tape.size() || tape[object].kind != value_kind::object) return no_node;
    for (std::uint32_t i = object + 1; i < tape[object].end; i = tape[i].end)
      if (same_key(tape[i].key, key)) return i;
    return no_node;
  }
  // Keys of one size mostly differ in their first byte: compared before the call to memcmp
  // (−65 to −75 instructions a line on the container and journal rows).
  static bool same_key(std::string_view a, std::string_view b) {
    return a.size() == b.size() && (a.empty() || (a.front() == b.front() && a == b));
  }
  /// Adds a synthesized top-level scalar field at the end (enrichment metadata, `event`).
  std::uint32_t append_field(std::string_view key, value_kind kind, std::string_view text) {
    tape.push_back(node{kind, 0, key, text});
    auto i = static_cast<std::uint32_t>(tape.size() - 1);
    tape[i].end = i + 1;
    fields.push_back(i);
    return i;
  }
  /// Replaces the value of the top-level field at node `i` by a synthesized scalar, keeping its
  /// key and its position in the field order.
  std::uint32_t replace_field(std::uint32_t i, value_kind kind, std::string_view text) {
    // A node is one field at most: the search stops at the first.
    auto f = std::find(fields.begin(), fields.end(), i);
    return replace_field_at(i, f != fields.end() ? &*f : nullptr, kind, text);
  }
  /// replace_field for a caller that knows where node `i` sits in `fields`: `slot`, or null when
  /// it is no top-level field (a role inside an object).
  std::uint32_t replace_field_at(std::uint32_t i, std::uint32_t* slot, value_kind kind, std::string_view text) {
    std::string_view key = tape[i].key;
    tape.push_back(node{kind, 0, key, text, tape[i].key_id});
    auto n = static_cast<std::uint32_t>(tape.size() - 1);
    tape[n].end = n + 1;
    if (slot) *slot = n;
    role.message = role.message == i ? n : role.message;
    role.level = role.level == i ? n : role.level;
    role.time = role.time == i ? n : role.time;
    role.logger = role.logger == i ? n : role.logger;
    role.stack = role.stack == i ? n : role.stack;
    return n;
  }
  /// Drops a top-level field from the output order.
  void remove_field(std::uint32_t i) { std::erase(fields, i); }
};

[[nodiscard]] inline bool is_container(value_kind k) { return k == value_kind::object || k == value_kind::array; }

/// The field a role's name (`message`, `level`, `time`, `logger`) reads in -q, and `message` in
/// --grep and -o raw: `role`, the role's field whatever its key; else the event's own top-level
/// key of that name, of a type the role does not take ({"message": 42}), as -k finds it.
inline std::uint32_t role_field(const event& ev, std::uint32_t role, std::string_view name) {
  return role != no_node ? role : ev.find(name);
}

}  // namespace logmoji
