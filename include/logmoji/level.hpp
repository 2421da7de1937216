#pragma once
// Level names and numbers, as provide.foundation ranks them (docs/foundation.md#levels).

#include <optional>
#include <string>
#include <string_view>

#include "logmoji/event.hpp"

namespace logmoji {

/// foundation's numeric levels.
namespace level_number {
inline constexpr int notset = 0;
inline constexpr int trace = 5;
inline constexpr int debug = 10;
inline constexpr int info = 20;
inline constexpr int warning = 30;
inline constexpr int error = 40;
inline constexpr int critical = 50;
}  // namespace level_number

/// How an event's level text is ranked.
enum class level_rules {
  foundation,  ///< exactly the library: str(level).upper().strip(), unknown names (fatal, warn) count as INFO
  extended,    ///< the library's names plus warn, err, fatal, crit and pino/bunyan numbers
};

/// Rank of an event's level value (a tape node); absent → INFO, as foundation treats unknown levels.
int event_level(const node* level, level_rules rules);

/// Parses a user-given level name (-l/--level): trace, debug, info, warning/warn, error,
/// critical/fatal, any case. nullopt when unknown.
std::optional<int> parse_level_option(std::string_view name);

/// Parses a level the way foundation's configuration does: exactly TRACE, DEBUG, INFO, WARNING,
/// ERROR or CRITICAL, case-insensitive, not trimmed.
std::optional<int> parse_foundation_level(std::string_view name);

/// The display name for a pino/bunyan numeric level (10..60), or empty.
std::string_view pino_level_name(std::string_view number);

/// Lowercase name of a threshold (for --print and messages).
std::string_view level_name(int number);

}  // namespace logmoji
