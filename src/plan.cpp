// Building the plan: validate once, build once.
#include "logmoji/plan.hpp"

#include <cstdlib>

#include "logmoji/enrich.hpp"

namespace logmoji {
namespace {

pipeline_needs needs_of(const options& opts, bool has_query) {
  bool shown_enriched = opts.sink.summary == summary_kind::none && opts.sink.output != output_kind::json &&
                        opts.sink.output != output_kind::raw;
  pipeline_needs n;
  n.decorate = shown_enriched || has_query;
  // -o raw shows the message masked, without the emoji and markers decorate puts before it.
  bool shown_masked = opts.sink.summary == summary_kind::none && opts.sink.output == output_kind::raw;
  n.sanitize = n.decorate || shown_masked || opts.filter.grep.has_value();
  return n;
}

// The prefilter answers for the filter alone: -v turns its answers round, -A/-B/-C need the
// parsed events it skips. It sees only lines the envelope stage leaves as they are; an explicit
// envelope format keeps it off altogether. A line selected
// unparsed must reach a sink that looks at nothing but the count, or that writes the line as read
// (-o json without -k/-x).
prefilter_rules prefilter_of(const options& opts, const event_filter& filter, const pipeline_needs& needs) {
  bool context = opts.sink.summary == summary_kind::none && (opts.filter.before > 0 || opts.filter.after > 0);
  bool plain = opts.source.input == input_format::json || opts.source.input == input_format::automatic;
  if (opts.filter.invert || context || !plain || std::getenv(plan::no_prefilter_variable)) return {};
  prefilter_rules r = filter.prefilter(opts.fields.level, needs.sanitize && opts.enrich.mask);
  const sink_options& so = opts.sink;
  r.lines_as_read =
      so.summary == summary_kind::none && so.output == output_kind::json && so.keys.empty() && so.hide.empty();
  r.may_select =
      r.may_select && (so.summary == summary_kind::count || so.summary == summary_kind::quiet || r.lines_as_read);
  return r;
}

}  // namespace

plan::plan(const options& o, std::unique_ptr<const event_filter> f)
    : opts(o),
      filter(std::move(f)),
      needs(needs_of(o, filter->has_query())),
      masker(needs.sanitize ? std::make_unique<const secret_masker>(masking_patterns(o.enrich)) : nullptr),
      selection(split_list(o.sink.keys), split_list(o.sink.hide), o.sink.output == output_kind::pretty,
                o.sink.output == output_kind::json || o.sink.output == output_kind::json_enriched,
                run_redaction(o.enrich)),
      prefilter(prefilter_of(o, *filter, needs)) {}

std::unique_ptr<const plan> plan::build(const options& opts, std::string& error, std::string* setting) {
  auto filter = event_filter::build(opts.filter, error, setting, query_redaction(run_redaction(opts.enrich)));
  if (!filter) return nullptr;
  return std::unique_ptr<const plan>(new plan(opts, std::move(filter)));
}

}  // namespace logmoji
