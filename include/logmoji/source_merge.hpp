#pragma once
// --merge: interleave several inputs by timestamp (docs/design.md#following).

#include "logmoji/source_follow.hpp"
#include "logmoji/options.hpp"
#include "logmoji/output.hpp"

namespace logmoji {

/// Reads every input at once and hands lines on in timestamp order: a k-way merge that holds
/// one line per input, so memory is bounded by the number of inputs. Each input is assumed
/// sorted; a line without a readable timestamp keeps its place after the line before it in its
/// own input; ties go to the input named first. Returns false when an input failed (reported).
bool merge_inputs(const options& opts, output& out, const line_handler& handle);

}  // namespace logmoji
