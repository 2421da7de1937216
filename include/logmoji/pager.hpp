#pragma once
// $PAGER for terminal output (docs/design.md#following).

namespace logmoji {

enum class paging_mode { automatic, always, never };

/// Starts $PAGER (default `less -R`) and points standard output at it when `mode` asks for it:
/// automatic = standard output is a terminal and logmoji is not following. An empty PAGER or
/// `cat` means no pager. Returns true when a pager is running.
bool start_pager(paging_mode mode, bool following);

/// True between start_pager() and finish_pager().
bool pager_running();

/// Closes our end of the pipe and waits for the pager to exit.
void finish_pager();

}  // namespace logmoji
