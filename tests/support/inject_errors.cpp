// LD_PRELOAD fault injection for the I/O tests (the idea of jq's inject_errors.c):
// - read() from a file whose path contains "fail_read" fails with EIO after its first read;
// - close() of standard output fails with ENOSPC when INJECT_CLOSE_ENOSPC is set.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <string>
#include <unistd.h>

namespace {

bool is_failing_file(int fd) {
  char link[64];
  char target[4096];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = ::readlink(link, target, sizeof target - 1);
  if (n <= 0) return false;
  target[n] = '\0';
  return std::strstr(target, "fail_read") != nullptr;
}

}  // namespace

extern "C" ssize_t read(int fd, void* buf, size_t count) {
  using read_fn = ssize_t (*)(int, void*, size_t);
  static read_fn real = reinterpret_cast<read_fn>(dlsym(RTLD_NEXT, "read"));
  static int reads_of_failing = 0;
  // The first read succeeds, so the failure comes mid-file, after some lines were shown.
  if (is_failing_file(fd) && reads_of_failing++ > 0) {
    errno = EIO;
    return -1;
  }
  return real(fd, buf, count);
}

extern "C" int close(int fd) {
  using close_fn = int (*)(int);
  static close_fn real = reinterpret_cast<close_fn>(dlsym(RTLD_NEXT, "close"));
  int rc = real(fd);
  if (fd == STDOUT_FILENO && std::getenv("INJECT_CLOSE_ENOSPC")) {
    errno = ENOSPC;
    return -1;
  }
  return rc;
}
