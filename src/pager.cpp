// $PAGER (less -R) when standard output is a terminal and not following; falls back to the
// terminal when the pager cannot run.
#include "logmoji/pager.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "logmoji/diagnostics.hpp"
#include "logmoji/signals.hpp"

namespace logmoji {
namespace {

struct pager_state {
  pid_t pid = -1;
  int terminal = -1;  // standard output as it was before the pager (a dup)
  std::string command;
  std::string kept;          // the first bytes written, while they fit the pipe
  std::size_t capacity = 0;  // the pipe's size: more than that, and the pager has read some
  std::size_t written = 0;
};

pager_state pager;

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t colon = dirs.find(':', start);
    if (colon == std::string::npos) colon = dirs.size();
    std::string candidate = dirs.substr(start, colon - start) + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return true;
    start = colon + 1;
  }
  return false;
}

// Waits for the pager; only EINTR is retried (with SIGCHLD ignored by our parent the child is
// reaped by the kernel and waitpid fails with ECHILD: the status is then unknown, taken as 0).
int wait_pager() {
  int status = 0;
  while (::waitpid(pager.pid, &status, 0) < 0) {
    if (errno != EINTR) {
      status = 0;
      break;
    }
  }
  pager.pid = -1;
  await_child_on_death(0);
  return status;
}

// A stop signal came while the pager ran: it reached the pager too (one process group), and
// `sh -c` dies by SIGINT after less, which only stopped what it was doing, exits. The pager did
// not fail; the run ends by the signal, with nothing written to the terminal behind the pager.
void stop_if_interrupted() {
  if (int sig = pending_signal()) die_by_signal(sig);
}

bool failed(int status) { return !WIFEXITED(status) || WEXITSTATUS(status) != 0; }

std::string describe(int status) {
  std::string msg = "pager " + quoted(pager.command) + " ";
  if (WIFSIGNALED(status)) return msg + "was killed by signal " + std::to_string(WTERMSIG(status));
  int code = WEXITSTATUS(status);
  if (code == 127) return msg + "could not be run (command not found)";
  if (code == 126) return msg + "could not be run (not executable)";
  return msg + "exited with status " + std::to_string(code);
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Points standard output back at the terminal and shows there what the pager was given, when
// all of it was kept. Returns false when the pager had taken more than was kept.
bool recover(int status) {
  bool whole = pager.written <= pager.capacity;
  report(describe(status) + (whole ? "; writing to the terminal instead"
                                   : "; the rest of the output goes to the terminal, some lines may be missing"));
  ::dup2(pager.terminal, STDOUT_FILENO);
  ::close(pager.terminal);
  pager.terminal = -1;
  if (whole) write_all(STDOUT_FILENO, pager.kept);
  pager.kept.clear();
  return whole;
}

}  // namespace

bool start_pager(paging_mode mode, bool live) {
  if (mode == paging_mode::never) return false;
  if (mode == paging_mode::automatic && (live || ::isatty(STDOUT_FILENO) != 1)) return false;
  const char* env = std::getenv("PAGER");
  // Without PAGER, less is used only when it is installed (a minimal system may lack it).
  if (!env && !on_path("less")) return false;
  std::string command = env ? env : "less -R";
  if (command.empty() || command == "cat") return false;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  int terminal = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  pid_t pid = terminal < 0 ? -1 : ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    if (terminal >= 0) ::close(terminal);
    return false;
  }
  if (pid == 0) {
    ::dup2(fds[0], STDIN_FILENO);
    // less shows colours with -R; a LESS the user set is theirs to keep.
    ::setenv("LESS", std::getenv("LESS") ? std::getenv("LESS") : "FRX", 0);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::dup2(fds[1], STDOUT_FILENO);
  // A pager that exits must come back as EPIPE, not kill us: quitting it is not an error, and a
  // pager that failed is replaced by the terminal (pager_broke).
  std::signal(SIGPIPE, SIG_IGN);
  int size = ::fcntl(fds[1], F_GETPIPE_SZ);
  ::close(fds[0]);
  ::close(fds[1]);
  pager = pager_state{pid, terminal, command, {}, size > 0 ? static_cast<std::size_t>(size) : 4096, 0};
  await_child_on_death(pid);
  return true;
}

bool pager_running() { return pager.pid >= 0; }

void pager_wrote(std::string_view bytes) {
  if (pager.written < pager.capacity) pager.kept.append(bytes.substr(0, pager.capacity - pager.written));
  pager.written += bytes.size();
}

bool pager_broke() {
  ::close(STDOUT_FILENO);
  int status = wait_pager();
  stop_if_interrupted();
  if (!failed(status)) _exit(0);  // the user quit the pager: nothing went wrong
  recover(status);
  return true;
}

bool finish_pager() {
  if (pager.pid < 0) return true;
  ::close(STDOUT_FILENO);
  int status = wait_pager();
  stop_if_interrupted();
  bool ok = !failed(status) || recover(status);
  if (pager.terminal >= 0) ::close(pager.terminal);
  pager.terminal = -1;
  return ok;
}

}  // namespace logmoji
