#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/object_scan.hpp"
#include "logmoji/parser.hpp"

using namespace logmoji;

namespace {

// The scan reads the 64 bytes after a line: they hold what would mislead a scan that looked past
// the line's end (quotes, backslashes, digits, a brace, non-ASCII), or zeros.
std::string padded(std::string_view line, bool hostile) {
  std::string bytes(line);
  constexpr std::string_view misleading = "\"\\9}\x80 e";
  for (std::size_t k = 0; k < 64; ++k) bytes += hostile ? misleading[k % misleading.size()] : '\0';
  return bytes;
}

// The scan of `line`; `out`'s token points into a copy that lasts until the next call.
bool scans(std::string_view line, object_scan& out) {
  static std::string hostile, zeros;
  hostile = padded(line, true);
  zeros = padded(line, false);
  bool taken = scan_object({hostile.data(), line.size()}, out);
  object_scan quiet;
  CHECK(scan_object({zeros.data(), line.size()}, quiet) == taken);  // what lies after the line never matters
  // The portable classification decides the same, and notes the same.
  object_scan portable;
  CHECK(scan_object({hostile.data(), line.size()}, portable, scan_kernel::portable) == taken);
  CHECK(portable.level == out.level);
  CHECK(portable.level_token.data() == out.level_token.data());
  CHECK(portable.level_token.size() == out.level_token.size());
  return taken;
}

bool scans(std::string_view line) {
  object_scan unused;
  return scans(line, unused);
}

bool parses(std::string_view line) {
  static event_parser parser;
  static event ev;
  return parser.parse(line, ev).kind == line_kind::event;
}

}  // namespace

TEST_CASE("the scan proves plain objects and refuses what is not JSON", "[object_scan]") {
  for (const char* line : {
           R"({})",
           R"({ })",
           R"({"a":1})",
           R"({"a" : "b" , "c":[1, 2.5, -3e+2, true, false, null, {}, [], ""]})",
           R"({"a":{"b":{"c":[[[]]]}}})",
           R"({"s":"tab\t quote\" slash\/ back\\ \b\f\n\r \u00e9 \uD83D\uDE00 \u0000"})",
           "{\"u\":\"caf\xc3\xa9 \xe4\xba\xac \xf0\x9f\x94\xb9 \xef\xbf\xbf \xf4\x8f\xbf\xbf\"}",
           "{\"del\":\"\x7f\"}",
       }) {
    INFO(line);
    CHECK(scans(line));
    CHECK(parses(line));
  }
  // Tabs and carriage returns between tokens are JSON, but rare: the scan leaves them to the parser.
  CHECK_FALSE(scans("{\"a\":1,\t\"b\":2\r}"));
  CHECK(parses("{\"a\":1,\t\"b\":2\r}"));
  for (const char* line : {
           "",
           "{",
           "}",
           "{}}",
           "{}{}",
           "[]",
           "{\"a\":1}x",
           "{\"a\"}",
           "{\"a\":}",
           "{\"a\":1,}",
           "{,\"a\":1}",
           "{\"a\":1 \"b\":2}",
           "{\"a\":[1,]}",
           "{\"a\":[,1]}",
           "{\"a\":[1 2]}",
           "{\"a\":{\"b\":1]}",
           "{\"a\":[1}",
           "{1:2}",
           "{'a':1}",
           "{\"a\":tru}",
           "{\"a\":nul}",
           "{\"a\":truex}",
           "{\"a\":NaN}",
           "{\"a\":Infinity}",
           "{\"a\":-Infinity}",
           "{\"a\":01}",
           "{\"a\":-}",
           "{\"a\":1.}",
           "{\"a\":.5}",
           "{\"a\":1e}",
           "{\"a\":1e+}",
           "{\"a\":+1}",
           "{\"a\":0x1}",
           "{\"a\":1.2.3}",
           "{\"a\":\"open}",
           "{\"a\":\"x\\\"}",
           "{\"a\":\"\\x\"}",
           "{\"a\":\"\\u12\"}",
           "{\"a\":\"\\u12g4\"}",
           "{\"a\":\"\\ud800\"}",
           "{\"a\":\"\\udc00\"}",
           "{\"a\":\"\\ud800\\u0041\"}",
           "{\"a\":\"\\ud800\\udbff\"}",
           "{\"a\":\"tab\there\"}",
           "{\"a\":1\x01}",
           "{\"a\":\"\x80\"}",
           "{\"a\":\"\xc0\xaf\"}",
           "{\"a\":\"\xc1\xbf\"}",
           "{\"a\":\"\xe0\x9f\xbf\"}",
           "{\"a\":\"\xed\xa0\x80\"}",
           "{\"a\":\"\xf0\x8f\xbf\xbf\"}",
           "{\"a\":\"\xf4\x90\x80\x80\"}",
           "{\"a\":\"\xf5\x80\x80\x80\"}",
           "{\"a\":\"\xe4\xba\"}",
           "{\"a\":\"\xe4\"}",
           "{\"\xe4\xba\xac\":1,\xe4}",
       }) {
    INFO(line);
    CHECK_FALSE(scans(line));
  }
  CHECK_FALSE(scans(std::string("{\"a\":\"nul\0x\"}", 13)));
}

TEST_CASE("the scan notes the top-level level member", "[object_scan]") {
  struct expectation {
    const char* line;
    level_member level;
    const char* token;
  };
  for (const auto& e : std::vector<expectation>{
           {R"({"event":"x"})", level_member::absent, ""},
           {R"({"level":"error","event":"x"})", level_member::text, "error"},
           {R"({"a":1, "level" : " warn "})", level_member::text, " warn "},
           {R"({"level":50})", level_member::number, "50"},
           {R"({"level":-1.5e3,"x":1})", level_member::number, "-1.5e3"},
           {R"({"level":"info","level":"error"})", level_member::unusual, ""},
           {R"({"level":"e\u0072ror"})", level_member::unusual, ""},
           {R"({"\u006cevel":"error"})", level_member::unusual, ""},
           {R"({"lev\u0065l":"error","level":"info"})", level_member::unusual, ""},
           {R"({"level":{"name":"ERROR"}})", level_member::unusual, ""},
           {R"({"level":["error"]})", level_member::unusual, ""},
           {R"({"level":true})", level_member::unusual, ""},
           {R"({"level":null})", level_member::unusual, ""},
           {R"({"x":{"level":"error"}})", level_member::absent, ""},
           {R"({"x":[{"level":"error"}],"levels":"error","Level":"error"})", level_member::absent, ""},
       }) {
    INFO(e.line);
    object_scan s;
    REQUIRE(scans(e.line, s));
    CHECK(s.level == e.level);
    if (e.level == level_member::text || e.level == level_member::number) CHECK(s.level_token == e.token);
  }
}

TEST_CASE("the scan takes every UTF-8 sequence and escape the parser takes, and no other", "[object_scan]") {
  // Each lead byte with second bytes on both sides of every range edge, and continuation bytes
  // that are and are not continuations.
  const std::vector<unsigned char> seconds = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff};
  const std::vector<unsigned char> laters = {0x41, 0x80, 0xbf, 0xc0};
  std::size_t taken = 0;
  for (int lead = 0x80; lead <= 0xff; ++lead)
    for (unsigned char second : seconds)
      for (unsigned char third : laters)
        for (unsigned char fourth : laters) {
          std::string line = "{\"k\":\"a";
          for (unsigned char c : {static_cast<unsigned char>(lead), second, third, fourth})
            line += static_cast<char>(c);
          line += "z\"}";
          INFO(line);
          bool scanned = scans(line);
          CHECK(scanned == parses(line));
          taken += scanned;
        }
  CHECK(taken > 300);  // of 5,632: the valid sequences among them
  // Every byte after a backslash, and \u escapes around the surrogate ranges, alone and paired.
  for (int c = 0; c < 256; ++c) {
    std::string line = std::string("{\"k\":\"\\") + static_cast<char>(c) + "0041\"}";
    INFO(line);
    CHECK(scans(line) == parses(line));
  }
  const std::vector<std::string> units = {"0000", "007F", "d7ff", "D800", "dbff",
                                          "DC00", "dfff", "E000", "ffff", "00g0"};
  for (const auto& high : units) {
    for (const auto& low : units) {
      for (const char* between : {"\\u", "\\", "u", " \\u"}) {
        std::string line = "{\"k\":\"\\u" + high + between + low + "\"}";
        INFO(line);
        CHECK(scans(line) == parses(line));
      }
    }
  }
}

TEST_CASE("lines on a 64-byte boundary and past the scan's limits", "[object_scan]") {
  // Strings, escapes and sequences that straddle the classification's 64-byte chunks.
  for (std::size_t pad = 0; pad < 140; ++pad) {
    std::string filler(pad, 'x');
    for (const std::string& tail : {std::string("\\\"q"), std::string("\xe4\xba\xac"), std::string("\\ud83d\\ude00"),
                                    std::string("\\\\"), std::string("")}) {
      std::string line = "{\"a\":\"" + filler + tail + "\",\"level\":\"error\"}";
      INFO(line);
      object_scan s;
      CHECK(scans(line, s));
      CHECK(s.level == level_member::text);
      std::string open = "{\"a\":\"" + filler + tail + "}";
      CHECK_FALSE(scans(open));
    }
  }
  std::string deep = std::string(object_scan_depth - 1, '[');
  CHECK(scans("{\"a\":" + deep + std::string(object_scan_depth - 1, ']') + "}"));
  CHECK_FALSE(scans("{\"a\":[" + deep + std::string(object_scan_depth, ']') + "}"));
  std::string longest = "{\"a\":\"" + std::string(object_scan_longest - 8, 'x') + "\"}";
  CHECK(longest.size() == object_scan_longest);
  CHECK(scans(longest));
  CHECK_FALSE(scans("{\"a\":\"" + std::string(object_scan_longest - 7, 'x') + "\"}"));
}

TEST_CASE("whatever the scan proves, the parser takes", "[object_scan]") {
  // Lines built from the pieces loggers write, then damaged: the scan may refuse a valid line
  // (NaN, deep nesting), never take an invalid one.
  const std::vector<std::string> pieces = {
      "{",        "}",    "[",  "]",    ",",      ":",  " ",    "\"",   "\\",        "\\u",       "d83d",
      "dc00",     "1",    "-",  ".",    "e",      "0",  "true", "null", "\"level\"", "\"error\"", "\xe4\xba\xac",
      "\xf0\x9f", "\x80", "\t", "\x01", "\"a\":", "NaN"};
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;
  auto pick = [&](std::size_t n) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<std::size_t>(state % n);
  };
  std::size_t taken = 0;
  for (int i = 0; i < 30000; ++i) {
    std::string line = "{";
    for (std::size_t n = pick(12), k = 0; k < n; ++k) line += pieces[pick(pieces.size())];
    line += "}";
    INFO(line);
    if (scans(line)) {
      ++taken;
      CHECK(parses(line));
    }
  }
  CHECK(taken > 100);  // else this tests nothing
}
