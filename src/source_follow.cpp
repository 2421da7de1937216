// -f and -F: inotify with a polling fallback; truncation, rotation and deletion notices in
// tail(1)'s words.
#include "logmoji/source_follow.hpp"

#include <algorithm>
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
#include "logmoji/inputs.hpp"
#include "logmoji/line_ring.hpp"
#include "logmoji/signals.hpp"
#include "logmoji/source.hpp"
#include "logmoji/source_decompress.hpp"

namespace logmoji {
namespace {

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

class followed_file {
public:
  followed_file(std::string path, const options& opts)
      : path_(std::move(path)), opts_(opts), framer_(opts.source.max_line_size) {}
  ~followed_file() { close_fd(); }
  followed_file(const followed_file&) = delete;
  followed_file& operator=(const followed_file&) = delete;

  /// Opens the file at the start; with `-n` positions at its last lines. -f gives up on a name
  /// that cannot be opened or is a directory (as tail does); -F keeps watching the name.
  void open_initial(bool by_name, const line_handler& handle) {
    const bool opened = open_fd();
    if (!opened || S_ISDIR(mode_)) {
      report_input(path_, std::string(std::strerror(opened ? EISDIR : errno)) +
                              (by_name ? "; following the name until it is a file" : "; giving up on this name"));
      if (opened) close_fd();
      untailable_ = opened;  // a directory: watched until the name is a file again
      missing_ = true;
      if (!by_name) give_up();
      return;
    }
    skip_below_ = opts_.source.from_line;
    if (S_ISREG(mode_) && encoded()) {
      read_once(handle);
      return;
    }
    // Only a regular file has lines from before: a FIFO is shown from what arrives.
    if (opts_.source.tail_lines && S_ISREG(mode_)) {
      auto start = tail_offset(fd_, *opts_.source.tail_lines);
      ::lseek(fd_, static_cast<off_t>(start), SEEK_SET);
      pos_ = start;
      framer_.reset_at(start == 0, line_number_at(fd_, start));
    }
  }

  /// Reads what is there; returns true when bytes arrived. `stop` is set when the handler asks
  /// to end the run.
  bool pump(const line_handler& handle, bool& stop) {
    if (fd_ < 0) return false;
    check_truncation(handle);
    bool got_any = false;
    borrowed_fd src(fd_, path_);
    line l;
    for (;;) {
      while (framer_.next(l))
        if (!skipped(l) && !handle(path_, l, framer_.block())) {
          stop = true;
          return true;
        }
      fill_status st = framer_.fill(src);
      if (st == fill_status::ok) {
        got_any = true;
        continue;
      }
      if (st == fill_status::read_error) {
        report_input(path_, std::string("read error: ") + std::strerror(framer_.error()) + "; giving up on this name");
        flush_partial(handle);
        close_fd();
        give_up();
      } else if (st == fill_status::end && writers_gone()) {
        // A FIFO whose writers closed has ended, as the documentation promises.
        flush_partial(handle);
        close_fd();
        ended_ = true;
      }
      break;
    }
    if (fd_ >= 0) pos_ = static_cast<std::uint64_t>(::lseek(fd_, 0, SEEK_CUR));
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
      // This generation was looked at and holds no lines: not one lost between two looks.
      creations_ = 0;
      return false;
    }
    untailable_ = false;
    bool appeared = missing_ || fd_ < 0;
    // Whatever the old file still held is read before switching; its partial last line is
    // shown on its own, never glued to the new file's first line.
    bool stop = false;
    pump(handle, stop);
    flush_partial(handle);
    close_fd();
    if (!open_fd()) return false;
    missing_ = false;
    report(quoted(path_) +
           (appeared ? " has appeared;  following new file" : " has been replaced;  following new file"));
    // Two rotations between two looks: the generation in between was never opened. It cannot
    // be read any more (its name is unknown), but it must not vanish without a word.
    if (creations_ > 1)
      report(quoted(path_) + " was replaced " + std::to_string(creations_) +
             " times since it was last read; the lines of the " + std::to_string(creations_ - 1) +
             " file(s) in between were not shown");
    creations_ = 0;
    return true;
  }

  /// inotify saw the name created (or moved to) in its directory.
  void note_created() { ++creations_; }

  [[nodiscard]] const std::string& path() const { return path_; }
  /// No more lines will come: a FIFO whose writers left, or a name given up on.
  [[nodiscard]] bool ended() const { return ended_; }
  [[nodiscard]] bool given_up() const { return given_up_; }
  /// The descriptor to wait on besides inotify (pipes and FIFOs do not always raise events).
  [[nodiscard]] int pollable_fd() const { return fd_ >= 0 && S_ISFIFO(mode_) ? fd_ : -1; }

  /// Shows the partial last line held, as it is: before a switch to another file, at the end of
  /// a FIFO, and when a signal ends the run (tail(1) would have shown it already).
  void flush_partial(const line_handler& handle) {
    line l;
    if (framer_.finish(l)) handle(path_, l, framer_.block());
    framer_.reset_at(false, 1);
  }

private:
  void give_up() { ended_ = given_up_ = true; }

  // -n +K: the first file's lines before K are not shown; a file that replaces it, or its
  // truncated self, is new content, shown from its start.
  bool skipped(const line& l) const { return l.number != 0 && l.number < skip_below_; }

  bool encoded() const {
    char head[8];
    ssize_t n = ::pread(fd_, head, sizeof head, 0);
    return n > 0 && is_encoded(std::string_view(head, static_cast<std::size_t>(n)));
  }

  // A compressed (or UTF-16) file: its decoded lines are shown once, through the one way in,
  // and it is not followed, with a word rather than silently showing nothing.
  void read_once(const line_handler& handle) {
    report_input(path_, "compressed (or UTF-16): its lines are shown once; it cannot be followed as it grows");
    close_fd();
    ended_ = true;
    auto src = open_input(path_);
    if (!src) {
      given_up_ = true;
      return;
    }
    line_framer framer(opts_.source.max_line_size);
    line_ring ring(opts_.source.tail_lines.value_or(0));
    // With -n N only the last N lines are kept; without, each line is shown as it is decoded.
    auto take = [&](const line& l) {
      if (opts_.source.tail_lines) return ring.push(l), true;
      return skipped(l) || handle(path_, l, framer.block());
    };
    auto show_kept = [&] { ring.drain([&](const line& l) { return handle(path_, l, line_block{}); }); };
    line l;
    for (;;) {
      while (framer.next(l))
        if (!take(l)) return;
      fill_status st = framer.fill(*src);
      if (st == fill_status::ok || st == fill_status::interrupted) continue;
      if (framer.finish(l) && !take(l)) return;
      show_kept();
      report_notice(*src, opts_);
      if (st == fill_status::read_error) {
        report_read_error(*src, framer.error());
        given_up_ = true;
      }
      return;
    }
  }

  // A FIFO reads as ended once a writer came and went: poll says POLLHUP only then (a FIFO no
  // writer has opened yet reads 0 bytes too, and is still waited on).
  bool writers_gone() const {
    if (!S_ISFIFO(mode_)) return false;
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) && !(p.revents & POLLIN);
  }

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
    skip_below_ = 1;
    return true;
  }

  void close_fd() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
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
    skip_below_ = 1;
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
  bool ended_ = false;
  bool given_up_ = false;
  unsigned creations_ = 0;        // of the name since the last switch (inotify only)
  std::uint64_t skip_below_ = 1;  // -n +K on the first file
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
      auto slash = f->path().rfind('/');
      std::string dir = slash == std::string::npos ? "." : f->path().substr(0, slash + 1);
      int wd = inotify_add_watch(fd_, dir.c_str(), IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM);
      if (wd >= 0) names_.push_back({wd, f->path().substr(slash == std::string::npos ? 0 : slash + 1), f.get()});
    }
  }
  ~waiter() {
    if (fd_ >= 0) ::close(fd_);
  }
  waiter(const waiter&) = delete;
  waiter& operator=(const waiter&) = delete;

  /// -F re-reads names after every wake-up: watches follow inodes, names can move.
  void rewatch(const followed_file& f) {
    if (fd_ >= 0)
      inotify_add_watch(fd_, f.path().c_str(), IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_CLOSE_WRITE);
  }

  /// Sleeps until something may have changed, or a signal came.
  void wait(output& out, const std::vector<std::unique_ptr<followed_file>>& files) {
    std::vector<pollfd> fds{{STDOUT_FILENO, 0, 0}, {fd_, POLLIN, 0}};
    for (const auto& f : files)
      if (f->pollable_fd() >= 0) fds.push_back({f->pollable_fd(), POLLIN, 0});
    // With inotify, the timeout only re-checks names now and then; polling re-reads every tick.
    int timeout = fd_ >= 0 ? 1000 : opts_.source.poll_interval_ms;
    // A signal ends the wait, not the process: the loop shows what the files hold first.
    if (poll_until_signal(fds.data(), fds.size(), timeout) < 0) return;
    if (fds[0].revents & (POLLERR | POLLHUP)) {
      out.flush();
      die_by_sigpipe();
    }
  }

  /// Reads the pending inotify events, counting creations of each followed name. Called before
  /// the names are checked, so every creation is counted toward the switch it belongs to.
  void drain() {
    if (fd_ < 0) return;
    alignas(inotify_event) char buf[8192];
    ssize_t n;
    while ((n = ::read(fd_, buf, sizeof buf)) > 0) {
      for (ssize_t at = 0; at < n;) {
        const auto* ev = reinterpret_cast<const inotify_event*>(buf + at);
        at += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
        if (!(ev->mask & (IN_CREATE | IN_MOVED_TO)) || ev->len == 0) continue;
        std::string_view name(ev->name);
        for (auto& w : names_)
          if (w.wd == ev->wd && w.name == name) w.file->note_created();
      }
    }
  }

private:
  struct watched_name {
    int wd;            // the directory's watch
    std::string name;  // the file's name in it
    followed_file* file;
  };

  const options& opts_;
  int fd_ = -1;
  std::vector<watched_name> names_;
};

}  // namespace

bool follow_inputs(const options& opts, output& out, const line_handler& handle, const input_end_handler& ended) {
  bool by_name = opts.source.follow == follow_mode::name;
  allow_open_inputs();
  std::vector<std::unique_ptr<followed_file>> files;
  for (const auto& path : opts.source.files) { files.push_back(std::make_unique<followed_file>(path, opts)); }
  if (files.empty()) return false;
  bool stop = false;
  auto deliver = [&](std::string_view name, const line& l, const line_block& block) {
    stop = stop || !handle(name, l, block);
    return !stop;
  };
  for (auto& f : files) {
    f->open_initial(by_name, deliver);
    if (stop) return true;
  }
  waiter w(opts, files);
  for (;;) {
    bool got = false;
    w.drain();
    for (auto& f : files) {
      if (f->ended()) continue;
      got = f->pump(deliver, stop) || got;
      if (!stop && by_name && f->check_name(deliver)) {
        w.rewatch(*f);
        got = f->pump(deliver, stop) || got;
      }
      if (stop) return true;
    }
    if (pending_signal()) {
      // Nothing held is lost to the signal: each file's partial last line, and a split envelope
      // line waiting for its next part, are shown as they are before the end.
      for (auto& f : files) {
        f->flush_partial(deliver);
        ended(f->path());
      }
      stop_on_signal(out);
    }
    // Everything read so far goes out before waiting.
    if (!out.flush()) return true;
    if (std::all_of(files.begin(), files.end(), [](const auto& f) { return f->ended(); })) {
      bool failed = std::any_of(files.begin(), files.end(), [](const auto& f) { return f->given_up(); });
      if (failed) report("no files remaining");
      return !failed;
    }
    if (!got) w.wait(out, files);
  }
}

}  // namespace logmoji
