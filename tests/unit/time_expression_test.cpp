// --since/--until expressions: offsets spelled out or compound, clock times on named days.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <string>

#include "logmoji/time_expression.hpp"

using namespace logmoji;

namespace {
// 2026-11-24T10:00:00Z, a Tuesday; "now" in every case.
constexpr std::int64_t now_seconds = 1795514400;
constexpr epoch_ns now{now_seconds, 250};

epoch_ns parsed(std::string_view text, naive_zone zone = naive_zone::utc) {
  auto t = parse_time_expression(text, zone, now);
  INFO(text);
  REQUIRE(t);
  return *t;
}

epoch_ns utc(std::string_view text) { return *parse_timestamp(text, naive_zone::utc); }

// Sets TZ for one scope and puts UTC back after it.
struct zone_scope {
  explicit zone_scope(const char* tz) {
    ::setenv("TZ", tz, 1);
    ::tzset();
  }
  ~zone_scope() {
    ::setenv("TZ", "UTC", 1);
    ::tzset();
  }
};
}  // namespace

TEST_CASE("offsets: spelled out, compound, with or without ago", "[time_expression]") {
  CHECK(parsed("1 hour ago") == epoch_ns{now_seconds - 3600, 250});
  CHECK(parsed("1h ago") == epoch_ns{now_seconds - 3600, 250});
  CHECK(parsed("90min") == epoch_ns{now_seconds - 5400, 250});
  CHECK(parsed("1h30m") == epoch_ns{now_seconds - 5400, 250});
  CHECK(parsed("1h 30m") == epoch_ns{now_seconds - 5400, 250});
  CHECK(parsed("1 hour 30 minutes ago") == epoch_ns{now_seconds - 5400, 250});
  CHECK(parsed("2 days ago") == epoch_ns{now_seconds - 2 * 86400, 250});
  CHECK(parsed("1 week ago") == epoch_ns{now_seconds - 604800, 250});
  CHECK(parsed("45 SECONDS AGO") == epoch_ns{now_seconds - 45, 250});
  CHECK(parsed("-1h30m") == epoch_ns{now_seconds - 5400, 250});
  CHECK(parsed("3h") == epoch_ns{now_seconds - 3 * 3600, 250});  // today's form still works
}

TEST_CASE("an offset further back than the year 1 is the earliest time", "[time_expression]") {
  CHECK(parsed("99999999999999999999 days ago") == earliest_time);
  CHECK(parsed("9999999999999h30m") == earliest_time);
}

TEST_CASE("clock times: today by default, or on a named day", "[time_expression]") {
  CHECK(parsed("10:00") == utc("2026-11-24T10:00:00Z"));
  CHECK(parsed("9:15") == utc("2026-11-24T09:15:00Z"));
  CHECK(parsed("23:59:30") == utc("2026-11-24T23:59:30Z"));  // later today: still today
  CHECK(parsed("today 08:00") == utc("2026-11-24T08:00:00Z"));
  CHECK(parsed("yesterday 18:00") == utc("2026-11-23T18:00:00Z"));
  CHECK(parsed("Yesterday  18:00") == utc("2026-11-23T18:00:00Z"));
  CHECK(parsed("today") == utc("2026-11-24T00:00:00Z"));
  CHECK(parsed("NOW") == now);
}

TEST_CASE("clock times are read in the local zone", "[time_expression]") {
  zone_scope berlin("Europe/Berlin");
  // 10:00Z is 11:00 in Berlin (CET): today is the 24th there too.
  CHECK(parsed("10:00", naive_zone::local) == utc("2026-11-24T09:00:00Z"));
  CHECK(parsed("yesterday 18:00", naive_zone::local) == utc("2026-11-23T17:00:00Z"));
  zone_scope tokyo("Asia/Tokyo");
  // 10:00Z is 19:00 in Tokyo.
  CHECK(parsed("today 08:00", naive_zone::local) == utc("2026-11-23T23:00:00Z"));
}

TEST_CASE("a clock time on a day with a DST change is the calendar's, not midnight plus hours", "[time_expression]") {
  zone_scope berlin("Europe/Berlin");
  // 2026-03-29: clocks go from 02:00 to 03:00 CET→CEST. Noon is 10:00Z, not 11:00Z.
  constexpr epoch_ns march{1774785600, 0};  // 2026-03-29T12:00:00Z
  auto t = parse_time_expression("12:00", naive_zone::local, march);
  REQUIRE(t);
  CHECK(*t == utc("2026-03-29T10:00:00Z"));
}

TEST_CASE("yesterday is the calendar day before, the day after a DST change too", "[time_expression]") {
  zone_scope new_york("America/New_York");
  // 2025-03-09 is 23 hours long (EST to EDT): on the 10th, yesterday began at 05:00Z, and its
  // 18:00 was EDT. Midnight less 24 hours went back to Saturday 23:00.
  constexpr epoch_ns after_spring{1741622400, 0};  // 2025-03-10T16:00:00Z
  CHECK(parse_time_expression("yesterday", naive_zone::local, after_spring) == utc("2025-03-09T05:00:00Z"));
  CHECK(parse_time_expression("yesterday 18:00", naive_zone::local, after_spring) == utc("2025-03-09T22:00:00Z"));
  // 2025-11-02 is 25 hours long: yesterday began at 04:00Z (EDT), an hour before midnight less 24 hours.
  constexpr epoch_ns after_fall{1762189200, 0};  // 2025-11-03T17:00:00Z
  CHECK(parse_time_expression("yesterday", naive_zone::local, after_fall) == utc("2025-11-02T04:00:00Z"));
  CHECK(parse_time_expression("today", naive_zone::local, after_fall) == utc("2025-11-03T05:00:00Z"));
}

TEST_CASE("what is not a time is refused", "[time_expression]") {
  // "1M": months to some, minutes to others (lower-cased, it was minutes without a word).
  for (std::string_view bad : {"", "ago", "1 fortnight ago", "24:00", "10:60", "1:2", "10", "hour ago",
                               "tomorrow 10:00", "-1h ago", "1h30", "today 25:00", "1.5h", "1M", "2 M ago"}) {
    INFO(bad);
    CHECK_FALSE(parse_time_expression(bad, naive_zone::utc, now));
  }
}
