#pragma once
// Enrichment in foundation's order (docs/foundation.md#processor-order): sanitization, then
// the logger-name emoji, then event-set markers and their metadata keys.

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/key_byte_memo.hpp"
#include "logmoji/key_memo.hpp"
#include "logmoji/options.hpp"
#include "logmoji/python_repr.hpp"
#include "logmoji/unaligned.hpp"
#include "logmoji/enrich_event_sets.hpp"
#include "logmoji/enrich_logger_emoji.hpp"
#include "logmoji/enrich_sanitize.hpp"

namespace logmoji {

class role_resolver;

/// The reading of the masking patterns a run's options ask for.
inline pattern_set masking_patterns(const enrich_options& options) {
  return options.word_patterns ? pattern_set::words : pattern_set::library;
}

namespace detail {
/// carries_foundation_prefix past its first byte's test.
bool marker_groups_then_emoji(std::string_view message);
}  // namespace detail

/// True when a message already starts with foundation's prefix: optional `[m]` marker groups
/// and a space, then a logger emoji followed by a space or the end. Inline: asked of every
/// message, and nearly every plain one is rejected by its first byte, a marker group's '[' or a
/// logger emoji's lead byte (0xE2 or above).
inline bool carries_foundation_prefix(std::string_view message) {
  if (message.empty() || (message[0] != '[' && static_cast<unsigned char>(message[0]) < 0xE2)) return false;
  return detail::marker_groups_then_emoji(message);
}

// Every byte of s (at most 16) lands in head or tail, zeros elsewhere: with the size, exact.
inline void short_words(std::string_view s, std::uint64_t& head, std::uint64_t& tail) {
  const char* p = s.data();
  std::size_t n = s.size();
  if (n >= 8) {
    head = load8(p);
    tail = load8(p + n - 8);
  } else {
    head = load_up_to_8(p, n);
  }
}

/// Answers computed from a short string alone (a key, a logger name), remembered in a
/// direct-mapped table: a log's keys repeat line after line, so most lookups are one hash and
/// one comparison of two words. A string of at most 16 bytes is identified exactly by its size
/// and its first and last 8 bytes; longer ones are computed every time. Fixed size: no
/// allocation, and a log of ever-new keys only evicts.
template <class Value, std::size_t Slots = 1024>
class short_string_memo {
  static_assert((Slots & (Slots - 1)) == 0, "a power of two: the index is the hash's top bits");

public:
  template <class Compute>
  Value get(std::string_view s, Compute&& compute) {
    if (s.size() > 16) [[unlikely]]
      return compute(s);
    std::uint64_t head = 0, tail = 0;
    words(s, head, tail);
    std::uint64_t mixed =
        ((head * 0x9E3779B97F4A7C15u) ^ (tail * 0xC2B2AE3D27D4EB4Fu) ^ s.size()) * 0xFF51AFD7ED558CCDu;
    // Two ways per set: a few dozen names in a direct-mapped table of hundreds already collide,
    // and two colliding names seen in turn would miss on every line.
    auto set = static_cast<std::size_t>(mixed >> (64 - std::countr_zero(Slots))) & ~std::size_t{1};
    slot& e = slots_[set];
    if (e.size == s.size() && e.head == head && e.tail == tail) [[likely]]
      return e.value;
    slot& other = slots_[set + 1];
    if (other.size == s.size() && other.head == head && other.tail == tail) return other.value;
    return refill(e, other, s, head, tail, compute);
  }

private:
  struct slot {
    std::uint64_t head = 0, tail = 0;
    std::size_t size = 17;  // no string: sizes above 16 are never stored
    Value value{};
  };
  static void words(std::string_view s, std::uint64_t& head, std::uint64_t& tail) { short_words(s, head, tail); }
  // Out of line, so the hit path above stays small enough to inline.
  // The newest entry goes first; the one it displaces becomes the set's second way.
  template <class Compute>
  [[gnu::noinline]] static Value refill(slot& e, slot& other, std::string_view s, std::uint64_t head,
                                        std::uint64_t tail, Compute& compute) {
    other = e;
    e = {head, tail, s.size(), compute(s)};
    return e.value;
  }
  std::array<slot, Slots> slots_{};
};

/// A text written piece by piece, where a std::string append of each piece costs a call, and
/// one to memcpy for any piece of more than one byte: a piece of up to 32 bytes is moved by one
/// or two overlapping moves (below 8 bytes, one word that may write past it into the room the
/// buffer keeps after its text). Views into it stay valid until it is started again.
class piece_text {
public:
  void start() { size_ = 0; }
  [[gnu::always_inline]] void append(const char* p, std::size_t n) {
    if (bytes_.size() - size_ < n + word_room) [[unlikely]]
      grow(n);
    char* to = bytes_.data() + size_;
    size_ += n;
    if (n > 16) {
      if (n > 32) {
        std::memcpy(to, p, n);
        return;
      }
      std::memcpy(to, p, 16);  // a message's usual size: two overlapping 16-byte moves
      std::memcpy(to + n - 16, p + n - 16, 16);
      return;
    }
    if (n < 8) {
      store8(to, load_up_to_8(p, n));
      return;
    }
    store8(to, load8(p));
    store8(to + n - 8, load8(p + n - 8));
  }
  void operator+=(std::string_view s) { append(s.data(), s.size()); }
  void operator+=(char c) {
    if (bytes_.size() - size_ < 1) [[unlikely]]
      grow(1);
    bytes_[size_++] = c;
  }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::string_view view() const { return {bytes_.data(), size_}; }
  /// Whether `p` points into the text's bytes (a text written from itself would overwrite its
  /// source).
  [[nodiscard]] bool holds(const char* p) const {
    return reinterpret_cast<std::uintptr_t>(p) - reinterpret_cast<std::uintptr_t>(bytes_.data()) < bytes_.size();
  }

private:
  static constexpr std::size_t word_room = 8;
  static void store8(char* to, std::uint64_t w) { std::memcpy(to, &w, 8); }
  [[gnu::noinline]] void grow(std::size_t n) { bytes_.resize(std::max(bytes_.size() * 2, size_ + n + 256)); }
  std::string bytes_;
  std::size_t size_ = 0;
};

class enricher {
public:
  /// `masker` is shared by every worker (the run's plan owns it); the one-argument form uses one
  /// built on first use (tests, tools).
  enricher(const enrich_options& options, const secret_masker& masker);
  explicit enricher(const enrich_options& options);
  /// Masks secrets in top-level strings (dict redaction happens when values are printed).
  void sanitize(event& ev);
  /// roles.resolve(ev, library_keys_only), then sanitize(ev), in one walk over the fields.
  void resolve_and_sanitize(event& ev, role_resolver& roles, bool library_keys_only);
  /// Adds the logger emoji and the markers, unless the message already carries them. Right
  /// after sanitize(ev) it visits only the fields sanitize noted as mapped to an event set; an
  /// event parsed anew into the same object goes through sanitize again first (the pipeline
  /// always does), or decorate is called without sanitize and asks every field.
  /// Inline: a log that foundation already enriched (every message prefixed) needs no call.
  void decorate(event& ev) {
    if (ev.role.message) {
      const node& msg = ev.at(ev.role.message);
      if (msg.kind == value_kind::string) {
        std::string_view text = msg.text;
        if (text.size() >= 4 && (load4(text.data()) | prefix_known) == prefixed_head_ &&
            (text.size() == 4 || text[4] == ' ')) [[likely]] {
          ev.enriched = true;
          return;
        }
        if (carries_foundation_prefix(text) || (!user_prefixes_.empty() && starts_with_user_emoji(text))) {
          remember_prefix(text);
          ev.enriched = true;
          return;
        }
      }
    }
    add_prefix(ev);
  }

private:
  // A log foundation enriched starts most messages with one emoji: the last message's first four
  // bytes, when they alone make a builtin logger emoji (then a space, or the message's end), are
  // kept with prefix_known set, and a message with the same four bytes then a space or its end
  // carries the prefix without the tables being asked. Four bytes that hold a shorter emoji hold
  // its space too, so the test stays exact.
  static constexpr std::uint64_t prefix_known = std::uint64_t{1} << 32;
  std::uint64_t prefixed_head_ = 0;
  [[gnu::noinline]] void remember_prefix(std::string_view text) {
    if (text.size() >= 4 && text[0] != '[' && starts_with_logger_emoji(text.substr(0, 4)))
      prefixed_head_ = load4(text.data()) | prefix_known;
  }

  // What a key alone decides: whether it names a secret, which event-set mapping it hits.
  struct key_facts {
    const marker_mapping* mapping = nullptr;
    bool secret = false;
    // The mapping's part of the marker memo's hash, from its name (mapping_seed): its address
    // moved the memo's slots, and so its misses, with every change of the program's layout.
    std::uint64_t seed = 0;
  };
  // A logger name's emoji: one of the user's (by index, so a copied enricher stays valid) or a
  // view into the static tables.
  struct emoji_choice {
    int user = -1;
    std::string_view builtin;
  };

  // A string of the line's arena, empty: valid until the next line is sanitized.
  std::string& scratch() {
    if (arena_used_ == arena_.size()) [[unlikely]]
      grow_arena();
    std::string& s = *arena_[arena_used_++];
    s.clear();
    return s;
  }
  [[gnu::noinline]] void grow_arena();
  // Puts masked_ in the arena as field `i`'s new value.
  [[gnu::noinline]] void keep_masked(event& ev, std::uint32_t i);
  [[gnu::noinline]] void mask_inside(event& ev, std::uint32_t i, bool line_clean);
  template <bool Resolve>
  void sanitize_with(event& ev, role_resolver* roles, bool library_keys_only);
  template <bool Mask, bool Resolve>
  bool sanitize_fields(event& ev, std::uint32_t& mapped, role_resolver* roles, bool library_keys_only);
  // The two loops over every field of every line ask one byte per key id first: most keys are
  // neither secret nor mapped (exactly key_known), and need nothing else.
  enum key_bit : std::uint8_t { key_known = 1, key_secret = 2, key_mapped = 4 };
  void use_key_bits(const event& ev) { key_bits_.use(ev); }
  std::uint8_t key_bits(const node& n) {
    return key_bits_.get_used(n, [this](std::string_view key) { return learn_key_bits(key); });
  }
  [[gnu::noinline]] std::uint8_t learn_key_bits(std::string_view key) const;
  // The two loops over every field of every line take the key space once per event (use()).
  const key_facts& facts(const node& n) {
    return key_facts_.get_used(n, [this](std::string_view key) {
      const marker_mapping* mapping = event_sets_->find_mapping(key);
      return key_facts{mapping, is_secret_key(key), mapping ? mapping_seed(*mapping) : 0};
    });
  }
  // Inline in add_prefix, its one caller on every line (and collect_markers in both callers).
  [[gnu::always_inline]] inline std::string_view logger_emoji(const event& ev);
  emoji_choice emoji_for_name(std::string_view name) const;
  bool starts_with_user_emoji(std::string_view text) const;
  // Appends the markers' "[m]" groups to `out` (a std::string or a piece_text) and adds their
  // metadata fields.
  template <class Text>
  [[gnu::always_inline]] inline void collect_markers(event& ev, Text& out);
  // The logger emoji and the markers, on a message that does not carry them yet.
  void add_prefix(event& ev);
  // add_prefix for a message that is no string, or one written by add_prefix itself.
  [[gnu::noinline]] void add_prefix_to_other(event& ev, std::string_view emoji);
  [[gnu::noinline]] void add_prefix_in_steps(event& ev, std::string_view emoji);
  struct resolution_slot;
  // resolve()'s answer for field `i`, from resolutions_ when remembered there: inline, asked for
  // every mapped field of every line; a miss is learnt out of line.
  static std::uint64_t mapping_seed(const marker_mapping& mapping);
  [[gnu::always_inline]] inline const resolution_slot& resolve_value(const marker_mapping& mapping, std::uint64_t seed,
                                                                     const event& ev, std::uint32_t i);
  [[gnu::noinline]] const resolution_slot& learn_resolution(const marker_mapping& mapping, const event& ev,
                                                            std::uint32_t i, resolution_slot* slot, std::uint64_t head,
                                                            std::uint64_t tail);
  // Sets the message to `text`: in place when the message field exists, else as a new `event`
  // key at the end, where foundation puts it.
  [[gnu::always_inline]] void set_message(event& ev, std::string_view text) {
    if (ev.role.message)
      ev.role.message = ev.replace_field_at(ev.role.message, message_slot(ev), value_kind::string, text);
    else
      ev.role.message = ev.append_field("event", value_kind::string, text);
  }
  // The message's slot in ev.fields (null when it is no top-level field): where the last line
  // had it, counted from the first field or from the last (a log writes its message after a
  // fixed number of fields, or before one: pino's msg, structlog's event), else searched for.
  std::uint32_t* message_slot(event& ev) {
    const std::size_t size = ev.fields.size();
    if (message_at_ < size && ev.fields[message_at_] == ev.role.message) [[likely]]
      return &ev.fields[message_at_];
    if (message_before_end_ < size && ev.fields[size - 1 - message_before_end_] == ev.role.message) [[likely]]
      return &ev.fields[size - 1 - message_before_end_];
    return find_message_slot(ev);
  }
  [[gnu::noinline]] std::uint32_t* find_message_slot(event& ev);

  enrich_options options_;
  const event_set_registry* event_sets_;             // owned by options_ or static
  std::vector<logger_prefix_option> user_prefixes_;  // longest first
  const secret_masker* masker_;
  // Strings owned one by one: growing the list never moves the strings views point into.
  std::vector<std::unique_ptr<std::string>> arena_;
  std::size_t arena_used_ = 0;
  std::string lowered_;
  std::string markers_;
  piece_text decorated_;  // add_prefix's "[m]… emoji message" of a string message
  std::string masked_;    // mask()'s output; swapped into the arena only when a string changed
  key_memo<key_facts> key_facts_;
  // resolve()'s answers for a mapped field's string or number of at most 16 bytes, by mapping,
  // kind and text (str() of such a value depends on nothing else): statuses and methods repeat.
  // 256 slots, not 32: the pino corpus's methods, statuses and systems missed 15 % of lookups in
  // 32 (slot conflicts), each miss a lowering and a walk of the mapping's values.
  // The answer keeps its marker written as the prefix shows it, "[m]", so that a line appends
  // it at once; a marker too long for that is written by the caller (`grouped` empty).
  struct resolution_slot {
    const marker_mapping* mapping = nullptr;  // none: an empty slot
    std::uint64_t head = 0, tail = 0;
    std::size_t size = 0;
    value_kind kind = value_kind::null_value;
    std::uint8_t grouped_size = 0;
    std::array<char, 30> grouped{};
    resolution answer;
  };
  std::array<resolution_slot, 256> resolutions_{};
  resolution_slot unremembered_;  // the answer for a value no slot keeps (long, or of another kind)
  // The positions in ev.fields of the fields whose key maps to an event set, noted by
  // sanitize's walk over every field so that decorate (run next on the same event) needs no walk
  // of its own. Positions, not nodes: replace_field edits a position in place.
  struct mapped_fields {
    const event* ev = nullptr;  // none: decorate walks the fields itself
    const char* line = nullptr;
    std::size_t fields = 0;  // ev.fields.size() when noted
    std::uint32_t count = 0;
    std::array<std::uint32_t, 16> at{};
  };
  mapped_fields mapped_;
  // The message's slot in ev.fields on the last line it was searched for, from either end.
  std::size_t message_at_ = 0;
  std::size_t message_before_end_ = 0;
  key_byte_memo key_bits_;  // by key id: key_bit
  short_string_memo<emoji_choice, 256> logger_emoji_;
  redaction message_redaction_;  // for the text of a message that is no string
};

}  // namespace logmoji
