#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "logmoji/foundation_env.hpp"

using namespace logmoji;

namespace {

// Sets a variable for the scope of one test.
struct scoped_env {
  const char* name;
  scoped_env(const char* n, const char* value) : name(n) { ::setenv(n, value, 1); }
  ~scoped_env() { ::unsetenv(name); }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;
};

options preset() {
  options o;
  o.foundation = true;
  apply_foundation_preset(o);
  return o;
}

}  // namespace

TEST_CASE("bool_extended is true only for true, yes, 1, on", "[foundation_env]") {
  for (auto yes : {"true", " TRUE ", "Yes", "1", "on"}) CHECK(parse_bool_extended(yes));
  for (auto no : {"false", "0", "off", "", "ture", "y"}) CHECK_FALSE(parse_bool_extended(no));
}

TEST_CASE("the preset is the library's defaults", "[foundation_env]") {
  options o = preset();
  CHECK(o.filter.min_level == level_number::warning);
  REQUIRE(o.filter.module_levels.size() == 1);
  CHECK(o.filter.module_levels[0].prefix == "asyncio");
  CHECK(o.enrich.logger_emoji == logger_emoji_mode::table);
  CHECK(o.filter.rules == level_rules::foundation);
}

TEST_CASE("PROVIDE_LOG_LEVEL is read case-insensitively and invalid values are errors", "[foundation_env]") {
  std::string error;
  {
    scoped_env e("PROVIDE_LOG_LEVEL", "debug");
    options o = preset();
    REQUIRE(apply_foundation_env(o, {}, error));
    CHECK(o.filter.min_level == level_number::debug);
    CHECK(o.filter.selection);
  }
  for (auto bad : {"warn", "NOTSET", "FATAL", " debug"}) {
    scoped_env e("PROVIDE_LOG_LEVEL", bad);
    options o = preset();
    CHECK_FALSE(apply_foundation_env(o, {}, error));
    CHECK(error.starts_with("PROVIDE_LOG_LEVEL: invalid level"));
  }
}

TEST_CASE("a level given on the command line wins over the environment", "[foundation_env]") {
  scoped_env e("PROVIDE_LOG_LEVEL", "not-a-level");
  options o = preset();
  explicit_flags given;
  given.level = true;
  std::string error;
  CHECK(apply_foundation_env(o, given, error));
}

TEST_CASE("PROVIDE_LOG_MODULE_LEVELS replaces the defaults entirely", "[foundation_env]") {
  scoped_env e("PROVIDE_LOG_MODULE_LEVELS", " a.b : debug , a:INFO,bad,x:NOPE,:DEBUG");
  options o = preset();
  std::string error;
  REQUIRE(apply_foundation_env(o, {}, error));
  REQUIRE(o.filter.module_levels.size() == 2);
  CHECK(o.filter.module_levels[0].prefix == "a.b");
}

TEST_CASE("switches for emoji, markers, timestamps and sanitization", "[foundation_env]") {
  scoped_env a("PROVIDE_LOG_LOGGER_NAME_EMOJI_ENABLED", "false");
  scoped_env b("PROVIDE_LOG_DAS_EMOJI_ENABLED", "no");
  scoped_env c("PROVIDE_LOG_OMIT_TIMESTAMP", "on");
  scoped_env d("PROVIDE_LOG_SANITIZATION_SANITIZE_DICTS", "0");
  options o = preset();
  std::string error;
  REQUIRE(apply_foundation_env(o, {}, error));
  CHECK(o.enrich.logger_emoji == logger_emoji_mode::off);
  CHECK_FALSE(o.enrich.markers);
  CHECK(o.sink.omit_timestamp);
  CHECK(o.enrich.mask);
  CHECK_FALSE(o.enrich.redact_dicts);
}

TEST_CASE("file:// values are read from the file, trimmed; empty is an error", "[foundation_env]") {
  std::string path = "/tmp/logmoji_env_test_level";
  std::ofstream(path) << "  ERROR\n";
  std::string error;
  {
    scoped_env e("PROVIDE_LOG_LEVEL", ("file://" + path).c_str());
    options o = preset();
    REQUIRE(apply_foundation_env(o, {}, error));
    CHECK(o.filter.min_level == level_number::error);
  }
  std::ofstream(path) << "  \n";
  {
    scoped_env e("PROVIDE_LOG_LEVEL", ("file://" + path).c_str());
    options o = preset();
    CHECK_FALSE(apply_foundation_env(o, {}, error));
    CHECK(error.find("PROVIDE_LOG_LEVEL") == 0);
  }
  std::remove(path.c_str());
}
