// The file-name column in front of output lines.
#include "logmoji/input_labels.hpp"

#include <algorithm>

#include "logmoji/inputs.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji {
namespace {

// One colour per input, in turn; chosen to stay apart from the level colours' reds.
constexpr std::string_view palette[] = {"\x1b[36m", "\x1b[35m", "\x1b[34m", "\x1b[32m", "\x1b[33m"};
constexpr std::string_view reset = "\x1b[0m";
constexpr std::string_view separator = " \u2502 ";

bool text_output(output_kind kind) { return kind == output_kind::pretty || kind == output_kind::raw; }

// A label: the escaped name `shown`, coloured, padded to `width` cells, then the separator.
void append_label(std::string& out, std::string_view shown, std::size_t width, std::size_t colour, bool color) {
  if (color) out += palette[colour % std::size(palette)];
  out += shown;
  if (color) out += reset;
  std::size_t n = count_code_points(shown);
  out.append(width > n ? width - n : 0, ' ');
  out += separator;
}

}  // namespace

bool labels_wanted(const options& opts) {
  if (opts.sink.summary != summary_kind::none || opts.sink.label == label_mode::never) return false;
  if (opts.sink.label == label_mode::always) return true;
  return input_paths(opts.source).size() > 1 && text_output(opts.sink.output);
}

bool count_per_input(const options& opts) {
  if (opts.sink.label == label_mode::never) return false;
  return opts.sink.label == label_mode::always || input_paths(opts.source).size() > 1;
}

std::string_view input_name(const std::string& path) {
  return path == "-" ? std::string_view("(standard input)") : std::string_view(path);
}

input_labels::input_labels(const std::vector<std::string>& paths, bool color) {
  std::vector<std::string> shown;
  std::size_t widest = 0;
  for (const auto& path : paths) {
    names_.emplace_back(input_name(path));
    std::string text;
    append_escaped(text, names_.back(), keep_controls::none);
    widest = std::max(widest, count_code_points(text));
    shown.push_back(std::move(text));
  }
  for (std::size_t i = 0; i < shown.size(); ++i) append_label(labels_.emplace_back(), shown[i], widest, i, color);
}

void source_column::relabel(std::size_t i) {
  shown_.clear();
  append_escaped(shown_, kept_[i].source, keep_controls::none);
  kept_[i].label.clear();
  append_label(kept_[i].label, shown_, widest_, i, color_);
}

std::string_view source_column::label(std::string_view source) {
  for (const auto& k : kept_)
    if (k.source == source) return k.label;
  shown_.clear();
  append_escaped(shown_, source, keep_controls::none);
  if (std::size_t width = count_code_points(shown_); width > widest_) {
    // A wider source moves the column for the lines from here on.
    widest_ = width;
    for (std::size_t i = 0; i < kept_.size(); ++i) relabel(i);
  }
  if (kept_.size() < kept_sources) {
    kept_.push_back({std::string(source), {}});
    relabel(kept_.size() - 1);
    return kept_.back().label;
  }
  built_.clear();
  shown_.clear();
  append_escaped(shown_, source, keep_controls::none);
  append_label(built_, shown_, widest_, kept_sources, color_);
  return built_;
}

std::string_view input_labels::for_name(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return labels_[i];
  return {};
}

void append_labelled(std::string& out, std::string_view text, std::string_view label) {
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    end = end == std::string_view::npos ? text.size() : end + 1;
    out += label;
    out += text.substr(0, end);
    text.remove_prefix(end);
  }
}

}  // namespace logmoji
