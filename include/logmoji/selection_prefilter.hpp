#pragma once
// A byte-level look at a line before the full parse (issue 15 item 4): for runs whose filter
// reads only the level (and logger prefixes), most lines can be decided from their tokens alone.
// The prefilter validates the line with simdjson's stage 1 and a walk over its structural index
// (no tape). A line with one top-level "level" member (and no level fields of the user's) has
// that member for its level, since roles take it first: its rank alone decides. Otherwise the
// walk collects every token that could be the event's level or logger, and answers only when the
// answer cannot depend on which token the roles would pick. Anything unusual (NaN, deep nesting,
// a bad escape, a line it cannot validate) is left to the full path.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/level.hpp"
#include "logmoji/parser.hpp"

namespace logmoji {

/// What a line's bytes alone tell about its selection.
enum class prefilter_verdict : std::uint8_t {
  unsure,    ///< parse it the full way: not an object, invalid, unusual, or either answer is possible
  rejected,  ///< a valid JSON object the event parser accepts, which the filter certainly rejects
  selected,  ///< a valid JSON object the event parser accepts, which the filter certainly accepts
};

/// What the filter asks, reduced to what a line's tokens can decide (event_filter::prefilter_rules).
struct prefilter_rules {
  /// The lowest and highest level threshold any logger can get (-l and --module-levels).
  int min_threshold = 0;
  int max_threshold = 0;
  level_rules rules = level_rules::extended;
  /// The level is the filter's only test and the caller may count a line as selected unparsed.
  bool may_select = false;
  /// The sink writes a selected line as it was read (-o json without -k/-x): a line selected
  /// unparsed is written unparsed.
  bool lines_as_read = false;
  /// --logger prefixes, none empty: a line with no string starting with one is rejected.
  std::vector<std::string> logger_prefixes;
  /// Keys a numeric level may sit under (every dot-suffix of the level aliases and the user's
  /// level fields: "log.level" is also reached as {"log": {"level": …}}).
  std::vector<std::string> level_keys;
  /// The user named level fields of their own: the level is not simply the top-level "level".
  bool user_level_fields = false;

  /// Whether any verdict but unsure is possible: the prefilter is worth running.
  [[nodiscard]] bool useful() const;
};

/// The keys prefilter_rules::level_keys needs for these level field names.
std::vector<std::string> numeric_level_keys(const std::vector<std::string>& user_level_fields);

/// One per pipeline (not thread-safe); allocates once, on its first line, never per line.
class selection_prefilter {
public:
  explicit selection_prefilter(prefilter_rules rules);
  ~selection_prefilter();
  selection_prefilter(const selection_prefilter&) = delete;
  selection_prefilter& operator=(const selection_prefilter&) = delete;

  /// The verdict on one line (as the framer gives it: no newline).
  prefilter_verdict decide(std::string_view line);
  /// The same verdict from the structural index the line's block shares
  /// (event_parser::structure): no stage 1 of its own.
  prefilter_verdict decide(const line_structure& line);
  /// After a verdict other than unsure: the first entry of the index it read at or after the
  /// line's end (event_parser::structure_passed).
  [[nodiscard]] const std::uint32_t* entries_end() const;

  /// Validation alone: true only when event_parser would take `line` as an event (a JSON
  /// object); false when it would not, or when the walk cannot tell (then parse it).
  bool certainly_valid_object(std::string_view line);

  /// Lines longer than this are always unsure (the index is sized once).
  static constexpr std::size_t max_line = std::size_t{32} << 10;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace logmoji
