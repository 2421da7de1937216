#pragma once
// Python's str() and repr() of JSON values, as structlog's ConsoleRenderer prints them.

#include <cstdint>
#include <span>
#include <string>

#include "logmoji/enrich_sanitize.hpp"
#include "logmoji/event.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji {

/// How key redaction applies to a value (docs/foundation.md#sanitization), and by which list.
enum class redaction {
  none,  ///< printed as it is
  dict,  ///< an object whose keys of the library's list (is_redacted_key) print as '[REDACTED]',
         ///< recursively (the library's rule)
  /// the library's keys print as '[REDACTED]' in every object below, through lists at any depth
  /// (what a query reads under --foundation)
  library_deep,
  /// logmoji's secret names (is_secret_key, the top-level keys' list: `key` is none, `private_key`
  /// is one) print as '[REDACTED]' in every object below, through lists at any depth
  deep,
};

/// The test a member's key gets inside a container printed under `r`: null when none is
/// redacted.
inline bool (*redacted_key_test(redaction r))(std::string_view) {
  if (r == redaction::none) return nullptr;
  return r == redaction::deep ? &is_secret_key : &is_redacted_key;
}

/// What a query reads under a run's redaction: the same keys, at every depth (--foundation's
/// outputs leave a top-level list alone; its query still reads the library's keys redacted there).
inline redaction query_redaction(redaction run) { return run == redaction::dict ? redaction::library_deep : run; }

struct enrich_options;

/// The redaction a run's top-level values start from: the library's under --foundation (its
/// enrich_options::redact_lists is off), every depth outside it, none with --no-mask.
redaction run_redaction(const enrich_options& options);

/// The redaction a top-level value of kind `kind` is printed under in a run of `run`: the
/// library sanitizes a top-level dict alone and leaves a top-level list as it is; outside
/// --foundation a list is walked too, so a secret key in `[{"password": …}]` is redacted.
inline redaction field_redaction(redaction run, value_kind kind) {
  if (kind == value_kind::object) return run;
  return run == redaction::deep && kind == value_kind::array ? run : redaction::none;
}

/// The redaction of a message that is no string, as its text shows it: the library's emoji
/// stage writes str() of it unredacted (--foundation keeps that); outside it, what every other
/// value gets.
inline redaction message_redaction(redaction run) { return run == redaction::deep ? run : redaction::none; }

/// sanitize_dict's rule for one member of a container printed under `parent`: inside a
/// redacted dict a listed key's value is replaced wholesale; a dict value is sanitized again; a
/// list value has its dict elements sanitized (not those of nested lists). Under `deep` every
/// container below is redacted alike.
struct member_redaction {
  bool replaced;    ///< print '[REDACTED]' instead of the value
  redaction child;  ///< how the value itself is printed otherwise
};
member_redaction redact_member(const node& member, redaction parent, bool in_list);

/// Python repr() of the value at tape[i]: strings quoted, True/False/None, containers as
/// {'k': v} and [a, b], numbers exactly as written, NaN/Infinity as nan/inf/-inf.
void append_repr(std::string& out, const event& ev, std::uint32_t i, redaction r = redaction::none);

/// Python str() of the value, as a view: the string or number itself, else repr() written into
/// `scratch`.
inline std::string_view str_view(const event& ev, std::uint32_t i, redaction r, std::string& scratch) {
  const node& n = ev.at(i);
  if (n.kind == value_kind::string || n.kind == value_kind::number) return n.text;
  scratch.clear();
  append_repr(scratch, ev, i, r);
  return scratch;
}

/// Python str() of the value: a string as it is, anything else as repr(). Inline: a message is
/// nearly always a string, and copying it is then the whole work.
inline void append_str(std::string& out, const event& ev, std::uint32_t i, redaction r = redaction::none) {
  const node& n = ev.at(i);
  if (n.kind == value_kind::string)
    out += n.text;
  else
    append_repr(out, ev, i, r);
}

/// The value as structlog's key=value column prints it: strings raw unless they need quoting
/// (then repr), everything else repr(). With `omit_below`, an object leaves out the members the
/// console prints below the event (render_stack.hpp).
void append_console_value(std::string& out, const event& ev, std::uint32_t i, redaction r, bool omit_below = false);

/// append_console_value of container `i` (members below the event omitted) without the members
/// or elements `left`: a wrapper's pair less what other columns show (field_roles.hpp
/// family_treatment::trimmed).
void append_console_value_without(std::string& out, const event& ev, std::uint32_t i, redaction r,
                                  std::span<const std::uint32_t> left);

/// How append_console_string writes a text with these scan_text bits when nothing in it needs an
/// escape: 0 as it is, '\'' or '"' between those quotes; -1 when repr() escapes something.
inline int console_quote(text_bits bits) {
  using namespace text_bit;
  if (!needs_quoting(bits)) return 0;
  if ((bits & (control | del | backslash | unprintable)) || ((bits & single_quote) && (bits & double_quote))) return -1;
  return (bits & single_quote) ? '"' : '\'';
}

/// append_console_value of a string, given scan_text(text).
void append_console_string(std::string& out, std::string_view text, text_bits bits);

}  // namespace logmoji
