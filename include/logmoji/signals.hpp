#pragma once
// SIGINT, SIGTERM and SIGHUP. Between blocking calls the handler only records the signal: the
// run loop finishes the current line, resets colours, flushes, then dies by the same signal
// (130, 143, 129) so a calling shell sees a real signal death. Inside a call that may block for
// ever (a read from a pipe or terminal, a write to a consumer that stopped reading) there is
// no "between lines" to wait for, so the handler ends the process itself: every caller flushes
// whole lines before it blocks, so nothing that was finished is lost (docs/decisions.md,
// "Signals").

#include <cstddef>

#include <poll.h>
#include <sys/types.h>

namespace logmoji {

void install_signal_handlers();
/// The signal received, or 0.
int pending_signal();
/// Restores the default action and raises `sig`; first, when a pager runs, closes standard
/// output and waits for it to exit (the user quits it), as git does.
[[noreturn]] void die_by_signal(int sig);
/// The pager die_by_signal waits for (0: none); set while one runs.
void await_child_on_death(pid_t pid);
/// Dies by the pending signal, if any (after the caller has flushed its output).
void stop_if_signalled();
/// When the output is a terminal with colours on, a death inside a write may cut a line after
/// its colour opened: the handler then writes a reset first.
void reset_colours_on_death(bool on);
[[nodiscard]] bool resets_colours_on_death();

/// Marks a system call that may block indefinitely. A signal that arrived before it ends the
/// process on entry; one that arrives during it ends the process from the handler. Nestable and
/// usable from any thread.
class blocking_call {
public:
  blocking_call();
  ~blocking_call();
  blocking_call(const blocking_call&) = delete;
  blocking_call& operator=(const blocking_call&) = delete;
};

/// poll(2) for a loop that stops on a signal by itself, after finishing what it holds: a stop
/// signal that came before the call, or comes during it, makes it return -1 at once (the
/// handler only records it); the caller then ends with stop_if_signalled().
int poll_until_signal(pollfd* fds, std::size_t count, int timeout_ms);

/// Waits until `fd` is ready for `events` (POLLIN / POLLOUT) inside a blocking_call; for
/// descriptors in non-blocking mode, which would otherwise make their callers spin.
void wait_ready(int fd, short events);

}  // namespace logmoji
