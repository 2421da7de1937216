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
  if (memory_) return true;  // its owner takes the buffer (labels, a worker's block)
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
  // What the reader takes, in whole lines where it can: a step ends at a line end inside it
  // (a longer line goes in steps), so a reader that stops taking is left after a line, not in an
  // escape sequence or a character. A pipe with room reports POLLOUT, and a write no larger than
  // PIPE_BUF's POSIX minimum then does not wait. The reader has a short grace to make room; one
  // that has stopped reading cannot hold the process.
  constexpr std::size_t step = 512;
  constexpr int grace_ms = 100;
  std::size_t done = 0;
  while (error_ == 0 && done < buf_.size()) {
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, grace_ms) <= 0 || !(p.revents & POLLOUT)) break;
    std::size_t size = std::min(step, buf_.size() - done);
    if (std::size_t nl = std::string_view(buf_).substr(done, size).rfind('\n'); nl != std::string_view::npos)
      size = nl + 1;
    ssize_t n = ::write(fd_, buf_.data() + done, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (pager_running()) pager_wrote(std::string_view(buf_).substr(done, static_cast<std::size_t>(n)));
    done += static_cast<std::size_t>(n);
  }
  // Left inside a coloured line: the terminal is not left in its colour, if it has the room.
  if (done > 0 && done < buf_.size() && buf_[done - 1] != '\n' && resets_colours_on_death()) {
    static constexpr std::string_view reset = "\x1b[0m\n";
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, 0) > 0 && (p.revents & POLLOUT)) {
      [[maybe_unused]] auto n = ::write(fd_, reset.data(), reset.size());
    }
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
