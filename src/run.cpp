// Chooses the sink once, then runs the inputs through the pipeline: on one thread, or on
// several (run_parallel.cpp) when the output allows it.
#include "logmoji/run.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <optional>
#include <thread>
#include <type_traits>
#include <unistd.h>

#include "logmoji/colors.hpp"
#include "logmoji/diagnostics.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/source_follow.hpp"
#include "logmoji/input_labels.hpp"
#include "logmoji/inputs.hpp"
#include "logmoji/line_ring.hpp"
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

// Where the pipeline's output goes: straight to the output, or, with labels, through a scratch
// buffer that puts the input's label in front of every line the sink wrote for it.
template <sink Sink>
class feeder {
public:
  feeder(const plan& p, Sink& sink, output& out, const input_labels* labels)
      : opts_(p.opts), sink_(sink), out_(out), labels_(labels), pipe_(p, sink, labels ? scratch_ : out, false) {
    if (labels_) {
      pipe_.label_replays([this](std::string_view name) { label(name); });
      pipe_.separators_unlabelled([this] { write_unlabelled(); });
      pipe_.reports_after_output([this](std::string_view name) {
        label(name);
        out_.flush();
      });
    }
  }

  void process(std::string_view name, const line& l, run_state& state) {
    pipe_.process_line(name, l, state);
    label(name);
  }
  void process(std::string_view name, const line& l, const line_block& block, run_state& state) {
    pipe_.process_line(name, l, block, state);
    label(name);
  }
  void process_parsed(std::string_view name, const line& l, parsed_line& parsed, run_state& state) {
    pipe_.process_parsed(name, l, parsed.outcome, *parsed.ev, state);
    label(name);
  }
  void start_input(run_state& state) { pipe_.start_input(state); }
  // A split envelope line still waiting at the end of an input is shown then.
  void end_of_input(std::string_view name, run_state& state) {
    pipe_.end_of_input(name, state);
    label(name);
  }
  void finish(run_state& state) { pipe_.finish(state); }
  line_framer& framer() { return pipe_.framer(); }
  [[nodiscard]] bool done() const { return sink_.done(); }
  [[nodiscard]] const options& opts() const { return opts_; }

private:
  void label(std::string_view name) {
    if (!labels_ || scratch_.buffer().empty()) return;
    // Consecutive lines mostly come from one input: its label is looked up once.
    if (name != last_name_) {
      last_name_.assign(name);
      last_label_ = labels_->for_name(name);
    }
    append_labelled(out_.buffer(), scratch_.buffer(), last_label_);
    scratch_.buffer().clear();
    out_.commit();
  }

  void write_unlabelled() {
    out_.buffer() += scratch_.buffer();
    scratch_.buffer().clear();
    out_.commit();
  }

  const options& opts_;
  Sink& sink_;
  output& out_;
  const input_labels* labels_;
  std::string last_name_;
  std::string_view last_label_;
  output scratch_ = output::in_memory();
  pipeline<Sink> pipe_;
};

// Frames `src` and hands each line to `take` (false: stop reading); returns how the input ended.
template <class Take>
fill_status frame_lines(line_framer& framer, byte_source& src, output& out, Take take) {
  line l;
  for (;;) {
    while (framer.next(l))
      if (!take(l)) return fill_status::ok;
    // Everything framed so far goes out before we may block on a slow writer.
    if (!out.flush()) return fill_status::ok;
    fill_status st = framer.fill(src);
    stop_on_signal(out);
    if (st == fill_status::ok || st == fill_status::interrupted) continue;
    // What was read before a failure is shown too, its unfinished last line included.
    if (framer.finish(l)) take(l);
    return st;
  }
}

// Where reading an input starts: its first byte, or near its end (-n N), or its line K (-n +K).
struct read_start {
  bool input_start = true;       // a BOM may come first
  std::uint64_t first_line = 1;  // the number of the first line read; 0 = unknown
  std::uint64_t skip_below = 1;  // lines before this one are not shown
};

// The end of one input: a split envelope line still waiting is shown, a read error told.
template <sink Sink>
void end_input(feeder<Sink>& feed, byte_source& src, fill_status st, run_state& state) {
  feed.end_of_input(src.name(), state);
  report_notice(src, feed.opts());
  if (st == fill_status::read_error) {
    report_read_error(src, feed.framer().error());
    state.failed = true;
  }
}

template <sink Sink>
void read_input(feeder<Sink>& feed, byte_source& src, output& out, run_state& state, read_start at = {}) {
  line_framer& framer = feed.framer();
  framer.reset_at(at.input_start, at.first_line);
  feed.start_input(state);
  // An input's name stays what it is while it is read: one virtual call, not one a line.
  const std::string_view name = src.name();
  fill_status st = frame_lines(framer, src, out, [&](const line& l) {
    if (l.number == 0 || l.number >= at.skip_below) feed.process(name, l, state);
    return !feed.done();
  });
  end_input(feed, src, st, state);
}

// -n N on input that cannot be entered from its end: read through, the last N lines kept.
template <sink Sink>
void read_last_lines(feeder<Sink>& feed, byte_source& src, output& out, run_state& state, std::uint64_t n) {
  line_framer& framer = feed.framer();
  framer.reset();
  feed.start_input(state);
  line_ring ring(n);
  fill_status st = frame_lines(framer, src, out, [&](const line& l) {
    ring.push(l);
    return true;
  });
  ring.drain([&](const line& l) {
    feed.process(src.name(), l, state);
    return !feed.done();
  });
  end_input(feed, src, st, state);
}

// -c with several inputs counts each (grep -c); other sinks have nothing to note.
template <sink Sink>
void note_input(Sink& sink, std::string_view name, std::uint64_t selected) {
  if constexpr (std::is_same_v<Sink, count_sink>) sink.add_input(name, selected);
}

// Runs the pipeline on one thread over the lines `feed` produces, then the sink's summary and
// the exit status. `feed(feeder, state)` returns false when an input failed.
template <sink Sink, class Feed>
int run_on_one_thread(const plan& p, Sink& sink, output& out, const input_labels* labels, Feed feed) {
  feeder<Sink> pipe(p, sink, out, labels);
  run_state state;
  if (!line_messages(p.opts)) state.silence_line_reports();
  if (!feed(pipe, state)) state.failed = true;
  pipe.end_of_input({}, state);
  pipe.finish(state);
  sink.finish(state.counts, out);
  return finish_run(p.opts, state, out, !Sink::shows_raw_lines || p.opts.strict, Sink::shows_raw_lines);
}

// The inputs one after the other; a sink that is done (--quiet matched) stops the reading.
template <sink Sink>
int run_serial(const plan& p, Sink& sink, output& out, const input_labels* labels) {
  return run_on_one_thread(p, sink, out, labels, [&](feeder<Sink>& feed, run_state& state) {
    return for_each_input(p.opts.source,
                          [&](byte_source& src) {
                            std::uint64_t before = state.counts.selected;
                            read_input(feed, src, out, state);
                            note_input(sink, src.name(), state.counts.selected - before);
                            return !out.error() && !feed.done();
                          }) ||
           feed.done();
  });
}

// Opens an input for -n and reads what it shows: from its end when it is a regular file; else
// through, keeping the last N lines; a live stream being "followed" (standard input under -f) as
// it arrives. nullptr when it could not be opened (reported).
template <sink Sink>
std::unique_ptr<byte_source> read_tail(const source_options& so, const std::string& path, feeder<Sink>& feed,
                                       output& out, run_state& state) {
  if (!so.tail_lines) {
    auto src = open_input(path);
    if (src) read_input(feed, *src, out, state, {true, 1, so.from_line});
    return src;
  }
  tail_start at;
  bool entered = false;
  auto src = open_input_at_tail(path, *so.tail_lines, at, entered);
  if (!src) return nullptr;
  if (entered)
    read_input(feed, *src, out, state, {at.offset == 0, at.first_line, 1});
  else if (so.follow != follow_mode::none)
    read_input(feed, *src, out, state);
  else
    read_last_lines(feed, *src, out, state, *so.tail_lines);
  return src;
}

// -n without following: each input from its last N lines (or its line K), one after the other.
template <sink Sink>
int run_tail(const plan& p, Sink& sink, output& out, const input_labels* labels) {
  return run_on_one_thread(p, sink, out, labels, [&](feeder<Sink>& feed, run_state& state) {
    bool ok = true;
    for (const auto& path : input_paths(p.opts.source)) {
      std::uint64_t before = state.counts.selected;
      auto src = read_tail(p.opts.source, path, feed, out, state);
      if (!src) {
        ok = false;
        continue;
      }
      note_input(sink, src->name(), state.counts.selected - before);
      if (out.error() || feed.done()) return feed.done();
    }
    return ok;
  });
}

// -f/-F on files: lines as they arrive; a signal, a closed pipe or a done sink ends it.
template <sink Sink>
int run_follow(const plan& p, Sink& sink, output& out, const input_labels* labels) {
  return run_on_one_thread(p, sink, out, labels, [&](feeder<Sink>& feed, run_state& state) {
    return follow_inputs(
        p.opts, out,
        [&](std::string_view name, const line& l, const line_block& block) {
          feed.process(name, l, block, state);
          return !feed.done();
        },
        [&](std::string_view name) { feed.end_of_input(name, state); });
  });
}

// --merge: the inputs interleaved by timestamp.
template <sink Sink>
int run_merge(const plan& p, Sink& sink, output& out, const input_labels* labels) {
  return run_on_one_thread(p, sink, out, labels, [&](feeder<Sink>& feed, run_state& state) {
    return merge_inputs(
        p.opts, out,
        [&](std::string_view name, const line& l, parsed_line* parsed) {
          if (parsed)
            feed.process_parsed(name, l, *parsed, state);
          else
            feed.process(name, l, state);
          return !feed.done();
        },
        [&](std::string_view name) { feed.end_of_input(name, state); });
  });
}

bool followable(const options& opts) {
  const auto& files = opts.source.files;
  // A pipe cannot grow after its end, so -f on standard input just reads it (as tail does).
  return opts.source.follow != follow_mode::none && !files.empty() &&
         std::find(files.begin(), files.end(), "-") == files.end();
}

bool tailing(const source_options& so) { return so.tail_lines || so.from_line > 1; }

// Sinks whose output is a concatenation of per-line outputs run on several threads; the
// summaries that keep state across lines (--stats, --quiet) stay on one. A count does not depend
// on the order of the lines, so -c never merges.
template <sink Sink>
int run_inputs(const plan& p, Sink& sink, output& out) {
  const options& opts = p.opts;
  std::optional<input_labels> labels;
  if (labels_wanted(opts)) labels.emplace(input_paths(opts.source), labels_coloured(opts));
  const input_labels* l = labels ? &*labels : nullptr;
  if (followable(opts)) return run_follow(p, sink, out, l);
  if (tailing(opts.source)) return run_tail(p, sink, out, l);
  if (opts.source.merge && !std::is_same_v<Sink, count_sink>) return run_merge(p, sink, out, l);
  unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  // Context (-A/-B/-C) carries events from one block to the next: it runs on one thread.
  if (threads > 1 && parallel_safe<Sink> && !pipeline<Sink>::context_wanted(opts))
    return run_parallel(p, sink, out, threads, l);
  return run_serial(p, sink, out, l);
}

int run_output(const plan& p, output& out) {
  const sink_options& so = p.opts.sink;
  const redaction redact = run_redaction(p.opts.enrich);
  switch (so.summary) {
    case summary_kind::count: {
      count_sink s(count_per_input(p.opts));
      return run_inputs(p, s, out);
    }
    case summary_kind::quiet: {
      quiet_sink s;
      return run_inputs(p, s, out);
    }
    case summary_kind::stats: {
      stats_sink s(p.opts.filter.rules, so.zone, summary_format_for(so.output));
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
      reset_colours_on_death(labels_coloured(p.opts) && so.stdout_tty);  // its labels' colours
      message_sink s(redact);
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
  if (opts.source.merge && tailing(opts.source)) {
    report("-n/--tail cannot be combined with --merge");
    return false;
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
  counts.read += other.counts.read;
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

namespace {

// "445 invalid and 271 raw lines": the two kinds --stats counts, named as it names them.
std::string invalid_and_raw(const line_counts& counts) {
  std::string text;
  for (auto [n, kind] : {std::pair{counts.invalid, "invalid"}, std::pair{counts.raw, "raw"}})
    if (n > 0) text += (text.empty() ? "" : " and ") + std::to_string(n) + " " + kind;
  return text + (counts.invalid + counts.raw == 1 ? " line" : " lines");
}

// Lines that went to standard error rather than to the output (or that --strict made errors):
// how many in all. Raw lines are among them: an output that shows none leaves them out. Only an
// output of lines leaves a line out; a summary counts it.
void report_line_count(const options& opts, const line_counts& counts, bool shown) {
  std::uint64_t named = counts.invalid + counts.raw;
  if (named == 0) return;
  bool left_out = !shown && opts.sink.summary == summary_kind::none;
  report(invalid_and_raw(counts) + (left_out ? " left out" : "") +
         (named > invalid_reports ? " (only the first " + std::to_string(invalid_reports) + " are named)" : ""));
}

}  // namespace

int finish_run(const options& opts, const run_state& state, output& out, bool reported, bool shown) {
  // A stop signal that ended a wait (for a FIFO's writer) ends the run by it, output written.
  stop_on_signal(out);
  if (!close_output(out)) return exit_status::error;
  if (reported && line_messages(opts)) report_line_count(opts, state.counts, shown);
  // grep -q: a match is success even when an input could not be read.
  if (opts.sink.summary == summary_kind::quiet && state.counts.selected > 0) return exit_status::ok;
  if (state.failed || state.strict_violation) return exit_status::error;
  // --quiet asks only whether there is an event: none is 1, as grep -q says of an empty input.
  bool asked = opts.filter.selection || opts.sink.summary == summary_kind::quiet;
  if (asked && state.counts.selected == 0) return exit_status::nothing_selected;
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
  // A bare `logmoji` at a prompt would wait in silence for typed JSON: say so, once.
  if (p.opts.source.files.empty() && !p.opts.no_messages && ::isatty(STDIN_FILENO) == 1)
    report("reading JSON lines from the terminal (Ctrl-D to end; logmoji --help for usage)");
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
