// --merge: k-way merge by timestamp in bounded memory.
#include "logmoji/source_merge.hpp"

#include <climits>
#include <cstring>
#include <memory>
#include <string>
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
  std::string text;  // the held line, copied: the framer's buffer moves on
  line held;
  epoch_ns time{INT64_MIN, 0};  // lines before the first timestamp come out first
  bool has_line = false;
  bool done = false;
  bool failed = false;  // a read error ended the input (reported)

  // The framer starts small: memory grows with the number of inputs, so each holds what its
  // lines need rather than a full read buffer (docs/decisions.md, "--merge").
  explicit merge_input(std::unique_ptr<byte_source> s, std::size_t max_line)
      : src(std::move(s)), framer(max_line, initial_buffer) {}
  static constexpr std::size_t initial_buffer = std::size_t{1} << 14;
};

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
    return ok;
  }

  bool run(const line_handler& handle) {
    bool ok = true;
    for (auto& in : inputs_) ok = advance(*in) && ok;
    for (;;) {
      merge_input* next = nullptr;
      for (auto& in : inputs_)
        if (in->has_line && (!next || in->time < next->time)) next = in.get();
      if (!next) return ok;
      if (!handle(next->src->name(), next->held)) return ok;
      ok = advance(*next) && ok;
    }
  }

private:
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
    in.text.assign(l.bytes);
    in.held = l;
    in.held.bytes = in.text;
    in.held.backslash = nullptr;  // it pointed into the framer's buffer, not into the copy
    std::string_view text = event_text(in.src->name(), in.held);
    if (!text.empty() && parser_.parse(text, ev_).kind == line_kind::event) {
      resolve_roles(ev_, opts_.foundation);
      if (ev_.role.time)
        if (auto t = event_time(ev_, ev_.role.time, opts_.filter.zone)) in.time = *t;
    }
    in.has_line = true;
    return true;
  }

  // The event text whose time orders a line: the line itself, or the first event an envelope
  // (Docker, CRI, journald, OTLP, a prefix) carries, whose time is the unwrapped event's. A part
  // of a split line carries none yet: it keeps its place after the line before it.
  std::string_view event_text(std::string_view name, const line& l) {
    if (!envelopes_.active() || !envelopes_.unwrap(name, l.bytes, l.number)) return l.bytes;
    for (const envelope_item& item : envelopes_.items())
      if (item.problem.empty() && !item.text.empty()) return item.text;
    return {};
  }

  const options& opts_;
  output& out_;
  // Its own stage, apart from the pipeline's: it only reads times, and keeps its own split lines.
  envelope_stage envelopes_;
  std::vector<std::unique_ptr<merge_input>> inputs_;
  event_parser parser_;
  event ev_;
};

}  // namespace

bool merge_inputs(const options& opts, output& out, const line_handler& handle) {
  merger m(opts, out);
  bool opened = m.open_all();
  return m.run(handle) && opened;
}

}  // namespace logmoji
