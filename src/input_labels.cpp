// The file-name column in front of output lines.
#include "logmoji/input_labels.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>

#include "logmoji/colors.hpp"
#include "logmoji/inputs.hpp"
#include "logmoji/sink_summary.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/text_width.hpp"

namespace logmoji {
namespace {

// One colour per input, in turn; chosen to stay apart from the level colours' reds.
constexpr std::string_view palette[] = {"\x1b[36m", "\x1b[35m", "\x1b[34m", "\x1b[32m", "\x1b[33m"};
constexpr std::string_view reset = "\x1b[0m";
constexpr std::string_view separator = " \u2502 ";
// The label column's widest: a long path would push every line right. A terminal of 80
// columns keeps more than half of its width for the line.
constexpr std::size_t max_label_cells = 32;
constexpr std::string_view ellipsis = "\u2026";

bool text_output(output_kind kind) { return kind == output_kind::pretty || kind == output_kind::raw; }

// A label: the escaped name `shown`, coloured, padded to `width` cells, then the separator.
void append_label(std::string& out, std::string_view shown, std::size_t width, std::size_t colour, bool color) {
  if (color) out += palette[colour % std::size(palette)];
  out += shown;
  if (color) out += reset;
  std::size_t n = display_width(shown);
  out.append(width > n ? width - n : 0, ' ');
  out += separator;
}

// The name escaped (a name is data); past max_label_cells, an ellipsis and the longest end of
// it that fits, cut between the name's characters (never inside an escape, nor between a
// character and the marks drawn with it): paths repeat themselves at the front (/var/log/…),
// their ends tell files apart.
std::string short_label(std::string_view name) {
  std::string whole;
  append_escaped(whole, name, keep_controls::none);
  if (display_width(whole) <= max_label_cells) return whole;
  std::vector<std::size_t> starts = glyph_starts(name);
  // Each character's shown width, from the end, until the ellipsis and the end fill the cap.
  std::size_t cells = display_width(ellipsis);
  std::size_t begin = name.size();
  std::string one;
  for (auto k = starts.size(); k-- > 0;) {
    one.clear();
    append_escaped(one, name.substr(starts[k], begin - starts[k]), keep_controls::none);
    std::size_t width = display_width(one);
    if (cells + width > max_label_cells) break;
    cells += width;
    begin = starts[k];
  }
  std::string text(ellipsis);
  append_escaped(text, name.substr(begin), keep_controls::none);
  return text;
}

}  // namespace

bool labels_wanted(const options& opts) {
  if (opts.sink.summary != summary_kind::none || opts.sink.label == label_mode::never) return false;
  if (opts.sink.label == label_mode::always) return true;
  return input_paths(opts.source).size() > 1 && text_output(opts.sink.output);
}

bool labels_coloured(const options& opts) {
  return labels_wanted(opts) && text_output(opts.sink.output) && use_color(opts.sink.color, opts.sink.stdout_tty);
}

count_layout count_per_input(const options& opts) {
  bool per_input = opts.sink.label == label_mode::always ||
                   (opts.sink.label != label_mode::never && input_paths(opts.source).size() > 1);
  return {per_input, summary_format_for(opts.sink.output)};
}

std::string_view input_name(const std::string& path) {
  return path == "-" ? std::string_view("(standard input)") : std::string_view(path);
}

input_labels::input_labels(const std::vector<std::string>& paths, bool color) {
  std::vector<std::string> shown;
  for (const auto& path : paths) {
    names_.emplace_back(input_name(path));
    shown.push_back(short_label(names_.back()));
  }
  // A shortened label that two different names share would not tell their lines apart: the
  // names of such a group are shown whole.
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_label;
  for (std::size_t i = 0; i < shown.size(); ++i) by_label[shown[i]].push_back(i);
  for (const auto& [label, group] : by_label) {
    const std::string& first = names_[group[0]];  // a lambda cannot capture a structured binding in clang 14
    bool ambiguous = std::any_of(group.begin(), group.end(), [&](std::size_t i) { return names_[i] != first; });
    if (!ambiguous) continue;
    for (std::size_t i : group) {
      shown[i].clear();
      append_escaped(shown[i], names_[i], keep_controls::none);
    }
  }
  std::size_t widest = 0;
  for (const auto& text : shown) widest = std::max(widest, display_width(text));
  for (std::size_t i = 0; i < shown.size(); ++i) append_label(labels_.emplace_back(), shown[i], widest, i, color);
}

void source_column::build(std::string& out, std::string_view source, std::size_t width) {
  shown_.clear();
  append_escaped(shown_, source, keep_controls::none);
  // FNV-1a: the same colour for a name on every thread and in every run.
  std::uint32_t hash = 2166136261u;
  for (char c : source) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  out.clear();
  append_label(out, shown_, width, hash, color_);
}

std::string_view source_column::label(std::string_view source, std::size_t width) {
  for (const auto& k : kept_)
    if (k.width == width && k.source == source) return k.label;
  if (kept_.size() < kept_sources) {
    kept& k = kept_.emplace_back(kept{std::string(source), width, {}});
    build(k.label, source, width);
    return k.label;
  }
  build(built_, source, width);
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
