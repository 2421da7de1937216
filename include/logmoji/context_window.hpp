#pragma once
// -B N: the last N hidden events, each with the non-JSON lines that followed it, kept as the
// bytes read (not parsed, not rendered: most are never shown, and rendering them all would cost
// every hidden event a render). When a selected event comes, they are replayed oldest first.
// Memory is bounded: N entries whose strings keep their capacity (nothing is allocated once
// they have grown), and each entry holds at most `max_entry_bytes` of continuation lines.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace logmoji {

/// The prefix source a hidden event came with (`web-1` of `docker compose logs`, the key its
/// event holds it under, the producer's width: envelope_item): its replay shows it in the source
/// column as the event would have been shown. Empty: no source.
struct window_source {
  std::string_view source;
  std::string_view key;
  std::uint32_t width = 0;
  std::string_view input = {};  ///< the input it came from, when output is labelled by input
};

class context_window {
public:
  /// Continuation bytes kept per entry; lines past it are dropped (counted as hidden).
  static constexpr std::size_t max_entry_bytes = std::size_t{8} << 20;

  explicit context_window(std::size_t capacity) : entries_(capacity) {}

  [[nodiscard]] std::size_t capacity() const { return entries_.size(); }
  [[nodiscard]] std::size_t size() const { return size_; }

  /// Keeps a hidden event line (unit: its place in the input, for the group separator). When
  /// full, the oldest entry leaves for good: returns how many continuation lines it took with it.
  std::uint64_t push(std::string_view event_line, std::uint64_t unit, window_source source = {});
  /// Adds a continuation line to the newest entry; false when it was not kept (no entry, or the
  /// entry is full), so the caller counts it as hidden.
  bool append(std::string_view line);

  /// Visits the entries oldest first, then empties the window. `event(line, unit, source)`, with
  /// the source it was pushed with, and `continuation(line)` are called in input order.
  template <class Event, class Continuation>
  void replay(Event event, Continuation continuation) {
    for (std::size_t k = 0; k < size_; ++k) {
      const entry& e = entries_[(first_ + k) % entries_.size()];
      std::string_view text = e.text;
      event(text.substr(0, e.event_size), e.unit, window_source{e.source, e.source_key, e.source_width, e.input});
      text.remove_prefix(e.event_size);
      while (!text.empty()) {
        // Each continuation line is stored with a '\n' before it (lines never contain one).
        text.remove_prefix(1);
        auto end = text.find('\n');
        continuation(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end);
      }
    }
    clear();
  }

  /// Empties the window; returns how many continuation lines were dropped with it.
  std::uint64_t clear();

private:
  struct entry {
    std::string text;  // the event line, then "\n" + line for each continuation line
    std::size_t event_size = 0;
    std::uint64_t unit = 0;
    std::uint64_t continuations = 0;
    std::string source, source_key, input;  // kept like `text`: their capacity stays for the next event
    std::uint32_t source_width = 0;
  };

  std::vector<entry> entries_;
  std::size_t first_ = 0;
  std::size_t size_ = 0;
};

}  // namespace logmoji
