#pragma once
// One big output buffer over a file descriptor. Write errors are values; a closed pipe ends the
// process by SIGPIPE (exit status 141) whatever the inherited disposition, as tail(1) does.

#include <string>
#include <string_view>

namespace logmoji {

class output {
public:
  explicit output(int fd, std::size_t capacity = std::size_t{1} << 20);
  /// An output that only collects in memory (a worker's share of the output).
  static output in_memory() { return output(-1, 0, true); }
  ~output();
  output(const output&) = delete;
  output& operator=(const output&) = delete;
  output(output&&) = default;

  /// The buffer to append to; call commit() after appending.
  std::string& buffer() { return buf_; }
  /// Flushes when the buffer is full enough. Returns false after a write error.
  bool commit() { return memory_ || buf_.size() < capacity_ || flush(); }
  /// Writes everything buffered. Returns false after a write error (errno in error()).
  bool flush();
  /// Writes what is buffered, then `text` straight from where it lies (a parallel worker's
  /// share of the output, megabytes: no copy into the buffer). False after a write error.
  bool write(std::string_view text);
  [[nodiscard]] int error() const { return error_; }

private:
  output(int fd, std::size_t capacity, bool memory) : fd_(fd), capacity_(capacity), memory_(memory) {}
  bool write_some(std::string_view text, std::size_t& done);
  bool write_all(std::string_view text);
  friend void stop_on_signal(output& out);
  /// After a stop signal: writes what is buffered as far as the reader takes it now. A blocking
  /// write would end at once (blocking_call), the signal being pending, and lose it all.
  void flush_without_waiting();

  int fd_;
  std::size_t capacity_;
  bool memory_ = false;
  bool may_block_ = false;  // a pipe, terminal or socket: a consumer can stop reading
  std::string buf_;
  int error_ = 0;
};

/// When a signal is pending, writes what is buffered (what a pipe or terminal takes without
/// waiting: a stalled reader must not hold the process) and dies by that signal: the check the
/// run loops make between lines. Lines are buffered whole and every coloured one ends with a
/// reset, so the terminal is left clean.
void stop_on_signal(output& out);

/// Dies by SIGPIPE: restores the default action first, so an ignored SIGPIPE still ends the
/// process the way a shell pipeline expects.
[[noreturn]] void die_by_sigpipe();

}  // namespace logmoji
