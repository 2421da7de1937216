// structlog's ConsoleRenderer layout: columns, padding, sorted keys, stack and exception.
#include "logmoji/sink_console.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "logmoji/colors.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/level.hpp"
#include "logmoji/enrich_sanitize.hpp"
#include "logmoji/python_repr.hpp"
#include "logmoji/render_stack.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/text_width.hpp"
#include "logmoji/unaligned.hpp"
#include "logmoji/timestamp.hpp"

namespace logmoji {
namespace {

constexpr std::size_t event_width = 30;  // pad_event_to
constexpr std::size_t tab_stop = 8;      // a terminal's, and less's, default
constexpr std::size_t level_width = 9;   // len("exception")
// The message column's padding, up to event_width.
constexpr std::string_view spaces = "                              ";
static_assert(spaces.size() == event_width);
// foundation's TimeStamper layout, used for epoch times when no --time-format is given.
constexpr std::string_view default_time_format = "%Y-%m-%d %H:%M:%S.%f";
constexpr std::string_view exception_separator =
    "\n\n===============================================================================\n";
// Under the event: a message's later lines and value labels, then the values' lines.
constexpr std::string_view below_indent = "  ";
constexpr std::string_view value_indent = "    ";

// Facts about a key that decide where its field goes, found once per key (key_view::flags).
namespace key_flag {
constexpr std::uint32_t logger = 1U << 0;
constexpr std::uint32_t logger_name = 1U << 1;
constexpr std::uint32_t stack = 1U << 2;
constexpr std::uint32_t exception = 1U << 3;
constexpr std::uint32_t exc_info = 1U << 4;
constexpr std::uint32_t below_name = 1U << 5;  // render_stack.hpp names_below
constexpr std::uint32_t redacted = 1U << 6;    // enrich_sanitize.hpp is_redacted_key (--foundation)
constexpr std::uint32_t secret = 1U << 7;      // enrich_sanitize.hpp is_secret_key (outside it)
constexpr std::uint32_t layout = 1U << 8;      // field_roles.hpp is_family_layout_key (outside it)
// The logger column's keys; the keys the library's console takes out of the key=value pairs and
// prints after the line itself.
constexpr std::uint32_t logger_column = logger | logger_name;
constexpr std::uint32_t trailer = stack | exception | exc_info;
constexpr std::uint32_t named = logger | logger_name | stack | exception;
}  // namespace key_flag

struct flagged_key {
  std::string_view key;
  std::uint32_t flag;
};
constexpr std::array<flagged_key, 5> flagged_keys{{
    {"logger", key_flag::logger},
    {"logger_name", key_flag::logger_name},
    {"stack", key_flag::stack},
    {"exception", key_flag::exception},
    {"exc_info", key_flag::exc_info},
}};

std::uint32_t key_flags(std::string_view key) {
  std::uint32_t flags = names_below(key) ? key_flag::below_name : 0;
  if (is_redacted_key(key)) flags |= key_flag::redacted;
  if (is_secret_key(key)) flags |= key_flag::secret;
  for (const flagged_key& k : flagged_keys)
    if (key == k.key) flags |= k.flag;
  return flags;
}

constexpr std::size_t key_slots = 512;                     // a power of two
constexpr std::size_t width_sets = 1024;                   // a power of two; two ways each
constexpr std::size_t arena_limit = std::size_t{1} << 20;  // then the key cache starts afresh

// The first eight bytes of a key as a big-endian number, zero-padded: comparing two of them
// orders keys as their bytes do, except that a tie needs the whole keys.
std::uint64_t sort_prefix(std::string_view key) {
  std::uint64_t first = load_up_to_8(key.data(), std::min<std::size_t>(key.size(), 8));
  return std::endian::native == std::endian::little ? __builtin_bswap64(first) : first;
}

// A short text's first eight bytes and its last eight (0 up to eight bytes), zero-padded: with
// its size they are the whole text up to sixteen bytes; and a hash of the three, for the
// caches (its top bits pick the slot, or the set of two).
struct key_words {
  std::uint64_t first;
  std::uint64_t last;
  std::uint64_t hash;
};
key_words key_words_of(std::string_view text) {
  std::uint64_t first = load_up_to_8(text.data(), std::min<std::size_t>(text.size(), 8));
  std::uint64_t last = text.size() > 8 ? load8(text.data() + text.size() - 8) : 0;
  return {first, last, (first ^ (last * 0xC2B2AE3D27D4EB4FULL) ^ text.size()) * 0x9E3779B97F4A7C15ULL};
}

// Copies s to p (which has room) and returns the end: copies up to 32 bytes without a call, as
// most pair heads, keys and values are short; the sizes up to sixteen, the most common, are
// told apart first.
[[gnu::always_inline]] inline char* put(char* p, std::string_view s) {
  std::size_t n = s.size();
  const char* q = s.data();
  if (n <= 16) {
    if (n >= 8) {
      std::memcpy(p, q, 8);
      std::memcpy(p + n - 8, q + n - 8, 8);
    } else if (n >= 4) {
      std::memcpy(p, q, 4);
      std::memcpy(p + n - 4, q + n - 4, 4);
    } else if (n > 0) {
      p[0] = q[0];
      p[n / 2] = q[n / 2];
      p[n - 1] = q[n - 1];
    }
  } else if (n <= 32) {  // a coloured pair head: two overlapping sixteen-byte moves
    std::memcpy(p, q, 16);
    std::memcpy(p + n - 16, q + n - 16, 16);
  } else {
    std::memcpy(p, q, n);
  }
  return p + n;
}

// The arena's pair heads and member keys are each followed by at least this many of its bytes,
// so one of up to that size is copied by one move of that size (`p` having room for it).
constexpr std::size_t head_slack = 32;
[[gnu::always_inline]] inline char* put_head(char* p, std::string_view head) {
  if (head.size() > head_slack) return put(p, head);
  std::memcpy(p, head.data(), head_slack);
  return p + head.size();
}

// A held column's closing reset: four bytes moved either way, kept when colouring (bytes 4).
struct held_reset {
  std::size_t bytes;
  [[nodiscard]] std::size_t size() const { return bytes; }
};
static_assert(ansi::reset.size() == 4);
[[gnu::always_inline]] inline char* put(char* p, held_reset reset) {
  std::memcpy(p, ansi::reset.data(), 4);
  return p + reset.bytes;
}
// What hold() may move past a column's bytes: the space not kept and a reset's four bytes.
constexpr std::size_t held_slack = 8;

// repr() of the literals, by value_kind (python_repr.cpp scalar_repr); empty for the others.
constexpr std::array<std::string_view, 10> literal_repr{"", "", "", "", "True", "False", "None", "nan", "inf", "-inf"};
static_assert(literal_repr[static_cast<std::size_t>(value_kind::neg_inf)] == "-inf");
static_assert(literal_repr[static_cast<std::size_t>(value_kind::true_value)] == "True");

// The library pads by code points; logmoji by terminal cells, so columns line up after wide
// emoji and CJK (docs/outputs.md#aligned-columns).
void pad_to(std::string& line, std::size_t start, std::size_t width, bool code_points) {
  std::string_view text = std::string_view(line).substr(start);
  std::size_t n = code_points ? count_code_points(text) : display_width(text);
  if (n < width) line.append(width - n, ' ');
}

// The first line of a text whose first newline is at `nl` (npos: none), less the CR of a CRLF.
std::string_view first_of_lines(std::string_view text, std::size_t nl) {
  std::string_view first = text.substr(0, nl);
  if (nl != std::string_view::npos && first.ends_with('\r')) first.remove_suffix(1);
  return first;
}

// Calls `each` with every line of `text`, a final newline ignored. A CR before a line's LF
// belongs to the line end (Windows' CRLF, .NET's stacks): it is not shown as \r at the end of
// every line.
template <class Each>
void for_each_line(std::string_view text, Each&& each) {
  if (text.ends_with('\n')) text.remove_suffix(text.ends_with("\r\n") ? 2 : 1);
  while (true) {
    std::size_t nl = text.find('\n');
    each(first_of_lines(text, nl));
    if (nl == std::string_view::npos) return;
    text.remove_prefix(nl + 1);
  }
}

// The indentation every non-blank line of `text` starts with: a value indented by its writer
// (log4js' callStack) is not indented twice.
std::size_t common_indent(std::string_view text) {
  std::size_t common = std::string_view::npos;
  for_each_line(text, [&common](std::string_view l) {
    std::size_t n = l.find_first_not_of(' ');
    if (n != std::string_view::npos) common = std::min(common, n);
  });
  return common == std::string_view::npos ? 0 : common;
}

// Python str() of a value, made safe for a terminal; newlines and tabs stay, as the library
// prints them. A string is escaped from the event itself; only repr() needs the scratch.
void append_text(std::string& line, std::string& scratch, const event& ev, std::uint32_t i, keep_controls keep) {
  const node& n = ev.at(i);
  if (n.kind == value_kind::string) {
    append_escaped(line, n.text, keep);
    return;
  }
  scratch.clear();
  append_str(scratch, ev, i);
  append_escaped(line, scratch, keep);
}

// A time whose being shown as written follows from its layout alone: a date first (time_is_absolute
// then looks only at non-digit bytes; a digit string's fate depends on its value, as an epoch), and
// nothing to escape.
bool layout_decides_time(std::string_view s) {
  return s.size() >= 10 && s[4] == '-' && std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

}  // namespace

console_sink::console_sink(const sink_options& options, bool color, redaction redact)
    : options_(options),
      color_(color),
      redacted_flag_(redact == redaction::none   ? 0
                     : redact == redaction::deep ? key_flag::secret
                                                 : key_flag::redacted),
      keys_(key_slots),
      loggers_(logger_slots),
      widths_(2 * width_sets),
      width_recent_(width_sets),
      redact_(redact) {
  below_.redact = redact;
  pair_open_ = " ";
  key_close_ = "=";
  if (color_) {
    pair_open_ += options_.colors.key.sgr;
    key_close_ = std::string(ansi::reset) + "=" + options_.colors.value.sgr;
    value_close_ = ansi::reset;
  }
}

// Every styled span goes through here, so a style is always reset. Outside --foundation no
// span holds a newline (each fills with escaped text, repr() or a message's first line; later
// lines are styled one by one), so each physical line is complete and `| head -n1` leaves the
// terminal as it was. structlog leaves the style open across a message's newline; --foundation
// keeps its bytes.
template <class Fill>
void console_sink::styled(std::string& line, std::string_view sgr, Fill&& fill) {
  if (!color_) {
    fill();
    return;
  }
  line += sgr;
  fill();
  line += ansi::reset;
}

// The time column: as written, unless --time-format asks for another layout or the log wrote
// epoch numbers (pino, bunyan), which nobody reads as such. Outside --foundation every time that
// names an instant (a zone, an epoch) is shown in one layout and one zone, so merged logs line up.
// Epoch numbers the layout shows plainly and times shown as the last one was are written by
// append_columns, which tries them first.
void console_sink::append_time(const event& ev, std::string& line) {
  const node& t = ev.at(ev.role.time);
  std::string_view format = options_.time_format.empty() ? default_time_format : options_.time_format;
  bool reformat = !options_.time_format.empty() || t.kind == value_kind::number ||
                  (!options_.library_bytes && time_is_absolute(ev, ev.role.time));
  std::optional<epoch_ns> when = reformat ? event_time(ev, ev.role.time, options_.zone) : std::nullopt;
  if (when && formatter().append_plain(line, *when)) return;
  if (when) {
    scratch_.clear();
    format_time(scratch_, *when, format, options_.zone);
    append_escaped(line, scratch_, keep_controls::none);
  } else {
    append_text(line, scratch_, ev, ev.role.time, keep_controls::none);
    if (!reformat && t.kind == value_kind::string && layout_decides_time(t.text)) verbatim_time_.remember(t.text);
  }
}

time_formatter& console_sink::make_formatter() {
  return time_formatter_.emplace(options_.time_format.empty() ? default_time_format : options_.time_format,
                                 options_.zone);
}

// pino's and bunyan's epoch numbers, shown in the column's layout: the second's text kept from
// the last line, the fraction's digits copied in; nullopt for other times (append_time decides
// them).
std::optional<std::string_view> console_sink::epoch_text(const node& t) {
  if (t.kind != value_kind::number) return std::nullopt;
  if (fast_paths_) return formatter().plain_epoch_text(t.text);
  std::optional<epoch_ns> when = plain_epoch_time(t.text);
  if (!when) return std::nullopt;
  return formatter().plain_text(*when);
}

// A message that is no string, as str() shows it, the keys inside it redacted as any value's.
void console_sink::append_message_repr(const event& ev, std::string& line) {
  scratch_.clear();
  append_str(scratch_, ev, ev.role.message, message_redaction(redact_));
  append_escaped(line, scratch_, keep_controls::tab);
}

// The library prints a multi-line message whole, its later lines at the left margin; logmoji
// keeps the first line in the column and puts the rest under the event, indented.
// repr() of a non-string message holds no raw newline: only a string has later lines, and they
// stay in the event until the trailer prints them.
// Returns the cells the text takes (message_cells).
std::size_t console_sink::append_message(const event& ev, std::string& line) {
  message_rest_ = {};
  std::size_t start = line.size();
  auto shown = [&line, start]() { return std::string_view(line).substr(start); };
  if (options_.library_bytes) {  // the library's str() of a message that is no string: unredacted
    append_text(line, scratch_, ev, ev.role.message, keep_controls::tab_newline);
    return message_cells(shown());
  }
  const node& n = ev.at(ev.role.message);
  if (n.kind != value_kind::string) {
    append_message_repr(ev, line);
    return message_cells(shown());
  }
  std::string_view text = n.text;
  std::size_t nl = text.find('\n');
  if (nl != std::string_view::npos) message_rest_ = text.substr(nl + 1);
  std::string_view first_line = first_of_lines(text, nl);
  if (first_line.find('\t') != std::string_view::npos) [[unlikely]]
    return append_expanding_tabs(line, first_line);
  auto [e, found, hash] = width_slot(first_line);
  append_escaped(line, first_line, keep_controls::tab);
  std::size_t cells = message_cells(shown());
  // Escaping only lengthens a text: the same size means it was shown as it is, and message_cells
  // has just put it in the entry width_slot(first_line) named.
  if (shown().size() == first_line.size()) e->as_is = true;
  return cells;
}

// A raw tab's width is where the terminal's next tab stop lies, counted from the start of the
// line, which columns written later (an input's label, a source) move: the pairs after it would
// not line up. The column's tabs are spaces up to the next multiple of eight cells from the
// column's start, the same on every line. Never remembered as shown as it is (known_message).
std::size_t console_sink::append_expanding_tabs(std::string& line, std::string_view text) {
  std::size_t cells = 0;
  for (;;) {
    std::size_t tab = text.find('\t');
    std::size_t start = line.size();
    append_escaped(line, text.substr(0, tab), keep_controls::none);
    cells += display_width(std::string_view(line).substr(start));
    if (tab == std::string_view::npos) return cells;
    std::size_t to_stop = tab_stop - cells % tab_stop;
    line.append(to_stop, ' ');
    cells += to_stop;
    text.remove_prefix(tab + 1);
  }
}

// A message seen before whose first line needs no escape (its width_entry says so), the common
// case: true, with that line and its cells, and the later lines in message_rest_; the message
// column then copies it as it is, without scanning it again. Else false (append_message).
// No entry's text holds a newline (each is a first line, or escaped): a one-line message is
// looked up whole, without looking for one first.
bool console_sink::known_message(const event& ev, std::string_view& first_line, std::size_t& cells) {
  const node& n = ev.at(ev.role.message);
  if (options_.library_bytes || n.kind != value_kind::string) return false;
  std::string_view text = n.text;
  if (auto [e, found, hash] = width_slot(text); found) {
    if (!e->as_is) return false;
    first_line = text;
    message_rest_ = {};
    cells = e->cells;
    return true;
  }
  std::size_t nl = text.find('\n');
  if (nl == std::string_view::npos) return false;
  first_line = first_of_lines(text, nl);
  auto [e, found, hash] = width_slot(first_line);
  if (!found || !e->as_is) return false;
  message_rest_ = text.substr(nl + 1);
  cells = e->cells;
  return true;
}

// The level column, `[name]` padded and coloured. A run has a handful of level names: each
// string or number seen is rendered once and its bytes reused.
// The column of a level seen before, or null.
inline const std::string* console_sink::known_level(const node& lv) const {
  if (lv.kind != value_kind::string && lv.kind != value_kind::number) return nullptr;
  // A number its key reads (number_read_by_key) is not remembered by its text: `{"level":40}`
  // after `{"severityNumber":40}` showed the other one's name, and one thread and two differed.
  if (number_read_by_key(lv)) [[unlikely]]
    return nullptr;
  // Level names are short: their first eight bytes and size settle most comparisons.
  std::size_t size = lv.text.size();
  std::uint64_t first = load_up_to_8(lv.text.data(), std::min<std::size_t>(size, 8));
  for (const level_entry& e : levels_)
    if (e.first == first && e.text.size() == size && e.kind == lv.kind && (size <= 8 || e.text == lv.text))
      return &e.column;
  return nullptr;
}

// Serilog's compact JSON leaves `@l` out for Information, its most common level (CLEF: "@l: the
// level, if not Information"): without it such events had no level column, and the columns
// after it jumped between them and their warnings. Outside --foundation, an event timed by `@t`
// with no level shows that one; its rank is info either way.
const node* console_sink::implicit_level(const event& ev) const {
  static const node information{value_kind::string, 0, "@l", "Information"};
  if (options_.library_bytes || !ev.role.time || ev.at(ev.role.time).key != "@t") return nullptr;
  // Not when the line has an `@l` the role passed over (null) or -x hid (-x level, -x @l).
  if (ev.line.find("\"@l\"") != std::string_view::npos) return nullptr;
  return &information;
}

// A level not seen before (known_level), rendered and remembered.
void console_sink::append_level(const event& ev, const node& lv, std::string& line) {
  bool cacheable = (lv.kind == value_kind::string || lv.kind == value_kind::number) && !number_read_by_key(lv);
  std::uint64_t first = load_up_to_8(lv.text.data(), std::min<std::size_t>(lv.text.size(), 8));
  std::size_t start = line.size();
  line.push_back('[');
  scratch_.clear();
  std::string_view number_name = lv.kind != value_kind::number ? std::string_view{}
                                 : options_.library_bytes      ? pino_level_name(lv.text)
                                                               : number_level_name(lv);
  if (!number_name.empty())
    scratch_ += number_name;
  else if (lv.kind == value_kind::string)
    scratch_ += lv.text;
  else
    append_str(scratch_, ev, ev.role.level);
  // Outside --foundation every name of the level table is coloured, by its rank's family, and so
  // is a number the table ranks without naming it (a custom pino level).
  std::string_view sgr = options_.colors.level_sgr(scratch_);
  if (sgr.empty() && !options_.library_bytes)
    if (auto rank =
            number_name.empty() && lv.kind == value_kind::number ? number_level_rank(lv) : parse_level_option(scratch_))
      sgr = options_.colors.level_sgr(level_colour_name(*rank));
  styled(line, sgr, [&] {
    auto text_start = line.size();
    append_escaped(line, scratch_, keep_controls::none);
    pad_to(line, text_start, level_width, options_.library_bytes);
  });
  line.push_back(']');
  if (cacheable && levels_.size() < max_levels)
    levels_.push_back({lv.kind, first, std::string(lv.text), line.substr(start)});
}

// The cells the message column's text takes (code points under --foundation). Messages repeat
// ("request finished"), and a message past ASCII costs a decode per code point: the last widths
// are kept, by the text's bytes.
std::size_t console_sink::message_cells(std::string_view text) {
  if (options_.library_bytes) return count_code_points(text);
  auto [e, found, hash] = width_slot(text);
  if (!found) {
    e->text = text;
    e->hash = hash;
    e->cells = display_width(text);
    e->as_is = false;
    auto at = static_cast<std::size_t>(e - widths_.data());
    width_recent_[at / 2] = static_cast<std::uint8_t>(at % 2);
  }
  return e->cells;
}

// The entry holding `text`, made its set's recent way; else the one to fill, the other way than
// the recent one, and the same one until it is filled. Hashed by every byte: decorated messages
// differ in their middle ("[💥] 🦚 Request handled", "[💥] 🐡 Request handled"), and hashed by
// their ends alone, such messages took one slot in turns. Always inlined: once this file grew,
// GCC made it a call from known_message and the columns (+22 instructions a line).
[[gnu::always_inline]] inline console_sink::width_lookup console_sink::width_slot(std::string_view text) {
  const char* p = text.data();
  std::size_t n = text.size();
  std::uint64_t hash = n;
  if (n < 8) {
    hash ^= load_up_to_8(p, n);
  } else {
    for (std::size_t k = 0; k + 8 < n; k += 8) hash = (hash ^ load8(p + k)) * 0x9E3779B97F4A7C15ULL;
    hash ^= load8(p + n - 8);  // the last eight, overlapping
  }
  hash *= 0xC2B2AE3D27D4EB4FULL;
  std::size_t set = hash >> 54 & (width_sets - 1);
  width_entry* ways = &widths_[2 * set];
  for (std::size_t way = 0; way < 2; ++way)
    if (ways[way].hash == hash && ways[way].text.size() == text.size() &&
        same_bytes(ways[way].text.data(), text.data(), text.size())) {
      width_recent_[set] = static_cast<std::uint8_t>(way);
      return {&ways[way], true, hash};
    }
  return {&ways[width_recent_[set] ^ 1], false, hash};
}

// Holds the pieces after what raw_ holds: a column is a few short pieces (a space, a style, its
// text, padding, a reset), and a std::string append of each costs a call and a copy. The space
// and a held_reset are moved whether kept or not, without a test: raw_ has room for both.
template <class... Pieces>
[[gnu::always_inline]] inline void console_sink::hold(const std::string& line, Pieces... pieces) {
  std::size_t space = line.size() + held_ > line_start_ ? 1 : 0;  // the first column has none
  std::size_t size = (space + ... + pieces.size());
  if (raw_.size() - held_ < size + held_slack) raw_.resize(std::max(raw_.size() * 2, held_ + size + 256));
  char* p = raw_.data() + held_;
  *p = ' ';
  p += space;
  ((p = put(p, pieces)), ...);
  held_ += size;
}

inline void console_sink::release(std::string& line) {
  line.append(raw_.data(), held_);
  held_ = 0;
}

// The common columns (a time shown as written or from the second's text, a level, a message and
// a logger seen before) are held and appended with the pairs at once; any other column releases
// what is held and is written to the line.
void console_sink::append_columns(const event& ev, std::string& line) {
  // Flattened: GCC stopped inlining push_back here once width_slot was inlined into the message
  // column, a call per column on every line.
  auto column = [ this, &line ]() __attribute__((flatten)) {
    release(line);
    if (line.size() > line_start_) line.push_back(' ');
    return line.size();
  };
  auto open = [this](std::string_view sgr) { return color_ ? sgr : std::string_view(); };
  held_reset close{color_ ? ansi::reset.size() : 0};
  if (ev.role.time && !options_.omit_timestamp) {
    const node& t = ev.at(ev.role.time);
    // Whether a string time is reformatted depends on the options and its layout alone, and
    // digits need no escape: a time laid out like the last one shown as written is shown as
    // written (never empty: the memo takes 16 bytes and more). Then epoch numbers.
    std::optional<std::string_view> shown =
        fast_paths_ && t.kind == value_kind::string && verbatim_time_.same_layout(t.text) ? t.text : epoch_text(t);
    if (fast_paths_ && shown && !shown->empty()) {
      hold(line, open(options_.colors.timestamp.sgr), *shown, close);
    } else {
      auto start = column();
      styled(line, options_.colors.timestamp.sgr, [&] {
        if (shown)
          line += *shown;
        else
          append_time(ev, line);
      });
      // structlog skips an empty column, separator included.
      if (line.size() == start && start > line_start_) line.pop_back();
    }
  }
  if (const node* lv = ev.role.level ? &ev.at(ev.role.level) : implicit_level(ev)) {
    if (const std::string* known = known_level(*lv)) {
      hold(line, std::string_view(*known));
    } else {
      column();
      append_level(ev, *lv, line);
    }
  }
  if (ev.role.message) {
    std::string_view first_line;
    std::size_t cells = 0;
    if (fast_paths_ && known_message(ev, first_line, cells)) {
      std::string_view padding = std::string_view(spaces).substr(0, event_width - std::min(cells, event_width));
      hold(line, open(options_.colors.message.sgr), first_line, padding, close);
    } else {
      column();
      styled(line, options_.colors.message.sgr, [&] {
        cells = append_message(ev, line);
        if (cells < event_width) line.append(event_width - cells, ' ');
      });
    }
  }
  auto logger_column = [&](std::uint32_t i) {
    bool found = false;
    logger_entry* slot = logger_slot(ev.at(i), found);
    if (found) {
      hold(line, std::string_view(slot->column));
    } else {
      column();
      append_logger(ev, i, line, slot);
    }
  };
  for (std::uint32_t i : {named_.logger, options_.strip_logger_name ? no_node : named_.logger_name})
    if (i) logger_column(i);
  // Other loggers' names (bunyan's name, tracing's target, ECS's {"log":{"logger":…}}) go in the
  // same column; the top-level fields above are told by their nodes, as a nested member may be
  // keyed "logger" too.
  std::uint32_t other = ev.role.logger;
  if (options_.library_bytes || !other || other == named_.logger || other == named_.logger_name) return;
  logger_column(other);
}

// A run has a few dozen loggers: a name's column is kept, by a hash of its text, in sets of two
// ways, the newest first. Direct-mapped, the 50 loggers of a service's log took 64 slots in
// turns and a third of the lines missed. `found`: the slot holds the name's column; else it is
// the one to fill (null: the name is not kept).
inline console_sink::logger_entry* console_sink::logger_slot(const node& n, bool& found) {
  found = false;
  if (n.kind != value_kind::string || !fast_paths_) return nullptr;
  logger_entry* e = &loggers_[key_words_of(n.text).hash >> (64 - std::countr_zero(logger_slots)) & ~std::size_t{1}];
  for (logger_entry* way = e; way != e + 2; ++way)
    // A filled slot's column holds `[]` at least.
    if (!way->column.empty() && way->text.size() == n.text.size() &&
        same_bytes(way->text.data(), n.text.data(), n.text.size())) {
      found = true;
      return way;
    }
  std::swap(e[0], e[1]);
  return e;
}

// `[name]`, styled, and kept in `slot` when there is one.
void console_sink::append_logger(const event& ev, std::uint32_t i, std::string& line, logger_entry* slot) {
  std::size_t start = line.size();
  line.push_back('[');
  styled(line, options_.colors.logger.sgr, [&] { append_text(line, scratch_, ev, i, keep_controls::none); });
  line.push_back(']');
  if (color_) line += ansi::reset;  // structlog resets once more after the bracket
  if (slot) {
    slot->text = ev.at(i).text;
    slot->column.assign(line, start);
  }
}

inline bool console_sink::is_role(std::uint32_t i) const {
  // Asked for every field, and the answer is mostly no: one bit test settles most, and the
  // loop is branch-free.
  if (!(role_bits_ >> (i & 63) & 1)) return false;
  int hit = 0;
  for (auto r : roles_) hit |= static_cast<int>(i == r);
  return hit != 0;
}

// Whether a role node lies inside the container spanning (first, end): only then can
// shown_by_role say yes for a field that is not itself a role.
inline bool console_sink::holds_role(std::uint32_t first, std::uint32_t end) const {
  int hit = 0;  // branch-free, as is_role
  for (auto r : roles_) hit |= static_cast<int>(r > first) & static_cast<int>(r < end);
  return hit != 0;
}

// Whether a top-level field is a key=value pair. Outside --foundation, what goes below the
// event is not, and neither is an object all of whose members do; it is gathered on the way.
// A string's scan_text is kept in `info.bits` for rendering. Most fields are scalars, one-line
// strings under ordinary keys and flat containers, settled here; place_other has the general
// rules.
inline bool console_sink::place_field(const event& ev, std::uint32_t i, std::uint32_t flags, field_info& info) {
  if (is_role(i)) return false;
  // The logger column's keys and a family layout's are rare: one test settles both.
  if (flags & (key_flag::logger_column | key_flag::layout)) [[unlikely]]
    return !(flags & key_flag::logger_column) && place_by_layout(ev, i, flags, info);
  return place_value(ev, i, flags, info);
}

// place_field for a field that is no role and no logger column, and for a flattened member.
inline bool console_sink::place_value(const event& ev, std::uint32_t i, std::uint32_t flags, field_info& info) {
  const node& n = ev.at(i);
  if (n.kind == value_kind::string) {
    info.bits = scan_text(n.text);
    if (!(flags & (key_flag::trailer | key_flag::below_name)) && !(info.bits & text_bit::control)) return true;
  } else if (!is_container(n.kind)) {
    return !(flags & (options_.library_bytes ? key_flag::trailer : key_flag::exc_info));
  } else {
    info.value_size = no_value;
    if (n.end > i + 1 && holds_role(i, n.end) && shown_by_role(ev, i)) return false;
    // A container whose members are all one-line scalars: none of them goes below the event, so
    // only its key decides.
    if (fast_paths_) {
      if (flags & (options_.library_bytes ? key_flag::trailer : key_flag::exc_info)) return false;
      if (write_flat_container(ev, i, info)) return true;
    }
  }
  return place_other(ev, i, flags, info);
}

// A flattened member is no logger column, stack or exception of the event's own (those are
// top-level keys), and no layout's.
std::uint32_t console_sink::member_flags(std::uint32_t flags) {
  return flags & ~(key_flag::named | key_flag::exc_info | key_flag::layout);
}

// place_value out of line, for sink_console_layout.cpp's rare fields: more inlined copies of it
// here changed what GCC inlines in the rest of this file (append_columns lost width_slot and the
// logger column: +40 instructions a line on the bench corpora, which have no such field).
bool console_sink::place_usual(const event& ev, std::uint32_t i, std::uint32_t flags, field_info& info) {
  return place_value(ev, i, flags, info);
}

// place_field for the containers it leaves and the strings it leaves (a control character, a
// trailer or a name of names_below), whose scan_text it has kept in `info.bits`.
bool console_sink::place_other(const event& ev, std::uint32_t i, std::uint32_t flags, field_info& info) {
  const node& n = ev.at(i);
  bool string = n.kind == value_kind::string;
  text_bits bits = string ? info.bits : 0;
  if (options_.library_bytes) return !(flags & key_flag::trailer);
  // exc_info=True is the library's request to attach the current exception: an instruction to
  // the logger, consumed as the library does. A string exc_info is a traceback: below.
  if ((flags & key_flag::exc_info) && !string) return false;
  // The library's own trailer prints these two strings. Any other value under these names is a
  // field like the others (an object's stack text still goes below, a list of frames reads as one).
  if ((flags & (key_flag::stack | key_flag::exception)) && string) return false;
  // classify_below's answer for the common fields, from what is already known: a scalar that is
  // not a string stays, and so does a string without a newline (no control at all) under a key
  // that no one-line text goes below by (names_below).
  if (!string && !is_container(n.kind)) return true;
  if (string && !(bits & text_bit::control) && !(flags & key_flag::below_name)) return true;
  below_kind top = string ? classify_top_string(n, (flags & key_flag::below_name) != 0) : classify_below(ev, i, true);
  if (top == below_kind::none && !is_container(n.kind)) return true;
  // Nothing collected from an object or a list means none of its members goes below: it stays
  // a pair.
  std::size_t collected = below_.items.size();
  below_.collect(ev, i);
  if (below_.items.size() == collected) return top == below_kind::none;
  return top == below_kind::none && !all_members_below(ev, i, below_.skip_key());
}

// A value append_pairs does not write itself, rendered into scratch_: repr() of a string that
// needs more than ASCII escapes (or any escape, off the fast paths), and on the general path a
// literal or a container.
std::string_view console_sink::pair_value(const event& ev, std::uint32_t i, const field_info& info) {
  const node& n = ev.at(i);
  scratch_.clear();
  if (n.kind == value_kind::string) {
    if (fast_paths_)
      append_repr_string(scratch_, n.text, info.bits);  // place_field sets them for every string
    else
      slow::append_repr_string(scratch_, n.text);
    return scratch_;
  }
  append_console_value(scratch_, ev, i, field_redaction(redact_, n.kind), !options_.library_bytes);
  return scratch_;
}

// The pairs in the order Python sorts str keys, which is UTF-8 byte order. A line whose keys all
// have a rank (learn_rank) is in the order of the ranks it marked in rank_bits_: true, and
// append_pairs takes them from by_rank_ in one pass over the bits. Any other line is sorted by
// its keys' bytes, in pairs_: false.
inline bool console_sink::sort_pairs(const event& ev) {
  // A pair without a rank, or two of one key, which marked one bit: by text.
  if (by_rank_ok_ && static_cast<std::size_t>(std::popcount(rank_bits_)) == pair_count_ && fast_paths_) return true;
  sort_by_text(ev);
  return false;
}

void console_sink::sort_by_text(const event& ev) {
  // The first eight bytes as one integer decide most comparisons. Events have a handful of keys:
  // a stable insertion sort needs no buffer, std::stable_sort would allocate.
  auto less = [&ev](const sort_key& a, const sort_key& b) {
    return a.prefix != b.prefix ? a.prefix < b.prefix : ev.at(a.index).key < ev.at(b.index).key;
  };
  sort_keys_.clear();
  for (std::size_t k = 0; k < pair_count_; ++k) {
    std::uint32_t i = fields_view_[pairs_[k]];
    std::string_view key = ev.at(i).key;
    sort_keys_.push_back({sort_prefix(key), i, pairs_[k]});
  }
  if (pair_count_ > 64) {
    std::stable_sort(sort_keys_.begin(), sort_keys_.end(), less);
  } else {
    for (std::size_t i = 1; i < pair_count_; ++i) {
      sort_key x = sort_keys_[i];
      std::size_t j = i;
      for (; j > 0 && less(x, sort_keys_[j - 1]); --j) sort_keys_[j] = sort_keys_[j - 1];
      sort_keys_[j] = x;
    }
  }
  for (std::size_t k = 0; k < pair_count_; ++k) pairs_[k] = sort_keys_[k].field;
}

// Places a key id among the ranked keys by its text. The ranks after it move up by one, so a line
// that learns a rank is sorted by text.
std::uint16_t console_sink::learn_rank(const node& n) {
  std::uint16_t& rank = rank_of_id_[n.key_id];
  if (rank != rank_unknown) return rank;
  if (ranked_.size() >= max_ranked) return rank = rank_none;
  auto [at, found] = find_rank(n.key);
  if (found) {
    // A text first met without an id takes this one. Two ids of one text would not keep their
    // fields' order, as a stable sort by text does.
    if (at->id != no_key_id) return rank = rank_none;
    at->id = n.key_id;
    return rank = static_cast<std::uint16_t>(at - ranked_.begin());
  }
  insert_rank(at, n.key, n.key_id);
  return rank;
}

// The rank of a key without an id (a field the enricher added, as db.vendor), by its text among
// the ranked keys, which it joins when new (rank_unknown: this line is sorted by text). A text
// twice in a line marks one rank, as a key id twice does.
std::uint16_t console_sink::rank_of_text(std::string_view key) {
  std::uint16_t& last = text_rank_[reinterpret_cast<std::uintptr_t>(key.data()) / 8 % text_rank_slots];
  if (last < ranked_.size() && ranked_[last].text.size() == key.size() &&
      same_bytes(ranked_[last].text.data(), key.data(), key.size()))
    return last;
  auto [at, found] = find_rank(key);
  if (found) return last = static_cast<std::uint16_t>(at - ranked_.begin());
  if (ranked_.size() >= max_ranked) return rank_none;
  insert_rank(at, key, no_key_id);
  return rank_unknown;
}

// The first ranked key not before `key`, and whether it is `key`. The first eight bytes as one
// integer decide most comparisons, as in sort_by_text.
console_sink::rank_place console_sink::find_rank(std::string_view key) {
  std::uint64_t prefix = sort_prefix(key);
  auto at = std::lower_bound(ranked_.begin(), ranked_.end(), key, [prefix](const ranked_key& k, std::string_view text) {
    return k.prefix != prefix ? k.prefix < prefix : k.text < text;
  });
  return {at, at != ranked_.end() && at->prefix == prefix && at->text == key};
}

void console_sink::insert_rank(std::vector<ranked_key>::iterator at, std::string_view key, std::uint16_t id) {
  std::uint64_t prefix = sort_prefix(key);
  at = ranked_.insert(at, {std::string(key), prefix, id});
  for (auto k = static_cast<std::size_t>(at - ranked_.begin()); k < ranked_.size(); ++k)
    if (ranked_[k].id != no_key_id) rank_of_id_[ranked_[k].id] = static_cast<std::uint16_t>(k);
}

void console_sink::append_pairs(const event& ev, std::string& line) {
  bool ranked = sort_pairs(ev);
  // Each pair is `␠<key style>key<reset>=<value style>value<reset>`: the key's part is cached
  // whole (key_view::head), and the pair is written through a pointer into raw_, which has
  // room for it, then the pairs are appended to the line at once. The members read in the loop
  // are kept in locals: a char pointer's writes may alias them, which would load them again.
  std::size_t start = held_;
  char* p = raw_.data() + start;
  char* end = raw_.data() + raw_.size();
  const char* heads = arena_.data();
  const char* vals = vals_.data();
  const node* tape = ev.tape.data();
  const field_info* infos = infos_.data();
  const std::uint32_t* fields = fields_view_;
  bool fast = fast_paths_;
  std::size_t close = value_close_.size();  // the reset, written as one four-byte move
  static_assert(ansi::reset.size() == 4);
  auto write_pair = [&](std::uint32_t field) __attribute__((always_inline)) {
    std::uint32_t index = fields[field];
    const field_info& f = infos[field];
    // Most values are written here; pair_value renders the others.
    const node& n = tape[index];
    char quote = 0;
    bool repr = false;  // a string whose repr() escapes only ASCII: written here
    std::string_view value;
    if (n.kind == value_kind::string) {
      int q = console_quote(f.bits);
      if (q >= 0) {
        quote = static_cast<char>(q);
        value = n.text;
      } else if (fast && !(f.bits & text_bit::unprintable)) {
        repr = true;
        value = n.text;
      } else {
        value = pair_value(ev, index, f);
      }
    } else if (n.kind == value_kind::number) {
      value = n.text;
    } else if (is_container(n.kind) && f.value_size != no_value) {
      value = std::string_view(vals + f.value, f.value_size);
    } else if (std::string_view literal = literal_repr[static_cast<std::size_t>(n.kind)]; fast && !literal.empty()) {
      value = literal;  // null and booleans, as append_console_value writes them
    } else {
      value = pair_value(ev, index, f);
    }
    std::size_t need = f.head_size + head_slack + (repr ? ascii_repr_room(value.size()) : value.size() + 2) + 4;
    if (static_cast<std::size_t>(end - p) < need) {
      auto used = static_cast<std::size_t>(p - raw_.data());
      raw_.resize(std::max(raw_.size() * 2, used + need + 256));
      p = raw_.data() + used;
      end = raw_.data() + raw_.size();
    }
    p = put_head(p, std::string_view(heads + f.head, f.head_size));
    if (repr) {
      p = write_ascii_repr(p, value, f.bits);
    } else {
      if (quote) *p++ = quote;
      p = put(p, value);
      if (quote) *p++ = quote;
    }
    std::memcpy(p, ansi::reset.data(), 4);
    p += close;
  };
  if (ranked) {
    for (std::uint64_t ranks = rank_bits_; ranks; ranks &= ranks - 1)
      write_pair(by_rank_[static_cast<std::size_t>(std::countr_zero(ranks))]);
  } else {
    for (std::size_t k = 0; k < pair_count_; ++k) write_pair(pairs_[k]);
  }
  // The first column has no space before it: pairs that start the line (no column, rare) lose
  // the space their first head begins with.
  char* first = raw_.data() + start;
  if (line.size() + start == line_start_ && p != first) {
    std::memmove(first, first + 1, static_cast<std::size_t>(p - first - 1));
    --p;
  }
  held_ = static_cast<std::size_t>(p - raw_.data());
  // Flattened: GCC stopped inlining the append here once the stack writers grew (stop 40), a
  // call a line.
  auto append_held = [ this, &line ]() __attribute__((flatten)) { release(line); };
  append_held();
}

// A dict or list of one-line strings, numbers and literals, no member under a key the run's
// redaction replaces: its repr() in one pass, the members' keys as key_facts wrote them. Anything
// else (a nested container, a text repr() escapes or that could go below the event) leaves
// vals_used_ as it was and takes the general path.
bool console_sink::write_flat_container(const event& ev, std::uint32_t i, field_info& info) {
  using namespace text_bit;
  const node& n = ev.at(i);
  bool object = n.kind == value_kind::object;
  std::uint32_t refused = object ? redacted_flag_ : 0;
  // Written through a pointer into vals_, whose size is its capacity: room is made per member,
  // and a refusal leaves vals_used_ where it was. The members are stepped through by pointer and
  // vals_' bounds kept in locals: a char pointer's writes may alias any member, which would be
  // loaded again after each.
  char* base = vals_.data();
  char* limit = base + vals_.size();
  auto room = [this, &base, &limit](char* at, std::size_t need) {
    if (static_cast<std::size_t>(limit - at) >= need) return at;
    auto used = static_cast<std::size_t>(at - base);
    vals_.resize(std::max(vals_.size() * 2, used + need + 256));
    base = vals_.data();
    limit = base + vals_.size();
    return base + used;
  };
  // Room for both brackets: a member's room leaves head_slack bytes after it, enough for the
  // closing one.
  std::size_t start = vals_used_;
  char* p = room(base + start, 2);
  *p++ = object ? '{' : '[';
  const node* first = ev.tape.data() + i + 1;
  const node* last = ev.tape.data() + n.end;
  for (const node* m = first; m != last; ++m) {  // no member is a container: they are consecutive
    if (is_container(m->kind)) return false;
    std::string_view head;
    if (object) {
      const key_view& e = by_id_.get_used(*m, [this](std::string_view key) { return key_facts(key); });
      if (e.flags & refused) return false;
      head = std::string_view(arena_.data() + e.member, e.member_size);
    }
    std::string_view text = m->text;
    char quote = 0;
    if (m->kind == value_kind::string) {
      text_bits bits = scan_text(text);
      if ((bits & (control | del | backslash | unprintable)) || ((bits & single_quote) && (bits & double_quote)))
        return false;
      quote = (bits & single_quote) ? '"' : '\'';
    } else if (m->kind != value_kind::number) {
      text = literal_repr[static_cast<std::size_t>(m->kind)];
    }
    p = room(p, head.size() + head_slack + text.size() + 4);
    if (m != first) {
      p[0] = ',';
      p[1] = ' ';
      p += 2;
    }
    if (object) p = put_head(p, head);  // a list's members have no head
    if (quote) *p++ = quote;
    p = put(p, text);
    if (quote) *p++ = quote;
  }
  *p++ = object ? '}' : ']';
  vals_used_ = static_cast<std::size_t>(p - base);
  info.value = static_cast<std::uint32_t>(start);
  info.value_size = static_cast<std::uint32_t>(vals_used_ - start);
  return true;
}

// Outside --foundation, before the library's stack and exception: the message's later lines,
// then what append_pairs gathered (multi-line values, stacks, frame lists) in field order.
void console_sink::append_below(const event& ev, std::string& line) {
  if (!message_rest_.empty()) {
    for_each_line(message_rest_, [&](std::string_view text) {
      line.push_back('\n');
      line += below_indent;
      styled(line, options_.colors.message.sgr, [&] { append_escaped(line, text, keep_controls::tab); });
    });
  }
  bool first = true;
  for (const below_item& item : below_.items) {
    append_below_item(ev, item, !first, line);
    first = false;
  }
}

// `  PATH:` on a line of its own, in the key style.
void console_sink::append_label(std::string_view label, std::string& line) {
  line.push_back('\n');
  line += below_indent;
  styled(line, options_.colors.key.sgr, [&] { append_escaped(line, label, keep_controls::none); });
  line.push_back(':');
}

// `labelled`: a stack is not the first value below the event. The first is the event's own, as
// its library prints it; a later one (pino's err.cause.stack, err.aggregateErrors[k].stack) is
// told from the stack before it by its path, as a multi-line text is.
void console_sink::append_below_item(const event& ev, const below_item& item, bool labelled, std::string& line) {
  switch (item.kind) {
    case below_kind::none: return;
    case below_kind::stack_text: {  // as the library prints `exception`, without a final newline
      if (labelled) append_label(below_.label(item), line);
      std::string_view text = ev.at(item.node).text;
      while (text.ends_with('\n')) text.remove_suffix(text.ends_with("\r\n") ? 2 : 1);
      for_each_line(text, [&](std::string_view l) {
        line.push_back('\n');
        append_escaped(line, l, keep_controls::tab);
      });
      return;
    }
    case below_kind::python_trace:
    case below_kind::exception:
      if (labelled) append_label(below_.label(item), line);
      scratch_.clear();
      append_stack_text(scratch_, ev, item.node, item.kind, item.redact);
      line.push_back('\n');
      append_escaped(line, scratch_, keep_controls::tab_newline);
      return;
    case below_kind::text:
    case below_kind::frames:
    case below_kind::joined_lines: break;
  }
  append_label(below_.label(item), line);
  scratch_.clear();
  if (item.kind != below_kind::text)
    append_stack_text(scratch_, ev, item.node, item.kind, item.redact);
  else
    scratch_ += ev.at(item.node).text;
  std::size_t indent = common_indent(scratch_);
  for_each_line(scratch_, [&](std::string_view text) {
    line.push_back('\n');
    line += value_indent;
    append_escaped(line, text.substr(std::min(indent, text.size())), keep_controls::tab);
  });
}

void console_sink::write_trailer(const event& ev, std::string& line) {
  std::uint32_t stack = named_.stack;
  std::uint32_t exception = named_.exception;
  if (!options_.library_bytes) {
    append_below(ev, line);
    if (exception && ev.at(exception).kind != value_kind::string) exception = no_node;
    if (stack && ev.at(stack).kind != value_kind::string) stack = no_node;
    // After other values below, the trailer is told from them by its key, as they are.
    if ((stack || exception) && !below_.items.empty()) append_label(ev.at(stack ? stack : exception).key, line);
  }
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

// Looks a key up in the direct-mapped cache, filling its slot on a miss. A key of up to sixteen
// bytes is compared by the two words its hash is made of; a longer one also whole.
const console_sink::key_view& console_sink::key_facts(std::string_view key) {
  auto size = static_cast<std::uint32_t>(key.size());
  auto [first, last, hash] = key_words_of(key);
  key_entry& e = keys_[hash >> 54 & (key_slots - 1)];
  if (e.size == size && e.first == first && e.last == last &&
      (size <= 16 || std::string_view(arena_).substr(e.text, size) == key))
    return e.view;
  e.size = size;
  e.first = first;
  e.last = last;
  key_view& v = e.view;
  v.flags = key_flags(key);
  if (!options_.library_bytes && is_family_layout_key(key)) v.flags |= key_flag::layout;
  if (size > 16) {
    e.text = static_cast<std::uint32_t>(arena_.size());
    arena_ += key;
  }
  v.head = static_cast<std::uint32_t>(arena_.size());
  arena_ += pair_open_;
  // Outside --foundation a key is quoted where a value would be: `"user=admin role":"root"`
  // printed as the pairs user=admin role=root. The library writes keys as they are.
  if (!options_.library_bytes && (key.empty() || needs_quoting(key)))
    append_repr_string(arena_, key);
  else
    append_escaped(arena_, key, keep_controls::none);
  arena_ += key_close_;
  v.head_size = static_cast<std::uint32_t>(arena_.size() - v.head);
  v.member = static_cast<std::uint32_t>(arena_.size());
  append_repr_string(arena_, key);
  arena_ += ": ";
  v.member_size = static_cast<std::uint32_t>(arena_.size() - v.member);
  arena_.append(head_slack, '\0');
  return v;
}

// Each field's key facts (by key id, else by the key's bytes); the first occurrence of each named
// field, as event::find gives it; and which fields are key=value pairs, in field order, as what
// goes below the event is gathered in that order.
void console_sink::read_fields(const event& ev) {
  if (arena_.size() > arena_limit) {  // keys that keep changing (ids in keys): start afresh
    arena_.clear();
    for (key_entry& e : keys_) e.size = UINT32_MAX;
    by_id_ = {};
  }
  named_ = {};
  if (infos_.size() < ev.fields.size()) infos_.resize(ev.fields.size());
  if (pairs_.size() < ev.fields.size()) pairs_.resize(ev.fields.size());
  pair_count_ = 0;  // until the loop has placed the fields
  fields_view_ = ev.fields.data();
  layout_asked_ = false;
  by_rank_ok_ = false;
  by_id_.use(ev);
  if (ev.key_space != rank_space_ || rank_of_id_.empty()) {
    rank_of_id_.assign(std::size_t{no_key_id} + 1, rank_unknown);
    rank_of_id_[no_key_id] = rank_none;
    ranked_.clear();
    rank_space_ = ev.key_space;
  }
  below_.clear();
  vals_used_ = 0;
  std::uint32_t original = ev.original_message ? ev.original_message : ev.role.message;
  roles_ = {ev.role.message, original, ev.role.level, ev.role.time, ev.role.logger};
  role_bits_ = 0;
  for (std::uint32_t r : roles_) role_bits_ |= std::uint64_t{1} << (r & 63);
  // Locals, not members, in the loop: they stay in registers across place_field's calls.
  std::uint32_t* pair = pairs_.data();
  std::uint64_t marks = 0;
  const std::uint16_t* rank_of_id = rank_of_id_.data();
  const std::uint32_t* fields = ev.fields.data();
  const node* tape = ev.tape.data();
  std::size_t count = ev.fields.size();
  field_info* infos = infos_.data();
  bool ranked = true;
  auto facts = [this](std::string_view key) { return key_facts(key); };
  for (std::size_t k = 0; k < count; ++k) {
    std::uint32_t i = fields[k];
    const node& n = tape[i];
    const key_view& e = by_id_.get_used(n, facts);
    field_info& info = infos[k];
    // Not bits nor the value: place_field sets them for the strings and containers that read them.
    info.head = e.head;
    info.head_size = e.head_size;
    std::uint32_t flags = e.flags;
    if (place_field(ev, i, flags, info)) {
      *pair++ = static_cast<std::uint32_t>(k);
      // A rank marked twice (a key twice) shows as fewer bits than pairs: sort_pairs sorts by text.
      std::uint16_t rank = rank_of_id[n.key_id];
      if (rank < max_ranked) {
        marks |= std::uint64_t{1} << rank;
        by_rank_[rank] = static_cast<std::uint32_t>(k);
      } else if (n.key_id == no_key_id && fast_paths_ && (rank = rank_of_text(n.key)) < max_ranked) {
        marks |= std::uint64_t{1} << rank;
        by_rank_[rank] = static_cast<std::uint32_t>(k);
      } else {
        // Learning a rank moves those after it: this line is sorted by text.
        if (rank == rank_unknown) learn_rank(n);
        ranked = false;
      }
    }
    if (!(flags & key_flag::named)) continue;
    auto take = [&](std::uint32_t flag, std::uint32_t& slot) {
      if ((flags & flag) && !slot) slot = i;
    };
    take(key_flag::logger, named_.logger);
    take(key_flag::logger_name, named_.logger_name);
    take(key_flag::stack, named_.stack);
    take(key_flag::exception, named_.exception);
  }
  pair_count_ = static_cast<std::size_t>(pair - pairs_.data());
  rank_bits_ = marks;
  by_rank_ok_ = ranked;
  if (layout_asked_ && !flat_.empty()) [[unlikely]]
    add_flattened(ev);
}

// The line is rendered straight into the output buffer, after what it already holds.
void console_sink::write_event(const event& ev, output& out) {
  std::string& line = out.buffer();
  line_start_ = line.size();
  message_rest_ = {};
  read_fields(ev);
  append_columns(ev, line);
  append_pairs(ev, line);
  while (line.size() > line_start_ && line.back() == ' ') line.pop_back();
  append_trailer(ev, line);
  line.push_back('\n');
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
