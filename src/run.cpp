// Chooses the sink once, then runs the inputs through the pipeline: on one thread, or on
// several (run_parallel.cpp) when the output allows it.
#include "logmoji/run.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <thread>
#include <sys/stat.h>
#include <unistd.h>

#include "logmoji/emoji_matrix.hpp"
#include "logmoji/follow.hpp"
#include "logmoji/merge.hpp"
#include "logmoji/output.hpp"
#include "logmoji/signals.hpp"
#include "logmoji/source.hpp"
#include "pipeline.hpp"
#include "run_parallel.hpp"

namespace logmoji {
namespace {

// Lines are written whole and every coloured line ends with a reset, so stopping between two
// lines leaves the terminal clean: flush what is done, then die by the signal.
void stop_on_signal(output& out) {
  if (int sig = pending_signal()) {
    out.flush();
    die_by_signal(sig);
  }
}

template <sink Sink>
void read_input(pipeline<Sink>& pipe, Sink& sink, byte_source& src, output& out, run_state& state) {
  line_framer& framer = pipe.framer();
  framer.reset();
  line l;
  for (;;) {
    while (!sink.done() && framer.next(l)) pipe.process_line(src.name(), l, state);
    if (sink.done()) return;
    // Everything framed so far goes out before we may block on a slow writer.
    if (!out.flush()) return;
    fill_status st = framer.fill(src);
    stop_on_signal(out);
    if (st == fill_status::ok || st == fill_status::interrupted) continue;
    if (st == fill_status::end) {
      if (framer.finish(l)) pipe.process_line(src.name(), l, state);
      return;
    }
    report_read_error(src, framer.error());
    state.failed = true;
    return;
  }
}

// Runs the pipeline on one thread over the lines `feed` produces, then the sink's summary and
// the exit status. `feed(pipe, state)` returns false when an input failed.
template <sink Sink, class Feed>
int run_on_one_thread(const options& opts, Sink& sink, output& out, Feed feed) {
  pipeline<Sink> pipe(opts, sink, out, false);
  run_state state;
  if (!feed(pipe, state)) state.failed = true;
  sink.finish(state.counts, out);
  return finish_run(opts, state, out, !Sink::shows_raw_lines || opts.strict, Sink::shows_raw_lines);
}

// The inputs one after the other.
template <sink Sink>
int run_serial(const options& opts, Sink& sink, output& out) {
  return run_on_one_thread(opts, sink, out, [&](pipeline<Sink>& pipe, run_state& state) {
    for_each_input(opts, state, [&](byte_source& src) {
      read_input(pipe, sink, src, out, state);
      return !out.error() && !sink.done();
    });
    return true;
  });
}

// -f/-F on files: lines as they arrive; only a signal or a closed pipe ends it.
template <sink Sink>
int run_follow(const options& opts, Sink& sink, output& out) {
  return run_on_one_thread(opts, sink, out, [&](pipeline<Sink>& pipe, run_state& state) {
    return follow_inputs(opts, out, [&](std::string_view name, const line& l) { pipe.process_line(name, l, state); });
  });
}

// --merge: the inputs interleaved by timestamp.
template <sink Sink>
int run_merge(const options& opts, Sink& sink, output& out) {
  return run_on_one_thread(opts, sink, out, [&](pipeline<Sink>& pipe, run_state& state) {
    return merge_inputs(opts, out, [&](std::string_view name, const line& l) { pipe.process_line(name, l, state); });
  });
}

bool followable(const options& opts) {
  const auto& files = opts.source.files;
  // A pipe cannot grow after its end, so -f on standard input just reads it (as tail does).
  return opts.source.follow != follow_mode::none && !files.empty() &&
         std::find(files.begin(), files.end(), "-") == files.end();
}

// Sinks whose output is a concatenation of per-line outputs run on several threads; the
// summaries that keep state across lines (--stats, --quiet) stay on one.
template <sink Sink>
int run_inputs(const options& opts, Sink& sink, output& out) {
  if (followable(opts)) return run_follow(opts, sink, out);
  if (opts.source.merge) return run_merge(opts, sink, out);
  unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  if (threads > 1 && parallel_safe<Sink>) return run_parallel(opts, sink, out, threads);
  return run_serial(opts, sink, out);
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
    case output_kind::json: { json_sink s(so); return run_inputs(opts, s, out); }
    case output_kind::json_enriched: { json_enriched_sink s(redact); return run_inputs(opts, s, out); }
    case output_kind::logfmt: { logfmt_sink s(redact); return run_inputs(opts, s, out); }
    case output_kind::raw: { message_sink s; return run_inputs(opts, s, out); }
    case output_kind::pretty: break;
  }
  bool color = use_color(so.color, so.stdout_tty);
  console_sink s(so, color, redact);
  return run_inputs(opts, s, out);
}

}  // namespace

// `logmoji a.log >> a.log` would read its own output forever: refused, as cat(1) does.
bool is_output_file(const std::string& path) {
  struct stat out {}, in {};
  if (::fstat(STDOUT_FILENO, &out) != 0 || !S_ISREG(out.st_mode)) return false;
  int rc = path == "-" ? ::fstat(STDIN_FILENO, &in) : ::stat(path.c_str(), &in);
  return rc == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino;
}

void report_read_error(const byte_source& src, int error) {
  std::string msg;
  append_name(msg, src.name());
  msg += ": ";
  if (src.failure().empty()) msg += std::string("read error: ") + std::strerror(error);
  else msg += src.failure();
  report(msg);
}

bool for_each_input(const options& opts, run_state& state, const std::function<bool(byte_source&)>& body) {
  std::vector<std::string> files = opts.source.files;
  if (files.empty()) files.push_back("-");
  for (const auto& path : files) {
    if (is_output_file(path)) {
      std::string msg = "'";
      append_name(msg, path);
      report(msg + "': input file is output file");
      state.failed = true;
      continue;
    }
    auto src = open_or_report(path);
    if (!src) {
      state.failed = true;
      continue;
    }
    if (!body(*src)) return false;
  }
  return true;
}

// Flushes and closes standard output; false after reporting a write error. close() is where a
// full disk or an NFS error may surface last (coreutils' close_stdout); a pager's pipe is closed
// when the pager is waited for.
bool close_output(output& out) {
  if (out.flush() && !out.error() && (pager_running() || ::close(STDOUT_FILENO) == 0 || errno == EBADF)) return true;
  report(std::string("write error: ") + std::strerror(out.error() ? out.error() : errno));
  return false;
}

int finish_run(const options& opts, const run_state& state, output& out, bool reported, bool shown) {
  if (!close_output(out)) return exit_status::error;
  // Invalid lines that went to standard error rather than to the output: say how many in all.
  if (reported && state.counts.invalid > 0)
    report(std::to_string(state.counts.invalid) + " invalid line" + (state.counts.invalid == 1 ? "" : "s") +
           (shown ? "" : " left out") +
           (state.counts.invalid > invalid_reports
                ? " (only the first " + std::to_string(invalid_reports) + " are named)"
                : ""));
  if (state.failed || state.strict_violation) return exit_status::error;
  if (opts.filter.selection && state.counts.selected == 0) return exit_status::nothing_selected;
  return exit_status::ok;
}

int write_document(std::string_view text) {
  output out(STDOUT_FILENO);
  out.buffer() += text;
  return close_output(out) ? exit_status::ok : exit_status::error;
}

int run(const options& opts) {
  if (opts.emoji_matrix) {
    std::string text;
    write_emoji_matrix(text, opts.enrich);
    return write_document(text);
  }
  output out(STDOUT_FILENO);
  install_signal_handlers();
  // The colour decision looks at the terminal, not at the pager's pipe.
  options effective = opts;
  effective.sink.stdout_tty = ::isatty(STDOUT_FILENO) == 1;
  bool following = opts.source.follow != follow_mode::none;
  bool summary = opts.sink.summary != summary_kind::none;
  if (!summary) start_pager(opts.sink.paging, following);
  int status = run_output(effective, out);
  finish_pager();
  return status;
}

}  // namespace logmoji
