#include <catch2/catch.hpp>

#include "logmoji/level.hpp"

using namespace logmoji;

namespace {
int rank(value_kind kind, std::string_view text, level_rules rules = level_rules::foundation) {
  node n{kind, 1, "level", text};
  return event_level(&n, rules);
}
}  // namespace

TEST_CASE("foundation normalises levels with upper() and strip()", "[level]") {
  CHECK(rank(value_kind::string, "error") == 40);
  CHECK(rank(value_kind::string, " Warning ") == 30);
  CHECK(rank(value_kind::string, "TRACE") == 5);
  CHECK(rank(value_kind::string, "notset") == 0);
  CHECK(rank(value_kind::string, "critical") == 50);
}

TEST_CASE("unknown names count as INFO in foundation, extended rules know more", "[level]") {
  CHECK(rank(value_kind::string, "fatal") == 20);
  CHECK(rank(value_kind::string, "warn") == 20);
  CHECK(rank(value_kind::string, "failure") == 20);
  CHECK(rank(value_kind::string, "fatal", level_rules::extended) == 50);
  CHECK(rank(value_kind::string, "WARN", level_rules::extended) == 30);
  CHECK(rank(value_kind::string, "failure", level_rules::extended) == 20);
  CHECK(event_level(nullptr, level_rules::foundation) == 20);
}

TEST_CASE("pino and bunyan numbers map to foundation ranks", "[level]") {
  CHECK(rank(value_kind::number, "10") == 5);
  CHECK(rank(value_kind::number, "30") == 20);
  CHECK(rank(value_kind::number, "50") == 40);
  CHECK(rank(value_kind::number, "60") == 50);
  CHECK(rank(value_kind::number, "35") == 20);
  CHECK(pino_level_name("40") == "warning");
  CHECK(pino_level_name("7").empty());
}

TEST_CASE("--level accepts the usual names in any case", "[level]") {
  CHECK(parse_level_option("WARN") == 30);
  CHECK(parse_level_option("warning") == 30);
  CHECK(parse_level_option("Fatal") == 50);
  CHECK(parse_level_option("trace") == 5);
  CHECK_FALSE(parse_level_option("verbose"));
  CHECK_FALSE(parse_level_option("notset"));
}

TEST_CASE("foundation's configuration accepts only its six names, untrimmed", "[level]") {
  CHECK(parse_foundation_level("debug") == 10);
  CHECK_FALSE(parse_foundation_level("warn"));
  CHECK_FALSE(parse_foundation_level(" debug"));
  CHECK_FALSE(parse_foundation_level("NOTSET"));
  CHECK_FALSE(parse_foundation_level("FATAL"));
}
