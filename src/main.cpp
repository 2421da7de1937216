// logmoji: parse options, run the pipeline, exit with its status.
#include <cerrno>
#include <new>

#include <fcntl.h>
#include <unistd.h>

#include "logmoji/cli.hpp"
#include "logmoji/run.hpp"

#if defined(__x86_64__) && defined(__AVX2__)
// The default build targets x86-64-v3: on an older CPU say so, instead of dying by SIGILL in the
// first vectorised loop. A constructor of the first priority runs before any other static
// initialiser could execute such an instruction.
__attribute__((constructor(101))) static void require_x86_64_v3() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("fma") &&
      __builtin_cpu_supports("pclmul"))
    return;
  static const char message[] =
      "logmoji: this build needs an x86-64-v3 CPU (AVX2, BMI2, FMA, PCLMUL); rebuild with meson setup -Dcpu=portable\n";
  [[maybe_unused]] auto n = ::write(STDERR_FILENO, message, sizeof message - 1);
  ::_exit(2);
}
#endif

// Out of memory (a giant line under a memory limit, a hostile input): a message and exit 2 on
// any thread, instead of an uncaught std::bad_alloc that aborts with a core dump.
[[noreturn]] static void out_of_memory() {
  static const char message[] = "logmoji: out of memory\n";
  [[maybe_unused]] auto n = ::write(STDERR_FILENO, message, sizeof message - 1);
  ::_exit(2);
}

// A standard descriptor closed by whoever started us (`logmoji --merge a.log - <&-`) would be
// the next file opened: '-' would then read a.log's bytes a second time, tearing its lines, and
// output could go to an input. Each closed one is held by /dev/null opened the wrong way round,
// so that using it still fails with EBADF, as using a closed descriptor does.
static void hold_closed_standard_descriptors() {
  for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    int held = ::open("/dev/null", (fd == STDIN_FILENO ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
    if (held >= 0 && held != fd) {
      ::dup2(held, fd);
      ::close(held);
    }
  }
}

int main(int argc, char** argv) {
  hold_closed_standard_descriptors();
  std::set_new_handler(out_of_memory);
  std::unique_ptr<const logmoji::plan> plan;
  if (auto status = logmoji::parse_command_line(argc, argv, plan)) return *status;
  return logmoji::run(*plan);
}
