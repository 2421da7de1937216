#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "logmoji/envelope.hpp"
#include "logmoji/input_labels.hpp"

using namespace logmoji;

namespace {

// What the stage made of one line: the event texts, and "!problem|shown" for rejected items.
// An input's name: the stage tells inputs apart by the view's bytes, as each source names itself.
constexpr std::string_view in = "in";

std::vector<std::string> unwrap(envelope_stage& stage, std::string_view line, std::uint64_t number = 1,
                                std::string_view name = in) {
  std::vector<std::string> out;
  if (!stage.unwrap(name, line, number)) return {"(as it is)"};
  for (const auto& item : stage.items())
    out.push_back(item.problem.empty() ? std::string(item.text)
                                       : "!" + std::string(item.problem) + "|" + std::string(item.shown));
  return out;
}

using texts = std::vector<std::string>;
constexpr std::size_t cap = 1 << 20;

}  // namespace

TEST_CASE("plain JSON lines pass as they are, look-alikes included", "[envelope]") {
  envelope_stage stage(input_format::automatic, cap);
  CHECK(unwrap(stage, R"({"level":"info","msg":"x"})") == texts{"(as it is)"});
  CHECK(unwrap(stage, R"({"log":"x","level":"error"})") == texts{"(as it is)"});
  CHECK(unwrap(stage, R"({"text":"hi","record":1})") == texts{"(as it is)"});
  CHECK(unwrap(stage, R"({"MESSAGE":"no journal time"})") == texts{"(as it is)"});
  CHECK(unwrap(stage, "not json at all") == texts{"(as it is)"});
  CHECK(unwrap(stage, "") == texts{"(as it is)"});
}

TEST_CASE("a Docker record split at 16 KiB is joined; the record's time fills a missing one", "[envelope]") {
  envelope_stage stage(input_format::automatic, cap);
  CHECK(unwrap(stage, R"({"log":"{\"msg\":\"a","stream":"stdout","time":"2024-05-01T10:00:00Z"})", 1).empty());
  CHECK(unwrap(stage, R"({"log":"b\"}\n","stream":"stdout","time":"2024-05-01T10:00:01Z"})", 2) ==
        texts{R"({"msg":"ab","time":"2024-05-01T10:00:00Z","stream":"stdout"})"});
}

TEST_CASE("a split that is not continued is shown raw, then the next line is read", "[envelope]") {
  envelope_stage stage(input_format::automatic, cap);
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout P {\"msg\":", 1).empty());
  auto out = unwrap(stage, R"({"level":"info"})", 2);
  REQUIRE(out.size() == 2);
  CHECK(out[0] == "!CRI partial (P) line without its final (F) part|{\"msg\":");
  CHECK(out[1] == R"({"level":"info"})");
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout P {\"msg\":", 3).empty());
  REQUIRE(stage.finish(in));
  CHECK(stage.items().front().line == 3);
  CHECK_FALSE(stage.finish(in));
}

TEST_CASE("splits are joined per input (--merge, -f interleave inputs)", "[envelope]") {
  envelope_stage stage(input_format::cri, cap);
  const std::string one = "one", two = "two";  // each input's one view of its name
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout P {\"a\":", 1, one).empty());
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout P {\"b\":", 1, two).empty());
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout F 1}", 2, two) ==
        texts{R"({"b":1,"time":"2024-05-01T10:00:00Z","stream":"stdout"})"});
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout F 2}", 2, one) ==
        texts{R"({"a":2,"time":"2024-05-01T10:00:00Z","stream":"stdout"})"});
}

TEST_CASE("two inputs of one name keep their splits apart (--merge a.log a.log)", "[envelope]") {
  envelope_stage stage(input_format::cri, cap);
  const std::string first = "a.log", second = "a.log";
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout P {\"a\":", 1, first).empty());
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout P {\"a\":", 1, second).empty());
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout F 1}", 2, first) ==
        texts{R"({"a":1,"time":"2024-05-01T10:00:00Z","stream":"stdout"})"});
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout F 2}", 2, second) ==
        texts{R"({"a":2,"time":"2024-05-01T10:00:00Z","stream":"stdout"})"});
  CHECK_FALSE(stage.finish(first));
  CHECK_FALSE(stage.finish(second));
}

TEST_CASE("a joined line longer than the cap is cut and shown raw", "[envelope]") {
  envelope_stage stage(input_format::cri, 10);
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout P 0123456", 1).empty());
  auto out = unwrap(stage, "2024-05-01T10:00:00Z stdout F 789abc", 2);
  REQUIRE(out.size() == 1);
  CHECK(out[0] == "!split line longer than --max-line-size|0123456789");
}

TEST_CASE("logfmt: auto wants identifier keys, pairs only and two of them; --input logfmt less", "[envelope]") {
  envelope_stage automatic(input_format::automatic, cap);
  CHECK(unwrap(automatic, R"(ts=1 level=info msg="a \"b\"\tc" n=3 ok=true e=)") ==
        texts{R"({"ts":1,"level":"info","msg":"a \"b\"\tc","n":3,"ok":true,"e":""})"});
  CHECK(unwrap(automatic, "single=pair") == texts{"(as it is)"});
  CHECK(unwrap(automatic, "word a=1 b=2") == texts{"(as it is)"});
  CHECK(unwrap(automatic, R"(a=1 b="open)") == texts{"(as it is)"});
  CHECK(unwrap(automatic, "a=1 b=x=y") == texts{"(as it is)"});
  envelope_stage logfmt(input_format::logfmt, cap);
  CHECK(unwrap(logfmt, "single=pair flag") == texts{R"({"single":"pair","flag":true})"});
  CHECK(unwrap(logfmt, R"(m="\u00e9\x41\q")") == texts{"{\"m\":\"\xc3\xa9"
                                                       "A\\\\q\"}"});
  CHECK(unwrap(logfmt, "{\"json\":1}") == texts{"!not a logfmt line|{\"json\":1}"});
  // A UTF-16 surrogate pair is one character; a surrogate alone stays as written (it was U+FFFD).
  CHECK(unwrap(logfmt, R"(m="\ud83d\ude00")") == texts{"{\"m\":\"\xF0\x9F\x98\x80\"}"});
  CHECK(unwrap(logfmt, R"(m="\ud800 \ude00")") == texts{R"({"m":"\\ud800 \\ude00"})"});
  CHECK(unwrap(logfmt, R"(m="\U0000D800 \U00110000")") == texts{R"({"m":"\\U0000D800 \\U00110000"})"});
}

TEST_CASE("OTLP: any value, int64 strings, severity numbers, resource attributes", "[envelope]") {
  envelope_stage stage(input_format::automatic, cap);
  auto out = unwrap(stage, R"({"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":)"
                           R"({"stringValue":"svc"}},{"key":"host","value":{"stringValue":"h"}}]},"scopeLogs":[{)"
                           R"("logRecords":[{"observedTimeUnixNano":"1714557600000000001","severityNumber":18,)"
                           R"("body":{"arrayValue":{"values":[{"intValue":"9007199254740993"},{}]}},)"
                           R"("attributes":[{"key":"k","value":{"kvlistValue":{"values":[{"key":"x",)"
                           R"("value":{"boolValue":false}}]}}}],"traceId":"abc"},{}]}]}]})");
  REQUIRE(out.size() == 2);
  CHECK(out[0] == R"({"time":"2024-05-01T10:00:00.000000001Z","level":"error","logger":"svc",)"
                  R"("body":[9007199254740993,null],"k":{"x":false},"trace_id":"abc","resource":{"host":"h"}})");
  CHECK(out[1] == R"({"logger":"svc","resource":{"host":"h"}})");
}

TEST_CASE("the parallel reader keeps split lines with their continuation", "[envelope]") {
  CHECK(envelope_may_continue(input_format::automatic, "2024-05-01T10:00:00Z stdout P part"));
  CHECK(envelope_may_continue(input_format::automatic, "2024-05-01T10:00:00Z stdout P:x part"));  // tags after a colon
  CHECK_FALSE(envelope_may_continue(input_format::automatic, "2024-05-01T10:00:00Z stdout F part"));
  CHECK(envelope_may_continue(input_format::automatic, R"({"log":"part","stream":"stdout","time":"t"})"));
  CHECK_FALSE(envelope_may_continue(input_format::automatic, R"({"log":"end\n","stream":"stdout","time":"t"})"));
  CHECK_FALSE(envelope_may_continue(input_format::json, "2024-05-01T10:00:00Z stdout P part"));
  CHECK_FALSE(envelope_may_continue(input_format::docker, "2024-05-01T10:00:00Z stdout P part"));
  CHECK_FALSE(envelope_may_continue(input_format::automatic, R"({"level":"info"})"));
  // A line the stage reads without its marks (a BOM where files were joined, json-seq's RS) is
  // told the same way (the render fuzzer found a BOM before a CRI part ending a block).
  CHECK(envelope_may_continue(input_format::automatic,
                              "\xEF\xBB\xBF"
                              "2024-05-01T10:00:00Z stdout P part"));
  CHECK(envelope_may_continue(input_format::automatic,
                              "\x1e\x1e"
                              R"({"log":"part","stream":"stdout","time":"t"})"));
  // The text a part adds, as the stage measures it against --max-line-size: the decoded log, the
  // CRI text after the tag word.
  CHECK(continuing_part_size(input_format::automatic, R"({"log":"a\"b\u00e9","stream":"stdout","time":"t"})") == 5);
  CHECK(continuing_part_size(input_format::automatic, "2024-05-01T10:00:00Z stdout P:x two words") == 9);
  CHECK(continuing_part_size(input_format::automatic, "2024-05-01T10:00:00Z stdout P") == 0);
  CHECK_FALSE(continuing_part_size(input_format::automatic, "2024-05-01T10:00:00Z stdout F end").has_value());
  envelope_stage stage(input_format::automatic, cap);
  CHECK(unwrap(stage,
               "\xEF\xBB\xBF"
               "2024-05-01T10:00:00Z stdout P {\"a\":",
               1)
            .empty());
}

TEST_CASE("a Docker part is told by its decoded log and read_docker's shape", "[envelope]") {
  auto waits = [](std::string_view line, input_format f = input_format::automatic) {
    return envelope_may_continue(f, line);
  };
  // Any spacing; an escaped backslash before n is no newline, \u000a is one.
  CHECK(waits(R"( { "log" : "part" , "stream" : "stdout" , "time" : "t" } )"));
  CHECK(waits(R"({"log":"trace\\n","stream":"stdout","time":"t"})"));
  CHECK_FALSE(waits(R"({"log":"end\\\n","stream":"stdout","time":"t"})"));
  CHECK_FALSE(waits(R"({"log":"end\u000A","stream":"stdout","time":"t"})"));
  CHECK(waits(R"({"log":"x\\u000a","stream":"stdout","time":"t"})"));
  CHECK(waits(R"({"log":"part","stream":"stdout","time":"t","attrs":{"k":"}"}})"));
  // The last of a key given twice counts, as the parse keeps it.
  CHECK(waits(R"({"log":1,"stream":"stdout","time":"t","log":"part"})"));
  CHECK_FALSE(waits(R"({"log":"part","stream":"stdout","time":"t","log":1})"));
  // No Docker record: an application's own object, or the wrong kinds.
  CHECK_FALSE(waits(R"({"log":"request handled","level":"info"})"));
  CHECK_FALSE(waits(R"({"log":"part","stream":1,"time":"t"})"));
  CHECK_FALSE(waits(R"({"log":"part","stream":"stdout"})"));
  CHECK_FALSE(waits(R"({"log":"part","stream":"stdout","time":"t","attrs":[]})"));
  CHECK_FALSE(waits(R"({"log":"part","stream":"stdout","time":"t")"));
  CHECK_FALSE(waits(R"({"log":"unterminated)"));
  // Under --input docker the keys come in any order; in auto the first must be log.
  CHECK(waits(R"({"stream":"stdout","log":"part","time":"t"})", input_format::docker));
  CHECK_FALSE(waits(R"({"stream":"stdout","log":"part","time":"t"})"));
}

namespace {

// The level an envelope gave the one event of `line`, as its text shows it.
std::string level_of(envelope_stage& stage, const std::string& line) {
  auto out = unwrap(stage, line);
  REQUIRE(out.size() == 1);
  auto at = out[0].find(R"("level":")");
  if (at == std::string::npos) return "(none)";
  at += 9;
  return out[0].substr(at, out[0].find('"', at) - at);
}

std::string journald(std::string_view priority) {
  return R"({"__REALTIME_TIMESTAMP":"1714557600000000","MESSAGE":"m","PRIORITY":")" + std::string(priority) + "\"}";
}

std::string otlp(std::string_view number) {
  return R"({"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":)" + std::string(number) + "}]}]}]}";
}

}  // namespace

TEST_CASE("journald PRIORITY and OTLP severityNumber take the level table's names", "[envelope]") {
  envelope_stage stage(input_format::automatic, cap);
  const char* syslog[] = {"emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"};
  for (int p = 0; p < 8; ++p) CHECK(level_of(stage, journald(std::to_string(p))) == syslog[p]);
  CHECK(level_of(stage, journald("8")) == "(none)");
  CHECK(level_of(stage, journald("12")) == "(none)");
  CHECK(level_of(stage, journald("-1")) == "(none)");
  CHECK(level_of(stage, journald("x")) == "(none)");
  CHECK(level_of(stage, otlp("1")) == "trace");
  CHECK(level_of(stage, otlp("4")) == "trace");
  CHECK(level_of(stage, otlp("5")) == "debug");
  CHECK(level_of(stage, otlp("\"12\"")) == "info");
  CHECK(level_of(stage, otlp("13")) == "warning");
  CHECK(level_of(stage, otlp("20")) == "error");
  CHECK(level_of(stage, otlp("24")) == "critical");
  CHECK(level_of(stage, otlp("25")) == "(none)");
  CHECK(level_of(stage, otlp("0")) == "(none)");
}

TEST_CASE("a prefix's source: the event's last member, named apart from the event's own source", "[envelope]") {
  envelope_stage stage(input_format::automatic, cap);
  auto one = [&](std::string_view line) {
    REQUIRE(stage.unwrap(in, line, 1));
    REQUIRE(stage.items().size() == 1);
    return stage.items()[0];
  };
  auto item = one(R"(web-1  | {"msg":"m"})");
  CHECK(item.text == R"({"msg":"m","source":"web-1"})");
  CHECK(item.source == "web-1");
  CHECK(item.source_key == "source");
  item = one(R"(web-1  | {"msg":"m","source":"own"})");
  CHECK(item.text == R"({"msg":"m","source":"own","source_prefix":"web-1"})");
  CHECK(item.source == "web-1");
  CHECK(item.source_key == "source_prefix");
  item = one(R"([pod/a/b] {"msg":"m"})");
  CHECK(item.source == "[pod/a/b]");
  item = one(R"(2024-05-01T10:00:00Z {"msg":"m"})");
  CHECK(item.source.empty());
  CHECK(item.source_key.empty());
  item = one(R"({"log":"{\"msg\":\"m\"}\n","stream":"stdout","time":"2024-05-01T10:00:00Z"})");
  CHECK(item.source.empty());
}

TEST_CASE("the source column: escaped, padded as its producer padded it, whatever came before", "[envelope]") {
  source_column column(false);
  CHECK(column.label("web-1", 0) == "web-1 \u2502 ");
  CHECK(column.label("web-1", 9) == "web-1     \u2502 ");
  CHECK(column.label("worker-12", 9) == "worker-12 \u2502 ");
  CHECK(column.label("web-1", 0) == "web-1 \u2502 ");
  CHECK(column.label("a\x1b[2J", 0) == "a\\x1b[2J \u2502 ");
  // Past the sources it keeps, a label is still right, built anew each time.
  for (int i = 0; i < 100; ++i) {
    std::string name = "s" + std::to_string(i);
    CHECK(column.label(name, 4) == name + std::string(4 - name.size(), ' ') + " \u2502 ");
  }
  CHECK(column.label("web-1", 9) == "web-1     \u2502 ");
  // The colour is the name's: the same in a fresh column (another thread) as in a used one.
  source_column coloured(true), fresh(true);
  std::string web(coloured.label("web-1", 0));
  coloured.label("db", 0);
  CHECK(std::string(fresh.label("db", 0)) == std::string(coloured.label("db", 0)));
  CHECK(std::string(fresh.label("web-1", 0)) == web);
  CHECK(web.starts_with("\x1b["));
  CHECK(web.ends_with("web-1\x1b[0m \u2502 "));
}

TEST_CASE("compose: the source's width is the one compose padded it to", "[envelope]") {
  envelope_stage stage(input_format::automatic, cap);
  REQUIRE(stage.unwrap(in, R"(web-1     | {"msg":"m"})", 1));
  CHECK(stage.items()[0].source_width == 9);
  REQUIRE(stage.unwrap(in, R"([pod/a/b] {"msg":"m"})", 2));
  CHECK(stage.items()[0].source_width == 0);
}
