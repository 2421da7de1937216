#pragma once
// -f / -F: following growing files (docs/design.md#following, docs/reliability.md E1–E10).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "logmoji/framer.hpp"
#include "logmoji/inputs.hpp"
#include "logmoji/options.hpp"
#include "logmoji/output.hpp"

namespace logmoji {

/// What the follow loop hands each complete line to, with the framer block it lies in (for the
/// parser's shared stage 1; empty for a copy); false stops the run (a done sink: --quiet has its
/// match).
using line_handler = std::function<bool(std::string_view name, const line& l, const line_block& block)>;

/// Follows every input until a signal or a closed downstream pipe ends logmoji: new lines are
/// handed to `handle` as they are completed (a partial line is held until its newline and never
/// glued to another file's data), output is flushed before every wait, and idle waiting uses
/// inotify (or polling) so it costs no CPU. A signal shows what is held (each file's partial
/// line, then `ended` for each) before logmoji dies by it. Returns false when nothing could be
/// followed.
bool follow_inputs(const options& opts, output& out, const line_handler& handle, const input_end_handler& ended);

}  // namespace logmoji
