#include <catch2/catch.hpp>

#include "logmoji/json_writer.hpp"
#include "../support/render.hpp"

using namespace logmoji;

namespace {
std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}
std::string json_of(std::string_view json, json_style style, redaction r = redaction::none) {
  event_parser parser;
  event ev;
  test::parse_event(parser, json, ev);
  std::string out;
  append_json_value(out, ev, ev.fields[0], style, r);
  return out;
}
}  // namespace

TEST_CASE("JSON strings escape like json.dumps, plus terminal-unsafe characters", "[json_writer]") {
  CHECK(json_string("a\"b\\c") == R"("a\"b\\c")");
  CHECK(json_string("\n\r\t\b\f") == R"("\n\r\t\b\f")");
  CHECK(json_string("bell\x07") == R"("bell\u0007")");
  CHECK(json_string("\x1b[2J") == R"("\u001b[2J")");
  CHECK(json_string("\x7f\xC2\x9B\xE2\x80\xAE\xE2\x80\xA8") == R"("\u007f\u009b\u202e\u2028")");
  CHECK(json_string("h\xC3\xA9 \xF0\x9F\x94\xB9") == "\"h\xC3\xA9 \xF0\x9F\x94\xB9\"");
  CHECK(json_string(std::string_view("\0", 1)) == R"("\u0000")");
  CHECK(json_string("\xEF\xBF\xB9x\xEF\xBF\xBB") == R"("\ufff9x\ufffb")");
  // Past U+FFFF, a surrogate pair: the low 16 bits alone made the tag U+E0069 the letter i.
  CHECK(json_string("adm\xF3\xA0\x81\xA9n") == R"("adm\udb40\udc69n")");
  CHECK(json_string("\xF4\x8F\xBF\xBF") == R"("\udbff\udfff")");
}

TEST_CASE("JSON for a terminal: unsafe characters escaped, the same value, otherwise the same bytes", "[json_writer]") {
  auto for_terminal = [](std::string_view json) {
    std::string out;
    append_json_for_terminal(out, json);
    return out;
  };
  std::string plain = R"({"a": "x\"y\\", "n":[1, 2.50e3], "e":"h\u00e9 \ud83d\udd39"})"
                      "\t";
  CHECK(for_terminal(plain) == plain);
  CHECK(for_terminal("{\"k\xC3\xA9\":\"\xF0\x9F\x94\xB9\"}") == "{\"k\xC3\xA9\":\"\xF0\x9F\x94\xB9\"}");
  CHECK(for_terminal("{\"a\":\"x\x7fy\xC2\x9B\xE2\x80\xAE\"}") == R"({"a":"x\u007fy\u009b\u202e"})");
  CHECK(for_terminal("{\"\xE2\x81\xA6k\":\"\xEF\xBF\xB9\"}") == R"({"\u2066k":"\ufff9"})");
  CHECK(for_terminal("{\"a\":\"a\xF3\xA0\x81\xA7"
                     "b\"}") == R"({"a":"a\udb40\udc67b"})");
  // A raw \r between tokens is JSON whitespace: a space is the same document.
  CHECK(for_terminal("{\"a\":1,\r\"b\":\"\\\"\xC2\x85\"}") == R"({"a":1, "b":"\"\u0085"})");
}

TEST_CASE("values keep their literals; foundation separators on request", "[json_writer]") {
  CHECK(json_of(R"({"v":{"a":[1,2.50,true,null],"b":"x"}})", json_style::compact) ==
        R"({"a":[1,2.50,true,null],"b":"x"})");
  CHECK(json_of(R"({"v":{"a":[1,2],"b":"x"}})", json_style::python) == R"({"a": [1, 2], "b": "x"})");
  CHECK(json_of(R"({"v":[NaN,Infinity,-Infinity]})", json_style::python) == "[NaN, Infinity, -Infinity]");
  CHECK(json_of(R"({"v":{"token":"t","n":{"Cookie":"c"},"l":[{"key":1},[{"key":2}]]}})", json_style::compact,
                redaction::dict) ==
        R"({"token":"[REDACTED]","n":{"Cookie":"[REDACTED]"},"l":[{"key":"[REDACTED]"},[{"key":2}]]})");
  // Outside --foundation a list in a list is walked too.
  CHECK(json_of(R"({"v":{"l":[{"api_key":1},[{"api_key":2}]]}})", json_style::compact, redaction::deep) ==
        R"({"l":[{"api_key":"[REDACTED]"},[{"api_key":"[REDACTED]"}]]})");
  // by logmoji's secret names: a bare `key` is data there.
  CHECK(json_of(R"({"v":{"l":[{"key":1},[{"private_key":2}]]}})", json_style::compact, redaction::deep) ==
        R"({"l":[{"key":1},[{"private_key":"[REDACTED]"}]]})");
  CHECK(json_of(R"({"v":[[{"auth":"a"}]]})", json_style::compact, redaction::deep) == R"([[{"auth":"[REDACTED]"}]])");
}
