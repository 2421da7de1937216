#pragma once
// The file-name column: with several inputs, each output line starts with the name of the input
// it came from ("NAME │ "), as hl labels its inputs and grep prefixes file names. The column is
// written by the run loop around the sink's output, so no sink knows about it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/options.hpp"

namespace logmoji {

/// True when lines get a label: --label, or several inputs shown as pretty or raw text (the JSON
/// and logfmt outputs stay parseable unless --label asks) and not a summary.
bool labels_wanted(const options& opts);

/// True when -c prints a count per input (NAME:COUNT, as grep -c): several inputs or --label,
/// unless --no-label.
bool count_per_input(const options& opts);

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

/// How an input is named in labels, counts and messages: the path, or "(standard input)".
std::string_view input_name(const std::string& path);

}  // namespace logmoji
