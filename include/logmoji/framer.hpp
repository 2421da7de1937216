#pragma once
// Line framer: turns a byte stream into lines (docs/design.md#sources).
//
// Invariants of the buffer: bytes [pos_, end_) are read but not yet framed; a line handed out
// stays valid until the next call to next(). The framer never looks at a line's content beyond
// the separators, so any chunking of the input gives the same lines.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace logmoji {

class byte_source;

/// Readable bytes the framer keeps after its buffered input, so that a parser may index many
/// buffered lines at once (simdjson reads up to 64 bytes past what it parses).
inline constexpr std::size_t block_padding = 64;

/// A framer's buffered input: the lines it hands out lie in `bytes`, which is followed by
/// block_padding readable bytes. `serial` is new whenever the buffer's content may have changed,
/// so a parser can keep what it learnt about `bytes` while the serial stays the same; 0: no
/// buffer.
struct line_block {
  std::string_view bytes;
  std::uint64_t serial = 0;
};

/// A serial no block had before, for any padded buffer a parser may read as a block (a
/// framer's, the envelope stage's event texts).
std::uint64_t new_block_serial();

/// Bytes followed by block_padding readable bytes: a framer can frame them where they lie.
struct padded_view {
  std::string_view bytes;
};

/// What the framer reports for one line.
struct line {
  std::string_view bytes;    ///< without the "\n", without one "\r" before it, without a BOM
  std::uint64_t number = 0;  ///< 1-based line number within its input; 0 = unknown
  bool truncated = false;    ///< longer than the line cap: bytes holds only the first part
  /// The line's first backslash, or a byte at or past its end when it holds none; null when the
  /// framer did not look (a parser then looks for itself). Found in the same pass as the line's
  /// end: a parser needs it to tell which strings it can take as they are written.
  const char* backslash = nullptr;
};

/// Bytes a line may carry beyond the content the cap applies to: a BOM before it and the "\r" of
/// its "\r\n". A reader that hands a framer the start of a line may stop after
/// max_line_size + framing_bytes of it: the framer then cuts it as it would the whole line.
inline constexpr std::size_t framing_bytes = 4;

/// Result of reading more input into the framer.
enum class fill_status { ok, end, read_error, interrupted };

class line_framer {
public:
  /// The cap a framer applies when given a smaller one.
  static constexpr std::size_t least_max_line = 16;
  /// The buffer starts at `initial_size` (allocated when first needed) and grows (doubling) as long lines need; --merge
  /// keeps one framer per input and starts them small.
  explicit line_framer(std::size_t max_line_size = std::size_t{128} << 20,
                       std::size_t initial_size = std::size_t{1} << 18);
  /// Starts a new input: the BOM check and the line counter restart.
  void reset() { reset_at(true, 1); }
  /// Starts framing a block that begins at line `first_line` of its input; `input_start` says
  /// whether the block is the input's beginning (where a BOM is stripped). `first_line` 0: the
  /// line numbers are unknown (a large file entered near its end) and every line gets 0.
  void reset_at(bool input_start, std::uint64_t first_line);
  /// Hands out the next complete line already in the buffer; false when more input is needed.
  bool next(line& out) { return take_line(out, false); }
  /// At the end of the input: hands out the unterminated last line, if any.
  bool finish(line& out) { return take_line(out, true); }
  /// Reads more of `src` into the buffer. The caller flushes its output before calling this, so
  /// a slow writer's lines are on screen before the framer blocks.
  fill_status fill(byte_source& src);
  /// Appends bytes directly (tests and fuzzing: any chunking must give the same lines).
  void feed(std::string_view chunk);
  /// Frames `bytes` where they lie, without copying them (a parallel worker's block): the lines
  /// point into them. They must stay unchanged until the next reset; a later fill() or feed()
  /// first moves what is left of them into the framer's own buffer.
  void borrow(padded_view bytes);
  /// The buffer the lines handed out since the last fill(), feed(), borrow() or reset lie in.
  [[nodiscard]] line_block block() const { return {{data_, end_}, serial_}; }
  /// The number of the last line handed out (first_line - 1 before the first).
  [[nodiscard]] std::uint64_t last_number() const { return number_; }
  /// errno of the last read error.
  [[nodiscard]] int error() const { return error_; }

private:
  bool take_line(line& out, bool at_eof);
  void compact();
  void renew_serial();
  [[nodiscard]] const char* own_data() const;
  // Bytes the buffer can hold before its padding (none before the first fill or feed).
  [[nodiscard]] std::size_t usable() const { return capacity_; }
  // Replaces the buffer by one of `bytes` (and the padding) holding its first `keep` bytes.
  void grow(std::size_t bytes, std::size_t keep);

  // Allocated by the first fill() or feed(): a worker that only borrows blocks never needs it.
  std::unique_ptr<char[]> buf_;
  std::size_t capacity_ = 0;    // bytes buf_ holds before its padding
  const char* data_ = nullptr;  // where the bytes being framed lie: buf_ or borrowed bytes
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::size_t scan_ = 0;  // no '\n' in [pos_, scan_)
  std::size_t max_line_;
  std::size_t initial_;
  std::uint64_t number_ = 0;
  std::uint64_t serial_ = 0;
  bool numbered_ = true;   // the line numbers are known
  bool at_start_ = true;   // the next bytes are the first of the input (BOM check)
  bool skipping_ = false;  // inside the rest of an over-long line
  int error_ = 0;
};

}  // namespace logmoji
