// structlog's ConsoleRenderer layout: columns, padding, sorted keys, stack and exception.
#include "logmoji/sink_console.hpp"

#include <algorithm>
#include <cstring>

#include "logmoji/colors.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/level.hpp"
#include "logmoji/python_repr.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/timestamp.hpp"

namespace logmoji {
namespace {

constexpr std::size_t event_width = 30;  // pad_event_to
constexpr std::size_t level_width = 9;   // len("exception")
// foundation's TimeStamper layout, used for epoch times when no --time-format is given.
constexpr std::string_view default_time_format = "%Y-%m-%d %H:%M:%S.%f";
constexpr std::string_view exception_separator =
    "\n\n===============================================================================\n";

// The first eight bytes of a key as a big-endian number, zero-padded: comparing two of them
// orders keys as their bytes do, except that a tie needs the whole keys.
std::uint64_t sort_prefix(std::string_view key) {
  std::uint64_t v = 0;
  std::size_t n = std::min<std::size_t>(key.size(), 8);
  for (std::size_t k = 0; k < n; ++k) v |= std::uint64_t{static_cast<unsigned char>(key[k])} << (56 - 8 * k);
  return v;
}

void pad_to(std::string& line, std::size_t start, std::size_t width) {
  std::size_t n = count_code_points(std::string_view(line).substr(start));
  if (n < width) line.append(width - n, ' ');
}

// Python str() of a value, made safe for a terminal; newlines and tabs stay, as the library
// prints them.
void append_text(std::string& line, std::string& scratch, const event& ev, std::uint32_t i, keep_controls keep) {
  scratch.clear();
  append_str(scratch, ev, i);
  append_escaped(line, scratch, keep);
}

// Puts a reset before each newline in line[start…] and the style again after it, moving the
// bytes back to front in place (no buffer: the line's capacity is reused).
void close_at_newlines(std::string& line, std::size_t start, std::string_view sgr) {
  auto newlines =
      static_cast<std::size_t>(std::count(line.begin() + static_cast<std::ptrdiff_t>(start), line.end(), '\n'));
  if (newlines == 0) return;
  std::size_t from = line.size();
  line.resize(from + newlines * (ansi::reset.size() + sgr.size()));
  std::size_t to = line.size();
  auto put = [&line, &to](std::string_view bytes) {
    to -= bytes.size();
    std::memcpy(line.data() + to, bytes.data(), bytes.size());
  };
  while (from > start) {
    char c = line[--from];
    if (c != '\n') {
      line[--to] = c;
      continue;
    }
    put(sgr);
    put("\n");
    put(ansi::reset);
  }
}

}  // namespace

console_sink::console_sink(const sink_options& options, bool color, bool redact_dicts)
    : options_(options), color_(color), redact_dicts_(redact_dicts) {}

// Every styled span goes through here, so a style is always reset. A newline inside the span (a
// multi-line message) closes the style and opens it again on the next line: each physical line
// is complete, and `| head -n1` leaves the terminal as it was. structlog leaves the style open
// across the newline; --foundation keeps its bytes.
template <class Fill>
void console_sink::styled(std::string& line, std::string_view sgr, Fill&& fill) {
  if (!color_) {
    fill();
    return;
  }
  line += sgr;
  std::size_t start = line.size();
  fill();
  if (!options_.library_bytes) close_at_newlines(line, start, sgr);
  line += ansi::reset;
}

// The time column: as written, unless --time-format asks for another layout or the log wrote
// epoch numbers (pino, bunyan), which nobody reads as such. Outside --foundation every time that
// names an instant (a zone, an epoch) is shown in one layout and one zone, so merged logs line up.
void console_sink::append_time(const event& ev, std::string& line) {
  const node& t = ev.at(ev.role.time);
  bool reformat = !options_.time_format.empty() || t.kind == value_kind::number ||
                  (!options_.library_bytes && time_is_absolute(ev, ev.role.time));
  std::optional<epoch_ns> when = reformat ? event_time(ev, ev.role.time, options_.zone) : std::nullopt;
  if (when) {
    scratch_.clear();
    format_time(scratch_, *when, options_.time_format.empty() ? default_time_format : options_.time_format,
                options_.zone);
    append_escaped(line, scratch_, keep_controls::none);
  } else {
    append_text(line, scratch_, ev, ev.role.time, keep_controls::none);
  }
}

void console_sink::append_columns(const event& ev, std::string& line) {
  auto column = [&line]() {
    if (!line.empty()) line.push_back(' ');
    return line.size();
  };
  if (ev.role.time && !options_.omit_timestamp) {
    auto start = column();
    styled(line, options_.colors.timestamp.sgr, [&] { append_time(ev, line); });
    // structlog skips an empty column, separator included.
    if (line.size() == start && start > 0) line.pop_back();
  }
  if (ev.role.level) {
    column();
    line.push_back('[');
    scratch_.clear();
    const node& lv = ev.at(ev.role.level);
    std::string_view number_name = lv.kind != value_kind::number ? std::string_view{}
                                   : options_.library_bytes      ? pino_level_name(lv.text)
                                                                 : number_level_name(lv);
    if (!number_name.empty())
      scratch_ += number_name;
    else
      append_str(scratch_, ev, ev.role.level);
    // Outside --foundation every name of the level table is coloured, by its rank's family.
    std::string_view sgr = options_.colors.level_sgr(scratch_);
    if (sgr.empty() && !options_.library_bytes)
      if (auto rank = parse_level_option(scratch_)) sgr = options_.colors.level_sgr(level_colour_name(*rank));
    styled(line, sgr, [&] {
      auto text_start = line.size();
      append_escaped(line, scratch_, keep_controls::none);
      pad_to(line, text_start, level_width);
    });
    line.push_back(']');
  }
  if (ev.role.message) {
    column();
    styled(line, options_.colors.message.sgr, [&] {
      auto text_start = line.size();
      append_text(line, scratch_, ev, ev.role.message, keep_controls::tab_newline);
      pad_to(line, text_start, event_width);
    });
  }
  for (std::string_view key : {std::string_view("logger"), std::string_view("logger_name")}) {
    std::uint32_t i = ev.find(key);
    if (!i || (key == "logger_name" && options_.strip_logger_name)) continue;
    column();
    line.push_back('[');
    styled(line, options_.colors.logger.sgr, [&] { append_text(line, scratch_, ev, i, keep_controls::none); });
    line.push_back(']');
    if (color_) line += ansi::reset;  // structlog resets once more after the bracket
  }
  // Other loggers' names (bunyan's name, tracing's target) go in the same column.
  std::uint32_t other = ev.role.logger;
  if (options_.library_bytes || !other || ev.at(other).key == "logger" || ev.at(other).key == "logger_name") return;
  column();
  line.push_back('[');
  styled(line, options_.colors.logger.sgr, [&] { append_text(line, scratch_, ev, other, keep_controls::none); });
  line.push_back(']');
  if (color_) line += ansi::reset;
}

void console_sink::append_pairs(const event& ev, std::string& line) {
  pairs_.clear();
  for (auto i : ev.fields) {
    std::string_view key = ev.at(i).key;
    if (shown_by_role(ev, i)) continue;
    if (key == "logger" || key == "logger_name" || key == "stack" || key == "exception" || key == "exc_info") continue;
    pairs_.push_back({sort_prefix(key), i});
  }
  // UTF-8 byte order is code point order, which is how Python sorts str keys. The first eight
  // bytes as one integer decide most comparisons. Events have a handful of keys: a stable
  // insertion sort needs no buffer, std::stable_sort would allocate.
  auto less = [&ev](const sort_key& a, const sort_key& b) {
    return a.prefix != b.prefix ? a.prefix < b.prefix : ev.at(a.index).key < ev.at(b.index).key;
  };
  if (pairs_.size() > 64) {
    std::stable_sort(pairs_.begin(), pairs_.end(), less);
  } else {
    for (std::size_t i = 1; i < pairs_.size(); ++i)
      for (std::size_t j = i; j > 0 && less(pairs_[j], pairs_[j - 1]); --j) std::swap(pairs_[j], pairs_[j - 1]);
  }
  for (const sort_key& pair : pairs_) {
    std::uint32_t i = pair.index;  // a plain variable: lambdas cannot capture a structured binding in clang 14
    if (!line.empty()) line.push_back(' ');
    styled(line, options_.colors.key.sgr, [&] { append_escaped(line, ev.at(i).key, keep_controls::none); });
    line.push_back('=');
    bool redact = redact_dicts_ && ev.at(i).kind == value_kind::object;
    styled(line, options_.colors.value.sgr,
           [&] { append_console_value(line, ev, i, redact ? redaction::dict : redaction::none); });
  }
}

void console_sink::append_trailer(const event& ev, std::string& line) {
  std::uint32_t stack = ev.find("stack");
  std::uint32_t exception = ev.find("exception");
  if (stack) {
    line.push_back('\n');
    append_text(line, scratch_, ev, stack, keep_controls::tab_newline);
    if (exception) line += exception_separator;
  }
  if (exception) {
    line.push_back('\n');
    append_text(line, scratch_, ev, exception, keep_controls::tab_newline);
  }
}

void console_sink::write_event(const event& ev, output& out) {
  scratch_line_.clear();
  append_columns(ev, scratch_line_);
  append_pairs(ev, scratch_line_);
  while (!scratch_line_.empty() && scratch_line_.back() == ' ') scratch_line_.pop_back();
  append_trailer(ev, scratch_line_);
  std::string& buf = out.buffer();
  buf += scratch_line_;
  buf.push_back('\n');
  out.commit();
}

void console_sink::write_raw(std::string_view bytes, output& out) {
  std::string& buf = out.buffer();
  styled(buf, options_.colors.raw.sgr, [&] { append_escaped(buf, bytes, keep_controls::tab); });
  buf.push_back('\n');
  out.commit();
}

void console_sink::write_blank(output& out) {
  out.buffer().push_back('\n');
  out.commit();
}

}  // namespace logmoji
