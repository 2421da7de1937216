// The big output buffer; write and EPIPE handling.
#include "logmoji/output.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <unistd.h>

namespace logmoji {

output::output(int fd, std::size_t capacity) : fd_(fd), capacity_(capacity) { buf_.reserve(capacity + 4096); }

output::~output() = default;

bool output::flush() {
  if (error_) return false;
  std::size_t done = 0;
  while (done < buf_.size()) {
    ssize_t n = ::write(fd_, buf_.data() + done, buf_.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EPIPE) die_by_sigpipe();
    error_ = n < 0 ? errno : EIO;
    buf_.clear();
    return false;
  }
  buf_.clear();
  return true;
}

void die_by_sigpipe() {
  std::signal(SIGPIPE, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  std::raise(SIGPIPE);
  std::_Exit(141);
}

}  // namespace logmoji
