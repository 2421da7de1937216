// Signal handling: record, then re-raise after a clean stop.
#include "logmoji/signals.hpp"

#include <csignal>
#include <initializer_list>
#include <cstdlib>

namespace logmoji {
namespace {

volatile std::sig_atomic_t received = 0;

extern "C" void on_signal(int sig) { received = sig; }

}  // namespace

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocked read returns EINTR and the loop sees the flag
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    sigaction(sig, nullptr, &old);
    // A signal ignored by whoever started us stays ignored (nohup, background jobs).
    if (old.sa_handler != SIG_IGN) sigaction(sig, &sa, nullptr);
  }
}

int pending_signal() { return received; }

void die_by_signal(int sig) {
  std::signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  std::raise(sig);
  std::_Exit(128 + sig);
}

}  // namespace logmoji
