#pragma once
// Input sources: where bytes come from (docs/design.md#sources). Inputs are read with read(2),
// never mapped: a file truncated while mapped would kill the process with SIGBUS.

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
};

/// Wraps a source by what its first bytes say: a gzip, zstd, xz or bzip2 header in a decompressor
/// (the format is told by its magic bytes, not by the name), a UTF-16 byte order mark in a decoder
/// to UTF-8, else returns it as it is. Compressed input that the decoder rejects before its first
/// output byte, when what it took looks like text, is read as text from its first byte. Damaged
/// compressed data yields what was decoded before the damage, a newline ending a cut line, then
/// -EBADMSG with failure() saying why. Reads a few bytes to decide; on a read error returns
/// nullptr with the reason in `error`.
std::unique_ptr<byte_source> detect_compression(std::unique_ptr<byte_source> src, std::string& error);

/// Opens a path for reading ("-" = standard input), decompressing it when it is compressed. On
/// failure returns nullptr and sets `error` to the reason (strerror text).
std::unique_ptr<byte_source> open_source(const std::string& path, std::string& error);

/// A source over bytes in memory, handed out in chunks of at most `chunk` bytes (tests).
std::unique_ptr<byte_source> memory_source(std::string data, std::size_t chunk, std::string name = "memory");

}  // namespace logmoji
