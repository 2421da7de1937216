// JSON serialisation of tape values with foundation's separators and escapes.
#include "logmoji/json_writer.hpp"

#include <array>

#include "logmoji/enrich_sanitize.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_u4(std::string& out, std::uint32_t unit) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out.push_back(hex_digits[(unit >> shift) & 0xF]);
}

// JSON's escape of a code point: past U+FFFF a UTF-16 surrogate pair (its low 16 bits alone
// named another character: U+E0069, an invisible tag, became the letter i).
void append_u_escape(std::string& out, std::uint32_t cp) {
  if (cp < 0x10000) return append_u4(out, cp);
  cp -= 0x10000;
  append_u4(out, 0xD800 + (cp >> 10));
  append_u4(out, 0xDC00 + (cp & 0x3FF));
}

std::string_view scalar_json(const node& n) {
  switch (n.kind) {
    case value_kind::number: return n.text;
    case value_kind::true_value: return "true";
    case value_kind::false_value: return "false";
    case value_kind::null_value: return "null";
    case value_kind::nan_value: return "NaN";
    case value_kind::pos_inf: return "Infinity";
    case value_kind::neg_inf: return "-Infinity";
    default: return {};
  }
}

void append_member(std::string& out, const event& ev, std::uint32_t i, json_style style, redaction parent,
                   bool in_list) {
  member_redaction m = redact_member(ev.at(i), parent, in_list);
  if (m.replaced)
    append_json_string(out, redacted_text);
  else
    append_json_value(out, ev, i, style, m.child);
}

// The bytes a JSON string holds as they are: printable ASCII but the quote and the backslash.
constexpr std::array<bool, 256> written_as_is = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return t;
}();

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    // A run of bytes written as they are goes in one append: byte by byte, a short key or value
    // cost an envelope's event text about 200 instructions.
    std::size_t run = i;
    while (run < s.size() && written_as_is[static_cast<unsigned char>(s[run])]) ++run;
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    std::size_t start = i;
    std::int32_t cp = decode_utf8(s, i);
    switch (cp) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        // Invalid UTF-8 cannot come from a parsed line; U+FFFD keeps the output valid anyway.
        if (cp < 0)
          out += "\\ufffd";
        else if (is_terminal_unsafe(static_cast<std::uint32_t>(cp)))
          append_u_escape(out, static_cast<std::uint32_t>(cp));
        else
          out.append(s.substr(start, i - start));
    }
  }
  out.push_back('"');
}

void append_json_for_terminal(std::string& out, std::string_view json) {
  bool in_string = false;
  std::size_t i = 0;
  while (i < json.size()) {
    if (in_string && json[i] == '\\' && i + 1 < json.size()) {
      out.append(json.substr(i, 2));  // an escape, \" included, never ends the string
      i += 2;
      continue;
    }
    if (json[i] == '"') in_string = !in_string;
    std::size_t start = i;
    std::int32_t cp = decode_utf8(json, i);
    bool safe = cp == '\t' || (cp >= 0 && !is_terminal_unsafe(static_cast<std::uint32_t>(cp)));
    // Between tokens only whitespace can be unsafe (\r): a space is the same JSON. In a string the
    // parser has checked the UTF-8, so an invalid byte cannot occur; U+FFFD keeps it JSON anyway.
    if (safe)
      out.append(json.substr(start, i - start));
    else if (!in_string)
      out.push_back(' ');
    else if (cp < 0)
      out += "\\ufffd";
    else
      append_u_escape(out, static_cast<std::uint32_t>(cp));
  }
}

void append_json_value(std::string& out, const event& ev, std::uint32_t i, json_style style, redaction r) {
  const node& n = ev.at(i);
  if (n.kind == value_kind::string) {
    append_json_string(out, n.text);
    return;
  }
  if (!is_container(n.kind)) {
    out += scalar_json(n);
    return;
  }
  bool is_object = n.kind == value_kind::object;
  out.push_back(is_object ? '{' : '[');
  bool first = true;
  for (std::uint32_t c = i + 1; c < n.end; c = ev.at(c).end) {
    if (!first) out += style == json_style::python ? ", " : ",";
    first = false;
    if (is_object) {
      append_json_string(out, ev.at(c).key);
      out += style == json_style::python ? ": " : ":";
    }
    append_member(out, ev, c, style, r, !is_object);
  }
  out.push_back(is_object ? '}' : ']');
}

}  // namespace logmoji
