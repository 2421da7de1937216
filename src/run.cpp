// Builds the pipeline for each input, chooses the sink once, runs the per-line loop.
#include "logmoji/run.hpp"

#include <cstring>
#include <string>
#include <unistd.h>

#include "logmoji/diagnostics.hpp"
#include "logmoji/emoji_matrix.hpp"
#include "logmoji/enrich.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/field_selection.hpp"
#include "logmoji/filter.hpp"
#include "logmoji/framer.hpp"
#include "logmoji/output.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/signals.hpp"
#include "logmoji/sink.hpp"
#include "logmoji/source.hpp"

namespace logmoji {
namespace {

// Invalid lines reported one by one before the rest are only counted.
constexpr std::uint64_t invalid_reports = 10;

struct run_state {
  line_counts counts;
  bool failed = false;
  bool strict_violation = false;
};

template <sink Sink>
class pipeline {
public:
  pipeline(const options& opts, Sink& sink, output& out)
      : opts_(opts), sink_(sink), out_(out), enricher_(opts.enrich), filter_(opts.filter),
        selection_(split_list(opts.sink.keys), split_list(opts.sink.hide), opts.sink.output == output_kind::pretty),
        framer_(opts.source.max_line_size) {
    // Work only the chosen output needs: -o json re-emits the line as read, so masking and
    // decoration matter there only to a --query that looks at their results.
    bool shown_enriched = opts.sink.summary == summary_kind::none && opts.sink.output != output_kind::json &&
                          opts.sink.output != output_kind::raw;
    decorate_ = shown_enriched || filter_.has_query();
    sanitize_ = decorate_ || !opts.filter.grep.empty();
  }

  void process_input(byte_source& src, run_state& state) {
    framer_.reset();
    line l;
    for (;;) {
      while (!sink_.done() && framer_.next(l)) process_line(src, l, state);
      if (sink_.done()) return;
      // Everything framed so far goes out before we may block on a slow writer.
      if (!out_.flush()) return;
      fill_status st = framer_.fill(src);
      check_signal();
      if (st == fill_status::ok || st == fill_status::interrupted) continue;
      if (st == fill_status::end) {
        if (framer_.finish(l)) process_line(src, l, state);
        return;
      }
      std::string msg;
      append_name(msg, src.name());
      msg += ": read error: ";
      msg += std::strerror(framer_.error());
      report(msg);
      state.failed = true;
      return;
    }
  }

  // Lines are written whole and every coloured line ends with a reset, so stopping between two
  // lines leaves the terminal clean: flush what is done, then die by the signal.
  void check_signal() {
    if (int sig = pending_signal()) {
      out_.flush();
      die_by_signal(sig);
    }
  }

private:
  void reject_line(const byte_source& src, const line& l, std::string_view why, run_state& state) {
    ++state.counts.invalid;
    if (opts_.strict) state.strict_violation = true;
    if (Sink::shows_raw_lines) sink_.write_raw(l.bytes, out_);
    if (Sink::shows_raw_lines && !opts_.strict && !l.truncated) return;
    if (state.counts.invalid > invalid_reports) return;
    report_at(src.name(), l.number, std::string(why));
  }

  void process_line(const byte_source& src, const line& l, run_state& state) {
    if (l.truncated) {
      reject_line(src, l, "line longer than " + std::to_string(opts_.source.max_line_size) +
                              " bytes (--max-line-size); its start is shown as a raw line", state);
      return;
    }
    parse_outcome outcome = parser_.parse(l.bytes, ev_);
    if (outcome.kind == line_kind::blank) {
      ++state.counts.blank;
      if (Sink::shows_raw_lines) sink_.write_blank(out_);
      return;
    }
    if (outcome.kind != line_kind::event) {
      reject_line(src, l, "invalid JSON (" + std::string(outcome.reason) + ")", state);
      return;
    }
    ev_.line = l.bytes;
    resolve_roles(ev_, opts_.foundation);
    if (sanitize_) enricher_.sanitize(ev_);
    ev_.original_message = ev_.role.message;
    if (!filter_.accepts(ev_) || !(decorate_ ? decorate_and_query() : true)) {
      ++state.counts.filtered;
      return;
    }
    ++state.counts.selected;
    selection_.apply(ev_);
    sink_.write_event(ev_, out_);
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
  event_filter filter_;
  field_selection selection_;
  line_framer framer_;
  bool decorate_ = true;
  bool sanitize_ = true;
};

// `reported`: invalid lines went to standard error rather than to the output, so a final count
// says how many there were in all.
int exit_code(const options& opts, const run_state& state, output& out, bool reported, bool shown) {
  if (!out.flush() || out.error()) {
    report(std::string("write error: ") + std::strerror(out.error()));
    return exit_status::error;
  }
  if (reported && state.counts.invalid > 0)
    report(std::to_string(state.counts.invalid) + " invalid line" + (state.counts.invalid == 1 ? "" : "s") +
           (shown ? "" : " left out") + (state.counts.invalid > invalid_reports ? " (only the first " + std::to_string(invalid_reports) + " are named)" : ""));
  if (state.failed || state.strict_violation) return exit_status::error;
  if (opts.filter.selection && state.counts.selected == 0) return exit_status::nothing_selected;
  return exit_status::ok;
}

template <sink Sink>
int run_inputs(const options& opts, Sink& sink, output& out) {
  pipeline<Sink> pipe(opts, sink, out);
  run_state state;
  std::vector<std::string> files = opts.source.files;
  if (files.empty()) files.push_back("-");
  for (const auto& path : files) {
    std::string why;
    auto src = open_source(path, why);
    if (!src) {
      std::string msg = "'";
      append_name(msg, path);
      msg += "': " + why;
      report(msg);
      state.failed = true;
      continue;
    }
    pipe.process_input(*src, state);
    if (out.error() || sink.done()) break;
  }
  sink.finish(state.counts, out);
  return exit_code(opts, state, out, !Sink::shows_raw_lines || opts.strict, Sink::shows_raw_lines);
}

int run_output(const options& opts, output& out) {
  const sink_options& so = opts.sink;
  bool redact = opts.enrich.redact_dicts;
  switch (so.summary) {
    case summary_kind::count: { count_sink s; return run_inputs(opts, s, out); }
    case summary_kind::quiet: { quiet_sink s; return run_inputs(opts, s, out); }
    case summary_kind::stats: { stats_sink s(opts.filter.rules, so.zone); return run_inputs(opts, s, out); }
    case summary_kind::none: break;
  }
  switch (so.output) {
    case output_kind::json: { json_sink s(!so.keys.empty() || !so.hide.empty()); return run_inputs(opts, s, out); }
    case output_kind::json_enriched: { json_enriched_sink s(redact); return run_inputs(opts, s, out); }
    case output_kind::logfmt: { logfmt_sink s(redact); return run_inputs(opts, s, out); }
    case output_kind::raw: { message_sink s; return run_inputs(opts, s, out); }
    case output_kind::pretty: break;
  }
  bool color = use_color(so.color, ::isatty(STDOUT_FILENO) == 1);
  console_sink s(so, color, redact);
  return run_inputs(opts, s, out);
}

}  // namespace

int run(const options& opts) {
  output out(STDOUT_FILENO);
  if (opts.emoji_matrix) {
    write_emoji_matrix(out.buffer(), opts.enrich.logger_emoji == logger_emoji_mode::hash);
    if (!out.flush()) {
      report(std::string("write error: ") + std::strerror(out.error()));
      return exit_status::error;
    }
    return exit_status::ok;
  }
  install_signal_handlers();
  return run_output(opts, out);
}

}  // namespace logmoji
