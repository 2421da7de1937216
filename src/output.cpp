// The big output buffer; write, EPIPE and pager handling.
#include "logmoji/output.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "logmoji/pager.hpp"
#include "logmoji/signals.hpp"

namespace logmoji {

output::output(int fd, std::size_t capacity) : fd_(fd), capacity_(capacity) {
  buf_.reserve(capacity + 4096);
  struct stat st {};
  may_block_ = ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode);
}

output::~output() = default;

// One write(2) of what is left of `text`; false once it cannot be written (error_ set). A write
// that may block for ever is a blocking_call, so a signal ends it.
bool output::write_some(std::string_view text, std::size_t& done) {
  ssize_t n;
  if (may_block_) {
    blocking_call blocking;
    n = ::write(fd_, text.data() + done, text.size() - done);
  } else {
    n = ::write(fd_, text.data() + done, text.size() - done);
  }
  if (n > 0) {
    if (pager_running()) pager_wrote(text.substr(done, static_cast<std::size_t>(n)));
    done += static_cast<std::size_t>(n);
    return true;
  }
  if (n < 0 && errno == EINTR) return true;
  if (n < 0 && errno == EAGAIN) {  // standard output left in non-blocking mode by someone else
    wait_ready(fd_, POLLOUT);
    return true;
  }
  if (n < 0 && errno == EPIPE) {
    if (pager_running() && pager_broke()) return true;
    die_by_sigpipe();
  }
  error_ = n < 0 ? errno : EIO;
  return false;
}

bool output::write_all(std::string_view text) {
  std::size_t done = 0;
  while (error_ == 0 && done < text.size())
    if (!write_some(text, done)) break;
  return error_ == 0;
}

bool output::flush() {
  if (error_) return false;
  write_all(buf_);
  buf_.clear();
  return error_ == 0;
}

bool output::write(std::string_view text) { return flush() && write_all(text); }

void output::flush_without_waiting() {
  if (!may_block_ || memory_) {
    flush();
    return;
  }
  // A pipe with room reports POLLOUT; a write no larger than PIPE_BUF's POSIX minimum then does
  // not wait (a terminal's room may be smaller than a page).
  constexpr std::size_t step = 512;
  std::size_t done = 0;
  while (error_ == 0 && done < buf_.size()) {
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, 0) <= 0 || !(p.revents & POLLOUT)) break;
    ssize_t n = ::write(fd_, buf_.data() + done, std::min(step, buf_.size() - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (pager_running()) pager_wrote(std::string_view(buf_).substr(done, static_cast<std::size_t>(n)));
    done += static_cast<std::size_t>(n);
  }
  buf_.erase(0, done);
}

void stop_on_signal(output& out) {
  if (!pending_signal()) return;
  out.flush_without_waiting();
  stop_if_signalled();
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
