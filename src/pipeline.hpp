#pragma once
// The per-line pipeline shared by the single-threaded loop and the parallel workers:
// parse -> roles -> sanitize -> filter -> decorate -> query -> field selection -> sink.
//
// A non-JSON line (a raw traceback, a print) belongs to the event before it in its input and
// shares its fate: shown, hidden or kept for -B with it. Lines before an input's first event
// follow --raw. A line that starts like a JSON object but is not one is invalid: always shown
// and reported, never taken for a continuation. -A/-B/-C show hidden events around each
// selected one; the context state costs nothing per line when they are off.

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <type_traits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "logmoji/colors.hpp"
#include "logmoji/context_window.hpp"
#include "logmoji/diagnostics.hpp"
#include "logmoji/enrich.hpp"
#include "logmoji/envelope.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/framer.hpp"
#include "logmoji/input_labels.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/plan.hpp"
#include "logmoji/run.hpp"
#include "logmoji/selection_prefilter.hpp"
#include "logmoji/signals.hpp"
#include "logmoji/sink.hpp"
#include "logmoji/sink_summary.hpp"

namespace logmoji {

template <sink Sink>
class pipeline {
public:
  /// `collect`: keep line reports in the state (workers) instead of writing them at once.
  pipeline(const plan& p, Sink& sink, output& out, bool collect)
      : opts_(p.opts),
        sink_(sink),
        out_(out),
        filter_(*p.filter),
        selection_(p.selection),
        framer_(p.opts.source.max_line_size),
        envelopes_(p.opts.source.input, p.opts.source.max_line_size),
        source_column_(use_color(p.opts.sink.color, p.opts.sink.stdout_tty)),
        source_column_wanted_(p.opts.sink.output == output_kind::pretty && Sink::shows_raw_lines),
        needs_(p.needs),
        collect_(collect),
        invert_(p.opts.filter.invert),
        raw_shown_(p.opts.filter.raw == raw_mode::show ||
                   (p.opts.filter.raw == raw_mode::automatic && !p.opts.filter.selection)),
        context_(context_wanted(p.opts)),
        after_(context_ ? p.opts.filter.after : 0),
        window_(context_ ? p.opts.filter.before : 0) {
    // A run that does not sanitize never enriches either (pipeline_needs): it has no masker.
    if (p.masker) enricher_.emplace(p.opts.enrich, *p.masker);
    envelopes_.share_keys_with(parser_);
    if (p.prefilter.useful()) prefilter_.emplace(p.prefilter);
    select_unparsed_ = counts_only || (writes_lines && p.prefilter.lines_as_read);
    if constexpr (rereads_as_logged) reread_as_logged_ = needs_.sanitize && sink.wants_event_as_logged();
  }

  line_framer& framer() { return framer_; }

  /// With labels (--merge, -f of several inputs): `relabel(name)` labels what the pipeline has
  /// written so far as input `name`'s, so that an event replayed for -B keeps its own label.
  void label_replays(std::function<void(std::string_view)> relabel) { relabel_ = std::move(relabel); }
  /// With labels: `unlabelled()` writes what the pipeline has written so far with no label. The
  /// "--" between context groups is grep's bare separator, not a line of an input.
  void separators_unlabelled(std::function<void()> unlabelled) { unlabelled_ = std::move(unlabelled); }
  /// With labels: `written(name)` labels what the pipeline has written so far as input `name`'s
  /// and writes it out, before a line report is told (the report follows the output before it).
  void reports_after_output(std::function<void(std::string_view)> written) { written_ = std::move(written); }

  /// Whether -A/-B/-C apply: summaries count events, they show none.
  static bool context_wanted(const options& o) {
    return o.sink.summary == summary_kind::none && (o.filter.before > 0 || o.filter.after > 0);
  }

  /// A new input begins: its first raw lines have no event, and context does not cross inputs.
  void start_input(run_state& state) {
    owner_ = owner::none;
    if (!context_) return;
    state.counts.hidden += window_.clear();
    after_left_ = 0;
    ++unit_;  // a gap: groups of two inputs are always separated
  }

  /// The end of the run: events still kept for -B were never shown, nor their raw lines.
  void finish(run_state& state) { state.counts.hidden += window_.clear(); }

  /// Frames and processes a block of whole lines (the last one may lack its newline at the end
  /// of an input). Raw lines before the block's first event belong to an event of an earlier
  /// block: they are written, and pending() tells the writer where, to keep or cut.
  void process_block(std::string_view name, std::string_view bytes, bool input_start, std::uint64_t first_line,
                     bool at_end, run_state& state) {
    start_block(input_start, first_line);
    framer_.feed(bytes);
    process_framed(name, at_end, state);
  }

  /// The same on bytes framed where they lie (no copy): they stay until the next block.
  void process_block(std::string_view name, padded_view bytes, bool input_start, std::uint64_t first_line, bool at_end,
                     run_state& state) {
    start_block(input_start, first_line);
    framer_.borrow(bytes);
    process_framed(name, at_end, state);
  }

  /// How many lines the last block held (its last unterminated line included).
  [[nodiscard]] std::uint64_t block_lines() const { return framer_.last_number() - block_first_line_ + 1; }

private:
  void start_block(bool input_start, std::uint64_t first_line) {
    owner_ = input_start ? owner::none : owner::pending;
    pending_.clear();
    pending_lines_ = 0;
    block_first_line_ = first_line;
    framer_.reset_at(input_start, first_line);
  }

  void process_framed(std::string_view name, bool at_end, run_state& state) {
    line l;
    while (framer_.next(l)) process_line(name, l, state);
    if (at_end && framer_.finish(l)) process_line(name, l, state);
    end_of_input({}, state);  // blocks never end inside a split line (envelope_may_continue)
  }

public:
  /// The end of an input: a split envelope line still waiting is shown raw and counted.
  void end_of_input(std::string_view name, run_state& state) {
    if (envelopes_.finish(name)) process_envelope_items(name, state);
  }

  /// The output ranges [begin, end) of the block's leading raw lines, and how many lines.
  [[nodiscard]] const std::vector<std::pair<std::size_t, std::size_t>>& pending() const { return pending_; }
  [[nodiscard]] std::uint64_t pending_lines() const { return pending_lines_; }
  /// What raw lines after this block share: 1 shown, 0 hidden, -1 the same as before it.
  [[nodiscard]] int verdict_at_end() const {
    switch (owner_) {
      case owner::pending: return -1;
      case owner::none: return raw_shown_ ? 1 : 0;
      case owner::shown: return 1;
      case owner::hidden:
      case owner::window: return 0;
    }
    return 0;
  }

  void process_line(std::string_view name, const line& l, run_state& state) {
    process_line(name, l, framer_.block(), state);
  }

  /// The same for a line framed elsewhere (-f's framers), in `block` (empty: a copy). Inlined:
  /// the framer's block passed by reference cost the selection rows 11 to 15 instructions a line.
  [[gnu::always_inline]] void process_line(std::string_view name, const line& l, const line_block& block,
                                           run_state& state) {
    if (settled_unparsed(name, l, block, state)) return;
    if (prefilter_ && prefiltered(l, block, state)) return;
    process_text(name, l, block, state);
  }

  /// process_line() for a line parsed already, as --merge parses each line to read its time:
  /// where the line would be parsed as it is, `ev` (its parse, whose `outcome` it was) is taken
  /// over, swapped with this pipeline's event, so that the line is parsed once.
  void process_parsed(std::string_view name, const line& l, parse_outcome outcome, event& ev, run_state& state) {
    if (settled_unparsed(name, l, line_block{}, state)) return;
    std::swap(ev_, ev);
    on_parse(name, l, outcome, state);
  }

private:
  // Counts the line as read and settles the lines that are not parsed as they are. Inlined: a
  // call on every line cost the selection rows up to 28 instructions a line.
  [[gnu::always_inline]] bool settled_unparsed(std::string_view name, const line& l, const line_block& block,
                                               run_state& state) {
    ++state.counts.read;
    if (l.truncated) [[unlikely]] {
      reject_cut_line(name, l, state);
      return true;
    }
    // Envelope stage (docs/envelopes.md): a container, journald or OTLP record, or a logfmt line,
    // stands for zero, one or many event texts; anything else is parsed as it is.
    if (envelopes_.unwrap(name, l.bytes, l.number, [&block] { return block; })) {
      process_envelope_items(name, state);
      return true;
    }
    return false;
  }

  // Out of line: its string building in the inlined path above cost every line.
  [[gnu::noinline]] void reject_cut_line(std::string_view name, const line& l, run_state& state) {
    // A split line of the input that waits for its next part ends here, and comes first.
    if (envelopes_.waiting() && envelopes_.finish(name)) process_envelope_items(name, state);
    reject_line(name, l,
                "line longer than " + std::to_string(opts_.source.max_line_size) + " bytes (--max-line-size)" +
                    std::string(fate_of_cut_line()),
                state);
  }

  // What the output makes of an over-long line, said where it is reported: only the outputs
  // that show raw lines show its start; the summaries count it.
  std::string_view fate_of_cut_line() const {
    if (Sink::shows_raw_lines) return "; its start is shown as a raw line";
    return opts_.sink.summary == summary_kind::none ? "; left out" : "";
  }

  // Sinks that look at nothing but how many events were selected.
  static constexpr bool counts_only = std::is_same_v<Sink, count_sink> || std::is_same_v<Sink, quiet_sink>;

  // Sinks that write a selected line as it was read (-o json without -k/-x: the plan decides).
  static constexpr bool writes_lines = requires(Sink & s, std::string_view b, output& o) { s.write_line(b, o); };
  // A sink that shows the event as logged (-o json -k) while the query or --grep made the
  // pipeline mask and decorate it.
  static constexpr bool rereads_as_logged = requires(const Sink& s) { s.wants_event_as_logged(); };
  // Outputs read as lines by people (the console, -o raw) get grep's "--" between context groups;
  // the machine outputs stay parseable.
  static constexpr bool separates_groups = requires(Sink & s, output& o) { s.write_separator(o); };

  // The prefilter's certain answers on a valid event, as process_event would reach them (the
  // plan keeps it off under -v and context); false: the line goes the full way. Inlined by
  // force: gcc stopped inlining it when hide_event grew (--count +34 instructions a line).
  [[gnu::always_inline]] bool prefiltered(const line& l, const line_block& block, run_state& state) {
    // The block's structural index serves the prefilter and then the parse of a line it leaves
    // open; a line outside `block` (a copy, or a line of --merge) gets a stage 1 of its own.
    line_structure s;
    bool indexed = parser_.structure(l.bytes, block, s, l.backslash);
    prefilter_verdict verdict = indexed ? prefilter_->decide(s) : prefilter_->decide(l.bytes);
    if (verdict == prefilter_verdict::unsure || (verdict == prefilter_verdict::selected && !select_unparsed_))
      return false;
    // Decided without a parse: the next line's index is found from where this one's ended.
    if (indexed) parser_.structure_passed(prefilter_->entries_end());
    if (verdict == prefilter_verdict::rejected)
      hide_event(l, state);
    else
      show_selected(state, [&] { write_unparsed(l); });
    return true;
  }

  // A line selected unparsed: its parse would change nothing of what is written.
  void write_unparsed(const line& l) {
    if constexpr (counts_only) {
      ev_.clear();
      sink_.write_event(ev_, out_);
    } else if constexpr (writes_lines) {
      sink_.write_line(l.bytes, out_);
    }
  }

  // Out of line: inlined, it made the plain line's path 2 instructions longer.
  [[gnu::noinline]] void process_envelope_items(std::string_view name, run_state& state) {
    for (const envelope_item& item : envelopes_.items()) {
      sourced_ = item.source.empty() || !source_column_wanted_ ? nullptr : &item;
      line inner{item.problem.empty() ? item.text : item.shown, item.line, item.problem == cut_split_line};
      if (item.problem.empty())
        process_text(name, inner, envelopes_.items_block(), state, item.parsed ? &item : nullptr);
      else
        reject_line(name, inner, std::string(item.problem), state);
    }
    sourced_ = nullptr;
  }

  /// `parsed`: an envelope's item whose event the stage holds parsed already, taken instead.
  void process_text(std::string_view name, const line& l, const line_block& block, run_state& state,
                    const envelope_item* parsed = nullptr) {
    on_parse(name, l, parsed ? take_parsed(*parsed) : parser_.parse(l.bytes, ev_, block, l.backslash), state);
  }
  parse_outcome take_parsed(const envelope_item& item) {
    envelopes_.take_parsed(item, ev_);
    return {line_kind::event, {}};
  }

  // What follows a line's parse into ev_.
  void on_parse(std::string_view name, const line& l, parse_outcome outcome, run_state& state) {
    switch (outcome.kind) {
      case line_kind::event: process_event(name, l, state); return;
      case line_kind::blank:
        ++state.counts.blank;
        continuation({}, state);
        return;
      case line_kind::not_object:
        ++state.counts.raw;
        // Left out of a JSON or summary output, or refused by --strict: named as before.
        if (!Sink::shows_raw_lines || opts_.strict) report_line(name, l, "invalid JSON (not a JSON object)", state);
        continuation(l.bytes, state);
        return;
      case line_kind::invalid: break;
    }
    reject_line(name, l, "invalid JSON (" + std::string(outcome.reason) + ")", state);
  }

private:
  /// Whose fate the next raw line shares.
  enum class owner : std::uint8_t {
    none,     // no event yet in this input: --raw decides
    shown,    // the last event was shown
    hidden,   // the last event was hidden
    window,   // the last event is kept for -B
    pending,  // a worker's block before its first event: the writer decides
  };

  void process_event(std::string_view name, const line& l, run_state& state) {
    prepare(l.bytes);
    bool match = filter_.accepts(ev_) && (!needs_.decorate || decorate_and_query());
    if (match == invert_) {
      hide_event(l, state, name);
      return;
    }
    if (context_) {
      ++unit_;
      if (window_.size() > 0) {
        replay_window(name);
        // The replay parsed other lines into ev_.
        parser_.parse(l.bytes, ev_);
        prepare(l.bytes);
      }
      mark_shown(unit_);
      after_left_ = after_;
    }
    show_selected(state, [&] { render(); });
  }

  // What every selected event shares, parsed or not: counted, written, and the owner of the raw
  // lines after it.
  template <class Write>
  void show_selected(run_state& state, Write write) {
    ++state.counts.selected;
    write();
    owner_ = owner::shown;
  }

  // `name`: the event's input, kept with it for -B when output is labelled (the prefilter
  // decides no line under context). Inline, and the context's part out of line: a call for every
  // hidden line cost -o json -l error 7 instructions a line.
  [[gnu::always_inline]] void hide_event(const line& l, run_state& state, std::string_view name = {}) {
    ++state.counts.filtered;
    owner_ = owner::hidden;
    if (context_) hide_in_context(l, state, name);
  }

  [[gnu::noinline]] void hide_in_context(const line& l, run_state& state, std::string_view name) {
    ++unit_;
    if (after_left_ > 0) {
      --after_left_;
      mark_shown(unit_);
      render();
      owner_ = owner::shown;
    } else if (window_.capacity() > 0) {
      window_source kept = sourced_ ? prefix_source() : window_source{};
      if (relabel_) kept.input = name;
      state.counts.hidden += window_.push(l.bytes, unit_, kept);
      owner_ = owner::window;
    }
  }

  // A raw or blank (empty `bytes`) line: it shares its owner's fate.
  void continuation(std::string_view bytes, run_state& state) {
    switch (owner_) {
      case owner::shown: show_continuation(bytes); return;
      case owner::none:
        if (raw_shown_)
          show_continuation(bytes);
        else
          ++state.counts.hidden;
        return;
      case owner::hidden: ++state.counts.hidden; return;
      case owner::window:
        if (!window_.append(bytes)) ++state.counts.hidden;
        return;
      case owner::pending: keep_pending(bytes); return;
    }
  }

  void keep_pending(std::string_view bytes) {
    std::size_t begin = out_.buffer().size();
    show_continuation(bytes);
    std::size_t end = out_.buffer().size();
    ++pending_lines_;
    if (!pending_.empty() && pending_.back().second == begin)
      pending_.back().second = end;
    else
      pending_.emplace_back(begin, end);
  }

  void show_continuation(std::string_view bytes) {
    if (!Sink::shows_raw_lines) return;
    if (bytes.empty())
      sink_.write_blank(out_);
    else
      sink_.write_raw(bytes, out_);
  }

  // The steps before the filter, on an event parsed from `bytes`. Roles and sanitize share one
  // walk over the fields when both run.
  void prepare(std::string_view bytes) {
    ev_.line = bytes;
    if (needs_.sanitize)
      enricher_->resolve_and_sanitize(ev_, roles_, opts_.foundation);
    else
      roles_.resolve(ev_, opts_.foundation);
    ev_.original_message = ev_.role.message;
    decorated_ = false;
  }

  // A prefix's source in its column (docs/envelopes.md); an event replayed for -B brings its own.
  void render(const window_source* replayed = nullptr) {
    if (needs_.decorate && !decorated_) enricher_->decorate(ev_);
    if constexpr (rereads_as_logged)
      if (reread_as_logged_) reread_as_logged();
    selection_.apply(ev_);
    if (replayed && !replayed->source.empty()) [[unlikely]]
      write_in_source_column(*replayed);
    else if (sourced_ && ev_.line.data() == sourced_->text.data()) [[unlikely]]
      write_in_source_column(prefix_source());
    else
      sink_.write_event(ev_, out_);
  }

  // The event as its text gives it, roles resolved: what a run without masking hands the sink.
  [[gnu::noinline]] void reread_as_logged() {
    const std::string_view text = ev_.line;
    parser_.parse(text, ev_);
    ev_.line = text;
    roles_.resolve(ev_, opts_.foundation);
  }

  window_source prefix_source() const { return {sourced_->source, sourced_->source_key, sourced_->source_width}; }

  // Out of line: render() stays small enough to be inlined on the plain JSON path.
  [[gnu::noinline]] void write_in_source_column(const window_source& s) {
    source_column_.write(sink_, ev_, s.key, s.source, s.width, out_);
  }

  // `name`: the input of the event that brings the replay. With labels, the output so far is
  // labelled as the input it came from each time the replay moves to another input's events.
  void replay_window(std::string_view name) {
    std::string shown(relabel_ ? name : std::string_view{});  // whose lines the output holds
    window_.replay(
        [&](std::string_view line, std::uint64_t unit, const window_source& source) {
          if (relabel_) {
            relabel_(shown);
            shown.assign(source.input);
          }
          parser_.parse(line, ev_);
          prepare(line);
          mark_shown(unit);
          render(&source);
        },
        [&](std::string_view line) { show_continuation(line); });
    if (relabel_) relabel_(shown);
  }

  // grep's "--" between groups of context that are not next to each other in the input.
  // Every caller has had what it wrote before labelled, so the separator goes out alone.
  void mark_shown(std::uint64_t unit) {
    if constexpr (separates_groups)
      if (last_shown_ != no_unit && unit != last_shown_ + 1) {
        sink_.write_separator(out_);
        if (unlabelled_) unlabelled_();
      }
    last_shown_ = unit;
  }

  void reject_line(std::string_view name, const line& l, const std::string& why, run_state& state) {
    ++state.counts.invalid;
    if (context_ && Sink::shows_raw_lines) {
      // Shown in its place: what -B kept from before it can no longer be shown in order. An
      // output that shows no raw line (-o json) keeps the window: the line is only reported.
      state.counts.hidden += window_.clear();
      if (owner_ == owner::window) owner_ = owner::hidden;
      mark_shown(++unit_);
    }
    if (Sink::shows_raw_lines) sink_.write_raw(l.bytes, out_);
    if (Sink::shows_raw_lines && !opts_.strict && !l.truncated) return;
    report_line(name, l, why, state);
  }

  void report_line(std::string_view name, const line& l, const std::string& why, run_state& state) {
    if (opts_.strict) state.strict_violation = true;
    // Where stdout and stderr are one file (2>&1, a terminal), the report follows the output
    // before it: the writer tells a worker's at its place in the block's output, and the one
    // thread's output is flushed first.
    if (collect_) {
      if (state.reports.size() < invalid_reports) state.reports.push_back({l.number, why, out_.buffer().size()});
    } else if (state.reported < invalid_reports) {
      ++state.reported;
      // Not while a signal ends the run: a write that may block would end at once and take the
      // output with it (stop_on_signal writes what is held without waiting).
      if (!pending_signal()) {
        if (written_)
          written_(name);
        else
          out_.flush();
      }
      report_at(name, l.number, why);
    }
  }

  bool decorate_and_query() {
    enricher_->decorate(ev_);
    decorated_ = true;
    return filter_.accepts_query(ev_, ev_.original_message);
  }

  static constexpr std::uint64_t no_unit = std::numeric_limits<std::uint64_t>::max();

  const options& opts_;
  Sink& sink_;
  output& out_;
  event_parser parser_;
  event ev_;
  role_resolver roles_;
  std::optional<enricher> enricher_;
  const event_filter& filter_;
  const field_selection& selection_;
  line_framer framer_;
  envelope_stage envelopes_;
  source_column source_column_;
  bool source_column_wanted_;
  const envelope_item* sourced_ = nullptr;  // the envelope item being processed, when it has a source
  const pipeline_needs needs_;
  bool collect_;
  bool invert_;
  bool raw_shown_;
  bool context_;
  bool decorated_ = false;
  bool reread_as_logged_ = false;
  owner owner_ = owner::none;
  std::vector<std::pair<std::size_t, std::size_t>> pending_;
  std::uint64_t pending_lines_ = 0;
  std::uint64_t block_first_line_ = 1;
  std::uint32_t after_;
  std::uint32_t after_left_ = 0;
  context_window window_;
  std::optional<selection_prefilter> prefilter_;
  bool select_unparsed_ = false;  // a line the prefilter selects is written without its parse
  std::uint64_t unit_ = 0;
  std::uint64_t last_shown_ = no_unit;
  std::function<void(std::string_view)> relabel_;
  std::function<void(std::string_view)> written_;
  std::function<void()> unlabelled_;
};

}  // namespace logmoji
