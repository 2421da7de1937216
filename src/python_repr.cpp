// Python repr of JSON values (True, None, quoting rules), with foundation's dict redaction.
#include "logmoji/python_repr.hpp"

#include <algorithm>

#include "logmoji/enrich_sanitize.hpp"
#include "logmoji/options.hpp"
#include "logmoji/render_stack.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji {
namespace {

std::string_view scalar_repr(const node& n) {
  switch (n.kind) {
    case value_kind::number: return n.text;
    case value_kind::true_value: return "True";
    case value_kind::false_value: return "False";
    case value_kind::null_value: return "None";
    case value_kind::nan_value: return "nan";
    case value_kind::pos_inf: return "inf";
    case value_kind::neg_inf: return "-inf";
    default: return {};
  }
}

// `depth` (omit_below only): how far below a top-level field the container at tape[i] lies.
// `left`: members (or elements) of this container, not of those below it, to leave out.
void append_container(std::string& out, const event& ev, std::uint32_t i, redaction r, bool omit_below, int depth = 0,
                      std::span<const std::uint32_t> left = {});

// omit_below: members the console shows below the event (render_stack.hpp) are left out here;
// only through objects and lists, as that is where the console looks for them.
void append_member(std::string& out, const event& ev, std::uint32_t i, redaction parent, bool in_list, bool omit_below,
                   int depth) {
  member_redaction m = redact_member(ev.at(i), parent, in_list);
  if (m.replaced)
    append_repr_string(out, redacted_text);
  else if (omit_below && is_container(ev.at(i).kind))
    append_container(out, ev, i, m.child, true, depth);
  else
    append_repr(out, ev, i, m.child);
}

// Strings, arrays and objects of them go below (member_goes_below): numbers and literals are
// settled here. Under a dict's redaction a secret key stays inline, redacted.
bool left_out(const event& ev, std::uint32_t c, redaction r, bool omit_below, int depth) {
  value_kind kind = ev.at(c).kind;
  if (!omit_below || (kind != value_kind::string && kind != value_kind::array && kind != value_kind::object))
    return false;
  return member_goes_below(ev, c, redacted_key_test(r), depth);
}

void append_container(std::string& out, const event& ev, std::uint32_t i, redaction r, bool omit_below, int depth,
                      std::span<const std::uint32_t> left) {
  const node& n = ev.at(i);
  bool is_object = n.kind == value_kind::object;
  out.push_back(is_object ? '{' : '[');
  bool first = true;
  // The collector looks no deeper than below_max_depth: what lies deeper stays inline. A list's
  // elements are never left out (their places are their indexes), but in its objects the
  // members that go below are.
  omit_below = omit_below && depth < below_max_depth;
  for (std::uint32_t c = i + 1; c < n.end; c = ev.at(c).end) {
    if (is_object && left_out(ev, c, r, omit_below, depth + 1)) continue;
    if (!left.empty() && std::ranges::find(left, c) != left.end()) continue;
    if (!first) out += ", ";
    first = false;
    if (is_object) {
      append_repr_string(out, ev.at(c).key);
      out += ": ";
    }
    // Most members are strings and numbers outside any redaction (a list's elements have no key
    // to redact): printed here, without the calls append_member makes for the general case.
    const node& m = ev.at(c);
    const bool plain = r == redaction::none || !is_object;
    if (plain && m.kind == value_kind::number)
      out += m.text;
    else if (plain && m.kind == value_kind::string)
      append_repr_string(out, m.text, scan_text(m.text));
    else
      append_member(out, ev, c, r, !is_object, omit_below, depth + 1);
  }
  out.push_back(is_object ? '}' : ']');
}

}  // namespace

member_redaction redact_member(const node& member, redaction parent, bool in_list) {
  if (parent == redaction::none) return {false, redaction::none};
  if (!in_list && redacted_key_test(parent)(member.key)) return {true, redaction::none};
  if (parent != redaction::dict) return {false, is_container(member.kind) ? parent : redaction::none};
  bool dict = member.kind == value_kind::object || (!in_list && member.kind == value_kind::array);
  return {false, dict ? redaction::dict : redaction::none};
}

redaction run_redaction(const enrich_options& options) {
  if (!options.redact_dicts) return redaction::none;
  return options.redact_lists ? redaction::deep : redaction::dict;
}

void append_repr(std::string& out, const event& ev, std::uint32_t i, redaction r) {
  const node& n = ev.at(i);
  if (is_container(n.kind))
    append_container(out, ev, i, r, false);
  else if (n.kind == value_kind::string)
    append_repr_string(out, n.text);
  else
    out += scalar_repr(n);
}

void append_console_string(std::string& out, std::string_view text, text_bits bits) {
  if (needs_quoting(bits))
    append_repr_string(out, text, bits);
  else
    out += text;
}

void append_console_value(std::string& out, const event& ev, std::uint32_t i, redaction r, bool omit_below) {
  const node& n = ev.at(i);
  if (n.kind == value_kind::string)
    append_console_string(out, n.text, scan_text(n.text));
  else if (omit_below && is_container(n.kind))
    append_container(out, ev, i, r, true);
  else
    append_repr(out, ev, i, r);
}

void append_console_value_without(std::string& out, const event& ev, std::uint32_t i, redaction r,
                                  std::span<const std::uint32_t> left) {
  append_container(out, ev, i, r, true, 0, left);
}

}  // namespace logmoji
