#include <catch2/catch.hpp>

#include "logmoji/theme.hpp"

using namespace logmoji;

namespace {
std::string sgr(std::string_view spec) {
  std::string error;
  auto s = parse_style(spec, error);
  REQUIRE(s);
  return s->sgr;
}
}  // namespace

TEST_CASE("style words become SGR sequences in the order written", "[theme]") {
  CHECK(sgr("") == "");
  CHECK(sgr("bold red") == "\x1b[1m\x1b[31m");
  CHECK(sgr("red  bold") == "\x1b[31m\x1b[1m");
  CHECK(sgr("bright_blue on_yellow") == "\x1b[94m\x1b[43m");
  CHECK(sgr("on_bright_white") == "\x1b[107m");
  CHECK(sgr("208") == "\x1b[38;5;208m");
  CHECK(sgr("on_17") == "\x1b[48;5;17m");
  CHECK(sgr("#ff8800") == "\x1b[38;2;255;136;0m");
  CHECK(sgr("on_#000000 underline") == "\x1b[48;2;0;0;0m\x1b[4m");
}

TEST_CASE("unknown style words are errors naming the word", "[theme]") {
  for (std::string_view bad : {"purple", "bright_208", "256", "#ff88", "#gg0000", "on_", "-1"}) {
    std::string error;
    CHECK_FALSE(parse_style(bad, error));
    CHECK(error.find("unknown style word") != std::string::npos);
  }
}

TEST_CASE("the word in an error is escaped: no control character reaches the terminal", "[theme]") {
  std::string error;
  CHECK_FALSE(parse_style("bold \x1b[31m\x07\xc2\x9b\xff", error));
  CHECK(error.starts_with("unknown style word '\\x1b[31m\\x07\\x9b\\xff' (use bold"));
}

TEST_CASE("the default theme is foundation's colours byte for byte", "[theme]") {
  const theme& t = default_theme();
  CHECK(t.name == "foundation");
  CHECK(t.timestamp.sgr == "\x1b[2m");
  CHECK(t.message.sgr == "\x1b[1m");
  CHECK(t.logger.sgr == "\x1b[0m\x1b[1m\x1b[34m");
  CHECK(t.key.sgr == "\x1b[36m");
  CHECK(t.value.sgr == "\x1b[35m");
  CHECK(t.level_sgr("error") == "\x1b[31m\x1b[1m");
  CHECK(t.level_sgr("warning") == "\x1b[33m\x1b[1m");
  CHECK(t.level_sgr("info") == "\x1b[32m\x1b[1m");
  CHECK(t.level_sgr("notset") == "\x1b[41m\x1b[1m");
  // structlog leaves these unstyled.
  CHECK(t.level_sgr("trace").empty());
  CHECK(t.level_sgr("fatal").empty());
  CHECK(t.level_sgr("ERROR").empty());
}

TEST_CASE("theme elements by name; levels are created on demand", "[theme]") {
  theme t = default_theme();
  CHECK(t.element("key") == &t.key);
  CHECK(t.element("raw") == &t.raw);
  CHECK(t.element("keys") == nullptr);
  CHECK(t.element("levels.") == nullptr);
  CHECK(t.element("levels.error") == &t.levels[2].second);
  style* trace = t.element("levels.trace");
  REQUIRE(trace);
  trace->sgr = "\x1b[2m";
  CHECK(t.level_sgr("trace") == "\x1b[2m");
}

TEST_CASE("plain has no colours", "[theme]") {
  const auto& themes = builtin_themes();
  REQUIRE(themes.size() == 2);
  const theme& plain = themes[1];
  CHECK(plain.name == "plain");
  for (const auto* s : {&plain.timestamp, &plain.key, &plain.value, &plain.raw}) CHECK(s->sgr.empty());
  for (const auto& [name, s] : plain.levels) CHECK(s.sgr == "\x1b[1m");
}
