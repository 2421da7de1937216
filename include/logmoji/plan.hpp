#pragma once
// The plan of a run (ripgrep's low-level/high-level arguments): the options are validated and
// everything costly that they describe is built once, right after parsing — the compiled
// --query expressions and --grep pattern, the secret masker, the field selection — then shared
// read-only by every pipeline and worker thread. A plan that exists is valid.

#include <memory>
#include <string>

#include "logmoji/filter.hpp"
#include "logmoji/field_selection.hpp"
#include "logmoji/options.hpp"
#include "logmoji/enrich_sanitize.hpp"
#include "logmoji/selection_prefilter.hpp"

namespace logmoji {

/// Whether a sink's output wants enrichment, masking and so on (-o json needs neither).
struct pipeline_needs {
  bool decorate = true;
  bool sanitize = true;
};

class plan {
public:
  /// Builds the plan for `opts`; nullptr with the message in `error` (and the setting at
  /// fault, "query" or "grep", in `setting`) when an expression does not compile.
  static std::unique_ptr<const plan> build(const options& opts, std::string& error, std::string* setting = nullptr);

  const options opts;
  const std::unique_ptr<const event_filter> filter;
  const pipeline_needs needs;
  /// Only a run that sanitizes has one: compiling its patterns is most of a short run's start-up.
  const std::unique_ptr<const secret_masker> masker;
  const field_selection selection;
  /// What the byte-level prefilter may decide in this run; useful() false: it is not run.
  const prefilter_rules prefilter;

  /// Set in the environment (to anything), turns the prefilter off: the differential tests
  /// compare every selection with and without it.
  static constexpr const char* no_prefilter_variable = "LOGMOJI_NO_PREFILTER";

private:
  plan(const options& o, std::unique_ptr<const event_filter> f);
};

}  // namespace logmoji
