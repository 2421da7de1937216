// Stacks, tracebacks and multi-line values below the event (docs/stacks.md).
#include "logmoji/render_stack.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <span>

#include "logmoji/enrich_sanitize.hpp"
#include "logmoji/python_repr.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/unaligned.hpp"

namespace logmoji {
namespace {

// Until field_roles has a stack role, the names real loggers give a stack or traceback:
// foundation and logrus `stack`, logback and ECS `stack_trace`, zap `stacktrace`, `backtrace`,
// python-json-logger `exc_info`, Serilog's compact `@x`.
constexpr std::array<std::string_view, 8> stack_names{"stack",     "stack_trace", "stacktrace", "backtrace",
                                                      "exception", "exc_info",    "@x",         "error_stack"};

// .NET's JsonConsoleFormatter writes an exception's text (Exception.ToString()) with each line
// break replaced by a space unless its JSON is indented. A line it broke began with a frame's
// or a section's indentation, so a space before those is taken for a line break again: `   at `
// and `   --- End of inner exception stack trace ---` (.NET's three spaces), `--- End of stack
// trace from previous location ---` (not indented in .NET Framework).
constexpr std::array<std::string_view, 1> joined_stack_keys{"Exception"};
constexpr std::array<std::string_view, 3> joined_line_starts{"    at ", "    --- ", " --- End of "};

constexpr std::uint64_t stack_name_lengths = [] {
  std::uint64_t lengths = 0;
  for (auto name : stack_names) lengths |= std::uint64_t{1} << name.size();
  return lengths;
}();

// A frame object's members, by what they say; each list in order of preference, a full path
// before a short one (tslog's fullFilePath, Sentry's abs_path).
constexpr std::array<std::string_view, 6> function_keys{"func",       "function",     "method",
                                                        "methodName", "functionName", "name"};
constexpr std::array<std::string_view, 7> file_keys{"fullFilePath", "abs_path", "filePath", "filename",
                                                    "fileName",     "file",     "source"};
constexpr std::array<std::string_view, 4> line_keys{"lineno", "line", "lineNumber", "fileLine"};
constexpr std::array<std::string_view, 4> column_keys{"column", "colno", "columnNumber", "fileColumn"};
// What the function belongs to: Java's class (its frames read `at pkg.Class.method(File.java:12)`,
// as Java prints them), Go's package, Python's module.
constexpr std::array<std::string_view, 5> owner_keys{"class", "className", "pkg", "package", "module"};
constexpr std::array<std::string_view, 2> java_owner_keys{"class", "className"};
// Members that repeat parts of the location (tslog's): left out only where their text is in the
// frame's line, as the other names of a part are.
constexpr std::array<std::string_view, 2> repeat_keys{"fileNameWithLine", "filePathWithLine"};

template <std::size_t N>
std::uint32_t first_member(const event& ev, std::uint32_t object, const std::array<std::string_view, N>& keys) {
  for (auto key : keys)
    if (auto hit = ev.member(object, key)) return hit;
  return no_node;
}

bool is_scalar_text(const node& n) { return n.kind == value_kind::string || n.kind == value_kind::number; }

// A frame names a line and a file or function: {"func","line","source"} (zerolog),
// {"fileName","fileLine","method"} (tslog), {"filename","lineno","name"} (structlog).
bool is_frame(const event& ev, std::uint32_t i) {
  std::uint32_t line = first_member(ev, i, line_keys);
  if (!line || !is_scalar_text(ev.at(line))) return false;
  return first_member(ev, i, file_keys) || first_member(ev, i, function_keys);
}

template <class Pred>
bool non_empty_array_of(const event& ev, std::uint32_t i, Pred pred) {
  const node& n = ev.at(i);
  if (n.kind != value_kind::array || n.end == i + 1) return false;
  for (std::uint32_t c = i + 1; c < n.end; c = ev.at(c).end)
    if (!pred(c)) return false;
  return true;
}

bool is_frame_list(const event& ev, std::uint32_t i) {
  return non_empty_array_of(ev, i, [&ev](std::uint32_t c) { return is_frame(ev, c); });
}

// An exception written as an object, with the exception that caused it nested in it: printed
// as its library prints it in text, so that the stack reads as the programmer knows it.
// The key names the shape first: most objects are settled by their key's length.
// The layout prints every member it knows and none other: an object with any other member, or a
// container where the layout writes text, is not taken for one (it goes the general way, whole
// and redacted), so nothing is dropped or shown unmasked.
struct exception_shape {
  std::string_view key, name, message, frames, cause;
  bool java;                                        // log4j2's JsonLayout `thrown`; else Monolog's PHP Throwable
  std::span<const std::string_view> members;        // of each link
  std::span<const std::string_view> frame_members;  // of a frame object (none: frames are texts)
};
constexpr std::array<std::string_view, 6> log4j2_members{
    "name", "message", "localizedMessage", "cause", "extendedStackTrace", "commonElementCount"};
constexpr std::array<std::string_view, 7> log4j2_frame_members{"class",    "method", "file",   "line",
                                                               "location", "exact",  "version"};
constexpr std::array<std::string_view, 6> monolog_members{"class", "message", "code", "file", "trace", "previous"};
constexpr std::array<exception_shape, 2> exception_shapes{{
    {"thrown", "name", "message", "extendedStackTrace", "cause", true, log4j2_members, log4j2_frame_members},
    // PSR-3: an exception in a log call's context is under `exception`.
    {"exception", "class", "message", "trace", "previous", false, monolog_members, {}},
}};

// The place of `key` among `names`, or -1.
int place_of(std::span<const std::string_view> names, std::string_view key) {
  auto at = std::find(names.begin(), names.end(), key);
  return at == names.end() ? -1 : static_cast<int>(at - names.begin());
}

// Whether the members from tape[first] to `end` are each one of `names`, none twice (the layout
// reads the first of two: a repeated `cause` let a second one through the check).
bool members_of(const event& ev, std::uint32_t first, std::uint32_t end, std::span<const std::string_view> names) {
  unsigned seen = 0;
  for (std::uint32_t m = first; m < end; m = ev.at(m).end) {
    int k = place_of(names, ev.at(m).key);
    if (k < 0 || (seen >> k & 1U)) return false;
    seen |= 1U << k;
  }
  return true;
}

// Whether every link of the exception at tape[e] holds only what the layout prints: the layout's
// members, once each, texts and numbers where it writes text, frames it writes whole (log4j2's
// name their class and method), one message where Java's header shows one.
bool fits_layout(const event& ev, std::uint32_t e, const exception_shape& shape) {
  for (int link = 0; e && ev.at(e).kind == value_kind::object; ++link) {
    if (link > 0 && !ev.member(e, shape.name)) return false;
    if (!members_of(ev, e + 1, ev.at(e).end, shape.members)) return false;
    if (shape.java) {
      std::uint32_t localized = ev.member(e, "localizedMessage"), message = ev.member(e, shape.message);
      if (localized && message && ev.at(localized).text != ev.at(message).text) return false;
    }
    std::uint32_t cause = no_node;
    for (std::uint32_t m = e + 1; m < ev.at(e).end; m = ev.at(m).end) {
      const node& n = ev.at(m);
      if (n.key == shape.cause) {
        if (n.kind != value_kind::object && n.kind != value_kind::null_value) return false;
        cause = m;
      } else if (n.key == shape.frames) {
        if (n.kind != value_kind::array) return false;
        for (std::uint32_t f = m + 1; f < n.end; f = ev.at(f).end) {
          const node& frame = ev.at(f);
          if (shape.frame_members.empty()) {
            if (is_container(frame.kind)) return false;
            continue;
          }
          if (frame.kind != value_kind::object || !members_of(ev, f + 1, frame.end, shape.frame_members) ||
              !ev.member(f, "class") || !ev.member(f, "method"))
            return false;
          for (std::uint32_t fm = f + 1; fm < frame.end; fm = ev.at(fm).end)
            if (is_container(ev.at(fm).kind)) return false;
        }
      } else if (is_container(n.kind)) {
        return false;
      }
    }
    e = cause;
  }
  return true;
}

// structlog's dict_tracebacks (ExceptionDictTransformer): a list of exceptions, the one raised
// last first, as 25.4 writes them; 22.3 (Debian 12) writes the same without exc_notes, is_group
// and exceptions. Its layout prints every member but a frame's `locals` (often longer than the
// rest of the event; -o json shows them).
constexpr std::array<std::string_view, 8> python_members{"exc_type", "exc_value", "exc_notes", "syntax_error",
                                                         "is_cause", "frames",    "is_group",  "exceptions"};
constexpr std::array<std::string_view, 5> python_syntax_members{"offset", "filename", "line", "lineno", "msg"};
constexpr std::array<std::string_view, 5> python_frame_members{"filename", "lineno", "name", "line", "locals"};
// Python prints a chain from its root cause: the layout orders this many links; a longer chain
// goes the general way.
constexpr std::size_t python_chain_max = 64;

bool is_true_or_false(const node& n) { return n.kind == value_kind::true_value || n.kind == value_kind::false_value; }

// Whether the object at tape[i] holds only `names`, once each, none of them a container but
// `container_ok`.
bool scalar_members_of(const event& ev, std::uint32_t i, std::span<const std::string_view> names,
                       std::string_view container_ok = {}) {
  const node& n = ev.at(i);
  if (n.kind != value_kind::object || !members_of(ev, i + 1, n.end, names)) return false;
  for (std::uint32_t m = i + 1; m < n.end; m = ev.at(m).end)
    if (is_container(ev.at(m).kind) && ev.at(m).key != container_ok) return false;
  return true;
}

bool fits_python_list(const event& ev, std::uint32_t list, int depth);

// Whether a SyntaxError's details hold what the layout prints: the message, as str() of the
// exception begins with it (the layout prints exc_value, which says the same and more).
bool fits_syntax_error(const event& ev, std::uint32_t s, std::uint32_t value) {
  if (ev.at(s).kind == value_kind::null_value) return true;
  if (!scalar_members_of(ev, s, python_syntax_members)) return false;
  std::uint32_t msg = ev.member(s, "msg");
  return !msg || (value && ev.at(value).text.starts_with(ev.at(msg).text) && is_scalar_text(ev.at(msg)));
}

// Whether one exception of the list holds only what Python's layout prints: the layout's
// members, once each, texts where it writes text, flags where it chooses by one, frames of its
// members, and sub-exceptions that fit in turn, in a group alone.
bool fits_python_exception(const event& ev, std::uint32_t e, int depth) {
  // Most lists of objects are not exceptions: settled by their first two look-ups.
  if (ev.at(e).kind != value_kind::object) return false;
  std::uint32_t type = ev.member(e, "exc_type");
  if (!type || ev.at(type).kind != value_kind::string) return false;
  std::uint32_t frames = ev.member(e, "frames");
  if (!frames || ev.at(frames).kind != value_kind::array || !members_of(ev, e + 1, ev.at(e).end, python_members))
    return false;
  std::uint32_t value = ev.member(e, "exc_value"), group = ev.member(e, "is_group");
  bool is_group = group && ev.at(group).kind == value_kind::true_value;
  for (std::uint32_t m = e + 1; m < ev.at(e).end; m = ev.at(m).end) {
    const node& n = ev.at(m);
    if (n.key == "is_cause" || n.key == "is_group") {
      if (!is_true_or_false(n)) return false;
    } else if (n.key == "exc_notes") {
      if (n.kind != value_kind::array) return false;
      for (std::uint32_t note = m + 1; note < n.end; note = ev.at(note).end)
        if (is_container(ev.at(note).kind)) return false;
    } else if (n.key == "syntax_error") {
      if (!fits_syntax_error(ev, m, value)) return false;
    } else if (n.key == "frames") {
      for (std::uint32_t f = m + 1; f < n.end; f = ev.at(f).end)
        if (!scalar_members_of(ev, f, python_frame_members, "locals")) return false;
    } else if (n.key == "exceptions") {
      if (n.kind != value_kind::array || (n.end > m + 1 && !is_group)) return false;
      for (std::uint32_t sub = m + 1; sub < n.end; sub = ev.at(sub).end)
        if (!fits_python_list(ev, sub, depth + 1)) return false;
    } else if (is_container(n.kind)) {
      return false;
    }
  }
  return true;
}

bool fits_python_list(const event& ev, std::uint32_t list, int depth) {
  const node& n = ev.at(list);
  if (n.kind != value_kind::array || n.end == list + 1 || depth >= below_max_depth) return false;
  std::size_t links = 0;
  for (std::uint32_t c = list + 1; c < n.end; c = ev.at(c).end)
    if (++links > python_chain_max || !fits_python_exception(ev, c, depth)) return false;
  return true;
}

bool is_python_exception_list(const event& ev, std::uint32_t i) { return fits_python_list(ev, i, 0); }

// The shape of the object at tape[i] when its key is the shape's, and it names its type and
// lists its frames.
const exception_shape* exception_shape_of(const event& ev, std::uint32_t i) {
  for (const auto& shape : exception_shapes) {
    if (ev.at(i).key != shape.key) continue;
    std::uint32_t name = ev.member(i, shape.name);
    std::uint32_t frames = ev.member(i, shape.frames);
    if (name && ev.at(name).kind == value_kind::string && frames && ev.at(frames).kind == value_kind::array &&
        fits_layout(ev, i, shape))
      return &shape;
  }
  return nullptr;
}

bool is_multiline(std::string_view s) { return s.find('\n') != std::string_view::npos; }

void append_scalar(std::string& out, const event& ev, std::uint32_t i) {
  if (i) append_str(out, ev, i);
}

// `file:line`, the colon whichever is missing.
void append_file_line(std::string& out, const event& ev, std::uint32_t file, std::uint32_t line) {
  append_scalar(out, ev, file);
  out.push_back(':');
  append_scalar(out, ev, line);
}

// The first of `keys` that the frame at tape[f] holds as a text or a number: the part the
// frame's line prints under that role.
template <std::size_t N>
std::uint32_t first_text(const event& ev, std::uint32_t f, const std::array<std::string_view, N>& keys) {
  for (auto key : keys)
    if (std::uint32_t hit = ev.member(f, key); hit && is_scalar_text(ev.at(hit))) return hit;
  return no_node;
}

bool is_one_of(std::span<const std::string_view> keys, std::string_view key) { return place_of(keys, key) >= 0; }

// The parts of a frame its line prints; the rest of its members follow as key=value.
struct frame_parts {
  std::uint32_t owner, function, file, line, column;
  std::uint32_t jar = no_node, version = no_node, exact = no_node;  // log4j2's
  bool java;
};

frame_parts parts_of(const event& ev, std::uint32_t f) {
  frame_parts p{first_text(ev, f, owner_keys),
                first_text(ev, f, function_keys),
                first_text(ev, f, file_keys),
                first_text(ev, f, line_keys),
                first_text(ev, f, column_keys),
                no_node,
                no_node,
                no_node,
                false};
  p.java = p.owner && is_one_of(java_owner_keys, ev.at(p.owner).key);
  if (!p.java) return p;
  p.jar = ev.member(f, "location");
  p.version = ev.member(f, "version");
  if ((p.jar && !is_scalar_text(ev.at(p.jar))) || (p.version && !is_scalar_text(ev.at(p.version))))
    p.jar = p.version = no_node;
  std::uint32_t exact = ev.member(f, "exact");
  if ((p.jar || p.version) && exact && is_true_or_false(ev.at(exact))) p.exact = exact;
  return p;
}

// Whether `text` ends in `:part`.
bool ends_with_part(std::string_view text, std::string_view part) {
  return text.size() > part.size() && text.ends_with(part) && text[text.size() - part.size() - 1] == ':';
}

// Whether a function's name begins with its owner's, `owner.`.
bool named_in_full(std::string_view function, std::string_view owner) {
  return function.size() > owner.size() && function.starts_with(owner) && function[owner.size()] == '.';
}

// `file:line:col`; a path that already ends in its line and column (tslog's fullFilePath) is
// not given them twice.
void append_location(std::string& out, const event& ev, const frame_parts& p) {
  std::string_view file = p.file ? ev.at(p.file).text : std::string_view{};
  std::string_view line = p.line ? ev.at(p.line).text : std::string_view{};
  std::string_view column = p.column ? ev.at(p.column).text : std::string_view{};
  out += file;
  if (p.column && ends_with_part(file, column) && ends_with_part(file.substr(0, file.size() - column.size() - 1), line))
    return;
  if (!p.column && p.line && ends_with_part(file, line)) return;
  out.push_back(':');
  out += line;
  if (p.column) {
    out.push_back(':');
    out += column;
  }
}

// Whether `text` is a whole word of `printed`: not empty, and neither letter nor digit on
// either side of where it stands (the line `1` is no part of `main.go:12`).
bool whole_word_in(std::string_view printed, std::string_view text) {
  if (text.empty()) return false;
  for (std::size_t at = printed.find(text); at != std::string_view::npos; at = printed.find(text, at + 1)) {
    std::size_t end = at + text.size();
    if ((at == 0 || !is_ascii_alnum(printed[at - 1])) && (end == printed.size() || !is_ascii_alnum(printed[end])))
      return true;
  }
  return false;
}

// A member the frame's line does not print as a part: left out when it is another name for a
// part and its text is a whole word of the line's location (tslog's fileName beside its
// fullFilePath), never of the pairs written after it.
bool held_by_line(const event& ev, std::uint32_t m, std::string_view location) {
  std::string_view key = ev.at(m).key;
  bool part = is_one_of(owner_keys, key) || is_one_of(function_keys, key) || is_one_of(file_keys, key) ||
              is_one_of(line_keys, key) || is_one_of(column_keys, key) || is_one_of(repeat_keys, key);
  return part && is_scalar_text(ev.at(m)) && whole_word_in(location, ev.at(m).text);
}

// ` key=value` for every member of the frame at tape[f] that its line does not hold, as the
// event's pairs write them and redacted as they are (`r`: how the frame's members are).
void append_frame_rest(std::string& out, const event& ev, std::uint32_t f, const frame_parts& p, std::size_t start,
                       redaction r) {
  const std::size_t location_end = out.size();
  for (std::uint32_t m = f + 1; m < ev.at(f).end; m = ev.at(m).end) {
    if (m == p.owner || m == p.function || m == p.file || m == p.line || m == p.column || m == p.jar ||
        m == p.version || m == p.exact)
      continue;
    if (held_by_line(ev, m, std::string_view(out).substr(start, location_end - start))) continue;
    out.push_back(' ');
    append_console_string(out, ev.at(m).key, scan_text(ev.at(m).key));
    out.push_back('=');
    member_redaction mr = redact_member(ev.at(m), r, false);
    if (mr.replaced)
      append_repr_string(out, redacted_text);
    else
      append_console_value(out, ev, m, mr.child);
  }
}

// `at owner.func (file:line:col)`, Java's `at pkg.Class.method(File.java:12) ~[jar:version]`
// (log4j2's %xEx; `~`: the jar was guessed, not exact); the parts a frame lacks are left out,
// and what else it holds follows as key=value.
void append_frame(std::string& out, const event& ev, std::uint32_t f, redaction r) {
  frame_parts p = parts_of(ev, f);
  std::size_t start = out.size();
  out += "at ";
  // A function named in full already begins with its owner (Go's `github.com/me/pay.f`).
  if (p.owner && !(p.function && named_in_full(ev.at(p.function).text, ev.at(p.owner).text))) {
    append_scalar(out, ev, p.owner);
    if (p.function) out.push_back('.');
  }
  append_scalar(out, ev, p.function);
  bool named = p.owner || p.function;
  if (p.java) {
    out.push_back('(');
    append_file_line(out, ev, p.file, p.line);
    if (p.column) {
      out.push_back(':');
      append_scalar(out, ev, p.column);
    }
    out.push_back(')');
  } else if (named && !p.file) {
    append_location(out, ev, p);
  } else {
    if (named) out += " (";
    append_location(out, ev, p);
    if (named) out.push_back(')');
  }
  if (p.jar || p.version) {
    out += p.exact && ev.at(p.exact).kind == value_kind::true_value ? " [" : " ~[";
    append_scalar(out, ev, p.jar);
    out.push_back(':');
    append_scalar(out, ev, p.version);
    out.push_back(']');
  }
  append_frame_rest(out, ev, f, p, start, r);
}

// log4j2's `thrown` as its %xEx prints it: `Type: message`, a tab and `at …` a frame, then
// `Caused by: ` and the cause, whose frames shared with the exception it caused are
// `... N more` (commonElementCount). Monolog's exception as its LineFormatter prints it with
// stack traces: `Class(code: N): message at file:line`, `#k file:line` a frame, then
// `[previous exception] ` and the previous one.
void append_exception(std::string& out, const event& ev, std::uint32_t e, const exception_shape& shape) {
  for (int link = 0; e && ev.at(e).kind == value_kind::object; ++link) {
    if (link > 0) out += shape.java ? "\nCaused by: " : "\n[previous exception] ";
    append_scalar(out, ev, ev.member(e, shape.name));
    if (!shape.java) {
      out += "(code: ";
      append_scalar(out, ev, ev.member(e, "code"));
      out.push_back(')');
    }
    // Java prints the localized message (Throwable.toString); without one, the message.
    std::uint32_t message = shape.java ? ev.member(e, "localizedMessage") : no_node;
    if (!message) message = ev.member(e, shape.message);
    if (message) {
      out += ": ";
      append_scalar(out, ev, message);
    }
    if (!shape.java)
      if (std::uint32_t file = ev.member(e, "file")) {
        out += " at ";
        append_scalar(out, ev, file);
      }
    std::uint32_t frames = ev.member(e, shape.frames);
    if (frames && ev.at(frames).kind == value_kind::array) {
      int k = 0;
      for (std::uint32_t f = frames + 1; f < ev.at(frames).end; f = ev.at(f).end, ++k) {
        if (shape.java) {
          out += "\n\t";
          append_frame(out, ev, f, redaction::none);  // the layout's members alone (fits_layout)
        } else {
          out += "\n#" + std::to_string(k) + ' ';
          append_scalar(out, ev, f);
        }
      }
    }
    std::uint32_t common = shape.java ? ev.member(e, "commonElementCount") : no_node;
    if (common && ev.at(common).kind == value_kind::number && ev.at(common).text != "0") {
      out += "\n\t... ";
      out += ev.at(common).text;
      out += " more";
    }
    e = ev.member(e, shape.cause);
  }
}

// The number a text or number holds, or -1.
long whole_number(const node& n) {
  long v = -1;
  if (is_scalar_text(n)) std::from_chars(n.text.data(), n.text.data() + n.text.size(), v);
  return v;
}

// structlog's list in the layout of Python 3.11's traceback module (TracebackException.format):
// the root cause first, each link explained; a SyntaxError's file, line and caret and the notes
// after the exception's line; an exception group's sub-exceptions after it, each in a box
// `+---------------- k ----------------` whose lines begin with `| `, indented two spaces a
// level. Unlike Python it prints every sub-exception and every level (Python stops at 15 and 10).
class python_layout {
public:
  python_layout(std::string& out, const event& ev) : out_(out), ev_(ev) {}

  // structlog lists the exception raised last first and its causes after it.
  void chain(std::uint32_t list) {
    std::array<std::uint32_t, python_chain_max> order{};
    std::size_t n = 0;
    for (std::uint32_t c = list + 1; c < ev_.at(list).end && n < order.size(); c = ev_.at(c).end) order[n++] = c;
    for (std::size_t k = n; k-- > 0;) {
      if (k + 1 < n) {
        std::uint32_t cause = ev_.member(order[k + 1], "is_cause");
        bool direct = cause && ev_.at(cause).kind == value_kind::true_value;
        emit("");
        emit(direct ? "The above exception was the direct cause of the following exception:"
                    : "During handling of the above exception, another exception occurred:");
        emit("");
      }
      std::uint32_t group = ev_.member(order[k], "is_group");
      if (group && ev_.at(group).kind == value_kind::true_value)
        exception_group(order[k]);
      else
        exception(order[k]);
    }
  }

private:
  void exception(std::uint32_t e) {
    stack(e, "Traceback (most recent call last):", '|');
    exception_only(e);
  }

  void exception_group(std::uint32_t e) {
    bool top = depth_ == 0;
    if (top) ++depth_;
    stack(e, "Exception Group Traceback (most recent call last):", top ? '+' : '|');
    exception_only(e);
    std::uint32_t subs = ev_.member(e, "exceptions");
    std::uint32_t end = subs ? ev_.at(subs).end : 0;
    need_close_ = false;
    int k = 1;
    for (std::uint32_t sub = subs + 1; subs && sub < end; sub = ev_.at(sub).end, ++k) {
      bool last = ev_.at(sub).end == end;
      if (last) need_close_ = true;
      indent();
      out_ += k == 1 ? "+-" : "  ";
      out_ += "+---------------- ";
      out_ += std::to_string(k);
      out_ += " ----------------\n";
      ++depth_;
      chain(sub);
      // A group last in a group has closed both boxes with its own line (Python's need_close).
      if (last && need_close_) {
        indent();
        out_ += "+------------------------------------\n";
        need_close_ = false;
      }
      --depth_;
    }
    if (top) depth_ = 0;
  }

  // `header`, then `File "…", line N, in f` and the source line of each frame.
  void stack(std::uint32_t e, std::string_view header, char margin) {
    std::uint32_t frames = ev_.member(e, "frames");
    if (ev_.at(frames).end == frames + 1) return;
    emit(header, margin);
    for (std::uint32_t f = frames + 1; f < ev_.at(frames).end; f = ev_.at(f).end) {
      begin();
      if (skipped_frames(f)) {
        // In brackets, as Python writes the frames it leaves out ("[Previous line repeated …]").
        put("  [");
        put_value(ev_.member(f, "name"));
        put("]");
        end();
        continue;
      }
      file_line(f);
      put(", in ");
      put_value(ev_.member(f, "name"));
      end();
      std::uint32_t source = ev_.member(f, "line");
      if (source && ev_.at(source).kind == value_kind::string && !ev_.at(source).text.empty()) {
        begin();
        put("    ");
        put(ev_.at(source).text);
        end();
      }
    }
  }

  // structlog's `max_frames` placeholder between the frames it kept: no file, line -1, and
  // "Skipped frames: N" as its name.
  bool skipped_frames(std::uint32_t f) const {
    std::uint32_t file = ev_.member(f, "filename"), line = ev_.member(f, "lineno"), name = ev_.member(f, "name");
    return file && line && name && ev_.at(file).kind == value_kind::string && ev_.at(file).text.empty() &&
           ev_.at(line).kind == value_kind::number && ev_.at(line).text == "-1" &&
           ev_.at(name).kind == value_kind::string && ev_.at(name).text.starts_with("Skipped frames: ");
  }

  // `  File "…", line N` of a frame or a SyntaxError's details.
  void file_line(std::uint32_t object) {
    put("  File \"");
    put_value(ev_.member(object, "filename"));
    put("\", line ");
    put_value(ev_.member(object, "lineno"));
  }

  // `Type: value` (a SyntaxError's place before it), then each note.
  void exception_only(std::uint32_t e) {
    std::uint32_t syntax = ev_.member(e, "syntax_error");
    if (syntax && ev_.at(syntax).kind == value_kind::object) syntax_error(syntax);
    begin();
    put_value(ev_.member(e, "exc_type"));
    std::uint32_t value = ev_.member(e, "exc_value");
    if (value && !(ev_.at(value).kind == value_kind::string && ev_.at(value).text.empty())) {
      put(": ");
      put_value(value);
    }
    end();
    if (std::uint32_t notes = ev_.member(e, "exc_notes"))
      for (std::uint32_t note = notes + 1; note < ev_.at(notes).end; note = ev_.at(note).end) {
        begin();
        put_value(note);
        end();
      }
  }

  // `File "…", line N`, the line stripped of its indentation, and a caret under the offset
  // (1-based, in characters; the whitespace before it kept, so that tabs align).
  void syntax_error(std::uint32_t s) {
    begin();
    file_line(s);
    end();
    std::uint32_t source = ev_.member(s, "line");
    std::string_view text = source && ev_.at(source).kind == value_kind::string ? ev_.at(source).text : "";
    while (text.ends_with('\n')) text.remove_suffix(1);
    std::size_t spaces = text.find_first_not_of(" \n\f");
    if (spaces == std::string_view::npos) return;
    text.remove_prefix(spaces);
    begin();
    put("    ");
    put(text);
    end();
    std::uint32_t offset = ev_.member(s, "offset");
    long column = (offset ? whole_number(ev_.at(offset)) : 0) - 1 - static_cast<long>(spaces);
    if (column < 0) return;
    begin();
    put("    ");
    // A character is a space, as Python writes them, a tab a tab (it keeps its stop); one the
    // output escapes (a control, a bidi control, a byte that is no UTF-8 as `\xNN`) is as many
    // spaces as its escape is wide.
    for (std::size_t b = 0; b < text.size() && column > 0; --column) {
      std::int32_t cp = decode_utf8(text, b);
      if (cp == '\t')
        out_.push_back('\t');
      else if (cp < 0 || is_terminal_unsafe(static_cast<std::uint32_t>(cp)))
        out_.append(cp < 0 ? 4 : cp_escape_size(static_cast<std::uint32_t>(cp)), ' ');
      else
        out_.push_back(' ');
    }
    out_.push_back('^');
    end();
  }

  void indent() { out_.append(2 * static_cast<std::size_t>(depth_), ' '); }

  // A line is written straight into the output: begin() its indentation and margin inside a
  // group, put() its texts, end() it. A newline in a text starts the next line behind the same
  // margin, as Python indents every line of a sub-exception.
  void begin(char margin = '|') {
    indent();
    if (depth_ > 0) {
      out_.push_back(margin);
      out_.push_back(' ');
    }
  }
  void put(std::string_view text) {
    for (std::size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n')) {
      out_ += text.substr(0, nl);
      out_.push_back('\n');
      begin();
      text.remove_prefix(nl + 1);
    }
    out_ += text;
  }
  void put_value(std::uint32_t i) {
    if (i && ev_.at(i).kind == value_kind::string)
      put(ev_.at(i).text);
    else
      append_scalar(out_, ev_, i);  // a number or a literal: no newline in it
  }
  void end() { out_.push_back('\n'); }
  void emit(std::string_view text, char margin = '|') {
    begin(margin);
    put(text);
    end();
  }

  std::string& out_;
  const event& ev_;
  int depth_ = 0;
  bool need_close_ = false;
};

void append_python_trace(std::string& out, const event& ev, std::uint32_t list) {
  python_layout(out, ev).chain(list);
  if (out.ends_with('\n')) out.pop_back();
}

}  // namespace

bool is_stack_name(std::string_view key) {
  std::size_t dot = key.rfind('.');
  std::string_view last = dot == std::string_view::npos ? key : key.substr(dot + 1);
  // Most keys are settled by their length alone: every field of every event asks.
  if (last.size() >= 64 || !(stack_name_lengths >> last.size() & 1)) return false;
  return std::find(stack_names.begin(), stack_names.end(), last) != stack_names.end();
}

// Where a joined text broke a line: a space before one of joined_line_starts, the first of a
// run (a frame's `    at ` also matches one space later in `     at `, after a trailing space).
bool joined_break_at(std::string_view text, std::size_t i) {
  if (text[i] != ' ') return false;
  std::string_view rest = text.substr(i);
  return std::ranges::any_of(joined_line_starts, [&](std::string_view start) {
    return rest.starts_with(start) && (start[1] == ' ' || i == 0 || text[i - 1] != ' ');
  });
}

// Whether a one-line text has a frame's line break joined into it (its key is a joined stack's).
bool has_joined_frames(std::string_view text) {
  for (std::size_t at = text.find(joined_line_starts[0]); at != std::string_view::npos;
       at = text.find(joined_line_starts[0], at + 1))
    if (joined_break_at(text, at)) return true;
  return false;
}

bool names_below(std::string_view key) { return is_stack_name(key) || is_one_of(joined_stack_keys, key); }

// With named_below, a key that is no stack name is a joined stack's (names_below).
below_kind classify_top_string(const node& n, bool named_below) {
  if (!named_below) return is_multiline(n.text) ? below_kind::text : below_kind::none;
  if (is_stack_name(n.key)) return below_kind::stack_text;
  if (is_multiline(n.text)) return below_kind::text;
  return has_joined_frames(n.text) ? below_kind::joined_lines : below_kind::none;
}

below_kind classify_below(const event& ev, std::uint32_t i, bool top_level) {
  const node& n = ev.at(i);
  if (n.kind == value_kind::string) {
    if (top_level) return classify_top_string(n, names_below(n.key));
    if (!is_multiline(n.text)) return below_kind::none;  // most members: no name test needed
    return is_stack_name(n.key) ? below_kind::stack_text : below_kind::text;
  }
  if (n.kind == value_kind::object) return exception_shape_of(ev, i) ? below_kind::exception : below_kind::none;
  if (n.kind != value_kind::array) return below_kind::none;
  if (is_python_exception_list(ev, i)) return below_kind::python_trace;
  if (is_frame_list(ev, i)) return below_kind::frames;
  return below_kind::none;
}

void below_collector::collect(const event& ev, std::uint32_t field) {
  path_.clear();
  walk(ev, field, true, 0, -1, field_redaction(redact, ev.at(field).kind));
}

// `index`: the place of tape[i] in the list holding it (its path says `[index]`), or -1 for a
// member (`.key`). `r`: how the repr redacts tape[i]'s members (python_repr.cpp's rule,
// redact_member), so a member under a secret key stays there, redacted; elsewhere it may go
// below.
void below_collector::walk(const event& ev, std::uint32_t i, bool top_level, int depth, int index, redaction r) {
  std::size_t parent = path_.size();
  if (index >= 0) {
    path_ += '[' + std::to_string(index) + ']';
  } else {
    if (!top_level) path_.push_back('.');
    path_ += ev.at(i).key;
  }
  below_kind kind = index >= 0 ? below_kind::none : classify_below(ev, i, top_level);
  if (kind != below_kind::none) {
    items.push_back({i, kind, r, static_cast<std::uint32_t>(labels.size()), static_cast<std::uint32_t>(path_.size())});
    labels += path_;
  } else if (ev.at(i).kind == value_kind::object && depth < below_max_depth) {
    for (std::uint32_t c = i + 1; c < ev.at(i).end; c = ev.at(c).end) {
      // Most members are one-line scalars: settle them before the costlier key test.
      bool candidate = is_container(ev.at(c).kind) || classify_below(ev, c, false) != below_kind::none;
      if (!candidate) continue;
      member_redaction m = redact_member(ev.at(c), r, false);
      if (!m.replaced) walk(ev, c, false, depth + 1, -1, m.child);
    }
  } else if (ev.at(i).kind == value_kind::array && depth < below_max_depth) {
    // The objects of a list are searched as a member is (pino's AggregateError keeps each
    // error's stack in err.aggregateErrors[k].stack, zap's Errors an errorVerbose in each); the
    // list's own elements stay in its repr, where their places are their indexes.
    int k = 0;
    for (std::uint32_t c = i + 1; c < ev.at(i).end; c = ev.at(c).end, ++k)
      if (is_container(ev.at(c).kind)) walk(ev, c, false, depth + 1, k, redact_member(ev.at(c), r, true).child);
  }
  path_.resize(parent);
}

namespace {

// The members of the object at tape[i], `depth` levels below a top-level field.
bool members_below(const event& ev, std::uint32_t i, bool (*skip_key)(std::string_view), int depth) {
  const node& n = ev.at(i);
  // The collector looks into an object only above below_max_depth (walk).
  if (n.kind != value_kind::object || n.end == i + 1 || depth >= below_max_depth) return false;
  for (std::uint32_t c = i + 1; c < n.end; c = ev.at(c).end)
    if (!member_goes_below(ev, c, skip_key, depth + 1)) return false;
  return true;
}

}  // namespace

bool member_goes_below(const event& ev, std::uint32_t c, bool (*skip_key)(std::string_view), int depth) {
  if (skip_key && skip_key(ev.at(c).key)) return false;
  if (classify_below(ev, c, false) != below_kind::none) return true;
  return members_below(ev, c, skip_key, depth);
}

bool all_members_below(const event& ev, std::uint32_t i, bool (*skip_key)(std::string_view)) {
  return members_below(ev, i, skip_key, 0);
}

void append_stack_text(std::string& out, const event& ev, std::uint32_t i, below_kind kind, redaction r) {
  if (kind == below_kind::python_trace) {
    append_python_trace(out, ev, i);
    return;
  }
  if (kind == below_kind::exception) {
    if (const exception_shape* shape = exception_shape_of(ev, i)) append_exception(out, ev, i, *shape);
    return;
  }
  if (kind == below_kind::joined_lines) {
    std::string_view text = ev.at(i).text;
    for (std::size_t k = 0; k < text.size(); ++k) out.push_back(joined_break_at(text, k) ? '\n' : text[k]);
    return;
  }
  bool first = true;
  for (std::uint32_t f = i + 1; f < ev.at(i).end; f = ev.at(f).end) {
    if (!first) out.push_back('\n');
    first = false;
    append_frame(out, ev, f, redact_member(ev.at(f), r, true).child);
  }
}

}  // namespace logmoji
