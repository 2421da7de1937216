#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "logmoji/envelope.hpp"

using namespace logmoji;

namespace {

// What the stage made of one line: the event texts, and "!problem|shown" for rejected items.
std::vector<std::string> unwrap(envelope_stage& stage, std::string_view line, std::uint64_t number = 1,
                                std::string_view name = "in") {
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
  REQUIRE(stage.finish("in"));
  CHECK(stage.items().front().line == 3);
  CHECK_FALSE(stage.finish("in"));
}

TEST_CASE("splits are joined per input (--merge, -f interleave inputs)", "[envelope]") {
  envelope_stage stage(input_format::cri, cap);
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout P {\"a\":", 1, "one").empty());
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout P {\"b\":", 1, "two").empty());
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout F 1}", 2, "two") ==
        texts{R"({"b":1,"time":"2024-05-01T10:00:00Z","stream":"stdout"})"});
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout F 2}", 2, "one") ==
        texts{R"({"a":2,"time":"2024-05-01T10:00:00Z","stream":"stdout"})"});
}

TEST_CASE("a joined line longer than the cap is cut and shown raw", "[envelope]") {
  envelope_stage stage(input_format::cri, 10);
  CHECK(unwrap(stage, "2024-05-01T10:00:00Z stdout P 0123456", 1).empty());
  auto out = unwrap(stage, "2024-05-01T10:00:00Z stdout F 789abc", 2);
  REQUIRE(out.size() == 1);
  CHECK(out[0] == "!split line longer than --max-line-size; its start is shown as a raw line|0123456789");
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
  CHECK(out[0] == R"({"time":"2024-05-01T10:00:00.000000001Z","level":"ERROR","logger":"svc",)"
                  R"("body":[9007199254740993,null],"k":{"x":false},"trace_id":"abc","resource":{"host":"h"}})");
  CHECK(out[1] == R"({"logger":"svc","resource":{"host":"h"}})");
}

TEST_CASE("the parallel reader keeps split lines with their continuation", "[envelope]") {
  CHECK(envelope_may_continue(input_format::automatic, "2024-05-01T10:00:00Z stdout P part"));
  CHECK_FALSE(envelope_may_continue(input_format::automatic, "2024-05-01T10:00:00Z stdout F part"));
  CHECK(envelope_may_continue(input_format::automatic, R"({"log":"part","stream":"stdout","time":"t"})"));
  CHECK_FALSE(envelope_may_continue(input_format::automatic, R"({"log":"end\n","stream":"stdout","time":"t"})"));
  CHECK_FALSE(envelope_may_continue(input_format::json, "2024-05-01T10:00:00Z stdout P part"));
  CHECK_FALSE(envelope_may_continue(input_format::docker, "2024-05-01T10:00:00Z stdout P part"));
  CHECK_FALSE(envelope_may_continue(input_format::automatic, R"({"level":"info"})"));
}
