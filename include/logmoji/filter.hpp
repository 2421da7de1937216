#pragma once
// Selection: minimum level and per-logger-prefix levels, exactly foundation's rule
// (docs/foundation.md#levels: the longest plain-string prefix of the logger name wins),
// then logmoji's logger prefixes, time range, message regex and --query expressions.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/options.hpp"
#include "logmoji/query.hpp"
#include "logmoji/selection_prefilter.hpp"

namespace re2 {
class RE2;
}

namespace logmoji {

class event_filter {
public:
  /// Compiles the --query expressions and the --grep pattern. A text that does not compile
  /// gives nullptr and the message in `error` (naming the option; `setting` is set to "query" or
  /// "grep"), so a broken expression can never reach a filter. `redact` (query_redaction of the
  /// run's): the query and --grep read secret keys inside objects redacted, at any depth
  /// through lists, as the outputs show them outside --foundation.
  static std::unique_ptr<event_filter> build(const filter_options& options, std::string& error,
                                             std::string* setting = nullptr, redaction redact = redaction::none);
  ~event_filter();
  event_filter(const event_filter&) = delete;
  event_filter& operator=(const event_filter&) = delete;

  /// Everything decided before enrichment decorates the event: levels, loggers, time, --grep.
  /// Inline: in a run without -l or other criteria every event passes, and the call cost more
  /// than the answer.
  [[nodiscard]] bool accepts(const event& ev) const { return accepts_every_ || accepts_event(ev); }
  /// The --query expressions, on the enriched event. Inline: asked of every event, most runs have
  /// no query, and the call cost more than the answer.
  [[nodiscard]] bool accepts_query(const event& ev, std::uint32_t original_message) const {
    return queries_.empty() || accepts_queries(ev, original_message);
  }
  [[nodiscard]] bool has_query() const { return !queries_.empty(); }
  /// The threshold for a logger name.
  [[nodiscard]] int threshold(std::string_view logger) const;
  /// What a byte-level look at a line can decide for this filter (selection_prefilter.hpp):
  /// levels always, --logger prefixes unless `logger_texts_change` (masking rewrites strings
  /// before the filter reads them). `user_level_fields`: the user's names for the level role.
  [[nodiscard]] prefilter_rules prefilter(const std::vector<std::string>& user_level_fields,
                                          bool logger_texts_change) const;

private:
  explicit event_filter(const filter_options& options);
  [[nodiscard]] bool accepts_event(const event& ev) const;
  [[nodiscard]] bool accepts_queries(const event& ev, std::uint32_t original_message) const;
  [[nodiscard]] bool accepts_logger(std::string_view logger) const;
  [[nodiscard]] bool accepts_time(const event& ev) const;
  [[nodiscard]] bool accepts_all(const event& ev, const node* level) const;
  [[nodiscard]] bool grep_matches(const event& ev) const;

  std::vector<module_level> by_length_;  // longest prefix first, stable
  int min_level_;
  level_rules rules_;
  std::vector<std::string> loggers_;
  std::vector<std::string> exclude_loggers_;
  std::unique_ptr<re2::RE2> grep_;
  std::vector<query> queries_;
  redaction redact_ = redaction::none;
  std::optional<epoch_ns> since_;
  std::optional<epoch_ns> until_;
  naive_zone zone_;
  // Nothing but the minimum level selects (the default run): the logger, its module level and
  // the time are never looked at.
  bool level_only_;
  bool accepts_every_;  // level_only_ at NOTSET or below: no rank is below it
};

/// Parses `mod:LEVEL,mod2:LEVEL` like PROVIDE_LOG_MODULE_LEVELS: items are trimmed and split at
/// the first ':'; items without ':', with an empty module or an invalid level are skipped, as the
/// library skips them. Level names are the library's (`names` foundation: the environment
/// variable) or every name -l takes (extended: --module-levels). With `problem`, the first item
/// skipped is also described there: the command line and the config file refuse what the
/// environment variable lets pass.
std::vector<module_level> parse_module_levels(std::string_view text, level_rules names, std::string* problem = nullptr);

/// The name foundation filters an event without logger_name under.
inline constexpr std::string_view unnamed_filter_target = "unnamed_filter_target";

}  // namespace logmoji
