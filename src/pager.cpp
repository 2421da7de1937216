// $PAGER (less -R) when standard output is a terminal and not following.
#include "logmoji/pager.hpp"

#include <cstdlib>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "logmoji/diagnostics.hpp"

namespace logmoji {
namespace {

pid_t pager_pid = -1;

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

}  // namespace

bool start_pager(paging_mode mode, bool following) {
  if (mode == paging_mode::never) return false;
  if (mode == paging_mode::automatic && (following || ::isatty(STDOUT_FILENO) != 1)) return false;
  const char* env = std::getenv("PAGER");
  // Without PAGER, less is used only when it is installed (a minimal system may lack it).
  if (!env && !on_path("less")) return false;
  std::string command = env ? env : "less -R";
  if (command.empty() || command == "cat") return false;
  int fds[2];
  if (::pipe(fds) != 0) return false;
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return false;
  }
  if (pid == 0) {
    ::dup2(fds[0], STDIN_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    // less shows colours with -R; a LESS the user set is theirs to keep.
    ::setenv("LESS", std::getenv("LESS") ? std::getenv("LESS") : "FRX", 0);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::dup2(fds[1], STDOUT_FILENO);
  ::close(fds[0]);
  ::close(fds[1]);
  pager_pid = pid;
  return true;
}

bool pager_running() { return pager_pid >= 0; }

void finish_pager() {
  if (pager_pid < 0) return;
  ::close(STDOUT_FILENO);
  int status = 0;
  while (::waitpid(pager_pid, &status, 0) < 0) {
  }
  pager_pid = -1;
}

}  // namespace logmoji
