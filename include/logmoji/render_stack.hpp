#pragma once
// What the console prints below an event outside --foundation (docs/stacks.md): stacks and
// tracebacks wherever they sit, structured frame lists as readable tracebacks, and every other
// multi-line string, so no value is squeezed into one escaped line.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/enrich_sanitize.hpp"
#include "logmoji/event.hpp"
#include "logmoji/python_repr.hpp"

namespace logmoji {

/// True when the last dotted segment of `key` names a stack or traceback (stack, stack_trace,
/// backtrace, exception, exc_info, @x, …): err.stack and error.stack_trace count too.
bool is_stack_name(std::string_view key);

/// True when a one-line string under `key` may go below the event by its name: a stack name, or
/// .NET's `Exception` (its text with the line breaks joined, classify_below).
bool names_below(std::string_view key);

enum class below_kind : std::uint8_t {
  none,          ///< stays on the event line
  stack_text,    ///< a stack or traceback string: below the line, as written
  text,          ///< another multi-line string: `path:` then its lines, indented
  frames,        ///< a list of frame objects (zerolog, tslog, …): `path:` then one `at` line each
  python_trace,  ///< structlog's dict_tracebacks: Python's own traceback layout
  exception,     ///< an exception object under its library's key (log4j2's `thrown`, Monolog's
                 ///< `exception`): its library's own text layout, causes after it
  joined_lines,  ///< .NET's exception text with its line breaks written as spaces: shown as a
                 ///< multi-line text, with them restored
};

/// Where the value at tape[i] is shown. `top_level`: a top-level stack field is below even when
/// it has one line, as the library prints `exception`; a nested one only when it has several.
below_kind classify_below(const event& ev, std::uint32_t i, bool top_level);
/// classify_below of a top-level string, whether its key names_below already known (the
/// console's key facts hold it): no name test per line.
below_kind classify_top_string(const node& n, bool named_below);

/// One value shown below the event.
struct below_item {
  std::uint32_t node;
  below_kind kind;
  redaction redact;  ///< how its members are redacted, as the repr would

  std::uint32_t label_begin;  ///< its dotted path, in below_collector::labels
  std::uint32_t label_size;
};

/// What goes below one event, gathered field by field; the buffers are reused from event to
/// event, so collecting allocates nothing once they have grown.
struct below_collector {
  std::vector<below_item> items;
  std::string labels;  ///< the items' paths, back to back
  /// The run's redaction (run_redaction): members under a key it replaces stay where they are,
  /// shown as '[REDACTED]'.
  redaction redact = redaction::none;
  /// What member_goes_below is given for a container printed under some redaction.
  [[nodiscard]] bool (*skip_key() const)(std::string_view) { return redacted_key_test(redact); }

  void clear() {
    items.clear();
    labels.clear();
  }
  /// Adds the top-level field `field` if it goes below, else those of its members (inside
  /// objects and the objects of lists, at any depth) that do.
  void collect(const event& ev, std::uint32_t field);
  [[nodiscard]] std::string_view label(const below_item& item) const {
    return std::string_view(labels).substr(item.label_begin, item.label_size);
  }

private:
  void walk(const event& ev, std::uint32_t i, bool top_level, int depth, int index, redaction r);
  std::string path_;
};

/// How deep below a top-level field the collector looks for what goes below (the tape is
/// already bounded; this bounds the recursion). Deeper values stay inline.
inline constexpr int below_max_depth = 32;

/// True when member `c` of an object, `depth` levels below a top-level field (its members are at
/// depth 1), goes below the event whole: a text or list the collector takes, or a non-empty object
/// all of whose members do (its pair would print `{}`). Members whose key `skip_key` accepts stay
/// inline. What the pairs leave out is exactly this, so that nothing is shown neither inline nor
/// below.
bool member_goes_below(const event& ev, std::uint32_t c, bool (*skip_key)(std::string_view), int depth);

/// True when every member of the top-level object at tape[i] goes below (member_goes_below).
bool all_members_below(const event& ev, std::uint32_t i, bool (*skip_key)(std::string_view) = nullptr);

/// Appends a frames, python_trace, exception or joined_lines value as plain text lines separated by '\n' (not
/// escaped, no final newline): `at func (file:line:col)` lines, each with the members it does not
/// show as key=value, Python's "Traceback (most recent call last):" layout with its chain of
/// causes, notes and exception groups, or an exception object's chain in its library's text
/// layout (log4j2's `Caused by:`, Monolog's `[previous exception]`), or a joined text with its
/// line breaks put back. `r`: how the collector
/// redacts the value's members (below_item::redact).
void append_stack_text(std::string& out, const event& ev, std::uint32_t i, below_kind kind,
                       redaction r = redaction::none);

}  // namespace logmoji
