#pragma once
// Enrichment in foundation's order (docs/foundation.md#processor-order): sanitization, then
// the logger-name emoji, then event-set markers and their metadata keys.

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/options.hpp"
#include "logmoji/enrich_sanitize.hpp"

namespace logmoji {

class enricher {
public:
  /// `masker` is shared by every worker (the run's plan owns it); the one-argument form uses one
  /// built on first use (tests, tools).
  enricher(const enrich_options& options, const secret_masker& masker);
  explicit enricher(const enrich_options& options);
  /// Masks secrets in top-level strings (dict redaction happens when values are printed).
  void sanitize(event& ev);
  /// Adds the logger emoji and the markers, unless the message already carries them.
  void decorate(event& ev);

private:
  std::string& scratch();
  std::string_view logger_emoji(const event& ev) const;
  bool starts_with_user_emoji(std::string_view text) const;
  void collect_markers(event& ev);
  void set_message(event& ev, std::string_view text);

  enrich_options options_;
  const event_set_registry* event_sets_;             // owned by options_ or static
  std::vector<logger_prefix_option> user_prefixes_;  // longest first
  const secret_masker* masker_;
  std::deque<std::string> arena_;  // deque: growing it never moves the strings views point into
  std::size_t arena_used_ = 0;
  std::string lowered_;
  std::string markers_;
  std::vector<std::uint32_t> original_fields_;
};

/// True when a message already starts with foundation's prefix: optional `[m]` marker groups
/// and a space, then a logger emoji followed by a space or the end.
bool carries_foundation_prefix(std::string_view message);

}  // namespace logmoji
