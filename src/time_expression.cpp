// --since/--until forms people type; the calendar work is timestamp.cpp's.
#include "logmoji/time_expression.hpp"
#include "logmoji/unaligned.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <limits>
#include <string>

namespace logmoji {
namespace {

struct unit_name {
  std::string_view name;
  std::int64_t seconds;
};

constexpr std::array<unit_name, 21> units{
    {{"s", 1},      {"sec", 1},       {"secs", 1},      {"second", 1},   {"seconds", 1}, {"m", 60},
     {"min", 60},   {"mins", 60},     {"minute", 60},   {"minutes", 60}, {"h", 3600},    {"hr", 3600},
     {"hrs", 3600}, {"hour", 3600},   {"hours", 3600},  {"d", 86400},    {"day", 86400}, {"days", 86400},
     {"w", 604800}, {"week", 604800}, {"weeks", 604800}}};

std::optional<std::int64_t> unit_seconds(std::string_view name) {
  for (const auto& u : units)
    if (u.name == name) return u.seconds;
  return std::nullopt;
}

bool is_alpha(char c) { return c >= 'a' && c <= 'z'; }

void skip_spaces(std::string_view& s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
}

// "1h30m", "90 min", "1 hour 30 minutes": the total in seconds; saturates at the int64 limit
// (which is before the year 1 anyway). nullopt when `s` is not a duration.
std::optional<std::int64_t> duration_seconds(std::string_view s) {
  constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max();
  std::int64_t total = 0;
  bool any = false;
  while (!s.empty()) {
    std::int64_t count = 0;
    if (!is_digit(s.front())) return std::nullopt;
    for (; !s.empty() && is_digit(s.front()); s.remove_prefix(1))
      count = count > (limit - 9) / 10 ? limit : count * 10 + (s.front() - '0');
    skip_spaces(s);
    std::size_t n = 0;
    while (n < s.size() && is_alpha(s[n])) ++n;
    auto unit = unit_seconds(s.substr(0, n));
    if (!unit) return std::nullopt;
    s.remove_prefix(n);
    skip_spaces(s);
    total = count > (limit - total) / *unit ? limit : total + count * *unit;
    any = true;
  }
  return any ? std::optional(total) : std::nullopt;
}

// "H:MM" or "HH:MM[:SS]", as "HH:MM:SS".
std::optional<std::string> clock_time(std::string_view s) {
  std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return std::nullopt;
  std::string out = colon == 1 ? "0" : "";
  out += s;
  if (out.size() == 5) out += ":00";
  if (out.size() != 8 || out[5] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u, 6u, 7u})
    if (!is_digit(out[i])) return std::nullopt;
  if (out.substr(0, 2) > "23" || out.substr(3, 2) > "59" || out.substr(6, 2) > "59") return std::nullopt;
  return out;
}

// The clock time on the day that begins at `midnight`, read in `zone` (so a DST change on that
// day is the calendar's business, not an offset's).
std::optional<epoch_ns> on_day(epoch_ns midnight, std::string_view clock, naive_zone zone) {
  auto hms = clock_time(clock);
  if (!hms) return std::nullopt;
  std::string text;
  format_time(text, midnight, "%Y-%m-%d ", zone);
  text += *hms;
  return parse_timestamp(text, zone);
}

std::optional<epoch_ns> offset_before(epoch_ns now, std::int64_t seconds) {
  if (seconds > now.seconds - earliest_time.seconds) return earliest_time;
  return epoch_ns{now.seconds - seconds, now.nanos};
}

}  // namespace

std::optional<epoch_ns> parse_time_expression(std::string_view text, naive_zone zone, epoch_ns now) {
  if (auto t = parse_time_option(text, zone, now)) return t;
  // Case does not matter, but a lone "M" reads as months to some and minutes to others (and
  // lower-cased, it was silently minutes): neither is guessed.
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == 'M' && (i + 1 == text.size() || !std::isalpha(static_cast<unsigned char>(text[i + 1]))))
      return std::nullopt;
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view s = lower;
  skip_spaces(s);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s != text) {
    if (auto t = parse_time_option(s, zone, now)) return t;  // Today, NOW, " 3h "
  }
  for (std::string_view day : {"today", "yesterday"}) {
    if (!s.starts_with(day) || s.size() == day.size() || s[day.size()] != ' ') continue;
    std::string_view clock = s.substr(day.size());
    skip_spaces(clock);
    auto midnight = parse_time_option(day, zone, now);
    return midnight ? on_day(*midnight, clock, zone) : std::nullopt;
  }
  if (clock_time(s)) return on_day(*parse_time_option("today", zone, now), s, zone);
  bool past = false;
  if (s.starts_with('-')) {
    s.remove_prefix(1);
    past = true;
  }
  if (s.ends_with("ago")) {
    if (past) return std::nullopt;  // "-1h ago" says it twice
    s.remove_suffix(3);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  }
  auto seconds = duration_seconds(s);
  if (!seconds) return std::nullopt;
  return offset_before(now, *seconds);
}

}  // namespace logmoji
