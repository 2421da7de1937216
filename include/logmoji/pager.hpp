#pragma once
// $PAGER for terminal output (docs/decisions.md, "The pager").

#include <string_view>

namespace logmoji {

enum class paging_mode { automatic, always, never };

/// Starts $PAGER (default `less -R`) and points standard output at it when `mode` asks for it:
/// automatic = standard output is a terminal and the input is not `live` (following, a pipe,
/// standard input). An empty PAGER or `cat` means no pager. Returns true when a pager is running.
bool start_pager(paging_mode mode, bool live);

/// True between start_pager() and finish_pager().
bool pager_running();

/// Called by the output after bytes went into the pager's pipe: the first pipe-full is kept, so
/// that a pager that never ran loses nothing (the replay below).
void pager_wrote(std::string_view bytes);

/// A write into the pager's pipe failed with EPIPE: the pager has exited. When the user quit it,
/// logmoji ends at once with status 0 (nothing is wrong). When the pager failed (could not run,
/// exited with an error or by a signal), it is reported, standard output is the terminal again,
/// and the bytes the pager never showed are written there: returns true, and the caller writes
/// the rest of its output directly.
bool pager_broke();

/// Closes our end of the pipe and waits for the pager to exit. Returns false when the pager
/// failed and its output could not be recovered (reported); a pager that failed before reading
/// anything has its bytes written to the terminal instead.
bool finish_pager();

}  // namespace logmoji
