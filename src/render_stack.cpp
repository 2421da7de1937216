// Stacks, tracebacks and multi-line values below the event (docs/stacks.md).
#include "logmoji/render_stack.hpp"

#include <algorithm>
#include <array>
#include <span>

#include "logmoji/enrich_sanitize.hpp"
#include "logmoji/python_repr.hpp"

namespace logmoji {
namespace {

// Until field_roles has a stack role, the names real loggers give a stack or traceback:
// foundation and logrus `stack`, logback and ECS `stack_trace`, zap `stacktrace`, `backtrace`,
// python-json-logger `exc_info`, Serilog's compact `@x`.
constexpr std::array<std::string_view, 8> stack_names{"stack",     "stack_trace", "stacktrace", "backtrace",
                                                      "exception", "exc_info",    "@x",         "error_stack"};

constexpr std::uint64_t stack_name_lengths = [] {
  std::uint64_t lengths = 0;
  for (auto name : stack_names) lengths |= std::uint64_t{1} << name.size();
  return lengths;
}();

// A frame object's members, by what they say; each list in order of preference.
constexpr std::array<std::string_view, 6> function_keys{"func",       "function",     "method",
                                                        "methodName", "functionName", "name"};
constexpr std::array<std::string_view, 8> file_keys{"filename", "fileName",     "file",     "source",
                                                    "filePath", "fullFilePath", "abs_path", "className"};
constexpr std::array<std::string_view, 4> line_keys{"lineno", "line", "lineNumber", "fileLine"};
constexpr std::array<std::string_view, 4> column_keys{"column", "colno", "columnNumber", "fileColumn"};

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

// structlog's ExceptionDictTransformer: [{"exc_type", "exc_value", "frames": [...]}, ...].
bool is_python_exception_list(const event& ev, std::uint32_t i) {
  return non_empty_array_of(ev, i, [&ev](std::uint32_t c) {
    std::uint32_t frames = ev.member(c, "frames");
    return ev.member(c, "exc_type") && frames && ev.at(frames).kind == value_kind::array;
  });
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

// `at func (file:line:col)`; the parts a frame lacks are left out.
void append_frame(std::string& out, const event& ev, std::uint32_t f) {
  std::uint32_t func = first_member(ev, f, function_keys);
  std::uint32_t file = first_member(ev, f, file_keys);
  std::uint32_t line = first_member(ev, f, line_keys);
  std::uint32_t column = first_member(ev, f, column_keys);
  out += "at ";
  if (func) {
    append_scalar(out, ev, func);
    if (!file) {
      out += ":";
      append_scalar(out, ev, line);
      return;
    }
    out += " (";
  }
  append_file_line(out, ev, file, line);
  if (column) {
    out.push_back(':');
    append_scalar(out, ev, column);
  }
  if (func) out.push_back(')');
}

// One exception of structlog's list in Python's layout.
void append_python_exception(std::string& out, const event& ev, std::uint32_t e) {
  std::uint32_t frames = ev.member(e, "frames");
  if (frames && ev.at(frames).end > frames + 1) {
    out += "Traceback (most recent call last):";
    for (std::uint32_t f = frames + 1; f < ev.at(frames).end; f = ev.at(f).end) {
      out += "\n  File \"";
      append_scalar(out, ev, first_member(ev, f, file_keys));
      out += "\", line ";
      append_scalar(out, ev, first_member(ev, f, line_keys));
      out += ", in ";
      append_scalar(out, ev, ev.member(f, "name"));
      std::uint32_t source = ev.member(f, "line");
      if (source && ev.at(source).kind == value_kind::string && !ev.at(source).text.empty()) {
        out += "\n    ";
        out += ev.at(source).text;
      }
    }
    out.push_back('\n');
  }
  append_scalar(out, ev, ev.member(e, "exc_type"));
  std::uint32_t value = ev.member(e, "exc_value");
  if (value && !(ev.at(value).kind == value_kind::string && ev.at(value).text.empty())) {
    out += ": ";
    append_scalar(out, ev, value);
  }
}

// One frame of log4j2's extended stack trace as its %xEx prints it:
// `at pkg.Class.method(File.java:12) ~[jar:version]` (`~`: the jar was guessed, not exact).
void append_java_frame(std::string& out, const event& ev, std::uint32_t f) {
  std::uint32_t cls = ev.member(f, "class");
  std::uint32_t method = ev.member(f, "method");
  if (!cls || !method) {  // not log4j2's frame: another layout's, or a value as it is
    if (is_frame(ev, f)) return append_frame(out, ev, f);
    out += "at ";
    return append_scalar(out, ev, f);
  }
  out += "at ";
  append_scalar(out, ev, cls);
  out.push_back('.');
  append_scalar(out, ev, method);
  out.push_back('(');
  append_file_line(out, ev, ev.member(f, "file"), ev.member(f, "line"));
  out.push_back(')');
  if (std::uint32_t location = ev.member(f, "location")) {
    std::uint32_t exact = ev.member(f, "exact");
    out += exact && ev.at(exact).kind == value_kind::true_value ? " [" : " ~[";
    append_scalar(out, ev, location);
    out.push_back(':');
    append_scalar(out, ev, ev.member(f, "version"));
    out.push_back(']');
  }
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
          append_java_frame(out, ev, f);
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

// structlog lists the exception raised last first and its causes after it; Python prints the
// root cause first, each link explained.
void append_python_trace(std::string& out, const event& ev, std::uint32_t list) {
  std::array<std::uint32_t, 64> order{};
  std::size_t n = 0;
  for (std::uint32_t c = list + 1; c < ev.at(list).end && n < order.size(); c = ev.at(c).end) order[n++] = c;
  for (std::size_t k = n; k-- > 0;) {
    append_python_exception(out, ev, order[k]);
    if (k == 0) break;
    std::uint32_t cause = ev.member(order[k], "is_cause");
    bool direct = cause && ev.at(cause).kind == value_kind::true_value;
    out += direct ? "\n\nThe above exception was the direct cause of the following exception:\n\n"
                  : "\n\nDuring handling of the above exception, another exception occurred:\n\n";
  }
}

}  // namespace

bool is_stack_name(std::string_view key) {
  std::size_t dot = key.rfind('.');
  std::string_view last = dot == std::string_view::npos ? key : key.substr(dot + 1);
  // Most keys are settled by their length alone: every field of every event asks.
  if (last.size() >= 64 || !(stack_name_lengths >> last.size() & 1)) return false;
  return std::find(stack_names.begin(), stack_names.end(), last) != stack_names.end();
}

below_kind classify_below(const event& ev, std::uint32_t i, bool top_level) {
  const node& n = ev.at(i);
  if (n.kind == value_kind::string) {
    bool several = is_multiline(n.text);
    if (!top_level && !several) return below_kind::none;  // most members: no name test needed
    if (is_stack_name(n.key)) return below_kind::stack_text;
    return several ? below_kind::text : below_kind::none;
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
    items.push_back({i, kind, static_cast<std::uint32_t>(labels.size()), static_cast<std::uint32_t>(path_.size())});
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

void append_stack_text(std::string& out, const event& ev, std::uint32_t i, below_kind kind) {
  if (kind == below_kind::python_trace) {
    append_python_trace(out, ev, i);
    return;
  }
  if (kind == below_kind::exception) {
    if (const exception_shape* shape = exception_shape_of(ev, i)) append_exception(out, ev, i, *shape);
    return;
  }
  bool first = true;
  for (std::uint32_t f = i + 1; f < ev.at(i).end; f = ev.at(f).end) {
    if (!first) out.push_back('\n');
    first = false;
    append_frame(out, ev, f);
  }
}

}  // namespace logmoji
