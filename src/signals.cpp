// Signal handling: record, then re-raise after a clean stop; die at once inside blocking calls.
#include "logmoji/signals.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>

#include <poll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace logmoji {
namespace {

// Lock-free atomics are async-signal-safe; the handler may run on any thread, and every thread
// reads `received` (a volatile sig_atomic_t is safe only within the thread that took the signal:
// ThreadSanitizer reported it as a race between the handler and a parallel worker).
std::atomic<int> received{0};
std::atomic<int> blocking_depth{0};
std::atomic<bool> reset_on_death{false};
constexpr std::array<int, 3> stop_signals{SIGINT, SIGTERM, SIGHUP};
static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free);

// The pager to wait for before dying, 0 for none; claimed by the first thread that dies.
std::atomic<pid_t> awaited_child{0};
std::atomic<bool> child_claimed{false};
static_assert(std::atomic<pid_t>::is_always_lock_free);

// A pager left running when we die is orphaned in the background while the shell takes the
// terminal back: both read the keys, and less fails with EIO. As git does, the pager is given
// the end of its input and waited for; the stop signals wait meanwhile (blocked in this thread,
// a second Ctrl-C in less must not kill us first). Another thread dying at once waits for the
// first to reap the pager. Only async-signal-safe calls: close, waitpid, nanosleep.
void wait_for_child() {
  pid_t pid = awaited_child.load();
  if (pid <= 0) return;
  sigset_t stop;
  sigemptyset(&stop);
  for (int sig : stop_signals) sigaddset(&stop, sig);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  ::close(STDOUT_FILENO);
  if (child_claimed.exchange(true)) {
    const timespec tick{0, 10'000'000};
    while (awaited_child.load() > 0) ::nanosleep(&tick, nullptr);
    return;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  awaited_child.store(0);
}

// Only async-signal-safe calls: write, sigaction, sigprocmask, raise, _exit.
[[noreturn]] void terminate_now(int sig) {
  if (reset_on_death.load()) {
    static const char reset[] = "\x1b[0m";
    [[maybe_unused]] auto n = ::write(STDOUT_FILENO, reset, sizeof reset - 1);
  }
  die_by_signal(sig);
}

extern "C" void on_signal(int sig) {
  received.store(sig);
  if (blocking_depth.load() > 0) terminate_now(sig);
}

}  // namespace

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocked call returns EINTR if the handler lets it
  for (int sig : stop_signals) {
    struct sigaction old {};
    sigaction(sig, nullptr, &old);
    // A signal ignored by whoever started us stays ignored (nohup, background jobs).
    if (old.sa_handler != SIG_IGN) sigaction(sig, &sa, nullptr);
  }
}

int pending_signal() { return received.load(std::memory_order_relaxed); }

void stop_if_signalled() {
  if (int sig = received.load()) die_by_signal(sig);
}

void reset_colours_on_death(bool on) { reset_on_death.store(on); }

bool resets_colours_on_death() { return reset_on_death.load(); }

void await_child_on_death(pid_t pid) { awaited_child.store(pid); }

void die_by_signal(int sig) {
  wait_for_child();
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  raise(sig);
  _exit(128 + sig);
}

// The order closes the race: the depth is raised before the flag is looked at, so a signal is
// either seen here or finds the depth raised in the handler.
blocking_call::blocking_call() {
  blocking_depth.fetch_add(1);
  if (int sig = received.load()) terminate_now(sig);
}

blocking_call::~blocking_call() { blocking_depth.fetch_sub(1); }

// The stop signals are blocked while the flag is looked at, and ppoll unblocks them atomically:
// one that came before is seen here, one that comes later interrupts the wait.
int poll_until_signal(pollfd* fds, std::size_t count, int timeout_ms) {
  sigset_t stop, old;
  sigemptyset(&stop);
  for (int sig : stop_signals) sigaddset(&stop, sig);
  pthread_sigmask(SIG_BLOCK, &stop, &old);
  int n = -1;
  if (!received.load()) {
    timespec limit{timeout_ms / 1000, static_cast<long>(timeout_ms % 1000) * 1'000'000L};
    n = ::ppoll(fds, count, timeout_ms < 0 ? nullptr : &limit, &old);
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return n;
}

void wait_ready(int fd, short events) {
  pollfd p{fd, events, 0};
  blocking_call waiting;
  while (::poll(&p, 1, -1) < 0 && errno == EINTR) {}
}

}  // namespace logmoji
