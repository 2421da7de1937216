// -o json and -o json-enriched, driven through the pipeline with the options that choose them.
#include <catch2/catch.hpp>

#include "../support/pipeline_run.hpp"
#include "../support/render.hpp"

using namespace logmoji;
using test::pipeline_run;

namespace {

options json_options() {
  options o;
  o.sink.output = output_kind::json;
  return o;
}

options enriched_options() {
  options o;
  o.sink.output = output_kind::json_enriched;
  o.enrich.logger_emoji = logger_emoji_mode::off;
  o.enrich.markers = false;
  return o;
}

}  // namespace

TEST_CASE("-o json writes each selected line exactly as read", "[sink_json]") {
  pipeline_run run(json_options(), json_sink((json_options()).sink));
  std::string_view line = R"({ "b" : 1.50 , "a":"caf\u00e9", "cmd":"--token abc" })";
  run.line(line);
  std::string expected(line);
  expected += '\n';
  CHECK(run.text() == expected);
}

TEST_CASE("-o json with -k or -x re-serialises the kept fields, compact, in input order", "[sink_json]") {
  options o = json_options();
  o.sink.keys = {"c, a"};
  pipeline_run keep(o, json_sink(o.sink));
  keep.line(R"({"a": 1.50, "b": 2, "c": {"d": [true, null]}, "level": "info"})");
  CHECK(keep.text() == R"({"a":1.50,"c":{"d":[true,null]}})"
                       "\n");

  o = json_options();
  o.sink.hide = {"b"};
  pipeline_run hide(o, json_sink(o.sink));
  hide.line(R"({"a":"x\ty","b":2,"esc":"\u001b[31m"})");
  CHECK(hide.text() == R"({"a":"x\ty","esc":"\u001b[31m"})"
                       "\n");
}

TEST_CASE("-o json-enriched: foundation's separators, no logger_name or exc_info, secrets hidden", "[sink_json]") {
  options o = enriched_options();
  pipeline_run run(o, json_enriched_sink(run_redaction(o.enrich)));
  run.line(R"({"timestamp":"t","logger_name":"app","level":"info","event":"e","exc_info":true,)"
           R"("h":{"token":"s","n":1},"cmd":"--token abc"})");
  CHECK(run.text() == R"({"timestamp": "t", "level": "info", "event": "e", "h": {"token": "[REDACTED]", "n": 1}, )"
                      R"("cmd": "--token [MASKED]"})"
                      "\n");
}

// A string exc_info is python-json-logger's traceback: it vanished from -o json-enriched (issue 12).
TEST_CASE("-o json-enriched keeps exc_info outside --foundation", "[sink_json]") {
  options o = enriched_options();
  pipeline_run run(o, json_enriched_sink(run_redaction(o.enrich), false));
  run.line(R"({"message":"e","exc_info":"Traceback\nE: x"})");
  CHECK(run.text() == R"({"message": "e", "exc_info": "Traceback\nE: x"})"
                      "\n");
}

TEST_CASE("-o json-enriched writes the enriched message", "[sink_json]") {
  options o = enriched_options();
  o.enrich.markers = true;
  pipeline_run run(o, json_enriched_sink(run_redaction(o.enrich)));
  run.line(R"({"domain":"server","action":"start","event":"up"})");
  const std::string& out = run.text();
  CHECK(out.starts_with(R"({"domain": "server", "action": "start", "event": "[)"));
  CHECK(out.ends_with(R"(] up"})"
                      "\n"));
}

TEST_CASE("raw and blank lines never reach JSON output", "[sink_json]") {
  std::string_view input = "not json\n\n[1]\n{}\n";
  pipeline_run json(json_options(), json_sink((json_options()).sink));
  json.input(input);
  CHECK(json.text() == "{}\n");
  options o = enriched_options();
  pipeline_run enriched(o, json_enriched_sink(redaction::deep));
  enriched.input(input);
  CHECK(enriched.text() == "{}\n");
  CHECK(enriched.counts().raw == 2);  // not JSON: raw lines, left out of JSON output
  CHECK(enriched.counts().blank == 1);
}
