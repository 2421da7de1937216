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

}  // namespace

std::unique_ptr<byte_source> open_source(const std::string& path, std::string& error) {
  if (path == "-") {
    struct stat st {};
    if (::fstat(STDIN_FILENO, &st) != 0) {
      error = std::strerror(errno);
      return nullptr;
    }
    return detect_compression(std::make_unique<fd_source>(STDIN_FILENO, "(standard input)", false), error);
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return nullptr;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error = std::strerror(EISDIR);
    return nullptr;
  }
  return detect_compression(std::make_unique<fd_source>(fd, path, true), error);
}

std::unique_ptr<byte_source> memory_source(std::string data, std::size_t chunk, std::string name) {
  return std::make_unique<memory_bytes>(std::move(data), chunk, std::move(name));
}

}  // namespace logmoji
