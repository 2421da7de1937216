#pragma once
// One pass over a line's bytes that proves it a JSON object, without simdjson's stage 1, a
// structural index or a tape: the selection prefilter's way to decide the common line for about
// a third of what indexing and walking it cost (issue 15, `--count` and `-o json -l error`).
//
// The scan is strict RFC 8259 (which event_parser accepts in full up to its nesting cap) and
// gives up on anything it is not sure of: it never calls a line invalid, it only answers "valid"
// or "ask the full path". What it notes on the way is the top-level "level" member, the one token
// the prefilter needs when the level decides.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace logmoji {

/// What the scan saw of the top-level "level" member.
enum class level_member : std::uint8_t {
  absent,   ///< no top-level key "level"
  text,     ///< once, a string without escapes: `level_token` is its text between the quotes
  number,   ///< once, a number: `level_token` is its token
  unusual,  ///< anything else: twice, another value, an escaped string, or a top-level key
            ///< with escapes (which may spell "level")
};

struct object_scan {
  level_member level = level_member::absent;
  std::string_view level_token;
};

/// Deeper and longer lines are left to the full path (the scan's bit masks live on the stack).
inline constexpr int object_scan_depth = 64;
inline constexpr std::size_t object_scan_longest = 4096;

/// True when `line` (no JSON whitespace at either end) is certainly a JSON object: valid UTF-8,
/// valid escapes (surrogates paired), no control character in a string, numbers by the grammar,
/// nesting at most object_scan_depth, nothing after the object. False when it is not or the scan
/// cannot tell. `line` must be followed by 64 readable bytes (line_block's padding): the scan
/// reads it in chunks of 64 bytes.
/// How the scan classifies bytes: the fastest way this CPU has (AVX2), or the portable one every
/// CPU runs (SSE2, else byte by byte), which the tests compare with it.
enum class scan_kernel : std::uint8_t { fastest, portable };

bool scan_object(std::string_view line, object_scan& out, scan_kernel kernel = scan_kernel::fastest);

}  // namespace logmoji
