#pragma once
// Input sources: where bytes come from (docs/design.md#sources). Inputs are read with read(2),
// never mapped: a file truncated while mapped would kill the process with SIGBUS.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace logmoji {

/// A stream of bytes with a name for messages.
class byte_source {
public:
  virtual ~byte_source() = default;
  /// Reads up to `n` bytes: the count, 0 at the end of the input, or -errno on failure.
  virtual long read(char* buf, std::size_t n) = 0;
  /// The name shown in messages: the path as given, or "(standard input)".
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// What went wrong beyond errno (corrupt compressed data), or empty.
  [[nodiscard]] virtual std::string_view failure() const { return {}; }
  /// What is worth saying about the input once it is read, that is no failure (characters UTF-8
  /// cannot hold, shown as U+FFFD), or empty.
  [[nodiscard]] virtual std::string notice() const { return {}; }
};

/// Opens a path for reading ("-" = standard input), decompressing it when it is compressed. On
/// failure returns nullptr and sets `error` to the reason (strerror text).
std::unique_ptr<byte_source> open_source(const std::string& path, std::string& error);

/// Byte offset where the last `lines` lines of a regular file start (0 when it has fewer): the
/// file is read backwards in blocks from its end, so a large file costs what its last lines take.
std::uint64_t tail_offset(int fd, std::uint64_t lines);

/// Prefixes up to this size are read to count their lines when a file is entered near its end:
/// a few milliseconds; past it, the line numbers are left unknown rather than paid for.
inline constexpr std::uint64_t counted_prefix_limit = std::uint64_t{16} << 20;

/// The number of the line starting at `offset` of a regular file: 1 + the newlines before it,
/// or 0 (unknown) when `offset` is past counted_prefix_limit or the file cannot be read.
std::uint64_t line_number_at(int fd, std::uint64_t offset);

/// Where a file entered near its end is read from.
struct tail_start {
  std::uint64_t offset = 0;
  std::uint64_t first_line = 1;  ///< the number of the first line read; 0 = unknown
};

/// Opens `path` ("-" = standard input) as open_source does; `entered`: it is a regular file
/// whose bytes are its lines (not compressed, not UTF-16), positioned at its last `lines` lines
/// (nothing before them is read). Otherwise the caller reads it through. A path is opened once:
/// a FIFO's bytes, once read, are gone.
std::unique_ptr<byte_source> open_at_tail(const std::string& path, std::uint64_t lines, tail_start& at, bool& entered,
                                          std::string& error);

/// A source over bytes in memory, handed out in chunks of at most `chunk` bytes (tests).
std::unique_ptr<byte_source> memory_source(std::string data, std::size_t chunk, std::string name = "memory");

}  // namespace logmoji
