#pragma once
// The selection prefilter's oracle, shared by its unit test and its fuzz target: whatever the
// prefilter answers about a line must be what the full path (event_parser, resolve_roles,
// event_filter::accepts) decides. An unsure answer is always right.

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/field_roles.hpp"
#include "logmoji/filter.hpp"
#include "logmoji/framer.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/selection_prefilter.hpp"

namespace logmoji::test {

/// One filter as a run would have it, with its prefilter.
class prefilter_oracle {
public:
  /// `may_select`: as for --count and --quiet (the plan allows it only there).
  prefilter_oracle(const filter_options& fo, bool foundation, bool may_select)
      : filter_(build(fo)), foundation_(foundation), prefilter_(rules(*filter_, may_select)) {}

  /// Empty when the prefilter's answer on `line` agrees with the full path, else what went wrong.
  std::string check(std::string_view line) {
    prefilter_verdict v = prefilter_.decide(line);
    bool valid = validator_.certainly_valid_object(line);
    parse_outcome o = parser_.parse(line, ev_);
    if (valid && o.kind != line_kind::event) return "validation passed a line the parser refuses";
    ++verdicts_[static_cast<std::size_t>(v)];
    if (v == prefilter_verdict::unsure) return {};
    if (o.kind != line_kind::event) return "a verdict on a line that is no event";
    ev_.line = line;
    resolve_roles(ev_, foundation_);
    bool accepted = filter_->accepts(ev_);
    if (v == prefilter_verdict::rejected && accepted) return "rejected an event the filter accepts";
    if (v == prefilter_verdict::selected && !accepted) return "selected an event the filter rejects";
    return {};
  }

  /// Empty when the lines of `text`, framed as one block the way a run frames them, get the same
  /// verdict from the block's structural index (event_parser::structure, or the line's own stage 1
  /// when it has none there) and the framer's backslash as line by line, and when the lines left unsure then parse from
  /// the block exactly as alone (the block reader's cursor skips the lines the prefilter decided).
  std::string check_block(std::string_view text) {
    // One framer for every call: a new one allocates and clears its buffer, which made the fuzz
    // target spend its time there instead of exploring.
    line_framer& framer = framer_;
    framer.reset();
    framer.feed(text);
    line next;
    auto one = [&](const line& l) -> std::string {
      line_structure s;
      bool indexed = block_parser_.structure(l.bytes, framer.block(), s, l.backslash);
      prefilter_verdict v = indexed ? prefilter_.decide(s) : prefilter_.decide(l.bytes);
      // As the pipeline does: a line decided from the index moves the block's cursor past it,
      // and the lines after it are found (and parsed) from there.
      if (indexed && v != prefilter_verdict::unsure) block_parser_.structure_passed(prefilter_.entries_end());
      if (v != prefilter_.decide(l.bytes)) return "the block's index gave another verdict than the line's own";
      ++block_verdicts_[static_cast<std::size_t>(v)];
      if (v != prefilter_verdict::unsure) return {};
      parse_outcome from_block = block_parser_.parse(l.bytes, block_ev_, framer.block(), l.backslash);
      parse_outcome alone = parser_.parse(l.bytes, ev_);
      if (from_block.kind != alone.kind) return "a line parsed from the block became another kind";
      if (alone.kind != line_kind::event) return {};
      if (block_ev_.tape.size() != ev_.tape.size() || block_ev_.fields != ev_.fields)
        return "a line parsed from the block got another tape";
      for (std::size_t i = 0; i < ev_.tape.size(); ++i)
        if (block_ev_.tape[i].key != ev_.tape[i].key || block_ev_.tape[i].text != ev_.tape[i].text ||
            block_ev_.tape[i].kind != ev_.tape[i].kind || block_ev_.tape[i].end != ev_.tape[i].end)
          return "a line parsed from the block got another tape";
      return {};
    };
    while (framer.next(next))
      if (std::string why = one(next); !why.empty()) return why;
    if (framer.finish(next))
      if (std::string why = one(next); !why.empty()) return why;
    return {};
  }

  /// The verdicts check_block gave.
  [[nodiscard]] const std::array<std::size_t, 3>& block_verdicts() const { return block_verdicts_; }

  /// How often each verdict was given (unsure, rejected, selected): a test that never sees a
  /// certain verdict proves nothing about it.
  [[nodiscard]] const std::array<std::size_t, 3>& verdicts() const { return verdicts_; }

private:
  static std::unique_ptr<event_filter> build(const filter_options& fo) {
    std::string error;
    return event_filter::build(fo, error);
  }
  static prefilter_rules rules(const event_filter& f, bool may_select) {
    prefilter_rules r = f.prefilter({}, false);
    r.may_select = r.may_select && may_select;
    return r;
  }

  std::unique_ptr<event_filter> filter_;
  bool foundation_;
  selection_prefilter prefilter_;
  selection_prefilter validator_{prefilter_rules{}};
  event_parser parser_;
  event ev_;
  line_framer framer_;
  event_parser block_parser_;
  event block_ev_;
  std::array<std::size_t, 3> verdicts_{};
  std::array<std::size_t, 3> block_verdicts_{};
};

}  // namespace logmoji::test
