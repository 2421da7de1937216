// logfmt (key=value pairs; Go's log/slog TextHandler, go-kit, logrus's TextFormatter, Heroku)
// as a JSON object text, so a logfmt line becomes an event like any JSON line. Values are
// strings, except numbers and true/false, which logfmt writers print bare.
#include <optional>
#include <string>
#include <string_view>

#include "envelope_internal.hpp"
#include "logmoji/json_writer.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji::envelope_detail {
namespace {

bool is_key_char(char c) { return static_cast<unsigned char>(c) > ' ' && c != '=' && c != '"'; }

// Keys auto-detection accepts: identifier-like, so prose with an '=' in it is not logfmt.
bool is_identifier(std::string_view key) {
  if (key.size() > 64 || !((key[0] >= 'a' && key[0] <= 'z') || (key[0] >= 'A' && key[0] <= 'Z') || key[0] == '_'))
    return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
          c == '-' || c == '/' || c == '@'))
      return false;
  return true;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The escapes Go's strconv.Quote writes (logrus, slog and go-kit quote with it or like it).
struct simple_escape {
  char letter;
  char value;
};
constexpr simple_escape simple_escapes[] = {{'n', '\n'}, {'t', '\t'}, {'r', '\r'}, {'"', '"'},  {'\\', '\\'},
                                            {'a', '\a'}, {'b', '\b'}, {'f', '\f'}, {'v', '\v'}, {'\'', '\''}};

// The `width` hex digits from s[at] as a number; nothing when one is missing or no hex digit.
std::optional<unsigned long> hex_at(std::string_view s, std::size_t at, std::size_t width) {
  if (at + width > s.size()) return std::nullopt;
  unsigned long value = 0;
  for (std::size_t k = at; k < at + width; ++k) {
    int h = hex_value(s[k]);
    if (h < 0) return std::nullopt;
    value = value * 16 + static_cast<unsigned long>(h);
  }
  return value;
}

// Decodes the escape at s[i] (after the backslash) into out; returns the index after it. An
// escape that names no character stays as written: its backslash is kept, the rest read on.
std::size_t decode_escape(std::string_view s, std::size_t i, std::string& out) {
  char c = s[i];
  for (const auto& e : simple_escapes)
    if (e.letter == c) {
      out.push_back(e.value);
      return i + 1;
    }
  auto as_written = [&] {
    out.push_back('\\');
    return i;
  };
  std::size_t width = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  std::optional<unsigned long> cp = width ? hex_at(s, i + 1, width) : std::nullopt;
  if (!cp) return as_written();
  std::size_t after = i + 1 + width;
  // UTF-16 surrogates (JSON-style writers): a pair is one code point; one alone is no character
  // (it became U+FFFD without a word). \U with a surrogate or past U+10FFFF names none either.
  if (*cp >= 0xD800 && *cp <= 0xDFFF) {
    if (c != 'u' || *cp > 0xDBFF || s.substr(after, 2) != "\\u") return as_written();
    std::optional<unsigned long> low = hex_at(s, after + 2, 4);
    if (!low || *low < 0xDC00 || *low > 0xDFFF) return as_written();
    cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
    after += 6;
  } else if (c == 'U' && *cp > 0x10FFFF) {
    return as_written();
  }
  if (c == 'x')
    out.push_back(static_cast<char>(*cp));
  else
    append_utf8(out, *cp);
  return after;
}

bool is_bare_literal(std::string_view v) { return v == "true" || v == "false" || is_json_number(v); }

}  // namespace

std::size_t read_quoted(std::string_view s, std::size_t i, std::string& value) {
  value.clear();
  for (++i; i < s.size(); ++i) {
    if (s[i] == '"') return i + 1;
    if (s[i] == '\\' && i + 1 < s.size())
      i = decode_escape(s, i + 1, value) - 1;
    else
      value.push_back(s[i]);
  }
  return std::string_view::npos;
}

bool logfmt_to_json(std::string_view line, std::string& out, bool strict) {
  thread_local std::string value;
  // Bytes that are no UTF-8, as read or as Go's \xHH escape writes one, cannot be a JSON string:
  // such a line is shown as the raw line it is (its bytes escaped, \xff), not as U+FFFD.
  if (!valid_utf8(line)) return false;
  out.assign(1, '{');
  members m(out);
  std::size_t i = 0, pairs = 0, words = 0;
  const std::size_t n = line.size();
  for (;;) {
    while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= n) break;
    std::size_t start = i;
    while (i < n && is_key_char(line[i])) ++i;
    std::string_view key = line.substr(start, i - start);
    if (key.empty() || (strict && !is_identifier(key))) return false;
    ++words;
    if (i >= n || line[i] != '=') {
      // A bare key means true in logfmt; auto-detection wants pairs only.
      if (strict || (i < n && line[i] == '"')) return false;
      m.json(key, "true");
      continue;
    }
    ++i;
    if (i < n && line[i] == '"') {
      i = read_quoted(line, i, value);
      if (i == std::string_view::npos || (i < n && line[i] != ' ' && line[i] != '\t') || !valid_utf8(value))
        return false;
      m.string(key, value);
    } else {
      start = i;
      while (i < n && line[i] != ' ' && line[i] != '\t') {
        if (line[i] == '"' || (strict && (line[i] == '=' || static_cast<unsigned char>(line[i]) < ' '))) return false;
        ++i;
      }
      std::string_view v = line.substr(start, i - start);
      if (is_bare_literal(v))
        m.json(key, v);
      else
        m.string(key, v);
    }
    ++pairs;
  }
  if (words == 0 || (strict && pairs < 2)) return false;
  out.push_back('}');
  return true;
}

}  // namespace logmoji::envelope_detail
