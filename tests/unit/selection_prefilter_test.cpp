#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "../support/prefilter_oracle.hpp"
#include "logmoji/level.hpp"
#include "logmoji/selection_prefilter.hpp"

using namespace logmoji;
using test::prefilter_oracle;

namespace {

filter_options level_at_least(int rank) {
  filter_options fo;
  fo.min_level = rank;
  fo.selection = true;
  return fo;
}

prefilter_verdict decide(const filter_options& fo, std::string_view line, bool may_select = false) {
  std::string error;
  auto f = event_filter::build(fo, error);
  prefilter_rules r = f->prefilter({}, false);
  r.may_select = r.may_select && may_select;
  selection_prefilter p(r);
  return p.decide(line);
}

constexpr auto unsure = prefilter_verdict::unsure;
constexpr auto rejected = prefilter_verdict::rejected;
constexpr auto selected = prefilter_verdict::selected;

// Lines on the prefilter's edges (tests/cli/prefilter.sh runs the same kinds through the CLI).
const std::vector<std::string> hostile = {
    R"({"level":"info","event":"a"})",
    R"({"lev\u0065l":"error"})",
    R"({"lev\u0065l":50})",
    R"({"level":"\u0065rror"})",
    R"({"level":" error "})",
    R"({"level":"error\n"})",
    "{\"level\":\"error\t\"}",
    R"({"level":"\u0020CRITICAL\t"})",
    R"({"level":"info","level":"error"})",
    R"({"level":"error","level":"info"})",
    R"({"log":{"level":"error"}})",
    R"({"log":{"level":50}})",
    R"({"log.level":50})",
    R"({"x":{"level":50}})",
    R"({"severityNumber":17})",
    R"({"severityNumber":"17"})",
    R"({"severityNumber":12})",
    R"({"level":{"levelStr":"ERROR","level":40000}})",
    R"({"level":{"name":"ERROR","no":40}})",
    R"({"level":"50"})",
    R"({"level":3})",
    R"({"level":7})",
    R"({"level":50.0})",
    R"({"level":5e1})",
    R"({"level":-3})",
    R"({"level":NaN})",
    R"({"level":"info","x":-Infinity})",
    R"({"level":"NOTSET"})",
    // Remembered level texts differ past their first word, or in their length alone.
    R"({"level":"emergency"})",
    R"({"level":"emergencz"})",
    R"({"level":"error          "})",
    R"({"level":"error           "})",
    R"({"level":"error            "})",
    R"({"level":"error"})",
    R"({"level":"errorerr"})",
    R"({"level":"errorerr "})",
    R"({"level":"n\u006ftset"})",
    R"({"@l":"Fatal"})",
    // Go's slog: a named level and an offset, ranked by a rule rather than found by name; under a
    // key other than "level" the sieve must let them through.
    R"({"lvl":"ERROR+4","msg":"x"})",
    R"({"severity":"WARN+2","msg":"x"})",
    R"({"lvl":"DEBUG-4","msg":"x"})",
    R"({"lvl":"info+6","msg":"x"})",
    R"({"lvl":"ERROR+1000000","msg":"x"})",
    R"({"lvl":"ERROR+00000004","msg":"x"})",  // more digits than an offset has: no slog level
    R"({"severity":"ERROR+0000004","msg":"x"})",
    R"({"level":"ERROR+4"})",
    R"({"level":"INFO+2"})",
    R"({"level":"DEBUG-4"})",
    // A family's own level key beside an application's "level" (field_roles.cpp): the family's
    // decides, in either order, with spaces before the colon, and not when it is another key.
    R"({"levelname":"INFO","message":"m","level":3})",
    R"({"level":3,"levelname":"INFO"})",
    R"({"levelname":"ERROR","level":"info"})",
    R"({"levelname" :"INFO","level":50})",
    R"({"@t":"2026-12-04T10:00:00Z","@l":"Information","level":"error"})",
    R"({"@t":"2026-12-04T10:00:00Z","level":"error","@l":"Information"})",
    R"({"@t":"2026-12-04T10:00:00Z","@lx":"Information","level":"error"})",
    R"({"levelnamex":"INFO","level":"error","lvl":"info"})",
    R"({"level":"info","l":"error","m":"x"})",
    R"({"l":"error","t":"2026-12-04T10:00:00Z","m":"x"})",
    R"({"l":"error","msg":"x"})",
    R"({"level":"error","l":"info"})",
    // Serilog's JsonFormatter and .NET's JSON console: their `Level` and `LogLevel` outrank an
    // application's "level" on their lines, and are no level elsewhere.
    R"({"Timestamp":"2024-05-01T10:00:00Z","Level":"Error","MessageTemplate":"m","level":"info"})",
    R"({"level":"info","Timestamp":"2024-05-01T10:00:00Z","Level":"Error","RenderedMessage":"m"})",
    R"({"level":"info","LogLevel":"Error","Category":"c","Message":"m"})",
    R"({"LogLevel":"Critical","Category":"c","level":"debug"})",
    R"({"LogLevel":"Error","Category":"c"})",
    R"({"level":"info","Level":"Error"})",
    R"({"Level":"Error","msg":"x"})",
    // Monolog: `level` is on its own scale (200 INFO, 400 ERROR), level_name says the level.
    R"({"message":"m","level":200,"level_name":"INFO","channel":"app"})",
    R"({"message":"m","level":400,"level_name":"ERROR","channel":"app"})",
    R"({"level_name":"DEBUG","channel":"app","level":100})",
    R"({"level":600,"level_name":"EMERGENCY","channel":"app"})",
    R"({"level":"error","level_name":"INFO"})",
    R"({"level":"error","channel":"INFO"})",
    R"({"level":"error"}{"x":1})",
    R"({"level":"error" x)",
    R"({"level":"info","x":tru})",
    R"({"level":"info","x":"\x"})",
    R"({"level":"info","x":"\ud800"})",
    R"({"level":"info","x":"\ud800\udc00"})",
    "{\"level\":\"info\",\"x\":\"\xff\"}",
    "{\"level\":\"info\",\"x\":\"a\x01b\"}",
    "{",
    "{}}",
    "{}",
    "42",
    "",
    "   ",
    R"(   {"level":"error"}   )",
    R"({"level":"info","n":01})",
    R"({"level":"info","n":-})",
    R"({"level":"info","n":-01})",
    R"({"level":"info","n":-.5})",
    R"({"level":"info","n":1.5e})",
    R"({"level":"info","n":1E+2,"m":-0.0e-0})",
    R"({"level":"info","n":1 2})",
    R"({"level":"info","n":12a})",
    R"({"level":"info","n":1-2})",
    R"({"level":"info","n":1.2.3})",
    R"({"level":"info","n":0x1})",
    "{\"level\":\"info\",\"n\":1\x01}",
    "{\"level\":\"info\",\"n\":12 \x01}",
    "{\"level\":\"info\",\"n\":7\t\r\n }",
    R"({"level":"info","n":1.})",
    R"({"level":"info",})",
    R"({"level":"info" "x":1})",
    R"({"level":"info":1})",
    R"({"level"})",
    R"({1:2})",
    R"({"a":[1,2,{"level":"error"}]})",
    R"({"level":"info","msg":"error"})",
    R"({"level":"info","n":-0.5e-3,"b":true,"z":null,"e":[],"o":{},"s":""})",
    R"({"level":"info","logger_name":"app.db"})",
    R"({"level":"info","logger":"ap\u0070.x"})",
    R"({"level":"info","name":"other"})",
    R"({"level":"info"}x)",
    R"({"level":"info","x":"y"z})",
    R"({"level":"info","x":"a string left open)",
    R"({"level":"info","x":"open", "y":)",
    "\t{\"level\":\"info\"}  \r",
    // The walk's inline tests: a plain number right before its separator, a key of "level"'s
    // length, "level" with a space before its colon or escaped.
    R"({"n":12 ,"level":"error"})",
    R"({"n":12,"level":"error","m":-0.25})",
    R"({"n":-0,"level":"error"})",
    R"({"n":2.,"level":"error"})",
    R"({"n":00,"level":"error"})",
    R"({"n":-,"level":"error"})",
    R"({"n":1e5,"level":"error"})",
    R"({"levex":"error","level":"info"})",
    R"({"level" :"error"})",
    R"({"level" :"info","level":"error"})",
    R"({"a":{"level":"error"},"level":"info"})",
    // Escapes checked without unescaping (one-byte ones) or by simdjson (\u): next to the quotes,
    // in runs, on both sides of a 32-byte step, after a valid one, in keys, and in a long string.
    R"({"level":"error","s":"\\"})",
    R"({"level":"error","s":"\\\\\\\""})",
    R"({"level":"error","s":"\"\\\/\b\f\n\r\t"})",
    R"({"level":"error","s":"\n\x"})",
    R"({"level":"error","s":"\n\u00e9\t"})",
    R"({"level":"error","s":"\n\u00g9"})",
    R"({"level":"error","s":"\ud83d\n"})",
    R"({"level":"error","s":"\ude00"})",
    R"({"level":"error","s":"0123456789012345678901234567890\n\t"})",
    R"({"level":"error","s":"012345678901234567890123456789\\\\x"})",
    R"({"level":"error","s":"01234567890123456789012345678901234567890123456789012345678901234\q"})",
    R"({"level":"error","s":"01234567890123456789012345678901234567890123456789012345678901234\/"})",
    R"({"level":"error","a\tb":1,"c\d":2})",
    R"({"level":"error","a\tb":1,"s":"\n","t":["\\","\e"]})",
    R"({"le\u0076el":"error","s":"x\ty"})",
};

// A small deterministic generator of event lines and of damage done to them.
class lines {
public:
  explicit lines(std::uint64_t seed) : state_(seed) {}

  std::string event() {
    static const std::vector<std::string> keys = {
        "level", "levelname", "severity",    "lvl",  "log.level", "@l", "severityText", "severityNumber", "event",
        "msg",   "logger",    "logger_name", "name", "pid",       "x",  "lev\\u0065l",  "level_name",     "channel"};
    std::string line = "{";
    for (std::size_t n = pick(6) + 1, i = 0; i < n; ++i) {
      if (i) line += pick(4) ? "," : ", ";
      line += '"' + keys[pick(keys.size())] + (pick(8) ? "\":" : "\" : ");
      line += value(0);
    }
    return line + "}";
  }

  // One of a few kinds of damage, or none.
  std::string damaged(std::string line) {
    static const std::string bytes = "{}[]:,\"\\ \tu0aeE-+.";
    for (std::size_t k = pick(3); k > 0 && !line.empty(); --k) {
      std::size_t at = pick(line.size());
      switch (pick(3)) {
        case 0: line[at] = bytes[pick(bytes.size())]; break;
        case 1: line.erase(at, 1); break;
        default: line.insert(at, 1, bytes[pick(bytes.size())]); break;
      }
    }
    return line;
  }

private:
  std::string value(int depth) {
    static const std::vector<std::string> strings = {
        "info",     "ERROR",           " error",     "Warning",        "crit", "emerg ", "notset",
        "NOTSET",   "fatal",           "err",        "app.db",         "api",  "app",    "\\u0065rror",
        "error\\n", "said \\\"no\\\"", "caf\\u00e9", "\\ud83d\\ude00", "",     "x y"};
    static const std::vector<std::string> numbers = {
        "0", "3", "7", "10", "30", "35", "50", "60", "17", "24", "-1", "1.5", "2e1", "40000", "12345678901234567890"};
    switch (depth < 3 ? pick(8) : pick(4)) {
      case 0:
      case 1: return '"' + strings[pick(strings.size())] + '"';
      case 2: return numbers[pick(numbers.size())];
      case 3: return pick(2) ? "true" : "null";
      case 4: return R"({"levelStr":")" + strings[pick(strings.size())] + R"(","level":40000})";
      case 5: return R"({"level":)" + value(depth + 1) + "}";
      case 6: return "[" + value(depth + 1) + "," + value(depth + 1) + "]";
      default: return R"({"name":)" + value(depth + 1) + R"(,"no":)" + numbers[pick(numbers.size())] + "}";
    }
  }

  std::size_t pick(std::size_t n) {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return static_cast<std::size_t>(state_ % n);
  }
  std::uint64_t state_;
};

// The filters the differential runs: -l error, -l warning --foundation, --count, --logger,
// --module-levels.
struct case_t {
  const char* name;
  filter_options fo;
  bool foundation;
  bool may_select;
};

std::vector<case_t> cases() {
  std::vector<case_t> out;
  out.push_back({"-l error", level_at_least(level_number::error), false, false});
  filter_options f = level_at_least(level_number::warning);
  f.rules = level_rules::foundation;
  out.push_back({"--foundation -l warning", f, true, false});
  out.push_back({"--count", filter_options{}, false, true});
  out.push_back({"--count -l notice", level_at_least(level_number::notice), false, true});
  out.push_back({"-o json -l error", level_at_least(level_number::error), false, true});
  out.push_back({"-o json --foundation -l warning", f, true, true});
  filter_options l;
  l.loggers = {"app"};
  out.push_back({"--logger app", l, false, false});
  filter_options m = level_at_least(level_number::critical);
  m.module_levels = {{"app", level_number::error}, {"api", level_number::emergency}};
  out.push_back({"--module-levels", m, false, false});
  return out;
}

}  // namespace

TEST_CASE("lines that cannot reach -l error are rejected, the others left to the parser", "[selection_prefilter]") {
  filter_options fo = level_at_least(level_number::error);
  CHECK(decide(fo, R"({"level":"info","event":"x"})") == rejected);
  CHECK(decide(fo, R"({"level":"warning","n":[1,{"a":null}],"t":true})") == rejected);
  CHECK(decide(fo, R"({"event":"no level at all"})") == rejected);
  CHECK(decide(fo, R"({"level":30})") == rejected);
  CHECK(decide(fo, R"({"level":"error"})") == unsure);
  CHECK(decide(fo, R"({"level":" Critical "})") == unsure);
  CHECK(decide(fo, R"({"level":"\u0065rror"})") == unsure);
  CHECK(decide(fo, R"({"lev\u0065l":50})") == unsure);
  CHECK(decide(fo, R"({"log":{"level":50}})") == unsure);
  CHECK(decide(fo, R"({"severityNumber":17})") == unsure);
  CHECK(decide(fo, R"({"level":3})") == unsure);  // syslog error
  CHECK(decide(fo, R"({"level":{"levelStr":"ERROR","level":40000}})") == unsure);
  CHECK(decide(fo, R"({"lvl":"ERROR+4"})") == unsure);  // slog: above error
}

// What a run keeps of `line` under `fo`: the prefilter's verdict where it gives one, else the
// full parse's and the filter's.
bool kept(const filter_options& fo, std::string_view line) {
  std::string error;
  auto f = event_filter::build(fo, error);
  selection_prefilter p(f->prefilter({}, false));
  if (prefilter_verdict v = p.decide(line); v != unsure) return v == selected;
  event_parser parser;
  event ev;
  if (parser.parse(line, ev).kind != line_kind::event) return false;
  ev.line = line;
  resolve_roles(ev, false);
  return f->accepts(ev);
}

// Monolog 2.9's lines (tests/loggers/monolog): `level` 200 is INFO on Monolog's scale, not
// critical on pino's; level_name says the level.
TEST_CASE("-l error keeps Monolog's ERROR and drops its INFO and NOTICE", "[selection_prefilter]") {
  filter_options fo = level_at_least(level_number::error);
  auto line = [](int number, const char* name) {
    return R"({"message":"m","context":{},"level":)" + std::to_string(number) + R"(,"level_name":")" + name +
           R"(","channel":"app","datetime":"2026-12-05T01:19:14.919079+00:00","extra":{}})";
  };
  CHECK(kept(fo, line(400, "ERROR")));
  CHECK(kept(fo, line(550, "ALERT")));
  CHECK_FALSE(kept(fo, line(200, "INFO")));
  CHECK_FALSE(kept(fo, line(250, "NOTICE")));
  CHECK_FALSE(kept(fo, line(300, "WARNING")));
  CHECK(decide(fo, line(400, "ERROR")) != rejected);
}

TEST_CASE("the prefilter leaves invalid, unusual and non-object lines to the parser", "[selection_prefilter]") {
  filter_options fo = level_at_least(level_number::error);
  for (const char* line : {"", "   ", "42", "[1]", "{", R"({"level":"info"}{})", R"({"level":"info",})",
                           R"({"level":"info","x":"\q"})", R"({"level":"info","x":NaN})", R"({"level":"info"} x)",
                           R"({"level":"info","n":01})", "{\"level\":\"info\",\"x\":\"\xff\"}"})
    CHECK(decide(fo, line) == unsure);
  std::string deep = R"({"level":"info","d":)" + std::string(100, '[') + std::string(100, ']') + "}";
  CHECK(decide(fo, deep) == unsure);
  std::string longest = R"({"level":"info","s":")" + std::string(selection_prefilter::max_line, 'y') + "\"}";
  CHECK(decide(fo, longest) == unsure);
}

TEST_CASE("--count selects valid events unparsed unless one could rank below the threshold", "[selection_prefilter]") {
  filter_options all;  // no -l: nothing ranks below it, a NOTSET event is counted too
  CHECK(decide(all, R"({"level":"info"})", true) == selected);
  CHECK(decide(all, R"({"x":{"y":[1,2,"notset"]}})", true) == selected);
  CHECK(decide(all, R"({"level":"notset"})", true) == selected);
  filter_options trace = level_at_least(level_number::trace);
  CHECK(decide(trace, R"({"x":{"y":[1,2,"notset"]}})", true) == unsure);
  CHECK(decide(trace, R"({"level":"notset"})", true) == rejected);
  CHECK(decide(all, R"({"level":"info"})", false) == unsure);  // not a count: the event is needed
  CHECK(decide(all, R"({"level":"info",)", true) == unsure);
  filter_options logger;
  logger.loggers = {"app"};
  CHECK(decide(logger, R"({"level":"info","logger":"app.x"})", true) == unsure);
}

TEST_CASE("a line's one top-level \"level\" member decides it both ways", "[selection_prefilter]") {
  filter_options fo = level_at_least(level_number::error);
  CHECK(decide(fo, R"({"level":"error","event":"x"})", true) == selected);
  CHECK(decide(fo, R"({"event":"x","level" : 50,"n":[1,{"a":null}]})", true) == selected);
  CHECK(decide(fo, R"({"level":"info","event":"error"})") == rejected);  // the tokens alone: unsure
  CHECK(decide(fo, R"({"level":"info","x":{"level":"error"}})") == rejected);
  CHECK(decide(fo, R"({"level":"error"})") == unsure);  // not a selection that may skip the parse
  // Where roles could take another member, or the text needs unescaping: the tokens decide.
  CHECK(decide(fo, R"({"level":"error","level":"info"})", true) == unsure);
  CHECK(decide(fo, R"({"level":"info","level":"error"})", true) == unsure);
  CHECK(decide(fo, R"({"level":"error","lev\u0065l":"info"})", true) == unsure);
  CHECK(decide(fo, R"({"level":"\u0065rror"})", true) == unsure);
  CHECK(decide(fo, R"({"level":{"name":"ERROR","no":40}})", true) == unsure);
  CHECK(decide(fo, R"({"level":null,"severity":"error"})", true) == unsure);
  CHECK(decide(fo, R"({"level":null,"severity":"info"})", true) == rejected);
  CHECK(decide(fo, R"({"level":"error","x":01})", true) == unsure);  // invalid
  // The user's level fields come first: the member alone decides nothing.
  std::string error;
  auto f = event_filter::build(fo, error);
  prefilter_rules r = f->prefilter({"sev"}, false);
  selection_prefilter p(r);
  CHECK(p.decide(R"({"sev":"info","level":"error"})") == unsure);
}

TEST_CASE("--logger rejects lines with no string starting with a prefix", "[selection_prefilter]") {
  filter_options fo;
  fo.loggers = {"app"};
  CHECK(decide(fo, R"({"logger":"web","event":"x"})") == rejected);
  CHECK(decide(fo, R"({"logger":"app.db"})") == unsure);
  CHECK(decide(fo, R"({"logger":"ap\u0070.db"})") == unsure);
  fo.loggers = {"app", ""};  // an empty prefix takes every event
  CHECK(decide(fo, R"({"logger":"web"})") == unsure);
}

TEST_CASE("a number under a user's level field is ranked, however long its name", "[selection_prefilter]") {
  std::string key(70, 'k');
  std::string error;
  auto f = event_filter::build(level_at_least(level_number::error), error);
  selection_prefilter p(f->prefilter({key}, false));
  CHECK(p.decide("{\"" + key + "\":50}") == unsure);
  CHECK(p.decide("{\"" + key + "\":30}") == rejected);
  CHECK(p.decide("{\"" + key + "x\":50}") == rejected);
}

TEST_CASE("the keys a numeric level may sit under", "[selection_prefilter]") {
  auto keys = numeric_level_keys({"meta.sev"});
  for (const char* k : {"level", "log.level", "severityNumber", "meta.sev", "sev"})
    CHECK(std::find(keys.begin(), keys.end(), k) != keys.end());
}

TEST_CASE("every prefilter verdict agrees with the full parse and filter", "[selection_prefilter]") {
  for (auto& c : cases()) {
    INFO(c.name);
    prefilter_oracle oracle(c.fo, c.foundation, c.may_select);
    for (const auto& line : hostile) {
      INFO(line);
      CHECK(oracle.check(line).empty());
    }
    lines gen(0x9e3779b97f4a7c15ULL);
    for (int i = 0; i < 4000; ++i) {
      std::string line = gen.event();
      std::string bad = gen.damaged(line);
      INFO(line);
      INFO(bad);
      CHECK(oracle.check(line).empty());
      CHECK(oracle.check(bad).empty());
    }
    // Each case gives certain answers, else it would test nothing.
    CHECK(oracle.verdicts()[static_cast<int>(unsure)] > 0);
    CHECK(oracle.verdicts()[static_cast<int>(rejected)] + oracle.verdicts()[static_cast<int>(selected)] > 100);
  }
}

TEST_CASE("verdicts from the block's structural index are the line's own", "[selection_prefilter]") {
  for (auto& c : cases()) {
    INFO(c.name);
    prefilter_oracle oracle(c.fo, c.foundation, c.may_select);
    // The edge cases in one block: an open string, a bad byte or a raw line between events.
    std::string text;
    for (const auto& line : hostile) text += line + "\n";
    CHECK(oracle.check_block(text).empty());
    CHECK(oracle.check_block(text.substr(0, text.size() - 1)).empty());
    // Generated blocks of damaged and whole lines, each line also decided alone.
    lines gen(0x2545f4914f6cdd1dULL);
    for (int b = 0; b < 200; ++b) {
      std::string block;
      for (int i = 0; i < 20; ++i) {
        std::string line = gen.event();
        block += (i % 3 == 2 ? gen.damaged(line) : line) + "\n";
      }
      INFO(block);
      CHECK(oracle.check_block(block).empty());
    }
    CHECK(oracle.block_verdicts()[static_cast<int>(unsure)] > 0);
    CHECK(oracle.block_verdicts()[static_cast<int>(rejected)] + oracle.block_verdicts()[static_cast<int>(selected)] >
          100);
  }
}
