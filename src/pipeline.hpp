#pragma once
// The per-line pipeline shared by the single-threaded loop and the parallel workers:
// parse -> roles -> sanitize -> filter -> decorate -> query -> field selection -> sink.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/diagnostics.hpp"
#include "logmoji/enrich.hpp"
#include "logmoji/envelope.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/framer.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/plan.hpp"
#include "logmoji/run.hpp"
#include "logmoji/sink.hpp"

namespace logmoji {

template <sink Sink>
class pipeline {
public:
  /// `collect`: keep line reports in the state (workers) instead of writing them at once.
  pipeline(const plan& p, Sink& sink, output& out, bool collect)
      : opts_(p.opts),
        sink_(sink),
        out_(out),
        enricher_(p.opts.enrich, p.masker),
        filter_(*p.filter),
        selection_(p.selection),
        framer_(p.opts.source.max_line_size),
        envelopes_(p.opts.source.input, p.opts.source.max_line_size),
        needs_(p.needs),
        collect_(collect) {}

  line_framer& framer() { return framer_; }

  /// Frames and processes a block of whole lines (the last one may lack its newline at the end
  /// of an input).
  void process_block(std::string_view name, std::string_view bytes, bool input_start, std::uint64_t first_line,
                     bool at_end, run_state& state) {
    framer_.reset_at(input_start, first_line);
    framer_.feed(bytes);
    line l;
    while (framer_.next(l)) process_line(name, l, state);
    if (at_end && framer_.finish(l)) process_line(name, l, state);
    end_of_input({}, state);  // blocks never end inside a split line (envelope_may_continue)
  }

  /// The end of an input: a split envelope line still waiting is shown raw and counted.
  void end_of_input(std::string_view name, run_state& state) {
    if (envelopes_.active() && envelopes_.finish(name)) process_envelope_items(name, state);
  }

  void process_line(std::string_view name, const line& l, run_state& state) {
    if (l.truncated) {
      reject_line(name, l,
                  "line longer than " + std::to_string(opts_.source.max_line_size) +
                      " bytes (--max-line-size); its start is shown as a raw line",
                  state);
      return;
    }
    // Envelope stage (docs/envelopes.md): a container, journald or OTLP record, or a logfmt line,
    // stands for zero, one or many event texts; anything else is parsed as it is.
    if (envelopes_.active() && envelopes_.unwrap(name, l.bytes, l.number)) {
      process_envelope_items(name, state);
      return;
    }
    process_text(name, l, state);
  }

private:
  void process_envelope_items(std::string_view name, run_state& state) {
    for (const envelope_item& item : envelopes_.items()) {
      line inner{item.problem.empty() ? item.text : item.shown, item.line, false};
      if (item.problem.empty())
        process_text(name, inner, state);
      else
        reject_line(name, inner, std::string(item.problem), state);
    }
  }

  void process_text(std::string_view name, const line& l, run_state& state) {
    parse_outcome outcome = parser_.parse(l.bytes, ev_);
    if (outcome.kind == line_kind::blank) {
      ++state.counts.blank;
      if (Sink::shows_raw_lines) sink_.write_blank(out_);
      return;
    }
    if (outcome.kind != line_kind::event) {
      reject_line(name, l, "invalid JSON (" + std::string(outcome.reason) + ")", state);
      return;
    }
    ev_.line = l.bytes;
    resolve_roles(ev_, opts_.foundation);
    if (needs_.sanitize) enricher_.sanitize(ev_);
    ev_.original_message = ev_.role.message;
    if (!filter_.accepts(ev_) || (needs_.decorate && !decorate_and_query())) {
      ++state.counts.filtered;
      return;
    }
    ++state.counts.selected;
    selection_.apply(ev_);
    sink_.write_event(ev_, out_);
  }

  void reject_line(std::string_view name, const line& l, const std::string& why, run_state& state) {
    ++state.counts.invalid;
    if (opts_.strict) state.strict_violation = true;
    if (Sink::shows_raw_lines) sink_.write_raw(l.bytes, out_);
    if (Sink::shows_raw_lines && !opts_.strict && !l.truncated) return;
    if (collect_) {
      if (state.reports.size() < invalid_reports) state.reports.push_back({l.number, why});
    } else if (state.reported < invalid_reports) {
      ++state.reported;
      report_at(name, l.number, why);
    }
  }

  bool decorate_and_query() {
    enricher_.decorate(ev_);
    return filter_.accepts_query(ev_, ev_.original_message);
  }

  const options& opts_;
  Sink& sink_;
  output& out_;
  event_parser parser_;
  event ev_;
  enricher enricher_;
  const event_filter& filter_;
  const field_selection& selection_;
  line_framer framer_;
  envelope_stage envelopes_;
  const pipeline_needs needs_;
  bool collect_;
};

}  // namespace logmoji
