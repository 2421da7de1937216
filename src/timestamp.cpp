// Parses foundation, RFC 3339 and epoch timestamps; formats them for display.
#include "logmoji/timestamp.hpp"
#include "logmoji/decimal_digits.hpp"
#include "logmoji/unaligned.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace logmoji {
namespace {

constexpr std::int64_t ns_per_s = 1'000'000'000;

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& value) {
  if (pos + n > s.size()) return false;
  value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (shifting the year to start in March
// puts the leap day last).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct civil {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::int64_t nanos = 0;
};

// Seconds east of UTC that local time had at this naive wall-clock time (below).
std::int64_t local_offset(const civil& c);

// Digits past the ninth are read and dropped: nanoseconds are the finest a time holds.
bool parse_fraction(std::string_view s, std::size_t& i, std::int64_t& nanos) {
  if (i >= s.size() || (s[i] != '.' && s[i] != ',')) return true;
  ++i;
  std::size_t start = i;
  static constexpr std::array<std::int64_t, 10> scale{1'000'000'000, 100'000'000, 10'000'000, 1'000'000, 100'000,
                                                      10'000,        1'000,       100,        10,        1};
  std::int64_t value = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i)
    if (i - start < 9) value = value * 10 + (s[i] - '0');
  nanos = value * scale[std::min<std::size_t>(i - start, 9)];
  return i > start;
}

// What may follow a numeric offset: the zone's abbreviation, letters or, where a zone has none,
// its offset again (Go's time.String(): "-0700 MST", "-0300 -03", "+0545 +0545"); then Go's
// monotonic clock reading (" m=+0.000600623", time.Now().String()). The offset decides.
bool zone_name_at(std::string_view s, std::size_t j) {
  auto digits_from = [&](std::size_t k) {
    std::size_t n = 0;
    while (k + n < s.size() && s[k + n] >= '0' && s[k + n] <= '9') ++n;
    return n;
  };
  if (j < s.size() && s[j] == ' ' && j + 1 < s.size() && s[j + 1] != 'm') {
    std::size_t k = j + 1, n = 0;
    if (s[k] == '+' || s[k] == '-') {
      n = digits_from(k + 1);
      if (n != 2 && n != 4) return false;
      ++n;
    } else {
      while (k + n < s.size() && s[k + n] >= 'A' && s[k + n] <= 'Z') ++n;
      if (n < 1 || n > 5) return false;
    }
    j = k + n;
  }
  if (j == s.size()) return true;
  // " m=+SECONDS.FRACTION" or " m=-..."
  if (s.substr(j, 4) != " m=+" && s.substr(j, 4) != " m=-") return false;
  std::size_t whole = digits_from(j + 4);
  if (whole == 0 || j + 4 + whole >= s.size() || s[j + 4 + whole] != '.') return false;
  std::size_t fraction = digits_from(j + 5 + whole);
  return fraction > 0 && j + 5 + whole + fraction == s.size();
}

// Parses a zone suffix: Z, ±HH:MM, ±HHMM or ±HH, one space before it allowed (winston's
// `YYYY-MM-DD HH:mm:ss.SSS ZZ`, Go's layouts); after a numeric one, a zone's name. Returns false
// on anything else.
bool parse_zone(std::string_view s, std::size_t i, std::optional<std::int64_t>& offset) {
  if (i == s.size()) return true;
  if (s[i] == ' ' && i + 1 < s.size()) ++i;
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) {
    offset = 0;
    return true;
  }
  if (s[i] != '+' && s[i] != '-') return false;
  int sign = s[i] == '-' ? -1 : 1;
  int hh = 0, mm = 0;
  if (!digits(s, i + 1, 2, hh)) return false;
  std::size_t j = i + 3;
  if (j < s.size() && s[j] == ':') ++j;
  if (j < s.size() && s[j] != ' ' && !digits(s, j, 2, mm)) return false;
  if (j < s.size() && s[j] != ' ') j += 2;
  if (!zone_name_at(s, j) || hh > 23 || mm > 59) return false;
  offset = sign * (hh * 3600 + mm * 60);
  return true;
}

// Whether a date's and a time of day's fields are in range (years from 1; a leap second's 60).
bool date_in_range(const civil& c) {
  return c.year >= 1 && c.month >= 1 && c.month <= 12 && c.day >= 1 && c.day <= days_in_month(c.year, c.month);
}
bool time_in_range(const civil& c) { return c.hour <= 23 && c.minute <= 59 && c.second <= 60; }

// The instant of a date (`days` since the epoch) and time of day at `offset` seconds east of UTC.
epoch_ns instant_of(const civil& c, std::int64_t days, std::int64_t offset) {
  std::int64_t seconds = days * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
  return epoch_ns{seconds - offset, static_cast<std::int32_t>(c.nanos)};
}

// The date of `YYYY-MM-DD…` and its day number. Logs repeat one date for thousands of lines:
// the last valid date read is remembered by its ten bytes.
bool parse_date(std::string_view s, civil& c, std::int64_t& days) {
  struct date_memo {
    std::array<char, 10> text{};
    bool valid = false;
    int year = 0, month = 0, day = 0;
    std::int64_t days = 0;
  };
  thread_local date_memo memo;
  if (s.size() < 10) return false;
  if (memo.valid && std::memcmp(s.data(), memo.text.data(), 10) == 0) {
    c.year = memo.year, c.month = memo.month, c.day = memo.day;
    days = memo.days;
    return true;
  }
  if (!digits(s, 0, 4, c.year) || s[4] != '-' || !digits(s, 5, 2, c.month) || s[7] != '-' || !digits(s, 8, 2, c.day))
    return false;
  if (!date_in_range(c)) return false;
  days = days_from_civil(c.year, c.month, c.day);
  memo.valid = true;
  std::memcpy(memo.text.data(), s.data(), 10);
  memo.year = c.year, memo.month = c.month, memo.day = c.day;
  memo.days = days;
  return true;
}

std::optional<epoch_ns> parse_civil(std::string_view s, naive_zone zone) {
  civil c;
  std::int64_t days = 0;
  if (!parse_date(s, c, days)) return std::nullopt;
  std::size_t i = 10;
  std::optional<std::int64_t> offset;
  if (i < s.size()) {
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
    if (!digits(s, i + 1, 2, c.hour) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, c.minute))
      return std::nullopt;
    i += 6;
    if (i < s.size() && s[i] == ':') {
      if (!digits(s, i + 1, 2, c.second)) return std::nullopt;
      i += 3;
      if (!parse_fraction(s, i, c.nanos)) return std::nullopt;
    }
    if (!time_in_range(c)) return std::nullopt;
    if (!parse_zone(s, i, offset)) return std::nullopt;
  }
  if (!offset) offset = zone == naive_zone::utc ? 0 : local_offset(c);
  return instant_of(c, days, *offset);
}

// Epoch numbers: the magnitude tells the unit (seconds until the year 5138, then ms, µs, ns).
// Integers and DIGITS.DIGITS are read exactly; other numbers (1.7e9) go through a double.
// Up to 18 digits cannot overflow 64 bits: the usual epoch number needs no from_chars checks.
// Eight ASCII digits as a number (the first is the most significant), or false when a byte is
// not a digit: every byte's high nibble must be 3, and adding 6 must not carry past 0x3F.
bool eight_digits_word(std::uint64_t x, std::uint64_t& value) {
  constexpr std::uint64_t high = 0xF0F0F0F0F0F0F0F0u;
  if (((x & high) | (((x + 0x0606060606060606u) & high) >> 4)) != 0x3333333333333333u) return false;
  x = (x & 0x0F0F0F0F0F0F0F0Fu) * 2561 >> 8;  // pairs of digits
  x = (x & 0x00FF00FF00FF00FFu) * 6553601 >> 16;
  value = (x & 0x0000FFFF0000FFFFu) * 42949672960001u >> 32;
  return true;
}

bool eight_digits(const char* p, std::uint64_t& value) { return eight_digits_word(load8(p), value); }

bool plain_digits(std::string_view s, std::int64_t& value) {
  if (s.empty() || s.size() > 18) return false;
  value = 0;
  std::size_t head = s.size() % 8;
  if (head != 0 && s.size() > 8) {
    // The head's digits from the first 8 bytes, moved to the end of the word and led by '0's
    // (pino's 13-digit milliseconds: two word conversions, no loop).
    std::uint64_t digits = 0;
    std::uint64_t x = load8(s.data()) << (8 * (8 - head)) | 0x3030303030303030u >> (8 * head);
    if (!eight_digits_word(x, digits)) return false;
    value = static_cast<std::int64_t>(digits);
  } else {
    for (char c : s.substr(0, head)) {
      auto digit = static_cast<unsigned char>(c - '0');
      if (digit > 9) return false;
      value = value * 10 + digit;
    }
  }
  for (std::size_t i = head; i < s.size(); i += 8) {
    std::uint64_t eight = 0;
    if (!eight_digits(s.data() + i, eight)) return false;
    value = value * 100'000'000 + static_cast<std::int64_t>(eight);
  }
  return true;
}

// The unit by magnitude: how many of them make a second.
std::int64_t units_per_second(std::int64_t whole) {
  return whole < 100'000'000'000           ? 1
         : whole < 100'000'000'000'000     ? 1'000
         : whole < 100'000'000'000'000'000 ? 1'000'000
                                           : ns_per_s;
}

epoch_ns epoch_from_integer(std::int64_t whole) {
  std::int64_t per_second = units_per_second(whole);
  return epoch_ns{whole / per_second, static_cast<std::int32_t>(whole % per_second * (ns_per_s / per_second))};
}

// DIGITS.DIGITS, read as the decimal it is written as (a double is 1 ns short of .249523 and
// shows .249522: structlog's TimeStamper() writes such seconds). The unit is told by the whole
// part's magnitude, as for an integer; digits past the nanosecond are cut. nullopt for any other
// form (an exponent, a sign).
std::optional<epoch_ns> decimal_epoch(std::string_view s) {
  std::size_t dot = s.find('.');
  std::int64_t whole = 0, nines = 0;  // nines: the fraction of a unit, in billionths
  if (dot == 0 || dot == std::string_view::npos || !plain_digits(s.substr(0, dot), whole)) return std::nullopt;
  if (std::size_t i = dot; !parse_fraction(s, i, nines) || i != s.size()) return std::nullopt;
  epoch_ns t = epoch_from_integer(whole);
  std::int64_t unit_ns = ns_per_s / units_per_second(whole);
  std::int64_t nanos = t.nanos + nines * unit_ns / ns_per_s;
  return epoch_ns{t.seconds + nanos / ns_per_s, static_cast<std::int32_t>(nanos % ns_per_s)};
}

std::optional<epoch_ns> parse_epoch(std::string_view s) {
  std::int64_t whole = 0;
  if (plain_digits(s, whole)) return epoch_from_integer(whole);
  if (auto exact = decimal_epoch(s)) return exact;
  // Up to 18 bytes, an integer plain_digits refused is negative: only a longer text can still be
  // one (19 digits, nanoseconds), and a fraction is not read twice.
  if (s.size() > 18) {
    auto [wend, wec] = std::from_chars(s.data(), s.data() + s.size(), whole);
    if (wec == std::errc() && wend == s.data() + s.size() && whole >= 0) return epoch_from_integer(whole);
  }
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !(value >= 0)) return std::nullopt;
  double per_second = value < 1e11 ? 1 : value < 1e14 ? 1e3 : value < 1e17 ? 1e6 : 1e9;
  double seconds = value / per_second;
  if (seconds > static_cast<double>(latest_time.seconds)) return std::nullopt;
  double floor_seconds = std::floor(seconds);
  auto nanos = static_cast<std::int64_t>(std::llround((seconds - floor_seconds) * 1e9));
  auto whole_seconds = static_cast<std::int64_t>(floor_seconds);
  if (nanos == ns_per_s) ++whole_seconds, nanos = 0;
  return epoch_ns{whole_seconds, static_cast<std::int32_t>(nanos)};
}

// `count` units before `now`, stopping at the year 1 rather than overflowing.
epoch_ns before(epoch_ns now, std::int64_t count, std::int64_t unit_seconds) {
  std::int64_t room = (now.seconds - earliest_time.seconds) / unit_seconds;
  if (count > room) return earliest_time;
  return std::max(epoch_ns{now.seconds - count * unit_seconds, now.nanos}, earliest_time);
}

// The year with at least four digits, as ISO 8601 writes it (glibc prints the year 1 as "1").
void append_year(std::string& out, const std::tm& tm) {
  char year[16];
  int n = std::snprintf(year, sizeof year, "%04d", tm.tm_year + 1900);
  out.append(year, static_cast<std::size_t>(n));
}

// strftime into `out` for a pattern of any length. strftime returns 0 both when the room is too
// small and when the result is empty: the room grows until no pattern could need more (a
// conversion takes two pattern bytes and none writes 128 bytes).
void append_strftime(std::string& out, const std::string& pattern, const std::tm& tm) {
  if (pattern.empty()) return;
  std::size_t start = out.size();
  std::size_t limit = pattern.size() * 64 + 256;
  for (std::size_t room = pattern.size() * 2 + 64;; room *= 2) {
    out.resize(start + room);
    std::size_t n = std::strftime(out.data() + start, room, pattern.c_str(), &tm);
    if (n > 0 || room >= limit) {
      out.resize(start + n);
      return;
    }
  }
}

// What tells one zone from another after tzset(): a cache filled under one TZ must not answer
// under the next (the tests set TZ at run time). localtime_r itself reads TZ only at tzset().
struct zone_identity {
  long seconds_west = 0;
  int daylight = 0;
  const char* standard_name = nullptr;
  const char* daylight_name = nullptr;
  friend bool operator==(const zone_identity&, const zone_identity&) = default;
};

zone_identity current_zone() { return {::timezone, ::daylight, ::tzname[0], ::tzname[1]}; }

bool broken_down(std::int64_t seconds, naive_zone zone, std::tm& tm) {
  std::time_t t = static_cast<std::time_t>(seconds);
  return zone == naive_zone::utc ? gmtime_r(&t, &tm) != nullptr : localtime_r(&t, &tm) != nullptr;
}

// The epoch second as glibc 2.36's %s writes it with `spec`'s flags and width, measured: the
// number padded to the width with spaces, or zeros when the last of `_` and `0` is `0` (before
// a minus sign too: `0000000000-5`); `-` pads nonetheless.
void append_epoch(std::string& out, const strftime_conversion& spec, std::int64_t seconds) {
  std::string digits = std::to_string(seconds);
  std::size_t width = std::min(spec.width, widest_conversion);
  std::size_t pad = spec.flags.find_last_of("_0");
  if (digits.size() < width)
    out.append(width - digits.size(), pad != std::string_view::npos && spec.flags[pad] == '0' ? '0' : ' ');
  out += digits;
}

// Every format goes this way unless it only holds the conversions the direct way writes.
void format_with_strftime(std::string& out, epoch_ns t, std::string_view format, naive_zone zone) {
  // Log times advance by milliseconds: one localtime_r per second of log, not per line.
  thread_local std::int64_t cached_seconds = 0;
  thread_local naive_zone cached_zone = naive_zone::utc;
  thread_local zone_identity cached_identity;
  thread_local bool cached = false;
  thread_local std::tm tm{};
  if (!cached || t.seconds != cached_seconds || zone != cached_zone || current_zone() != cached_identity) {
    cached = broken_down(t.seconds, zone, tm);
    cached_seconds = t.seconds;
    cached_zone = zone;
    cached_identity = current_zone();
  }
  // Reused: the pattern with logmoji's own conversions already substituted.
  thread_local std::string pattern;
  pattern.clear();
  for (std::size_t i = 0; i < format.size(); ++i) {
    char next = format[i] == '%' && i + 1 < format.size() ? format[i + 1] : '\0';
    // strftime's %s runs the fields through mktime, which reads them as local time: under --utc
    // every epoch came out shifted by the local offset. logmoji writes it, flags and width too.
    if (format[i] == '%')
      if (strftime_conversion c = read_conversion(format, i + 1); c.letter == 's') {
        append_epoch(pattern, c, t.seconds);
        i = c.end - 1;
        continue;
      }
    if (next == '%') {
      pattern += "%%";
    } else if (next == 'f' || next == 'L') {
      char frac[16];
      bool micro = next == 'f';
      int n = std::snprintf(frac, sizeof frac, micro ? "%06d" : "%03d", micro ? t.nanos / 1000 : t.nanos / 1'000'000);
      pattern.append(frac, static_cast<std::size_t>(n));
    } else if (next == 'Y') {
      append_year(pattern, tm);
    } else if (next == 'F') {
      append_year(pattern, tm);
      pattern += "-%m-%d";
    } else {
      pattern += format[i];
      continue;
    }
    ++i;
  }
  append_strftime(out, pattern, tm);
}

// The direct way: the formats logs are shown in (the default "%Y-%m-%d %H:%M:%S.%f", %F %T, %L)
// need no strftime. The text of one second is built once; each line copies it and writes its
// fraction into the holes.

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b < 0); }

// The date `days` after 1970-01-01: days_from_civil backwards, in 400-year eras whose years
// start in March so that the leap day comes last.
wall_clock civil_from_days(std::int64_t days) {
  std::int64_t shifted = days + 719468;  // days since 0000-03-01
  std::int64_t era = floor_div(shifted, 146097);
  std::int64_t day_of_era = shifted - era * 146097;
  std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
  wall_clock w;
  w.day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  w.month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  w.year = era * 400 + year_of_era + (w.month <= 2);
  return w;
}

}  // namespace

wall_clock wall_from_seconds(std::int64_t seconds) {
  std::int64_t days = floor_div(seconds, 86400);
  auto of_day = static_cast<int>(seconds - days * 86400);
  wall_clock w = civil_from_days(days);
  w.hour = of_day / 3600;
  w.minute = of_day / 60 % 60;
  w.second = of_day % 60;
  return w;
}

namespace {

// Seconds between the wall clock gmtime_r/localtime_r show for `seconds` and UTC. Computed from
// the fields rather than tm_gmtoff: a zone with leap seconds (right/…) shifts the fields too.
std::optional<std::int64_t> wall_offset(std::int64_t seconds, naive_zone zone) {
  std::tm tm{};
  if (!broken_down(seconds, zone, tm)) return std::nullopt;
  std::int64_t as_utc = days_from_civil(std::int64_t{tm.tm_year} + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
                        tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
  return as_utc - seconds;
}

// Seconds east of UTC that local time had at this naive wall-clock time: an offset the zone
// has near it (a day before, at, a day after) under which the instant shows this wall clock.
// A time the clock showed twice (the hour repeated when DST ends) is the earlier instant, and a
// time it skipped is read with the offset before the change, both as Python's fold=0 does:
// mktime's choice for them hung on the previous call's, so one text read as two instants an
// hour apart, and differently in each thread. Logs are mostly in order, so a one-entry cache
// per minute answers nearly every line (transitions fall on whole minutes: some half-hours).
std::int64_t local_offset(const civil& c) {
  struct minute_offset {
    std::array<int, 5> key{-1, -1, -1, -1, -1};
    zone_identity identity;
    std::int64_t offset = 0;
  };
  thread_local minute_offset cache;
  std::array<int, 5> key{c.year, c.month, c.day, c.hour, c.minute};
  if (key == cache.key && cache.identity == current_zone()) return cache.offset;
  std::int64_t wall = days_from_civil(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.minute * 60;
  std::optional<std::int64_t> before = wall_offset(wall - 86400, naive_zone::local);
  std::optional<std::int64_t> chosen;
  for (auto near : {before, wall_offset(wall, naive_zone::local), wall_offset(wall + 86400, naive_zone::local)}) {
    if (!near || (chosen && *near <= *chosen)) continue;  // the larger offset is the earlier instant
    if (wall_offset(wall - *near, naive_zone::local) == near) chosen = near;
  }
  if (!chosen) chosen = before;  // skipped: the offset before the change
  cache = {key, current_zone(), chosen.value_or(0)};
  return cache.offset;
}

// The wall clock is UTC plus an offset that changes only at a zone's transitions (DST, a new
// standard offset, a leap second); no zone has two within a quarter hour. So the offset is
// looked up at both ends of the quarter hour a time falls in: equal, it holds for the whole
// quarter; different, a transition lies inside and each second asks localtime_r.
constexpr std::int64_t block_seconds = 900;
// Far enough out to cover the years 0 to 9999 with room, near enough for no overflow.
constexpr std::int64_t direct_limit = 1'000'000'000'000;

std::optional<wall_clock> wall_at(std::int64_t seconds, naive_zone zone) {
  if (seconds < -direct_limit || seconds > direct_limit) return std::nullopt;
  struct block_offset {
    std::int64_t block = 0;
    naive_zone zone = naive_zone::utc;
    zone_identity identity;
    bool known = false, uniform = false;
    std::int64_t offset = 0;
  };
  thread_local block_offset cache;
  std::int64_t block = floor_div(seconds, block_seconds);
  if (!cache.known || cache.block != block || cache.zone != zone || cache.identity != current_zone()) {
    auto first = wall_offset(block * block_seconds, zone);
    auto last = wall_offset(block * block_seconds + block_seconds - 1, zone);
    cache = {block, zone, current_zone(), true, first && last && *first == *last, first.value_or(0)};
  }
  if (cache.uniform) return wall_from_seconds(seconds + cache.offset);
  std::tm tm{};
  if (!broken_down(seconds, zone, tm)) return std::nullopt;
  return wall_clock{std::int64_t{tm.tm_year} + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec};
}

enum class part : std::uint8_t { text, year, month, day, hour, minute, second, micros, millis };

struct piece {
  part what = part::text;
  std::uint32_t from = 0, size = 0;  // the literal's place in compiled_format::literals
};

struct compiled_format {
  std::string source;
  std::string literals;
  std::vector<piece> pieces;
  bool direct = false;
};

// One strftime conversion the direct way writes, as the parts it stands for.
struct conversion {
  char letter;
  std::array<part, 5> parts;
  std::uint8_t count;
};
// In %F and %T, part::text stands for their separator, "-" or ":".
constexpr std::array<conversion, 10> direct_conversions{{
    {'Y', {part::year}, 1},
    {'m', {part::month}, 1},
    {'d', {part::day}, 1},
    {'H', {part::hour}, 1},
    {'M', {part::minute}, 1},
    {'S', {part::second}, 1},
    {'f', {part::micros}, 1},
    {'L', {part::millis}, 1},
    {'F', {part::year, part::text, part::month, part::text, part::day}, 5},
    {'T', {part::hour, part::text, part::minute, part::text, part::second}, 5},
}};

void add_literal(compiled_format& f, std::string_view text) {
  if (!f.pieces.empty() && f.pieces.back().what == part::text &&
      f.pieces.back().from + f.pieces.back().size == f.literals.size()) {
    f.pieces.back().size += static_cast<std::uint32_t>(text.size());
  } else {
    f.pieces.push_back(
        {part::text, static_cast<std::uint32_t>(f.literals.size()), static_cast<std::uint32_t>(text.size())});
  }
  f.literals += text;
}

// Splits the format the way format_with_strftime reads it; any conversion the direct way does
// not write (%b, %z, %-d, a lone %) leaves the whole format to strftime.
void compile(compiled_format& f, std::string_view format) {
  f.source.assign(format);
  f.literals.clear();
  f.pieces.clear();
  f.direct = true;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      add_literal(f, format.substr(i, 1));
      continue;
    }
    char letter = i + 1 < format.size() ? format[++i] : '\0';
    if (letter == '%') {
      add_literal(f, "%");
      continue;
    }
    auto c = std::find_if(direct_conversions.begin(), direct_conversions.end(),
                          [letter](const conversion& d) { return d.letter == letter; });
    if (c == direct_conversions.end()) {
      f.direct = false;
      return;
    }
    std::string_view separator = letter == 'F' ? "-" : ":";
    for (std::size_t k = 0; k < c->count; ++k) {
      if (c->parts[k] == part::text)
        add_literal(f, separator);
      else
        f.pieces.push_back({c->parts[k], 0, 0});
    }
  }
}

// The text of one second, fractions left as zeros, and where the fractions go.
struct second_text {
  std::int64_t seconds = 0;
  naive_zone zone = naive_zone::utc;
  zone_identity identity;
  bool valid = false;
  std::string text;
  std::vector<piece> holes;  // part::micros or part::millis at text offset `from`
};

bool render_second(const compiled_format& f, std::int64_t seconds, naive_zone zone, second_text& s) {
  auto w = wall_at(seconds, zone);
  // strftime's year below 0 or above 9999 is not four digits: that is strftime's business.
  if (!w || w->year < 0 || w->year > 9999) return false;
  s.text.clear();
  s.holes.clear();
  auto number = [&s](std::uint32_t value, int width) {
    s.text.append(static_cast<std::size_t>(width), '0');
    put_digits(s.text.data() + s.text.size(), value, width);
  };
  for (const piece& p : f.pieces) {
    switch (p.what) {
      case part::text: s.text.append(f.literals, p.from, p.size); break;
      case part::year: number(static_cast<std::uint32_t>(w->year), 4); break;
      case part::month: number(static_cast<std::uint32_t>(w->month), 2); break;
      case part::day: number(static_cast<std::uint32_t>(w->day), 2); break;
      case part::hour: number(static_cast<std::uint32_t>(w->hour), 2); break;
      case part::minute: number(static_cast<std::uint32_t>(w->minute), 2); break;
      case part::second: number(static_cast<std::uint32_t>(w->second), 2); break;
      case part::micros:
      case part::millis:
        s.holes.push_back({p.what, static_cast<std::uint32_t>(s.text.size()), 0});
        s.text.append(p.what == part::micros ? 6 : 3, '0');
        break;
    }
  }
  return true;
}

}  // namespace

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[static_cast<std::size_t>(m - 1)];
}

namespace {
// RFC 1123 with a numeric zone or GMT/UTC (RFC 2822's layout, Go's RFC1123 and RFC1123Z,
// JavaScript's toUTCString, HTTP dates): `Fri, 04 Dec 2026 22:29:07 +0000`, a fraction
// allowed after the seconds. The day's name is not checked against the date.
std::optional<epoch_ns> parse_rfc1123(std::string_view s) {
  static constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  civil c;
  if (s.size() < 27 || s[3] != ',' || s[4] != ' ' || !digits(s, 5, 2, c.day) || s[7] != ' ' || s[11] != ' ' ||
      !digits(s, 12, 4, c.year) || s[16] != ' ' || !digits(s, 17, 2, c.hour) || s[19] != ':' ||
      !digits(s, 20, 2, c.minute) || s[22] != ':' || !digits(s, 23, 2, c.second))
    return std::nullopt;
  auto month = std::find(months.begin(), months.end(), s.substr(8, 3));
  if (month == months.end()) return std::nullopt;
  c.month = static_cast<int>(month - months.begin()) + 1;
  if (!date_in_range(c) || !time_in_range(c)) return std::nullopt;
  std::size_t i = 25;
  if (!parse_fraction(s, i, c.nanos) || i >= s.size() || s[i] != ' ') return std::nullopt;
  std::string_view zone = s.substr(i + 1);
  std::optional<std::int64_t> offset;
  if (zone == "GMT" || zone == "UTC" || zone == "Z")
    offset = 0;
  else if ((zone.size() != 5 && zone.size() != 3) || !parse_zone(s, i + 1, offset) || !offset)
    return std::nullopt;
  return instant_of(c, days_from_civil(c.year, c.month, c.day), *offset);
}

bool rfc1123_shaped(std::string_view s) { return s.size() >= 27 && s[3] == ',' && s[4] == ' '; }
}  // namespace

std::optional<epoch_ns> parse_timestamp(std::string_view text, naive_zone zone) {
  if (text.empty()) return std::nullopt;
  if (text.size() >= 10 && text[4] == '-') return parse_civil(text, zone);
  if (rfc1123_shaped(text)) return parse_rfc1123(text);
  return parse_epoch(text);
}

std::optional<epoch_ns> node_time(const node& n, naive_zone zone) {
  if (n.kind == value_kind::number) return parse_epoch(n.text);
  if (n.kind == value_kind::string) return parse_timestamp(n.text, zone);
  return std::nullopt;
}

namespace {
// The members of a time written as an object: GCP's {seconds, nanos}, log4j2's `instant`
// {epochSecond, nanoOfSecond}.
struct time_object_keys {
  std::string_view seconds, nanos;
};
constexpr std::array<time_object_keys, 2> time_objects{{{"seconds", "nanos"}, {"epochSecond", "nanoOfSecond"}}};

const time_object_keys* time_object_of(const event& ev, std::uint32_t i) {
  for (const auto& keys : time_objects)
    if (ev.member(i, keys.seconds)) return &keys;
  return nullptr;
}

// A time written as an object; out of line, so that event_time stays a test and a jump for the
// strings and numbers nearly every event has.
[[gnu::noinline]] std::optional<epoch_ns> object_time(const event& ev, std::uint32_t i) {
  const node& n = ev.at(i);
  const time_object_keys* keys = time_object_of(ev, i);
  if (!keys) return std::nullopt;
  std::optional<epoch_ns> seconds;
  std::int64_t nanos = 0;
  for (std::uint32_t c = i + 1; c < n.end; c = ev.at(c).end) {
    const node& member = ev.at(c);
    bool integer = member.kind == value_kind::number || member.kind == value_kind::string;
    if (member.key == keys->seconds && integer) {
      std::int64_t s = 0;
      auto [end, ec] = std::from_chars(member.text.data(), member.text.data() + member.text.size(), s);
      if (ec != std::errc() || end != member.text.data() + member.text.size()) return std::nullopt;
      if (s < earliest_time.seconds || s > latest_time.seconds) return std::nullopt;
      seconds = epoch_ns{s, 0};
    } else if (member.key == keys->nanos && integer) {
      auto [end, ec] = std::from_chars(member.text.data(), member.text.data() + member.text.size(), nanos);
      if (ec != std::errc() || end != member.text.data() + member.text.size() || nanos < 0 || nanos >= ns_per_s)
        return std::nullopt;
    }
  }
  if (seconds) seconds->nanos = static_cast<std::int32_t>(nanos);
  return seconds;
}
}  // namespace

std::optional<epoch_ns> event_time(const event& ev, std::uint32_t i, naive_zone zone) {
  const node& n = ev.at(i);
  if (n.kind != value_kind::object) return node_time(n, zone);
  return object_time(ev, i);
}

bool time_object(const event& ev, std::uint32_t i) { return time_object_of(ev, i) != nullptr; }

namespace {

// Whether s (more than 16 bytes) holds a '+' or '-' at index 16 or later.
bool sign_after_date(std::string_view s) {
#ifdef __SSE2__
  // A timestamp's time and zone fit in its last 16 bytes: one compare of them, the bytes before
  // index 16 shifted out of the mask, instead of a loop over every byte of the time.
  if (s.size() <= 32) {
    __m128i tail = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + s.size() - 16));
    __m128i signs = _mm_or_si128(_mm_cmpeq_epi8(tail, _mm_set1_epi8('+')), _mm_cmpeq_epi8(tail, _mm_set1_epi8('-')));
    return (static_cast<unsigned>(_mm_movemask_epi8(signs)) >> (32 - s.size())) != 0;
  }
#endif
  // A loop, not find_first_of: that asks traits::find of the two-byte set for every byte.
  for (std::size_t k = 16; k < s.size(); ++k)
    if (s[k] == '+' || s[k] == '-') return true;
  return false;
}

}  // namespace

bool time_is_absolute(const event& ev, std::uint32_t i) {
  const node& n = ev.at(i);
  if (n.kind == value_kind::number || n.kind == value_kind::object) return true;
  if (n.kind != value_kind::string) return false;
  std::string_view s = n.text;
  if (rfc1123_shaped(s)) return parse_rfc1123(s).has_value();  // its zone is never left out
  if (!(s.size() >= 10 && s[4] == '-')) return parse_epoch(s).has_value();
  // A zone follows the time of day: Z, or a sign after the hour (dates hold '-' before it).
  if (s.size() <= 16) return false;
  char last = s.back();
  if (last == 'Z' || last == 'z') return true;
  return sign_after_date(s);
}

namespace {
// The first two and the last two words of a text of 16 to 32 bytes: every byte is in one.
std::array<std::size_t, 4> word_offsets(std::size_t size) noexcept { return {0, 8, size - 16, size - 8}; }

}  // namespace

void time_layout_memo::remember(std::string_view text) noexcept {
  size_ = 0;
  if (text.size() < 16 || text.size() > 32) return;
  auto at = word_offsets(text.size());
  for (std::size_t k = 0; k < at.size(); ++k) {
    std::array<unsigned char, 8> fixed{}, digit{};
    for (std::size_t j = 0; j < 8; ++j) {
      bool d = is_digit(text[at[k] + j]);
      fixed[j] = d ? 0xF0 : 0xFF;
      digit[j] = d ? 0x10 : 0x00;
    }
    std::memcpy(&fixed_[k], fixed.data(), 8);
    std::memcpy(&digit_[k], digit.data(), 8);
    words_[k] = load8(text.data() + at[k]);
  }
  size_ = text.size();
}

// Per word: the fixed bytes equal, and each digit's byte has the high nibble 3 and a low nibble
// that does not pass 9 (adding 6 leaves bit 4 clear; no carry crosses a byte).
bool time_layout_memo::same_layout(std::string_view text) const noexcept {
  if (size_ == 0 || text.size() != size_) return false;
  auto at = word_offsets(size_);
  std::uint64_t differs = 0;
  for (std::size_t k = 0; k < at.size(); ++k) {
    std::uint64_t w = load8(text.data() + at[k]);
    differs |= ((w ^ words_[k]) & fixed_[k]) | (((w & every_byte(0x0F)) + every_byte(0x06)) & digit_[k]);
  }
  return differs == 0;
}

epoch_ns clock_now() {
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  return {seconds.count(), static_cast<std::int32_t>(
                               std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds).count())};
}

std::optional<epoch_ns> parse_time_option(std::string_view text, naive_zone zone, epoch_ns now) {
  if (text == "now") return now;
  if (text == "today" || text == "yesterday") {
    std::time_t t = static_cast<std::time_t>(now.seconds);
    std::tm tm{};
    if (zone == naive_zone::utc)
      gmtime_r(&t, &tm);
    else
      localtime_r(&t, &tm);
    // Yesterday is the calendar day before, whose midnight is read in its own offset: the day
    // after a DST change is 23 or 25 hours from it.
    std::int64_t day = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) - (text == "yesterday");
    wall_clock date = civil_from_days(day);
    civil c{static_cast<int>(date.year), date.month, date.day, 0, 0, 0, 0};
    std::int64_t offset = zone == naive_zone::utc ? 0 : local_offset(c);
    return epoch_ns{day * 86400 - offset, 0};
  }
  if (auto t = parse_timestamp(text, zone); t && text.size() >= 10) return t;
  std::string_view s = text;
  if (s.starts_with('-')) s.remove_prefix(1);
  if (s.size() < 2) return std::nullopt;
  static constexpr std::array<std::pair<char, std::int64_t>, 5> units{
      {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 604800}}};
  for (auto [unit, seconds] : units) {
    if (s.back() != unit) continue;
    std::string_view number = s.substr(0, s.size() - 1);
    if (!std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    std::int64_t count = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), count);
    // More digits than 64 bits hold is still a count of units, only further back than year 1.
    if (ec == std::errc::result_out_of_range) return earliest_time;
    if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;
    return before(now, count, seconds);
  }
  return std::nullopt;
}

std::optional<epoch_ns> plain_epoch_time(std::string_view digits) noexcept {
  std::int64_t whole = 0;
  if (!plain_digits(digits, whole)) return std::nullopt;
  return epoch_from_integer(whole);
}

// Texts of one length that share every digit but the unit's last ones (3 for milliseconds) are
// one number of seconds: the units' boundaries (1e11, 1e14, 1e17) are multiples of 10^9, so such
// texts are also read in one unit. The fraction's digits are all that is read: the last word with
// the second's bytes turned into leading '0's, eight digits at once.
std::optional<epoch_ns> epoch_second_memo::read(std::string_view digits) noexcept {
  std::uint64_t last = 0, fraction = 0;
  if (same_head(digits, last) && eight_digits_word((last & fraction_) | (every_byte('0') & ~fraction_), fraction))
    return epoch_ns{seconds_, static_cast<std::int32_t>(fraction) * nanos_per_unit_};
  return learn(digits);
}

std::optional<epoch_ns> epoch_second_memo::learn(std::string_view digits) noexcept {
  const std::size_t n = digits.size();
  size_ = none;
  std::int64_t whole = 0;
  if (!plain_digits(digits, whole)) return std::nullopt;
  std::int64_t per_second = units_per_second(whole);
  epoch_ns t = epoch_from_integer(whole);
  if (n < 8 || n > 16) return t;  // before 1973, or nanoseconds: read whole every time
  const unsigned fraction_digits = per_second == 1 ? 0 : per_second == 1'000 ? 3 : 6;
  fraction_ = fraction_digits == 0 ? 0 : ~std::uint64_t{0} << (64 - 8 * fraction_digits);
  first_ = load8(digits.data());
  last_ = load8(digits.data() + n - 8) & ~fraction_;
  size_ = n;
  nanos_per_unit_ = static_cast<std::int32_t>(ns_per_s / per_second);
  seconds_ = t.seconds;
  return t;
}

namespace {

// The direct way for a time whose fraction is in range: the second's text, rendered again only
// when the second, the zone or the process's TZ changed, then the fraction's digits in its holes
// (each hole is overwritten whole, so the text serves the next time of that second too). Null
// when the second cannot be rendered directly (the caller falls back to strftime). With
// `zone_may_change` false the process's TZ is taken to stay as it was when the second was
// rendered: nothing in a run calls tzset(), and a column's formatter serves one run.
[[gnu::always_inline]] inline const std::string* direct_text(const compiled_format& format, second_text& second,
                                                             epoch_ns t, naive_zone zone, bool zone_may_change) {
  if (!second.valid || second.seconds != t.seconds || second.zone != zone ||
      (zone_may_change && second.identity != current_zone())) [[unlikely]] {
    second.valid = render_second(format, t.seconds, zone, second);
    second.seconds = t.seconds;
    second.zone = zone;
    second.identity = current_zone();  // localtime_r may have read TZ for the first time
    if (!second.valid) return nullptr;
  }
  auto nanos = static_cast<std::uint32_t>(t.nanos);
  for (const piece& hole : second.holes) {
    char* end = second.text.data() + hole.from;
    if (hole.what == part::micros)
      put_digits(end + 6, nanos / 1000, 6);
    else
      put_digits(end + 3, nanos / 1'000'000, 3);
  }
  return &second.text;
}

bool append_direct(std::string& out, const compiled_format& format, second_text& second, epoch_ns t, naive_zone zone) {
  const std::string* text = direct_text(format, second, t, zone, true);
  if (text) out += *text;
  return text != nullptr;
}

}  // namespace

strftime_conversion read_conversion(std::string_view format, std::size_t after_percent) {
  strftime_conversion c;
  std::size_t i = after_percent;
  while (i < format.size() && std::string_view("_-0^#").find(format[i]) != std::string_view::npos) ++i;
  c.flags = format.substr(after_percent, i - after_percent);
  for (; i < format.size() && format[i] >= '0' && format[i] <= '9'; ++i)
    c.width = std::min(c.width * 10 + static_cast<std::size_t>(format[i] - '0'), widest_conversion + 1);
  if (i < format.size()) c.letter = format[i++];
  c.end = i;
  return c;
}

void format_time(std::string& out, epoch_ns t, std::string_view format, naive_zone zone) {
  struct direct_state {
    compiled_format format;
    second_text second;
  };
  thread_local direct_state state;
  compiled_format& compiled = state.format;
  second_text& second = state.second;
  if (format != compiled.source) {
    compile(compiled, format);
    second.valid = false;
  }
  if (!compiled.direct || t.nanos < 0 || t.nanos >= ns_per_s) {
    format_with_strftime(out, t, format, zone);
    return;
  }
  if (!append_direct(out, compiled, second, t, zone)) format_with_strftime(out, t, format, zone);
}

namespace {

// Printable ASCII needs no escaping in a terminal column.
bool printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

}  // namespace

struct time_formatter::state {
  compiled_format format;
  second_text second;
  naive_zone zone = naive_zone::utc;
  bool printable = false;   // the direct way, and literals that need no escaping
  epoch_second_memo epoch;  // plain_epoch_text's last second
  // Set by plain_epoch_text once it showed the memo's second: `second` holds that second's text
  // (plain_text clears it: it may show another), the fraction's digits are the memo's last word
  // shifted by fraction_shift, and a hole of 6 or 3 places keeps the bytes keep_micros or
  // keep_millis name, '0' in the others.
  bool epoch_shown = false;
  unsigned fraction_shift = 0;
  std::uint64_t keep_micros = 0, keep_millis = 0;
};

time_formatter::time_formatter(std::string_view format, naive_zone zone) : state_(std::make_unique<state>()) {
  compile(state_->format, format);
  state_->zone = zone;
  state_->printable = state_->format.direct && printable_ascii(state_->format.literals);
}

time_formatter::~time_formatter() = default;
time_formatter::time_formatter(const time_formatter& other) : state_(std::make_unique<state>(*other.state_)) {}
time_formatter& time_formatter::operator=(const time_formatter& other) {
  if (this != &other) state_ = std::make_unique<state>(*other.state_);
  return *this;
}
time_formatter::time_formatter(time_formatter&&) noexcept = default;
time_formatter& time_formatter::operator=(time_formatter&&) noexcept = default;

// format_time's direct way without its per-call checks of the format.
std::optional<std::string_view> time_formatter::plain_text(epoch_ns t) {
  state& s = *state_;
  s.epoch_shown = false;
  if (!s.printable || t.nanos < 0 || t.nanos >= ns_per_s) return std::nullopt;
  const std::string* text = direct_text(s.format, s.second, t, s.zone, false);
  if (!text) return std::nullopt;
  return *text;
}

std::optional<std::string_view> time_formatter::plain_epoch_text(std::string_view digits) {
  state& s = *state_;
  std::uint64_t last = 0;
  if (s.epoch_shown && s.epoch.same_second(digits, last)) [[likely]] {
    // The fraction's digits moved from the top of `last` to the bottom, then '0's: a hole takes
    // as many of them as it has places, which is what plain_text writes from the nanoseconds
    // (3 digits of milliseconds are 6 of microseconds ending in 000; microseconds lose 3 as
    // milliseconds).
    const std::uint64_t fraction = last >> s.fraction_shift;
    const std::uint64_t micros = (fraction & s.keep_micros) | (every_byte('0') & ~s.keep_micros);
    const std::uint64_t millis = (fraction & s.keep_millis) | (every_byte('0') & ~s.keep_millis);
    for (const piece& hole : s.second.holes) {
      char* at = s.second.text.data() + hole.from;
      if (hole.what == part::micros)
        std::memcpy(at, &micros, 6);
      else
        std::memcpy(at, &millis, 3);
    }
    return s.second.text;
  }
  std::optional<epoch_ns> when = s.epoch.read(digits);
  if (!when) return std::nullopt;
  std::optional<std::string_view> text = plain_text(*when);
  if (text) {  // `second` now holds the text of the memo's second (read() remembered it, or nothing)
    const unsigned have = s.epoch.fraction_digits();
    auto bytes = [](unsigned n) { return (std::uint64_t{1} << (8 * n)) - 1; };
    s.epoch_shown = true;
    s.fraction_shift = have ? 64 - 8 * have : 0;
    s.keep_micros = bytes(std::min(have, 6U));
    s.keep_millis = bytes(std::min(have, 3U));
  }
  return text;
}

bool time_formatter::append_plain(std::string& out, epoch_ns t) {
  std::optional<std::string_view> text = plain_text(t);
  if (text) out += *text;
  return text.has_value();
}

}  // namespace logmoji
