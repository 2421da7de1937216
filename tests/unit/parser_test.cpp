#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "../support/block_parse.hpp"
#include "logmoji/parser.hpp"

using namespace logmoji;

namespace {

line_kind kind_of(std::string_view line) {
  static event_parser parser;
  event ev;
  return parser.parse(line, ev).kind;
}

}  // namespace

TEST_CASE("an object line is an event with its fields in order", "[parser]") {
  event_parser parser;
  event ev;
  REQUIRE(parser.parse(R"({"b": 1, "a": "x\ty", "c": {"d": [true, null]}})", ev).kind == line_kind::event);
  REQUIRE(ev.fields.size() == 3);
  CHECK(ev.at(ev.fields[0]).key == "b");
  CHECK(ev.at(ev.fields[0]).text == "1");
  CHECK(ev.at(ev.fields[1]).text == "x\ty");
  const node& c = ev.at(ev.fields[2]);
  CHECK(c.kind == value_kind::object);
  CHECK(c.end == ev.tape.size());
  CHECK(ev.at(ev.fields[2] + 1).kind == value_kind::array);
  CHECK(ev.at(ev.fields[2] + 2).kind == value_kind::true_value);
  CHECK(ev.at(ev.fields[2] + 3).kind == value_kind::null_value);
}

TEST_CASE("junk in fields nobody reads still makes the line invalid", "[parser]") {
  CHECK(kind_of(R"({"level":"info","x":tru})") == line_kind::invalid);
  CHECK(kind_of(R"({"level":"info","x":[1,2,}})") == line_kind::invalid);
  CHECK(kind_of(R"({"level":"info","x":"a\qb"})") == line_kind::invalid);
  CHECK(kind_of(R"({"level":"info","x":01})") == line_kind::invalid);
  CHECK(kind_of(R"({"level":"info","x":-})") == line_kind::invalid);
  CHECK(kind_of(R"({"level":"info","x":.5})") == line_kind::invalid);
  CHECK(kind_of(R"({"level":"info","x":+1})") == line_kind::invalid);
  CHECK(kind_of(R"({"a":1,})") == line_kind::invalid);
  CHECK(kind_of(R"({"a" 1})") == line_kind::invalid);
  CHECK(kind_of(R"({"a":1)") == line_kind::invalid);
  CHECK(kind_of(R"({"a":"\ud800"})") == line_kind::invalid);
  CHECK(kind_of("{\"a\":\"\x1b[2J\"}") == line_kind::invalid);
  CHECK(kind_of("{\"a\":\"\xFF\"}") == line_kind::invalid);
  CHECK(kind_of(std::string("{\"a\":1}\0", 8)) == line_kind::invalid);
}

TEST_CASE("Python's bare NaN and Infinity tokens are accepted", "[parser]") {
  event_parser parser;
  event ev;
  REQUIRE(parser.parse(R"({"a":NaN,"b":Infinity,"c":-Infinity,"d":[NaN]})", ev).kind == line_kind::event);
  CHECK(ev.at(ev.fields[0]).kind == value_kind::nan_value);
  CHECK(ev.at(ev.fields[1]).kind == value_kind::pos_inf);
  CHECK(ev.at(ev.fields[2]).kind == value_kind::neg_inf);
  CHECK(ev.at(ev.fields[3] + 1).kind == value_kind::nan_value);
  CHECK(kind_of(R"({"a":nan})") == line_kind::invalid);
  CHECK(kind_of(R"({"a":-NaN})") == line_kind::invalid);
  CHECK(kind_of(R"({"a":Inf})") == line_kind::invalid);
}

TEST_CASE("trailing content after the object makes the line invalid", "[parser]") {
  CHECK(kind_of(R"({"a":1}{"b":2})") == line_kind::invalid);
  CHECK(kind_of(R"({"a":1} x)") == line_kind::invalid);
  CHECK(kind_of("{\"a\":1}   \t") == line_kind::event);
}

TEST_CASE("blank lines and non-object JSON are not events", "[parser]") {
  CHECK(kind_of("") == line_kind::blank);
  CHECK(kind_of("  \t ") == line_kind::blank);
  CHECK(kind_of("42") == line_kind::not_object);
  CHECK(kind_of("[1]") == line_kind::not_object);
  CHECK(kind_of("\"s\"") == line_kind::not_object);
  CHECK(kind_of("null") == line_kind::not_object);
  CHECK(kind_of("plain text") == line_kind::not_object);
}

// A line that starts with '{' and ends with '}' is taken as its own body without trimming: each
// line, bare and with whitespace around it (which is trimmed first), parses alike, through the
// block and alone; lines with one brace and not the other among them.
TEST_CASE("a line without whitespace around it parses as the trimmed line", "[parser]") {
  const std::vector<std::string> bodies = {R"({"a":1})",
                                           "{}",
                                           R"({"a":[1,{"b":"}"}]})",
                                           R"({"a":1}{"b":2})",
                                           R"({"a":1} x)",
                                           R"({"a":1)",
                                           "{",
                                           "}",
                                           "x}",
                                           "1}",
                                           R"("}")",
                                           R"([{"a":1}])",
                                           "]}",
                                           "{]",
                                           R"({"a":"x"} })",
                                           "{ }",
                                           "42",
                                           ""};
  const std::vector<std::string> pads = {"", " ", "\t", "  \t", "\r"};
  event_parser parser;
  event bare;
  event padded;
  std::string lines;
  for (const std::string& body : bodies) {
    parse_outcome expected = parser.parse(body, bare);
    if (body.empty()) CHECK(expected.kind == line_kind::blank);
    if (!body.empty() && body.front() != '{') CHECK(expected.kind == line_kind::not_object);
    for (const std::string& before : pads)
      for (const std::string& after : pads) {
        std::string line = before + body + after;
        INFO("[" << line << "]");
        parse_outcome got = parser.parse(line, padded);
        parse_outcome again = parser.parse(body, bare);
        CHECK(test::tape_difference(got, padded, again, bare).empty());
        lines += line + "\n";
      }
  }
  auto r = test::check_block(lines);
  CHECK(r.difference.empty());
  CHECK(r.lines == bodies.size() * pads.size() * pads.size());
}

TEST_CASE("number literals are kept exactly as written", "[parser]") {
  event_parser parser;
  event ev;
  REQUIRE(parser.parse(R"({"a":12345678901234567890123,"b":1e400,"c":-0,"d":1E-400,"e":6.02e+23})", ev).kind ==
          line_kind::event);
  CHECK(ev.at(ev.fields[0]).text == "12345678901234567890123");
  CHECK(ev.at(ev.fields[1]).text == "1e400");
  CHECK(ev.at(ev.fields[2]).text == "-0");
  CHECK(ev.at(ev.fields[3]).text == "1E-400");
  CHECK(ev.at(ev.fields[4]).text == "6.02e+23");
}

TEST_CASE("escaped NUL is kept inside the string", "[parser]") {
  event_parser parser;
  event ev;
  REQUIRE(parser.parse(R"({"a":"x\u0000y"})", ev).kind == line_kind::event);
  CHECK(ev.at(ev.fields[0]).text == std::string_view("x\0y", 3));
}

TEST_CASE("duplicate keys: one field, the last value", "[parser]") {
  event_parser parser;
  event ev;
  REQUIRE(parser.parse(R"({"a":1,"a":2})", ev).kind == line_kind::event);
  REQUIRE(ev.fields.size() == 1);
  CHECK(ev.at(ev.fields[0]).text == "2");
}

TEST_CASE("nesting is capped at 1024 levels, deeper lines are raw", "[parser]") {
  auto nested = [](int depth) {
    return "{\"a\":" + std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']') + "}";
  };
  CHECK(kind_of(nested(max_depth - 1)) == line_kind::event);
  CHECK(kind_of(nested(max_depth)) == line_kind::invalid);
  CHECK(kind_of(nested(100000)) == line_kind::invalid);
}

TEST_CASE("the strict JSON number grammar", "[parser]") {
  for (auto ok : {"0", "-0", "1", "10", "1.5", "1e5", "1E+5", "-1.25e-3"}) CHECK(is_json_number(ok));
  for (auto bad : {"", "-", "01", "1.", ".1", "1e", "1e+", "+1", "0x10", "1.5.2", "--1"})
    CHECK_FALSE(is_json_number(bad));
}

TEST_CASE("a number's value as a double, beyond its range too", "[parser]") {
  constexpr double inf = std::numeric_limits<double>::infinity();
  CHECK(number_value("1.5") == 1.5);
  CHECK(number_value("-1.25e-3") == -1.25e-3);
  CHECK(number_value("1e400") == inf);
  CHECK(number_value("-1e400") == -inf);
  CHECK(number_value("123456789e301") == inf);
  CHECK(number_value("0.0001e313") == inf);
  CHECK(number_value("1000e-330") == 0.0);  // 1e-327: below even the subnormals
  CHECK(number_value("1e-400") == 0.0);
  CHECK(std::signbit(number_value("-1e-400")));
  CHECK(number_value("1e999999999999999999999") == inf);  // an exponent past long long
  CHECK(number_value("-Infinity") == -inf);
  CHECK(std::isnan(number_value("NaN")));
}

namespace {
std::string keys_and_values(const event& ev) {
  std::string out;
  for (auto i : ev.fields) {
    out += ev.at(i).key;
    out += '=';
    out += ev.at(i).kind == value_kind::object ? std::string_view("{}") : ev.at(i).text;
    out += ' ';
  }
  return out;
}
}  // namespace

TEST_CASE("a repeated key keeps its first place and its last value, as JSON.parse does", "[parser]") {
  event_parser parser;
  event ev;
  REQUIRE(parser.parse(R"({"name":"app","level":30,"name":"app.http","msg":"hi"})", ev).kind == line_kind::event);
  CHECK(keys_and_values(ev) == "name=app.http level=30 msg=hi ");
  CHECK(ev.at(ev.find("name")).text == "app.http");
  REQUIRE(parser.parse(R"({"a":1,"b":2,"a":{"x":1},"b":3,"a":4,"c":5})", ev).kind == line_kind::event);
  CHECK(keys_and_values(ev) == "a=4 b=3 c=5 ");
  // The next line without repeats is untouched.
  REQUIRE(parser.parse(R"({"a":1,"b":2})", ev).kind == line_kind::event);
  CHECK(keys_and_values(ev) == "a=1 b=2 ");
}

TEST_CASE("keys that only share a hash are not merged", "[parser]") {
  event_parser parser;
  event ev;
  // Many distinct keys: some share a hash byte, none is a repeat.
  std::string line = "{";
  for (int k = 0; k < 300; ++k) line += (k ? ",\"k" : "\"k") + std::to_string(k) + "\":" + std::to_string(k);
  line += ",\"k7\":\"last\"}";
  REQUIRE(parser.parse(line, ev).kind == line_kind::event);
  REQUIRE(ev.fields.size() == 300);
  CHECK(ev.at(ev.fields[7]).text == "last");
  CHECK(ev.at(ev.fields[299]).key == "k299");
}

TEST_CASE("repeated keys on lines of many fields keep first place and last value, as on short ones", "[parser]") {
  // Past 64 top-level fields the parser sorts keys instead of comparing pairs: the answer is the
  // one JSON.parse gives, computed here the plain way.
  event_parser parser;
  event ev;
  std::uint32_t state = 12345;
  auto pick = [&](std::uint32_t n) {
    state = state * 1103515245 + 12345;
    return (state >> 8) % n;
  };
  for (int round = 0; round < 200; ++round) {
    std::uint32_t fields = 40 + pick(200), names = 1 + pick(round % 2 ? 300 : 30);
    std::string line = "{";
    std::vector<std::pair<std::string, std::string>> expected;  // first place, last value
    for (std::uint32_t k = 0; k < fields; ++k) {
      std::string key = "k" + std::to_string(pick(names)), value = std::to_string(k);
      line += (k ? ",\"" : "\"") + key + "\":" + value;
      auto at = std::find_if(expected.begin(), expected.end(), [&](const auto& e) { return e.first == key; });
      if (at == expected.end())
        expected.emplace_back(key, value);
      else
        at->second = value;
    }
    line += "}";
    INFO(line);
    REQUIRE(parser.parse(line, ev).kind == line_kind::event);
    std::string want;
    for (const auto& [key, value] : expected) want += key + "=" + value + " ";
    CHECK(keys_and_values(ev) == want);
  }
}

TEST_CASE("an event copied or moved keeps its own tape while the original parses on", "[parser]") {
  // The tape is the parser's own container (room written through a pointer): copies must own
  // their nodes, moves must take them, and a node pushed from the tape itself must survive a
  // growth of the tape.
  event_parser parser;
  event ev;
  REQUIRE(parser.parse(R"({"a":"x","b":[1,2,{"c":null}]})", ev).kind == line_kind::event);
  event copy = ev;
  event moved_from = ev;
  event moved = std::move(moved_from);
  CHECK(copy.at(copy.fields[0]).key == "a");
  CHECK(moved.at(moved.fields[0]).key == "a");
  // The next parse reuses the parser's buffers, so only the nodes themselves are compared now.
  REQUIRE(parser.parse(R"({"z":true})", ev).kind == line_kind::event);
  for (const event* e : {&copy, &moved}) {
    REQUIRE(e->tape.size() == 7);
    CHECK(e->at(e->fields[0]).kind == value_kind::string);
    CHECK(e->at(e->fields[1]).kind == value_kind::array);
    CHECK(e->at(e->fields[1]).end == 7);
    CHECK(e->at(6).kind == value_kind::null_value);
  }
  CHECK(ev.tape.size() == 2);
  copy = ev;
  CHECK(copy.tape.size() == 2);
  CHECK(copy.at(1).key == "z");
  for (std::size_t i = 0; i < 200; ++i) copy.tape.push_back(copy.tape[1]);
  CHECK(copy.tape.size() == 202);
  CHECK(copy.tape.back().key == "z");
  CHECK(copy.tape.back().kind == value_kind::true_value);
  copy.tape.resize(3);
  CHECK(copy.tape.size() == 3);
}
