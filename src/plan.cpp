// Building the plan: validate once, build once.
#include "logmoji/plan.hpp"

namespace logmoji {
namespace {

pipeline_needs needs_of(const options& opts, bool has_query) {
  bool shown_enriched = opts.sink.summary == summary_kind::none && opts.sink.output != output_kind::json &&
                        opts.sink.output != output_kind::raw;
  pipeline_needs n;
  n.decorate = shown_enriched || has_query;
  n.sanitize = n.decorate || !opts.filter.grep.empty();
  return n;
}

}  // namespace

plan::plan(const options& o, std::unique_ptr<const event_filter> f)
    : opts(o),
      filter(std::move(f)),
      selection(split_list(o.sink.keys), split_list(o.sink.hide), o.sink.output == output_kind::pretty,
                o.sink.output == output_kind::json || o.sink.output == output_kind::json_enriched),
      needs(needs_of(o, filter->has_query())) {}

std::unique_ptr<const plan> plan::build(const options& opts, std::string& error, std::string* setting) {
  auto filter = event_filter::build(opts.filter, error, setting);
  if (!filter) return nullptr;
  return std::unique_ptr<const plan>(new plan(opts, std::move(filter)));
}

}  // namespace logmoji
