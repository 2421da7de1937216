#pragma once
// Timestamps: parse what logs write (foundation's local "YYYY-MM-DD HH:MM:SS.ffffff", RFC 3339,
// epoch numbers) and what users type (--since/--until), and format them for display.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "logmoji/event.hpp"

namespace logmoji {

/// Nanoseconds since the Unix epoch, UTC.
using epoch_ns = std::int64_t;

/// How a timestamp without a zone is read.
enum class naive_zone { local, utc };

/// Parses a log timestamp: `YYYY-MM-DD[ T]HH:MM[:SS[.fraction]][Z|±HH[:]MM]`, a date
/// `YYYY-MM-DD`, or epoch seconds / milliseconds / microseconds / nanoseconds (chosen by
/// magnitude) as a number or a digit string. Years outside 1..9999 are rejected.
std::optional<epoch_ns> parse_timestamp(std::string_view text, naive_zone zone);

/// The time of a tape value (string or number), if it is one.
std::optional<epoch_ns> node_time(const node& n, naive_zone zone);

/// Parses a --since/--until value: a timestamp as above, `now`, `today`, `yesterday`, or a
/// relative offset into the past (`3h`, `-3h`, `30m`, `2d`, `1w`, `45s`).
std::optional<epoch_ns> parse_time_option(std::string_view text, naive_zone zone, epoch_ns now);

/// Current time.
epoch_ns clock_now();

/// strftime-style formatting in local time or UTC, with %f for microseconds and %L for
/// milliseconds added.
void format_time(std::string& out, epoch_ns t, std::string_view format, naive_zone zone);

}  // namespace logmoji
