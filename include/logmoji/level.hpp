#pragma once
// Level names and numbers: provide.foundation's ranks, and the one table of every logger
// family's names and numbers mapped onto them (docs/levels.md).

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "logmoji/event.hpp"

namespace logmoji {

/// foundation's numeric levels, and the ranks logmoji puts other families' levels at: between
/// two of foundation's when a family has a level there (notice between info and warning).
namespace level_number {
inline constexpr int notset = 0;
inline constexpr int trace = 5;
inline constexpr int finer = 7;
inline constexpr int debug = 10;
inline constexpr int verbose = 15;
inline constexpr int http = 17;
inline constexpr int info = 20;
inline constexpr int notice = 25;
inline constexpr int warning = 30;
inline constexpr int error = 40;
inline constexpr int dpanic = 45;
inline constexpr int critical = 50;
inline constexpr int alert = 55;
inline constexpr int emergency = 60;
}  // namespace level_number

/// How an event's level text is ranked.
enum class level_rules {
  foundation,  ///< exactly the library: str(level).upper().strip(), unknown names (fatal, warn) count as INFO
  extended,    ///< every name and number of docs/levels.md
};

/// One row of the level table: a name (upper case) and its rank.
struct level_entry {
  std::string_view name;
  int rank;
};

/// Every level name logmoji knows outside --foundation, in rank order, each rank's display
/// name first (docs/levels.md is this table).
std::span<const level_entry> level_table();

/// Rank of an event's level value (a tape node); absent → INFO, as foundation treats unknown
/// levels. Numbers (extended rules): a node keyed `severityNumber` is OpenTelemetry's 1–24;
/// otherwise an integer 0–7 is a syslog severity (0 emergency … 7 debug; pino and bunyan start
/// at 10) and an integer from 10 up is pino/bunyan's scale, rounded down to its level.
int event_level(const node* level, level_rules rules);
/// event_level without remembering the ranks of recent level names: what the tests compare the
/// remembered answers with.
int event_level_unmemoized(const node* level, level_rules rules);

/// A level name ranked by a rule rather than found in level_table(): Go slog's `NAME±N`, a name
/// of slog's (upper case here, any case in a log) followed by a sign and at most `digits` digits.
/// Its rank may be anything from `low` to `high`, as the offset decides.
struct level_offset_name {
  std::string_view name;
  std::size_t digits;
  int low, high;
};
std::span<const level_offset_name> level_offset_names();

/// Parses a user-given level name (-l/--level, queries): any name of level_table(), any case.
/// nullopt when unknown.
std::optional<int> parse_level_option(std::string_view name);

/// Parses a level the way foundation's configuration does: exactly TRACE, DEBUG, INFO, WARNING,
/// ERROR or CRITICAL, case-insensitive, not trimmed.
std::optional<int> parse_foundation_level(std::string_view name);

/// The display name for a pino/bunyan numeric level (exactly 10, 20, …, 60), or empty.
std::string_view pino_level_name(std::string_view number);

/// True for a number whose key gives it a scale of its own (OpenTelemetry's `severityNumber`):
/// its rank and name depend on its key, not on its text alone.
inline bool number_read_by_key(const node& level) {
  return level.kind == value_kind::number && level.key == "severityNumber";
}

/// The display name of a numeric level node by the extended rules (syslog, pino, OpenTelemetry),
/// or empty when the node is not a number the table names: a custom pino level between or above
/// pino's own (35, 70) ranks by number_level_rank but keeps its number.
std::string_view number_level_name(const node& level);

/// The rank of a numeric level node by the extended rules, or nullopt when the number is none
/// the table ranks (8, a fraction, a negative number).
std::optional<int> number_level_rank(const node& level);

/// Lowercase name of a rank (for --print, --stats and messages); "notset" for 0 and unknown ranks.
std::string_view level_name(int rank);

/// The theme level whose colour a rank takes: critical, error, warning, info or debug.
std::string_view level_colour_name(int rank);

}  // namespace logmoji
