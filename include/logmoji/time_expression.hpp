#pragma once
// What people type for --since/--until, on top of timestamp.hpp's forms: spelled-out and
// compound offsets (1 hour ago, 90min, 1h30m, 2 days ago), a clock time today (10:00) and a
// clock time on a named day (today 08:00, yesterday 18:00).

#include <optional>
#include <string_view>

#include "logmoji/timestamp.hpp"

namespace logmoji {

/// Parses a --since/--until value relative to `now`. Clock times are read in `zone` (local by
/// default), so `10:00` is today's 10:00 on the reader's clock, even when that is still to come.
/// Offsets reaching before the year 1 give earliest_time, as parse_time_option does.
std::optional<epoch_ns> parse_time_expression(std::string_view text, naive_zone zone, epoch_ns now);

}  // namespace logmoji
