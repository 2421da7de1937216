// Evaluates a compiled --query expression against an event.
#include <algorithm>
#include <limits>
#include <optional>
#include <string>

#include "logmoji/enrich_sanitize.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/python_repr.hpp"
#include "logmoji/query.hpp"
#include "query_ast.hpp"

namespace logmoji {
namespace {

using namespace query_ast;

struct evaluation {
  const event& ev;
  std::uint32_t message;
  level_rules rules;
  redaction redact;         // query_redaction, or none
  std::string text;         // reused: the field's text form
  bool redacted = false;    // the field resolved last lies under a redacted key: it reads as such
  bool is_message = false;  // the field resolved last is the message: read as text (message_text)
};

// Whether node `i`, found by a dotted path in the parse, lies where the outputs show no value:
// in a top-level field masking replaced ([REDACTED] for a secret key), or under a member key the
// outputs redact inside objects. Read on the tape itself, as the path may split anywhere.
bool hidden_by_redaction(const event& ev, std::uint32_t i, bool (*redacted_key)(std::string_view)) {
  std::uint32_t top = 1;
  while (top < ev.tape[0].end && ev.tape[top].end <= i) top = ev.tape[top].end;
  if (top >= ev.tape[0].end || top > i) return false;
  if (std::find(ev.fields.begin(), ev.fields.end(), top) == ev.fields.end()) return true;
  for (std::uint32_t at = top; at != i;) {
    std::uint32_t c = at + 1;
    while (ev.tape[c].end <= i) c = ev.tape[c].end;
    // Members of objects have keys; elements of lists do not, and lists are walked through.
    if (ev.tape[at].kind == value_kind::object && redacted_key(ev.tape[c].key)) return true;
    at = c;
  }
  return false;
}

// The roles are reachable by their names whatever key the event used (role_field); `message` is
// the message as logged, found once per event (query::matches).
std::uint32_t resolve(evaluation& e, std::string_view path, bool& is_level) {
  e.redacted = false;
  is_level = path == "level";
  e.is_message = path == "message";
  if (e.is_message) return e.message;
  for (const auto& [name, held] : role_names)
    if (path == name) return role_field(e.ev, e.ev.role.*held, name);
  std::uint32_t i = lookup_path(e.ev, path);
  // A top-level key spelled like the path is that key, not a path into an object.
  auto redacted_key = redacted_key_test(e.redact);
  e.redacted = redacted_key && i != no_node && !e.ev.find(path) && hidden_by_redaction(e.ev, i, redacted_key);
  return i;
}

// Text form of a value for comparisons: strings as they are, true/false/null as in JSON,
// numbers as written, containers as Python reprs (keys inside them redacted as shown).
std::string_view text_of(evaluation& e, std::uint32_t i) {
  if (e.redacted) return redacted_text;
  if (e.is_message) return message_text(e.ev, i, e.redact, e.text);
  const node& n = e.ev.at(i);
  switch (n.kind) {
    case value_kind::string:
    case value_kind::number: return n.text;
    case value_kind::true_value: return "true";
    case value_kind::false_value: return "false";
    case value_kind::null_value: return "null";
    default:
      e.text.clear();
      append_repr(e.text, e.ev, i, e.redact);
      return e.text;
  }
}

template <class T>
bool apply(op o, const T& a, const T& b) {
  switch (o) {
    case op::eq: return a == b;
    case op::ne: return !(a == b);
    case op::lt: return a < b;
    case op::le: return a <= b;
    case op::gt: return a > b;
    case op::ge: return a >= b;
  }
  return false;
}

// What a literal compared with a level means: a level name's rank, or a number as written.
std::optional<double> rank_of(const literal& l) {
  if (auto wanted = parse_level_option(l.text)) return static_cast<double>(*wanted);
  if (l.is_number) return l.number;
  return std::nullopt;
}

// A number's value, Python's bare NaN and ±Infinity included (they compared as the texts "nan",
// "inf": -Infinity was not below -5, NaN was above 5).
bool numeric_value(const node& n, double& value) {
  switch (n.kind) {
    case value_kind::number: value = number_value(n.text); return true;
    case value_kind::pos_inf: value = std::numeric_limits<double>::infinity(); return true;
    case value_kind::neg_inf: value = -std::numeric_limits<double>::infinity(); return true;
    case value_kind::nan_value: value = std::numeric_limits<double>::quiet_NaN(); return true;
    default: return false;
  }
}

// An integer as written (digits only, a sign before them), as Python's json reads it: exactly.
// As doubles, 64-bit IDs one apart (1234567890123456789, ...788) were equal. Other numbers
// stay doubles, as Python's floats (1e400 is infinity).
struct exact_integer {
  int sign = 0;  // 0: zero
  std::string_view digits;
};

std::optional<exact_integer> read_integer(std::string_view s) {
  int sign = 1;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  std::size_t z = s.find_first_not_of('0');
  if (z == std::string_view::npos) return exact_integer{};
  return exact_integer{sign, s.substr(z)};
}

int compare_integers(const exact_integer& a, const exact_integer& b) {
  if (a.sign != b.sign) return a.sign < b.sign ? -1 : 1;
  if (a.digits.size() != b.digits.size()) return a.digits.size() < b.digits.size() ? -a.sign : a.sign;
  int c = a.digits.compare(b.digits);
  return c == 0 ? 0 : (c < 0 ? -a.sign : a.sign);
}

bool compare_one(evaluation& e, std::uint32_t i, bool is_level, op o, const literal& l) {
  const node& n = e.ev.at(i);
  if (is_level) {
    // As doubles: a numeric value may be far outside int (level > 1e300).
    if (auto wanted = rank_of(l)) return apply(o, static_cast<double>(event_level(&n, e.rules)), *wanted);
  }
  if (l.is_number && !e.redacted && n.kind == value_kind::number) {
    auto have = read_integer(n.text), wanted = read_integer(l.text);
    if (have && wanted) return apply(o, compare_integers(*have, *wanted), 0);
  }
  if (double have = 0; l.is_number && !e.redacted && numeric_value(n, have)) return apply(o, have, l.number);
  return apply(o, text_of(e, i), std::string_view(l.text));
}

bool compare_missing_level(const evaluation& e, const expr& x) {
  const double have = event_level(nullptr, e.rules);
  if (x.type == kind::in_list)
    return std::any_of(x.values.begin(), x.values.end(), [&](const literal& l) {
      auto r = rank_of(l);
      return r && have == *r;
    });
  auto r = rank_of(x.values[0]);
  return r ? apply(x.cmp, have, *r) : x.cmp == op::ne;
}

bool eval(evaluation& e, const std::vector<expr>& nodes, int index) {
  const expr& x = nodes[static_cast<std::size_t>(index)];
  switch (x.type) {
    case kind::all_of:
      return std::all_of(x.children.begin(), x.children.end(), [&](int c) { return eval(e, nodes, c); });
    case kind::any_of:
      return std::any_of(x.children.begin(), x.children.end(), [&](int c) { return eval(e, nodes, c); });
    case kind::negate: return !eval(e, nodes, x.children[0]);
    default: break;
  }
  bool is_level = false;
  std::uint32_t i = resolve(e, x.path, is_level);
  if (x.type == kind::exists) return i != no_node;
  // An event without a level ranks as -l and --stats rank it (Serilog leaves Information out).
  if (is_level && i == no_node && x.type != kind::regex) return compare_missing_level(e, x);
  // A missing field satisfies only the negative tests.
  if (i == no_node) return (x.type == kind::compare && x.cmp == op::ne) || (x.type == kind::regex && x.negated);
  if (x.type == kind::regex) return RE2::PartialMatch(text_of(e, i), *x.pattern) != x.negated;
  if (x.type == kind::in_list) {
    for (const auto& l : x.values)
      if (compare_one(e, i, is_level, op::eq, l)) return true;
    return false;
  }
  return compare_one(e, i, is_level, x.cmp, x.values[0]);
}

}  // namespace

// Hidden keys are redacted at every depth whatever the run's outputs do (--foundation leaves a
// top-level list alone): a query never reads a secret some output hides.
std::string_view message_text(const event& ev, std::uint32_t i, redaction redact, std::string& scratch) {
  return str_view(ev, i, redact, scratch);
}

bool query::matches(const event& ev, std::uint32_t original_message, level_rules rules, redaction redact) const {
  if (impl_->root < 0) return true;
  evaluation e{ev, role_field(ev, original_message, "message"), rules, redact, {}};
  return eval(e, impl_->nodes, impl_->root);
}

}  // namespace logmoji
