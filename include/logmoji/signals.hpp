#pragma once
// SIGINT, SIGTERM and SIGHUP: the handler only records the signal; the run loop finishes the
// current line, resets colours, flushes, then dies by the same signal (130, 143, 129) so a
// calling shell sees a real signal death.

namespace logmoji {

void install_signal_handlers();
/// The signal received, or 0.
int pending_signal();
/// Restores the default action and raises `sig`.
[[noreturn]] void die_by_signal(int sig);

}  // namespace logmoji
