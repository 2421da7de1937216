// -f and -F: inotify with a polling fallback; truncation, rotation and deletion notices in
// tail(1)'s words.
#include "logmoji/follow.hpp"

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "logmoji/diagnostics.hpp"
#include "logmoji/signals.hpp"
#include "logmoji/source.hpp"

namespace logmoji {
namespace {

constexpr std::size_t read_chunk = std::size_t{1} << 16;

// Reads an already open descriptor without owning it.
class borrowed_fd final : public byte_source {
public:
  borrowed_fd(int fd, std::string_view name) : fd_(fd), name_(name) {}
  long read(char* buf, std::size_t n) override {
    ssize_t got = ::read(fd_, buf, n);
    return got >= 0 ? static_cast<long>(got) : -errno;
  }
  [[nodiscard]] std::string_view name() const override { return name_; }

private:
  int fd_;
  std::string_view name_;
};

std::string quoted(std::string_view name) {
  std::string s = "'";
  append_name(s, name);
  return s + "'";
}

class followed_file {
public:
  followed_file(std::string path, const options& opts) : path_(std::move(path)), opts_(opts), framer_(opts.source.max_line_size) {}
  ~followed_file() { close_fd(); }
  followed_file(const followed_file&) = delete;
  followed_file& operator=(const followed_file&) = delete;

  /// Opens the file at the start; with `-n` positions at its last lines.
  void open_initial() {
    if (!open_fd()) {
      report("cannot open " + quoted(path_) + " for reading: " + std::strerror(errno));
      return;
    }
    if (opts_.source.tail_lines && S_ISREG(mode_)) {
      off_t start = static_cast<off_t>(tail_offset(fd_, *opts_.source.tail_lines));
      ::lseek(fd_, start, SEEK_SET);
      pos_ = static_cast<std::uint64_t>(start);
      framer_.reset_at(start == 0, 1);
    }
  }

  /// Reads what is there; returns true when bytes arrived.
  bool pump(const line_handler& handle) {
    if (fd_ < 0) return false;
    check_truncation(handle);
    bool got_any = false;
    borrowed_fd src(fd_, path_);
    line l;
    for (;;) {
      while (framer_.next(l)) handle(path_, l);
      fill_status st = framer_.fill(src);
      if (st == fill_status::ok) {
        got_any = true;
        continue;
      }
      if (st == fill_status::read_error) report(quoted(path_) + ": read error: " + std::strerror(framer_.error()));
      break;
    }
    pos_ = static_cast<std::uint64_t>(::lseek(fd_, 0, SEEK_CUR));
    return got_any;
  }

  /// -F: notices a renamed, deleted or re-created file and switches to what the name now is.
  bool check_name(const line_handler& handle) {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) {
      if (!missing_) report(quoted(path_) + " has become inaccessible: " + std::strerror(errno));
      missing_ = true;
      return false;
    }
    if (fd_ >= 0 && st.st_dev == dev_ && st.st_ino == ino_) return false;
    if (S_ISDIR(st.st_mode)) {
      // Only regular files, pipes and devices can be tailed; wait for the name to become one.
      if (!untailable_) report(quoted(path_) + " has been replaced with an untailable file");
      untailable_ = missing_ = true;
      return false;
    }
    untailable_ = false;
    bool appeared = missing_ || fd_ < 0;
    // Whatever the old file still held is read before switching; its partial last line is
    // shown on its own, never glued to the new file's first line.
    pump(handle);
    flush_partial(handle);
    close_fd();
    if (!open_fd()) return false;
    missing_ = false;
    report(quoted(path_) + (appeared ? " has appeared;  following new file" : " has been replaced;  following new file"));
    return true;
  }

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] bool is_regular() const { return fd_ >= 0 && S_ISREG(mode_); }

private:
  bool open_fd() {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd_ < 0) return false;
    struct stat st {};
    ::fstat(fd_, &st);
    dev_ = st.st_dev;
    ino_ = st.st_ino;
    mode_ = st.st_mode;
    pos_ = 0;
    framer_.reset();
    return true;
  }

  void close_fd() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  void flush_partial(const line_handler& handle) {
    line l;
    if (framer_.finish(l)) handle(path_, l);
    framer_.reset_at(false, 1);
  }

  // copytruncate and `: > file`: the size drops below what was read. (A file truncated and
  // regrown past the old size between two checks is not noticed: tail(1) has the same blind spot.)
  void check_truncation(const line_handler& handle) {
    struct stat st {};
    if (!S_ISREG(mode_) || ::fstat(fd_, &st) != 0 || static_cast<std::uint64_t>(st.st_size) >= pos_) return;
    std::string msg;
    append_name(msg, path_);
    report(msg + ": file truncated");
    flush_partial(handle);
    ::lseek(fd_, 0, SEEK_SET);
    pos_ = 0;
    framer_.reset();
  }

  std::string path_;
  const options& opts_;
  line_framer framer_;
  int fd_ = -1;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
  mode_t mode_ = 0;
  std::uint64_t pos_ = 0;
  bool missing_ = false;
  bool untailable_ = false;
};

// Wakes up on file events (inotify) or after the poll interval; notices a closed downstream
// pipe while idle (POLLERR on standard output), as tail(1) does.
class waiter {
public:
  waiter(const options& opts, const std::vector<std::unique_ptr<followed_file>>& files) : opts_(opts) {
    if (opts.source.poll) return;
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) {
      report("inotify cannot be used, reverting to polling");
      return;
    }
    for (const auto& f : files) {
      inotify_add_watch(fd_, f->path().c_str(), IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_CLOSE_WRITE);
      std::string dir = f->path().find('/') == std::string::npos ? "." : f->path().substr(0, f->path().rfind('/') + 1);
      inotify_add_watch(fd_, dir.c_str(), IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM);
    }
  }
  ~waiter() {
    if (fd_ >= 0) ::close(fd_);
  }
  waiter(const waiter&) = delete;
  waiter& operator=(const waiter&) = delete;

  /// -F re-reads names after every wake-up: watches follow inodes, names can move.
  void rewatch(const followed_file& f) {
    if (fd_ >= 0) inotify_add_watch(fd_, f.path().c_str(), IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_CLOSE_WRITE);
  }

  void wait(output& out) {
    pollfd fds[2] = {{STDOUT_FILENO, 0, 0}, {fd_, POLLIN, 0}};
    // With inotify, the timeout only re-checks names now and then; polling re-reads every tick.
    int timeout = fd_ >= 0 ? 1000 : opts_.source.poll_interval_ms;
    int n = ::poll(fds, fd_ >= 0 ? 2 : 1, timeout);
    if (n < 0 && errno == EINTR) return;
    if (fds[0].revents & (POLLERR | POLLHUP)) {
      out.flush();
      die_by_sigpipe();
    }
    if (fd_ >= 0 && (fds[1].revents & POLLIN)) {
      char buf[4096];
      while (::read(fd_, buf, sizeof buf) > 0) {
      }
    }
  }

private:
  const options& opts_;
  int fd_ = -1;
};

}  // namespace

std::uint64_t tail_offset(int fd, std::uint64_t lines) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return 0;
  auto end = static_cast<std::uint64_t>(st.st_size);
  if (lines == 0) return end;
  std::vector<char> buf(read_chunk);
  std::uint64_t pos = end;
  std::uint64_t seen = 0;
  while (pos > 0) {
    std::uint64_t take = std::min<std::uint64_t>(read_chunk, pos);
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

bool follow_inputs(const options& opts, output& out, const line_handler& handle) {
  std::vector<std::unique_ptr<followed_file>> files;
  for (const auto& path : opts.source.files) {
    files.push_back(std::make_unique<followed_file>(path, opts));
    files.back()->open_initial();
  }
  if (files.empty()) return false;
  waiter w(opts, files);
  bool by_name = opts.source.follow == follow_mode::name;
  for (;;) {
    bool got = false;
    for (auto& f : files) {
      got = f->pump(handle) || got;
      if (by_name && f->check_name(handle)) {
        w.rewatch(*f);
        got = f->pump(handle) || got;
      }
    }
    if (int sig = pending_signal()) {
      out.flush();
      die_by_signal(sig);
    }
    // Everything read so far goes out before waiting.
    if (!out.flush()) return true;
    if (!got) w.wait(out);
  }
}

}  // namespace logmoji
