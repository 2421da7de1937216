// Builds the pipeline for each input, chooses the sink once, runs the per-line loop.
#include "logmoji/run.hpp"

#include <cstring>
#include <string>
#include <unistd.h>

#include "logmoji/diagnostics.hpp"
#include "logmoji/emoji_matrix.hpp"
#include "logmoji/enrich.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/filter.hpp"
#include "logmoji/framer.hpp"
#include "logmoji/output.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/signals.hpp"
#include "logmoji/sink.hpp"
#include "logmoji/source.hpp"

namespace logmoji {
namespace {

struct run_state {
  bool matched = false;
  bool failed = false;
};

template <sink Sink>
class pipeline {
public:
  pipeline(const options& opts, Sink& sink, output& out)
      : opts_(opts), sink_(sink), out_(out), enricher_(opts.enrich), filter_(opts.filter),
        framer_(opts.source.max_line_size) {}

  void process_input(byte_source& src, run_state& state) {
    framer_.reset();
    line l;
    for (;;) {
      while (framer_.next(l)) process_line(src, l, state);
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
  void process_line(const byte_source& src, const line& l, run_state& state) {
    if (l.truncated) {
      report_at(src.name(), l.number,
                "line longer than " + std::to_string(opts_.source.max_line_size) +
                    " bytes (--max-line-size); showing its start as a raw line");
      sink_.write_raw(l.bytes, out_);
      return;
    }
    parse_outcome outcome = parser_.parse(l.bytes, ev_);
    switch (outcome.kind) {
      case line_kind::blank: sink_.write_blank(out_); return;
      case line_kind::event: break;
      default: sink_.write_raw(l.bytes, out_); return;
    }
    resolve_roles(ev_, opts_.foundation);
    enricher_.sanitize(ev_);
    if (!filter_.accepts(ev_)) return;
    state.matched = true;
    enricher_.decorate(ev_);
    sink_.write_event(ev_, out_);
  }

  const options& opts_;
  Sink& sink_;
  output& out_;
  event_parser parser_;
  event ev_;
  enricher enricher_;
  event_filter filter_;
  line_framer framer_;
};

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
    if (out.error()) break;
  }
  if (!out.flush() || out.error()) {
    report(std::string("write error: ") + std::strerror(out.error()));
    return exit_status::error;
  }
  if (state.failed) return exit_status::error;
  if (opts.filter.selection && !state.matched) return exit_status::nothing_selected;
  return exit_status::ok;
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
  bool color = use_color(opts.sink.color, ::isatty(STDOUT_FILENO) == 1);
  console_sink sink(opts.sink, color, opts.enrich.redact_dicts);
  return run_inputs(opts, sink, out);
}

}  // namespace logmoji
