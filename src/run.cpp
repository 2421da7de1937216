// Chooses the sink once, then runs the inputs through the pipeline: on one thread, or on
// several (run_parallel.cpp) when the output allows it.
#include "logmoji/run.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <thread>
#include <unistd.h>

#include "logmoji/colors.hpp"
#include "logmoji/diagnostics.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/source_follow.hpp"
#include "logmoji/inputs.hpp"
#include "logmoji/source_merge.hpp"
#include "logmoji/pager.hpp"
#include "logmoji/signals.hpp"
#include "logmoji/sink_console.hpp"
#include "logmoji/sink_json.hpp"
#include "logmoji/sink_logfmt.hpp"
#include "logmoji/sink_summary.hpp"
#include "pipeline.hpp"
#include "run_parallel.hpp"

namespace logmoji {
namespace {

template <sink Sink>
void read_input(pipeline<Sink>& pipe, Sink& sink, byte_source& src, output& out, run_state& state) {
  line_framer& framer = pipe.framer();
  framer.reset();
  pipe.start_input(state);
  line l;
  for (;;) {
    while (!sink.done() && framer.next(l)) pipe.process_line(src.name(), l, state);
    if (sink.done()) return;
    // Everything framed so far goes out before we may block on a slow writer.
    if (!out.flush()) return;
    fill_status st = framer.fill(src);
    stop_on_signal(out);
    if (st == fill_status::ok || st == fill_status::interrupted) continue;
    // What was read before a failure is shown too, its unfinished last line included.
    if (framer.finish(l)) pipe.process_line(src.name(), l, state);
    pipe.end_of_input(src.name(), state);
    if (st == fill_status::read_error) {
      report_read_error(src, framer.error());
      state.failed = true;
    }
    return;
  }
}

// Runs the pipeline on one thread over the lines `feed` produces, then the sink's summary and
// the exit status. `feed(pipe, state)` returns false when an input failed.
template <sink Sink, class Feed>
int run_on_one_thread(const plan& p, Sink& sink, output& out, Feed feed) {
  pipeline<Sink> pipe(p, sink, out, false);
  run_state state;
  if (!feed(pipe, state)) state.failed = true;
  pipe.end_of_input({}, state);
  pipe.finish(state);
  sink.finish(state.counts, out);
  return finish_run(p.opts, state, out, !Sink::shows_raw_lines || p.opts.strict, Sink::shows_raw_lines);
}

// The inputs one after the other; a sink that is done (--quiet matched) stops the reading.
template <sink Sink>
int run_serial(const plan& p, Sink& sink, output& out) {
  return run_on_one_thread(p, sink, out, [&](pipeline<Sink>& pipe, run_state& state) {
    return for_each_input(p.opts.source,
                          [&](byte_source& src) {
                            read_input(pipe, sink, src, out, state);
                            return !out.error() && !sink.done();
                          }) ||
           sink.done();
  });
}

// -f/-F on files: lines as they arrive; a signal, a closed pipe or a done sink ends it.
template <sink Sink>
int run_follow(const plan& p, Sink& sink, output& out) {
  return run_on_one_thread(p, sink, out, [&](pipeline<Sink>& pipe, run_state& state) {
    return follow_inputs(p.opts, out, [&](std::string_view name, const line& l) {
      pipe.process_line(name, l, state);
      return !sink.done();
    });
  });
}

// --merge: the inputs interleaved by timestamp.
template <sink Sink>
int run_merge(const plan& p, Sink& sink, output& out) {
  return run_on_one_thread(p, sink, out, [&](pipeline<Sink>& pipe, run_state& state) {
    return merge_inputs(p.opts, out, [&](std::string_view name, const line& l) {
      pipe.process_line(name, l, state);
      return !sink.done();
    });
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
int run_inputs(const plan& p, Sink& sink, output& out) {
  const options& opts = p.opts;
  if (followable(opts)) return run_follow(p, sink, out);
  if (opts.source.merge) return run_merge(p, sink, out);
  unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  // Context (-A/-B/-C) carries events from one block to the next: it runs on one thread.
  if (threads > 1 && parallel_safe<Sink> && !pipeline<Sink>::context_wanted(opts))
    return run_parallel(p, sink, out, threads);
  return run_serial(p, sink, out);
}

int run_output(const plan& p, output& out) {
  const sink_options& so = p.opts.sink;
  bool redact = p.opts.enrich.redact_dicts;
  switch (so.summary) {
    case summary_kind::count: {
      count_sink s;
      return run_inputs(p, s, out);
    }
    case summary_kind::quiet: {
      quiet_sink s;
      return run_inputs(p, s, out);
    }
    case summary_kind::stats: {
      stats_sink s(p.opts.filter.rules, so.zone);
      return run_inputs(p, s, out);
    }
    case summary_kind::none: break;
  }
  switch (so.output) {
    case output_kind::json: {
      json_sink s(so);
      return run_inputs(p, s, out);
    }
    case output_kind::json_enriched: {
      json_enriched_sink s(redact, so.library_bytes);
      return run_inputs(p, s, out);
    }
    case output_kind::logfmt: {
      logfmt_sink s(redact);
      return run_inputs(p, s, out);
    }
    case output_kind::raw: {
      message_sink s;
      return run_inputs(p, s, out);
    }
    case output_kind::pretty: break;
  }
  bool color = use_color(so.color, so.stdout_tty);
  reset_colours_on_death(color && so.stdout_tty);
  console_sink s(so, color, redact);
  return run_inputs(p, s, out);
}

// Refusals that concern the inputs as a whole, before anything is read.
bool inputs_acceptable(const options& opts) {
  if (followable(opts)) {
    if (opts.sink.summary == summary_kind::count || opts.sink.summary == summary_kind::stats) {
      report("--count and --stats need inputs that end; they cannot follow files (-f/-F)");
      return false;
    }
    bool ok = true;
    for (const auto& path : opts.source.files) ok = !refuse_output_file(path) && ok;
    return ok;
  }
  if (opts.source.merge) {
    bool ok = !refuse_shared_stdin(input_paths(opts.source));
    for (const auto& path : input_paths(opts.source)) ok = !refuse_output_file(path) && ok;
    return ok;
  }
  return true;
}

}  // namespace

void run_state::add(const run_state& other) {
  counts.selected += other.counts.selected;
  counts.filtered += other.counts.filtered;
  counts.invalid += other.counts.invalid;
  counts.raw += other.counts.raw;
  counts.blank += other.counts.blank;
  counts.hidden += other.counts.hidden;
  failed = failed || other.failed;
  strict_violation = strict_violation || other.strict_violation;
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
  // Raw lines are named too: not shown (or --strict), they are invalid for this output.
  std::uint64_t invalid = state.counts.invalid + state.counts.raw;
  if (reported && invalid > 0)
    report(std::to_string(invalid) + " invalid line" + (invalid == 1 ? "" : "s") + (shown ? "" : " left out") +
           (invalid > invalid_reports ? " (only the first " + std::to_string(invalid_reports) + " are named)" : ""));
  // grep -q: a match is success even when an input could not be read.
  if (opts.sink.summary == summary_kind::quiet && state.counts.selected > 0) return exit_status::ok;
  if (state.failed || state.strict_violation) return exit_status::error;
  if (opts.filter.selection && state.counts.selected == 0) return exit_status::nothing_selected;
  return exit_status::ok;
}

int write_document(std::string_view text) {
  output out(STDOUT_FILENO);
  out.buffer() += text;
  return close_output(out) ? exit_status::ok : exit_status::error;
}

int run(const plan& p) {
  if (!inputs_acceptable(p.opts)) return exit_status::error;
  set_user_field_names(p.opts.fields);  // before any event is read, by any thread
  output out(STDOUT_FILENO);
  install_signal_handlers();
  // A live stream (a pipe, standard input, a FIFO, following) is never paged automatically: the
  // pager would draw one screen and stop updating.
  bool live = p.opts.source.follow != follow_mode::none || !all_regular_files(p.opts.source);
  bool summary = p.opts.sink.summary != summary_kind::none;
  if (!summary) start_pager(p.opts.sink.paging, live);
  int status = run_output(p, out);
  if (!finish_pager() && status == exit_status::ok) status = exit_status::error;
  return status;
}

}  // namespace logmoji
