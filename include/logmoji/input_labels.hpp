#pragma once
// The file-name column: with several inputs, each output line starts with the name of the input
// it came from ("NAME │ "), as hl labels its inputs and grep prefixes file names. The column is
// written by the run loop around the sink's output, so no sink knows about it.

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/options.hpp"
#include "logmoji/output.hpp"

namespace logmoji {

/// True when lines get a label: --label, or several inputs shown as pretty or raw text (the JSON
/// and logfmt outputs stay parseable unless --label asks) and not a summary.
bool labels_wanted(const options& opts);

/// True when those labels are coloured: colours are on (use_color) and the output is text that
/// people read, pretty or raw, as grep colours its file names; JSON and logfmt labels stay plain.
bool labels_coloured(const options& opts);

struct count_layout;

/// How -c prints: a count per input (NAME:COUNT, as grep -c) with several inputs or --label,
/// unless --no-label; JSON with -o json or json-enriched, as --stats.
count_layout count_per_input(const options& opts);

class input_labels {
public:
  /// Labels for `paths` as given ("-" is standard input): escaped (a name is data), padded to
  /// the widest so the lines after them stay aligned, coloured when `color`.
  input_labels(const std::vector<std::string>& paths, bool color);

  /// The label of the input a source calls `name` (its byte_source name); empty when unknown.
  /// Safe to call from several threads.
  [[nodiscard]] std::string_view for_name(std::string_view name) const;

private:
  std::vector<std::string> names_;
  std::vector<std::string> labels_;
};

/// Appends `text` to `out` with `label` in front of each of its lines.
void append_labelled(std::string& out, std::string_view text, std::string_view label);

/// The column of an envelope's source (`web-1` of `docker compose logs`, a kubectl prefix) in
/// pretty output, labelled as inputs are. A label depends on the source alone, never on the lines
/// before it, so the output is the same on any number of threads: the width is the one the
/// producer padded the source to (compose pads to its widest service), the colour is chosen by
/// the name.
class source_column {
public:
  explicit source_column(bool color) : color_(color) {}

  /// The label of `source`, padded to `width` cells. Valid until the next call.
  std::string_view label(std::string_view source, std::size_t width);

  /// Writes `ev` through `sink` with `source`'s label in front of each line, the event's own
  /// copy of it (its last field `key`, docs/envelopes.md) left out of the key=value pairs.
  template <class Sink, class Event, class Output>
  void write(Sink& sink, Event& ev, std::string_view key, std::string_view source, std::size_t width, Output& out) {
    for (auto f = ev.fields.rbegin(); f != ev.fields.rend(); ++f)
      if (ev.tape[*f].key == key) {
        ev.fields.erase(std::next(f).base());
        break;
      }
    scratch_.buffer().clear();
    sink.write_event(ev, scratch_);
    append_labelled(out.buffer(), scratch_.buffer(), label(source, width));
    out.commit();
  }

private:
  // Sources seen, up to a bound (a prefix may be a different word on every line): the rest get
  // a label built anew each time, in `built_`.
  static constexpr std::size_t kept_sources = 64;
  struct kept {
    std::string source;
    std::size_t width;
    std::string label;
  };
  void build(std::string& out, std::string_view source, std::size_t width);
  bool color_;
  std::vector<kept> kept_;
  std::string built_, shown_;
  output scratch_ = output::in_memory();
};

/// How an input is named in labels, counts and messages: the path, or "(standard input)".
std::string_view input_name(const std::string& path);

}  // namespace logmoji
