#pragma once
// The block parser's oracle, shared by its unit test and its fuzz target: every line of a block
// parsed through the block path (line_framer::block()) gives the same outcome and the same tape
// as the same line parsed alone.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "logmoji/framer.hpp"
#include "logmoji/parser.hpp"

namespace logmoji::test {

/// Empty when two parses agree, else what differs.
inline std::string tape_difference(const parse_outcome& a, const event& ea, const parse_outcome& b, const event& eb) {
  if (a.kind != b.kind) return "line kind";
  if (a.reason != b.reason) return "reason";
  if (ea.tape.size() != eb.tape.size()) return "tape size";
  for (std::size_t i = 0; i < ea.tape.size(); ++i) {
    const node& x = ea.tape[i];
    const node& y = eb.tape[i];
    if (x.kind != y.kind || x.end != y.end || x.key != y.key || x.text != y.text) return "node " + std::to_string(i);
  }
  if (ea.fields != eb.fields) return "fields";
  return {};
}

/// Key ids of one parser: each id names one key text in its key space, and each key one id.
class key_ids_seen {
public:
  /// Empty when `ev`'s ids agree with what earlier events of the same space said.
  std::string difference(const event& ev) {
    if (ev.key_space != space_) {
      space_ = ev.key_space;
      by_id_.clear();
      by_key_.clear();
    }
    for (const node& n : ev.tape) {
      if (n.key_id == no_key_id) continue;
      auto [at, fresh] = by_id_.emplace(n.key_id, std::string(n.key));
      if (!fresh && at->second != n.key) return "key id " + std::to_string(n.key_id) + " names two keys";
      auto [known, first] = by_key_.emplace(std::string(n.key), n.key_id);
      if (!first && known->second != n.key_id) return "key with two ids";
    }
    return {};
  }

private:
  std::uint32_t space_ = 0;
  std::map<std::uint16_t, std::string> by_id_;
  std::map<std::string, std::uint16_t> by_key_;
};

/// What the block parser did with a block of lines.
struct block_check {
  std::string difference;      ///< empty when every line agreed; else the line and what differs
  std::size_t lines = 0;       ///< lines framed
  std::size_t from_block = 0;  ///< events whose plain strings point into the block
};

/// Frames `input` in chunks of `chunk` bytes (0: whole) like a worker's block, parses each line
/// through the block path with one parser and alone with another, and compares. Every
/// `reparse`-th line (0: never) is parsed a second time through the block path, as -B's replay
/// does, which must not disturb the lines after it.
inline block_check check_block(std::string_view input, std::size_t chunk = 0, std::size_t reparse = 0) {
  static event_parser blocky;
  static event_parser alone;
  static event eb;
  static event ea;
  static key_ids_seen blocky_ids;
  static key_ids_seen alone_ids;
  block_check r;
  line_framer framer(std::size_t{1} << 20, 256);
  framer.reset();
  auto one = [&](const line& l) {
    ++r.lines;
    for (int pass = 0; pass < (reparse && r.lines % reparse == 0 ? 2 : 1); ++pass) {
      // Every other parse takes the framer's backslash, as the pipeline's do; the others find
      // the line's backslashes themselves.
      parse_outcome b = blocky.parse(l.bytes, eb, framer.block(),
                                     (r.lines + static_cast<std::size_t>(pass)) % 2 ? l.backslash : nullptr);
      parse_outcome a = alone.parse(l.bytes, ea);
      std::string diff = tape_difference(b, eb, a, ea);
      if (diff.empty()) diff = blocky_ids.difference(eb);
      if (diff.empty()) diff = alone_ids.difference(ea);
      if (!diff.empty() && r.difference.empty()) r.difference = "line " + std::to_string(r.lines) + ": " + diff;
      std::string_view block = framer.block().bytes;
      for (const node& n : eb.tape)
        if (n.kind == value_kind::string && !n.text.empty() && n.text.data() >= block.data() &&
            n.text.data() < block.data() + block.size()) {
          ++r.from_block;
          break;
        }
    }
  };
  line l;
  std::size_t step = chunk ? chunk : input.size();
  for (std::size_t at = 0; at < input.size(); at += step) {
    framer.feed(input.substr(at, step));
    while (framer.next(l)) one(l);
  }
  if (framer.finish(l)) one(l);
  return r;
}

}  // namespace logmoji::test
