#pragma once
// The envelope stage (docs/envelopes.md). Container runtimes, journald, OpenTelemetry and
// loguru wrap each log record in one of their own; logfmt lines carry events too. Before the
// parser, this stage turns one input line into zero (a split line waiting for its end), one or
// many event texts: JSON objects the ordinary parser reads, so every filter, output and summary
// works on them unchanged. A plain JSON line is told apart by its first bytes and goes on as it
// is.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "logmoji/framer.hpp"
#include "logmoji/options.hpp"

namespace logmoji {

struct event;
class event_parser;

/// One event text, or one piece of input that is shown raw and counted.
/// Why a split line longer than --max-line-size is given up: its start is shown cut, and a cut
/// line is reported even where raw lines are shown (as an over-long line is).
inline constexpr std::string_view cut_split_line = "split line longer than --max-line-size";

struct envelope_item {
  std::string_view text;     ///< a JSON object for the parser; empty when `problem` is set
  std::string_view shown;    ///< what a raw line shows when the item is rejected
  std::string_view problem;  ///< why the item is rejected; empty: parse `text`
  std::uint64_t line = 0;    ///< the input line the item starts at
  /// A prefix's source (`web-1` of `docker compose logs`), as read; empty when the line had none.
  /// The event also holds it, as its last member `source_key`: pretty output shows it in a
  /// column instead (docs/envelopes.md).
  std::string_view source;
  std::string_view source_key;
  std::uint32_t source_width = 0;  ///< the cells its producer padded it to (compose: the widest service)
  /// The stage holds `text` parsed already: take_parsed() hands that event over, so that the
  /// text is not parsed a second time. Only until the next unwrap() or finish().
  bool parsed = false;
};

class envelope_stage {
public:
  envelope_stage(input_format format, std::size_t max_line_size);
  ~envelope_stage();
  envelope_stage(const envelope_stage&) = delete;
  envelope_stage& operator=(const envelope_stage&) = delete;

  /// Looks at line `number` of input `name`: one view of the input's name, the same for all its
  /// lines and for finish() (where its bytes lie tells two inputs of one name apart, as
  /// `--merge a.log a.log` has). False: it is no envelope, parse it as it is. True:
  /// items() stand for it (none while a split line waits for its next part). `block_of()`: the
  /// framer block the line lies in, whose shared stage 1 then serves the record and an event
  /// inside the line (a CRI line's); by default none, and each is parsed alone. Asked only for
  /// an envelope: a block built for every line cost plain lines 8 instructions.
  template <class BlockOf = line_block (*)()>
  bool unwrap(
      std::string_view name, std::string_view bytes, std::uint64_t number,
      BlockOf block_of = [] { return line_block{}; }) {
    if (!waiting_ && format_ == input_format::automatic && plain_json(bytes)) return false;
    // --input json reads every line as it is, but for the marks before it (json-seq's RS, a
    // joined file's byte order mark), dropped as in auto.
    if (format_ == input_format::json && !starts_with_mark(bytes)) return false;
    return unwrap_line(name, bytes, number, block_of());
  }
  /// The end of input `name` (empty: of every input, e.g. at the end of a block): a split line
  /// still waiting for its end becomes a rejected item. True when there is one.
  bool finish(std::string_view name);
  /// Whether a split line of some input waits for its next part.
  [[nodiscard]] bool waiting() const { return waiting_; }
  [[nodiscard]] std::span<const envelope_item> items() const;
  /// Swaps the event of an item marked `parsed` into `ev`: what parsing its text with
  /// `owner` (share_keys_with) would give.
  void take_parsed(const envelope_item& item, event& ev);
  /// The events the stage parses take their key ids from `owner`'s table, so that a parsed
  /// item's event is in the key space of the events `owner` reads.
  void share_keys_with(event_parser& owner);
  /// The bytes the items' texts lie in, padded, as a block of their own: the parser reads an
  /// item the way it reads a framed line, not alone.
  [[nodiscard]] line_block items_block() const;

private:
  // The common case in a few compares, inline: an object whose first key names no envelope
  // (Docker's "log", loguru's "text", OTLP's "resourceLogs", journald's upper-case fields).
  static bool plain_json(std::string_view s) {
    if (s.size() < 8 || s[0] != '{' || s[1] != '"') return false;
    // Byte compares, not starts_with: this runs for every line and must cost next to nothing.
    switch (s[2]) {
      case 'l': return !(s[3] == 'o' && s[4] == 'g' && s[5] == '"');
      case 't': return !(s[3] == 'e' && s[4] == 'x' && s[5] == 't' && s[6] == '"');
      case 'r': return !(s[3] == 'e' && s[4] == 's' && s[5] == 'o' && s[6] == 'u');
      case '_': return false;
      default: return s[2] < 'A' || s[2] > 'Z';
    }
  }
  static bool starts_with_mark(std::string_view s) { return !s.empty() && (s[0] == '\x1e' || s[0] == '\xEF'); }
  bool unwrap_line(std::string_view name, std::string_view bytes, std::uint64_t number, const line_block& block);
  void note_waiting();

  input_format format_;
  bool waiting_ = false;  // a split line waits for its next part
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// True when `line` may be continued by the next line (a Docker record split at 16 KiB, a CRI
/// `P` line): the parallel reader keeps it in the same block as its continuation.
[[nodiscard]] bool envelope_may_continue(input_format format, std::string_view line);

/// For such a line, the bytes of text it adds to its line (a Docker record's decoded log, a CRI
/// line's text); for any other, nothing. The parallel reader ends a block right after the part
/// at which the envelope stage gives up a split line as longer than --max-line-size.
[[nodiscard]] std::optional<std::size_t> continuing_part_size(input_format format, std::string_view line);

}  // namespace logmoji
