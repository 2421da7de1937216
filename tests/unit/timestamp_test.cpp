#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

#include "logmoji/timestamp.hpp"

using namespace logmoji;

namespace {
constexpr epoch_ns s = 1'000'000'000;
// 2026-11-24T10:00:00Z
constexpr epoch_ns base = 1795514400 * s;

epoch_ns utc(std::string_view text) {
  auto t = parse_timestamp(text, naive_zone::utc);
  INFO(text);
  REQUIRE(t);
  return *t;
}
}  // namespace

TEST_CASE("RFC 3339 and ISO 8601 forms", "[timestamp]") {
  CHECK(utc("2026-11-24T10:00:00Z") == base);
  CHECK(utc("2026-11-24T10:00:00.5Z") == base + s / 2);
  CHECK(utc("2026-11-24T12:00:00+02:00") == base);
  CHECK(utc("2026-11-24T05:30:00-0430") == base);
  CHECK(utc("2026-11-24T10:00:00.123456789Z") == base + 123456789);
  CHECK(utc("2026-11-24t10:00z") == base);
}

TEST_CASE("foundation's naive local timestamps", "[timestamp]") {
  CHECK(utc("2026-11-24 10:00:00.000000") == base);
  CHECK(utc("2026-11-24 10:00:00.250000") == base + s / 4);
  CHECK(utc("2026-11-24") == base - 10 * 3600 * s);
  ::setenv("TZ", "Europe/Berlin", 1);
  ::tzset();
  CHECK(*parse_timestamp("2026-11-24 11:00:00.000000", naive_zone::local) == base);
  CHECK(*parse_timestamp("2026-07-01 12:00:00", naive_zone::local) == *parse_timestamp("2026-07-01T10:00:00Z", naive_zone::utc));
  ::setenv("TZ", "UTC", 1);
  ::tzset();
}

TEST_CASE("epoch numbers by magnitude", "[timestamp]") {
  CHECK(utc("1795514400") == base);
  CHECK(utc("1795514400000") == base);
  CHECK(utc("1795514400000001") == base + 1000);
  CHECK(utc("1795514400000000001") == base + 1);
  CHECK(utc("1795514400.5") == base + s / 2);
  node n{value_kind::number, 1, "t", "1700000000001"};
  CHECK(*node_time(n, naive_zone::utc) == 1700000000001 * 1'000'000);
}

TEST_CASE("times past 2262 saturate instead of wrapping", "[timestamp]") {
  CHECK(utc("2999-01-01T00:00:00Z") == INT64_MAX);
  CHECK(utc("9999-12-31") > utc("2026-11-24"));
}

TEST_CASE("nonsense is not a time", "[timestamp]") {
  for (auto bad : {"", "x", "2026-13-01", "2026-02-30", "2026-11-24T25:00:00Z", "2026-11-24T10:00:00+99:00",
                   "2026-11-24Tjunk", "-5", "1e400", "10000-01-01", "0000-01-01"})
    CHECK_FALSE(parse_timestamp(bad, naive_zone::utc));
  node b{value_kind::true_value, 1, "t", {}};
  CHECK_FALSE(node_time(b, naive_zone::utc));
}

TEST_CASE("--since values: offsets, today, yesterday, now", "[timestamp]") {
  epoch_ns now = base + 3600 * s;
  CHECK(*parse_time_option("3h", naive_zone::utc, now) == base - 2 * 3600 * s);
  CHECK(*parse_time_option("-3h", naive_zone::utc, now) == base - 2 * 3600 * s);
  CHECK(*parse_time_option("30m", naive_zone::utc, now) == now - 1800 * s);
  CHECK(*parse_time_option("2d", naive_zone::utc, now) == now - 2 * 86400 * s);
  CHECK(*parse_time_option("1w", naive_zone::utc, now) == now - 7 * 86400 * s);
  CHECK(*parse_time_option("now", naive_zone::utc, now) == now);
  CHECK(*parse_time_option("today", naive_zone::utc, now) == base - 10 * 3600 * s);
  CHECK(*parse_time_option("yesterday", naive_zone::utc, now) == base - 34 * 3600 * s);
  CHECK(*parse_time_option("2026-11-24T10:00:00Z", naive_zone::utc, now) == base);
  CHECK_FALSE(parse_time_option("3x", naive_zone::utc, now));
  CHECK_FALSE(parse_time_option("h", naive_zone::utc, now));
  CHECK_FALSE(parse_time_option("12", naive_zone::utc, now));
}

TEST_CASE("formatting with strftime plus %f and %L", "[timestamp]") {
  std::string out;
  format_time(out, base + 123456789, "%Y-%m-%d %H:%M:%S.%f", naive_zone::utc);
  CHECK(out == "2026-11-24 10:00:00.123456");
  out.clear();
  format_time(out, base + 123456789, "%H:%M:%S.%L %%f", naive_zone::utc);
  CHECK(out == "10:00:00.123 %f");
}
