// -o logfmt and -o raw (message only), driven through the pipeline.
#include <catch2/catch.hpp>

#include "../support/pipeline_run.hpp"
#include "../support/render.hpp"

using namespace logmoji;
using test::pipeline_run;
using test::with_output;

namespace {

std::string logfmt(std::string_view line, redaction redact = redaction::none) {
  options o = with_output(output_kind::logfmt);
  pipeline_run run(o, logfmt_sink(redact));
  run.line(line);
  return run.text();
}

}  // namespace

TEST_CASE("logfmt: key=value in input order, strings quoted only when they must be", "[sink_logfmt]") {
  CHECK(logfmt(R"({"a":"plain","b":"two words","c":"","d":"k=v","e":"q\"","f":"back\\slash"})") ==
        R"(a=plain b="two words" c="" d="k=v" e="q\"" f="back\\slash")"
        "\n");
  CHECK(logfmt(R"({"tab":"x\ty","esc":"\u001b[2J","bidi":"\u202e"})") == R"(tab="x\ty" esc="\u001b[2J" bidi="\u202e")"
                                                                         "\n");
}

TEST_CASE("logfmt: scalars as written, containers as quoted compact JSON", "[sink_logfmt]") {
  CHECK(logfmt(R"({"n":1.50,"t":true,"z":null,"l":[1, "a"]})") == R"(n=1.50 t=true z=null l="[1,\"a\"]")"
                                                                  "\n");
  CHECK(logfmt(R"({"h":{"Authorization":"b","x":1}})") == R"(h="{\"Authorization\":\"b\",\"x\":1}")"
                                                          "\n");
  CHECK(logfmt(R"({"h":{"Authorization":"b","x":1}})", redaction::deep) ==
        R"(h="{\"Authorization\":\"[REDACTED]\",\"x\":1}")"
        "\n");
}

TEST_CASE("logfmt: keys are escaped, never raw", "[sink_logfmt]") {
  // A key that needs it is a JSON string, so the line parses back (and nothing raw gets out).
  CHECK(logfmt(R"({"k\u001bx":1})") == "\"k\\u001bx\"=1\n");
}

TEST_CASE("-o raw: the message alone, one line per event, controls escaped but tab", "[sink_logfmt]") {
  options o = with_output(output_kind::raw);
  pipeline_run run(o, message_sink());
  run.line(R"({"level":"info","msg":"hello","k":1})")
      .line(R"({"level":"info"})")
      .line(R"({"event":"a\tb\nc\u001b[31m"})");
  CHECK(run.text() == "hello\n\na\tb\\nc\\x1b[31m\n");
}

TEST_CASE("-o raw writes the message before enrichment decorated it", "[sink_logfmt]") {
  options o;
  o.sink.output = output_kind::raw;
  o.filter.queries = {"action = start"};  // a query makes the pipeline decorate
  pipeline_run run(o, message_sink());
  run.line(R"({"domain":"server","action":"start","event":"up"})");
  CHECK(run.text() == "up\n");
}
