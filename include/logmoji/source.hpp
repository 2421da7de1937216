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

/// Opens a path for reading ("-" = standard input), decompressing it when it is compressed. On
/// failure returns nullptr and sets `error` to the reason (strerror text).
std::unique_ptr<byte_source> open_source(const std::string& path, std::string& error);

/// A source over bytes in memory, handed out in chunks of at most `chunk` bytes (tests).
std::unique_ptr<byte_source> memory_source(std::string data, std::size_t chunk, std::string name = "memory");

}  // namespace logmoji
