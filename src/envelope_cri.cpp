// The CRI log format (containerd, CRI-O; /var/log/pods): TIME STREAM TAGS TEXT, where the first
// tag is F (the line's last part) or P (a part, continued by the next line). Also the prefixes
// other tools put before a JSON line: kubectl logs --timestamps, docker compose logs, and any
// short PREFIX{json}.
#include <string_view>

#include "envelope_internal.hpp"

namespace logmoji::envelope_detail {
namespace {

// Longest prefix read before a JSON object (hl's --allow-prefix has none; kubectl's
// "[pod/name/container] " and compose's padded service names fit easily).
constexpr std::size_t max_prefix = 64;

std::string_view next_word(std::string_view& rest) {
  auto sp = rest.find(' ');
  std::string_view word = rest.substr(0, sp);
  rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
  return word;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

bool is_service_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_name_char(c)) return false;
  return true;
}

// The RFC 3339 time `line` starts with, before a space and more text, taken off `line`; empty
// when it starts otherwise (kubectl logs --timestamps, compose logs --timestamps after the bar).
std::string_view take_leading_time(std::string_view& line) {
  std::string_view rest = line, time = next_word(rest);
  if (!is_rfc3339(time) || rest.empty()) return {};
  line = rest;
  return time;
}

std::string_view trim_separators(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '|' || s.back() == ':' || s.back() == '-'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

bool read_cri(stage_state& s, std::string_view name, std::string_view bytes, std::uint64_t number) {
  std::string_view rest = bytes;
  std::string_view time = next_word(rest);
  if (!is_rfc3339(time)) return false;
  std::string_view stream = next_word(rest);
  if (stream != "stdout" && stream != "stderr") return false;
  std::string_view tags = next_word(rest);
  std::string_view tag = tags.substr(0, tags.find(':'));
  if (tag != "F" && tag != "P") return false;
  add_split_part(s, name, number, input_format::cri, stream, time, {}, rest, tag == "F");
  return true;
}

bool read_prefixed(stage_state& s, std::string_view bytes, std::uint64_t number) {
  // kubectl logs --timestamps: the time the kubelet read the line, then the line.
  std::string_view line = bytes;
  if (std::string_view time = take_leading_time(line); !time.empty())
    return s.emit_wrapped(number, line, wrapping{time, {}, {}, {}, "kubectl"});
  std::string_view head = bytes.substr(0, max_prefix + 1);
  // docker compose logs: "web-1  | " then the line, JSON or logfmt; with --timestamps the time
  // comes first, after the bar. A line that is neither may still be a prefixed object, below.
  auto bar = head.find(" | ");
  if (bar != std::string_view::npos && is_service_name(trim_separators(head.substr(0, bar)))) {
    line = bytes.substr(bar + 3);
    std::string_view time = take_leading_time(line);
    // compose pads each name to its widest service's: the column keeps that width.
    wrapping w{time, {}, {}, {}, "compose", trim_separators(head.substr(0, bar)), static_cast<std::uint32_t>(bar)};
    if (s.emit_wrapped(number, line, w)) return true;
  }
  // Any short prefix before a JSON object. A quote in it means the brace is inside some text.
  auto brace = head.find('{');
  if (brace == std::string_view::npos || brace == 0 || head.substr(0, brace).find('"') != std::string_view::npos)
    return false;
  // The separators that end a prefix are dropped; a prefix that is nothing else stays as it is
  // (less its blanks), so that it is not lost. A time that ends it (kubectl logs --prefix
  // --timestamps: "[pod/name/container] TIME ") is the line's time, not part of its source.
  std::string_view source = trim_separators(bytes.substr(0, brace)), time;
  if (auto sp = source.rfind(' '); sp != std::string_view::npos && is_rfc3339(source.substr(sp + 1))) {
    time = source.substr(sp + 1);
    source = trim_separators(source.substr(0, sp));
  }
  if (source.empty() && time.empty()) source = trim(bytes.substr(0, brace));
  wrapping w{time, {}, {}, {}, "prefix", source};
  std::string_view inner = bytes.substr(brace);
  return s.emit_wrapped(number, inner, w);
}

}  // namespace logmoji::envelope_detail
