// read(2) streaming from a path or standard input.
#include "logmoji/source.hpp"
#include "logmoji/source_decompress.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "logmoji/diagnostics.hpp"
#include "logmoji/signals.hpp"

namespace logmoji {
namespace {

class fd_source final : public byte_source {
public:
  fd_source(int fd, std::string name, bool owned) : fd_(fd), name_(std::move(name)), owned_(owned) {
    struct stat st {};
    may_block_ = ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode);
  }
  ~fd_source() override {
    if (owned_) ::close(fd_);
  }
  fd_source(const fd_source&) = delete;
  fd_source& operator=(const fd_source&) = delete;

  long read(char* buf, std::size_t n) override {
    for (;;) {
      ssize_t got = may_block_ ? blocking_read(buf, n) : ::read(fd_, buf, n);
      if (got >= 0) return static_cast<long>(got);
      // Our own signals end the process inside blocking_read; any other interruption retries.
      if (errno == EINTR) continue;
      // Standard input left in non-blocking mode: wait for data instead of spinning or failing.
      if (errno == EAGAIN) {
        wait_ready(fd_, POLLIN);
        continue;
      }
      return -errno;
    }
  }
  [[nodiscard]] std::string_view name() const override { return name_; }

private:
  // A pipe or terminal may never deliver another byte: a signal must be able to end the wait.
  ssize_t blocking_read(char* buf, std::size_t n) {
    blocking_call blocking;
    return ::read(fd_, buf, n);
  }

  int fd_;
  std::string name_;
  bool owned_;
  bool may_block_ = true;
};

class memory_bytes final : public byte_source {
public:
  memory_bytes(std::string data, std::size_t chunk, std::string name)
      : data_(std::move(data)), chunk_(chunk == 0 ? 1 : chunk), name_(std::move(name)) {}
  long read(char* buf, std::size_t n) override {
    std::size_t take = std::min({n, chunk_, data_.size() - pos_});
    std::memcpy(buf, data_.data() + pos_, take);
    pos_ += take;
    return static_cast<long>(take);
  }
  [[nodiscard]] std::string_view name() const override { return name_; }

private:
  std::string data_;
  std::size_t chunk_;
  std::size_t pos_ = 0;
  std::string name_;
};

constexpr std::size_t scan_block = std::size_t{1} << 16;

// A regular file whose bytes are its lines: the only kind whose end can be entered by seeking.
bool plain_regular_file(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return false;
  char head[8];
  ssize_t n = ::pread(fd, head, sizeof head, 0);
  return n >= 0 && !is_encoded(std::string_view(head, static_cast<std::size_t>(n)));
}

// open(2) for reading without waiting inside it. Opening a FIFO blocks until a writer comes,
// and a stop signal must end that wait as it ends a read from a silent pipe: the FIFO is opened
// without blocking and its writer awaited by poll_until_signal. -1 with errno set when the path
// cannot be opened; EINTR when a stop signal came first (the run then ends by it, unreported).
int open_for_reading(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return -1;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) {
    // No writer yet: poll reports nothing until one writes or leaves (Linux).
    pollfd p{fd, POLLIN, 0};
    while (poll_until_signal(&p, 1, -1) < 0)
      if (pending_signal()) {
        ::close(fd);
        errno = EINTR;
        return -1;
      }
  }
  if (int flags = ::fcntl(fd, F_GETFL); flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

}  // namespace

std::uint64_t tail_offset(int fd, std::uint64_t lines) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return 0;
  auto end = static_cast<std::uint64_t>(st.st_size);
  if (lines == 0) return end;
  std::vector<char> buf(scan_block);
  std::uint64_t pos = end;
  std::uint64_t seen = 0;
  while (pos > 0) {
    std::uint64_t take = std::min<std::uint64_t>(scan_block, pos);
    pos -= take;
    if (::pread(fd, buf.data(), take, static_cast<off_t>(pos)) != static_cast<ssize_t>(take)) return 0;
    for (std::uint64_t i = take; i-- > 0;) {
      // The newline that ends the file ends the last line; it starts none.
      if (buf[i] != '\n' || pos + i + 1 == end) continue;
      if (++seen == lines) return pos + i + 1;
    }
  }
  return 0;
}

std::uint64_t line_number_at(int fd, std::uint64_t offset) {
  if (offset > counted_prefix_limit) return 0;
  std::vector<char> buf(scan_block);
  std::uint64_t newlines = 0;
  for (std::uint64_t pos = 0; pos < offset;) {
    std::uint64_t take = std::min<std::uint64_t>(scan_block, offset - pos);
    if (::pread(fd, buf.data(), take, static_cast<off_t>(pos)) != static_cast<ssize_t>(take)) return 0;
    newlines += static_cast<std::uint64_t>(std::count(buf.data(), buf.data() + take, '\n'));
    pos += take;
  }
  return newlines + 1;
}

namespace {

// The descriptor `path` names, ready to read ("-": standard input, not owned); -1 with `error`.
int open_descriptor(const std::string& path, std::string& error) {
  int fd = path == "-" ? STDIN_FILENO : open_for_reading(path);
  struct stat st {};
  int why = fd < 0 || ::fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
  if (why == 0) return fd;
  if (fd > STDIN_FILENO) ::close(fd);
  error = std::strerror(why);
  return -1;
}

std::unique_ptr<byte_source> source_of(int fd, const std::string& path) {
  bool stdin_input = path == "-";
  return std::make_unique<fd_source>(fd, stdin_input ? "(standard input)" : path, !stdin_input);
}

}  // namespace

std::unique_ptr<byte_source> open_at_tail(const std::string& path, std::uint64_t lines, tail_start& at, bool& entered,
                                          std::string& error) {
  int fd = open_descriptor(path, error);
  if (fd < 0) return nullptr;
  entered = plain_regular_file(fd);
  if (!entered) return detect_compression(source_of(fd, path), error);
  at.offset = tail_offset(fd, lines);
  at.first_line = line_number_at(fd, at.offset);
  ::lseek(fd, static_cast<off_t>(at.offset), SEEK_SET);
  return source_of(fd, path);
}

std::unique_ptr<byte_source> open_source(const std::string& path, std::string& error) {
  int fd = open_descriptor(path, error);
  if (fd < 0) return nullptr;
  return detect_compression(source_of(fd, path), error);
}

std::unique_ptr<byte_source> memory_source(std::string data, std::size_t chunk, std::string name) {
  return std::make_unique<memory_bytes>(std::move(data), chunk, std::move(name));
}

}  // namespace logmoji
