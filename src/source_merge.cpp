// --merge: k-way merge by timestamp in bounded memory.
#include "logmoji/source_merge.hpp"

#include <climits>
#include <memory>
#include <vector>

#include "logmoji/diagnostics.hpp"
#include "logmoji/envelope.hpp"
#include "logmoji/inputs.hpp"
#include "logmoji/event.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/signals.hpp"
#include "logmoji/source.hpp"
#include "logmoji/timestamp.hpp"

namespace logmoji {
namespace {

struct merge_input {
  std::unique_ptr<byte_source> src;
  line_framer framer;
  // The held line lies in the framer's buffer, which moves on only when this input is advanced:
  // after the line was handled.
  line held;
  epoch_ns time{INT64_MIN, 0};  // lines before the first timestamp come out first
  bool has_line = false;
  bool done = false;
  bool failed = false;  // a read error ended the input (reported)
  // Its own parser (see own_parsers_most): the held line is parsed from the framer's blocks,
  // and that parse handed on. Null: the merger's parser reads the line's time only.
  std::unique_ptr<event_parser> parser;
  event ev;
  parsed_line parse{{}, &ev};
  bool parsed = false;  // `parse` is the held line's

  // The framer starts small: memory grows with the number of inputs, so each holds what its
  // lines need rather than a full read buffer (docs/decisions.md, "--merge").
  explicit merge_input(std::unique_ptr<byte_source> s, std::size_t max_line)
      : src(std::move(s)), framer(max_line, initial_buffer) {}
  static constexpr std::size_t initial_buffer = std::size_t{1} << 14;
};

// Up to this many inputs each get a parser of their own, whose parse the pipeline takes over: a
// line is parsed once, from its block's shared stage 1, instead of twice alone (2.3 times fewer
// instructions). More inputs share the merger's parser, which reads times only and keeps no
// event: an own parser holds about 60 KiB, mostly its index of the framer's block.
constexpr std::size_t own_parsers_most = 64;

class merger {
public:
  merger(const options& opts, output& out)
      : opts_(opts), out_(out), envelopes_(opts.source.input, opts.source.max_line_size) {}

  bool open_all() {
    bool ok = true;
    for (const auto& path : input_paths(opts_.source)) {
      auto src = open_input(path);
      if (!src) {
        ok = false;
        continue;
      }
      inputs_.push_back(std::make_unique<merge_input>(std::move(src), opts_.source.max_line_size));
    }
    if (inputs_.size() <= own_parsers_most)
      for (auto& in : inputs_) {
        in->parser = std::make_unique<event_parser>();
        in->parser->share_keys_with(parser_);  // the stages' memos by key id hold across inputs
      }
    return ok;
  }

  bool run(const merge_handler& handle, const input_end_handler& ended) {
    bool ok = true;
    for (auto& in : inputs_) {
      ok = advance(*in) && ok;
      if (!in->has_line) end(*in, ended);
    }
    for (;;) {
      merge_input* next = nullptr;
      for (auto& in : inputs_)
        if (in->has_line && (!next || in->time < next->time)) next = in.get();
      if (!next) return ok;
      if (!handle(next->src->name(), next->held, next->parsed ? &next->parse : nullptr)) return ok;
      ok = advance(*next) && ok;
      if (!next->has_line) end(*next, ended);
    }
  }

private:
  // After an input's last line: the pipeline ends it under its name, and so does the merger's own
  // envelope stage (a split line it still waits for would join another input's of that name).
  void end(merge_input& in, const input_end_handler& ended) {
    envelopes_.finish(in.src->name());
    ended(in.src->name());
    report_notice(*in.src, opts_);
  }

  // Holds the input's next line and its time; a line without one inherits the previous time.
  bool advance(merge_input& in) {
    in.has_line = false;
    line l;
    while (!in.done) {
      if (in.framer.next(l)) return hold(in, l);
      out_.flush();  // what was merged so far goes out before we may block on a slow input
      fill_status st = in.framer.fill(*in.src);
      stop_on_signal(out_);
      if (st == fill_status::ok || st == fill_status::interrupted) continue;
      in.done = true;
      if (st == fill_status::read_error) {
        report_read_error(*in.src, in.framer.error());
        in.failed = true;
      }
      // What was read before a failure is merged too, its unfinished last line included.
      if (in.framer.finish(l)) return hold(in, l);
      return !in.failed;
    }
    return !in.failed;
  }

  bool hold(merge_input& in, const line& l) {
    in.held = l;
    in.has_line = true;
    in.parsed = false;
    std::string_view text = event_text(in, l);
    if (in.parser && text.data() == l.bytes.data()) {
      // The line is its own event (a cut line has no event text): parsed by its input's parser, for the pipeline to
      // take over.
      in.parse.outcome = in.parser->parse(l.bytes, in.ev, in.framer.block(), l.backslash);
      in.parsed = true;
      if (in.parse.outcome.kind == line_kind::event) note_time(in, in.ev);
    } else if (!text.empty() && parser_.parse(text, ev_).kind == line_kind::event) {
      note_time(in, ev_);
    }
    return true;
  }

  // A line without a readable time keeps the one before it.
  void note_time(merge_input& in, event& ev) {
    roles_.resolve(ev, opts_.foundation);
    if (ev.role.time)
      if (auto t = event_time(ev, ev.role.time, opts_.filter.zone)) in.time = *t;
  }

  // The event text whose time orders a line: the line itself (its very bytes), or the first
  // event an envelope (Docker, CRI, journald, OTLP, a prefix) carries, whose time is the
  // unwrapped event's. A part of a split line carries none yet: it keeps its place after the
  // line before it.
  std::string_view event_text(merge_input& in, const line& l) {
    // A line cut at --max-line-size is shown raw, as the pipeline reports it, and has no time
    // of its own; its bytes are only the start of what the framer's block indexed, so no reader
    // may take them with that block (an escaped string past the cut overran the parse's room).
    if (l.truncated) return {};
    if (!envelopes_.unwrap(in.src->name(), l.bytes, l.number, [&in] { return in.framer.block(); })) return l.bytes;
    for (const envelope_item& item : envelopes_.items())
      if (item.problem.empty() && !item.text.empty()) return item.text;
    return {};
  }

  const options& opts_;
  output& out_;
  // Its own stage, apart from the pipeline's: it only reads times, and keeps its own split lines.
  envelope_stage envelopes_;
  event_parser parser_;  // owns the key table every input's parser shares
  event ev_;
  role_resolver roles_;
  std::vector<std::unique_ptr<merge_input>> inputs_;
};

}  // namespace

bool merge_inputs(const options& opts, output& out, const merge_handler& handle, const input_end_handler& ended) {
  allow_open_inputs();
  merger m(opts, out);
  bool opened = m.open_all();
  return m.run(handle, ended) && opened;
}

}  // namespace logmoji
