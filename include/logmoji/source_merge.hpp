#pragma once
// --merge: interleave several inputs by timestamp (docs/design.md#following).

#include <functional>
#include <string_view>

#include "logmoji/event.hpp"
#include "logmoji/framer.hpp"
#include "logmoji/inputs.hpp"
#include "logmoji/options.hpp"
#include "logmoji/output.hpp"
#include "logmoji/parser.hpp"

namespace logmoji {

/// A merged line's parse, when the merger made one to read the line's time: the handler may
/// take `ev` over (swap it) instead of parsing the line again. It lasts until the handler
/// returns.
struct parsed_line {
  parse_outcome outcome;
  event* ev = nullptr;
};

/// What the merge hands each line to, in order, with its parse or null; false stops the run.
using merge_handler = std::function<bool(std::string_view name, const line& l, parsed_line* parsed)>;

/// Reads every input at once and hands lines on in timestamp order: a k-way merge that holds
/// one line per input, so memory is bounded by the number of inputs. Each input is assumed
/// sorted; a line without a readable timestamp keeps its place after the line before it in its
/// own input; ties go to the input named first. Returns false when an input failed (reported).
bool merge_inputs(const options& opts, output& out, const merge_handler& handle, const input_end_handler& ended);

}  // namespace logmoji
