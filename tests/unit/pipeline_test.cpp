// The per-line pipeline itself (src/pipeline.hpp): accounting, --strict, line reports, over-long
// lines, and the stage order filter -> decorate -> query -> field selection -> sink.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

#include "../support/pipeline_run.hpp"
#include "../support/render.hpp"

using namespace logmoji;
using test::pipeline_run;
using test::with_output;

namespace {

console_sink console_for(const options& o) { return console_sink(o.sink, false, run_redaction(o.enrich)); }

/// What `f` wrote to standard error (line reports go straight to the descriptor).
template <class F>
std::string stderr_of(F f) {
  std::FILE* tmp = std::tmpfile();
  REQUIRE(tmp);
  std::fflush(stderr);
  int saved = ::dup(STDERR_FILENO);
  ::dup2(::fileno(tmp), STDERR_FILENO);
  f();
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  std::string text;
  std::rewind(tmp);
  for (int c; (c = std::fgetc(tmp)) != EOF;) text.push_back(static_cast<char>(c));
  std::fclose(tmp);
  return text;
}

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

// Eight lines: two selected, one below the level, two blank, two raw (text, a JSON array), one
// invalid (over-long), the last without its newline.
const std::string mixed = std::string(R"({"level":"error","event":"kept"})") + "\n" +
                          R"({"level":"info","event":"below the level"})" + "\n" + "\n" + "   \n" + "not json\n" +
                          R"({"level":"error","event":")" + std::string(100, 'x') + "\"}\n" + "[1]\n" +
                          R"({"level":"warning","event":"last"})";

}  // namespace

TEST_CASE("every line is counted once: selected + filtered + invalid + raw + blank = lines", "[pipeline]") {
  options o = with_output(output_kind::json);
  o.filter.min_level = level_number::warning;
  o.source.max_line_size = 64;
  pipeline_run json(o, json_sink(o.sink));
  json.input(mixed);
  CHECK(json.counts().selected == 2);
  CHECK(json.counts().filtered == 1);
  CHECK(json.counts().blank == 2);
  CHECK(json.counts().invalid == 1);
  CHECK(json.counts().raw == 2);
  CHECK(json.counts().lines() == 8);
  CHECK(json.text() == R"({"level":"error","event":"kept"})"
                       "\n"
                       R"({"level":"warning","event":"last"})"
                       "\n");

  // The sink changes what is shown, never what is counted.
  o.sink.output = output_kind::pretty;
  pipeline_run console(o, console_for(o));
  console.input(mixed);
  CHECK(console.counts().selected == 2);
  CHECK(console.counts().filtered == 1);
  CHECK(console.counts().blank == 2);
  CHECK(console.counts().invalid == 1);
  CHECK(console.counts().raw == 2);
  // Two events and the cut line: the blank and raw lines after the hidden event go with it
  // (an invalid line in between does not change whose they are).
  CHECK(count_lines(console.text()) == 3);
  CHECK(console.counts().hidden == 4);
  CHECK(json.counts().hidden == 4);
}

TEST_CASE("--strict makes invalid and over-long lines a violation, nothing else", "[pipeline]") {
  for (bool strict : {false, true}) {
    options o = with_output(output_kind::json);
    o.strict = strict;
    o.filter.min_level = level_number::error;
    pipeline_run fine(o, json_sink(o.sink));
    fine.line(R"({"level":"info","event":"filtered"})").line("").line(R"({"level":"error","event":"e"})");
    CHECK_FALSE(fine.state().strict_violation);

    pipeline_run invalid(o, json_sink(o.sink));
    invalid.line("{broken");
    CHECK(invalid.state().strict_violation == strict);

    pipeline_run over_long(o, json_sink(o.sink));
    over_long.line(R"({"event":"cut here)", true);
    CHECK(over_long.state().strict_violation == strict);
    CHECK(over_long.counts().invalid == 1);
  }
}

TEST_CASE("collected line reports keep the first invalid_reports in order; the rest are counted", "[pipeline]") {
  pipeline_run run(with_output(output_kind::json), json_sink((with_output(output_kind::json)).sink), true);
  std::string err = stderr_of([&] {
    for (int i = 0; i < 15; ++i) run.line("bad " + std::to_string(i));
  });
  CHECK(err.empty());
  CHECK(run.counts().raw == 15);
  REQUIRE(run.state().reports.size() == invalid_reports);
  for (std::uint64_t i = 0; i < invalid_reports; ++i) CHECK(run.state().reports[i].line == i + 1);
  CHECK(run.state().reports[0].message.starts_with("invalid JSON ("));
  CHECK(run.state().reported == 0);
}

TEST_CASE("without collecting, line reports go to standard error at once, the first invalid_reports", "[pipeline]") {
  pipeline_run run(with_output(output_kind::json), json_sink((with_output(output_kind::json)).sink), false);
  std::string err = stderr_of([&] {
    for (int i = 0; i < 12; ++i) run.line("bad");
  });
  CHECK(run.counts().raw == 12);
  CHECK(run.state().reported == invalid_reports);
  CHECK(run.state().reports.empty());
  CHECK(count_lines(err) == invalid_reports);
  CHECK(err.starts_with("logmoji: test.jsonl:1: invalid JSON ("));
  CHECK(err.find("test.jsonl:10: ") != std::string::npos);
  CHECK(err.find("test.jsonl:11: ") == std::string::npos);
}

TEST_CASE("the console shows an invalid line raw instead of reporting it, unless --strict", "[pipeline]") {
  options o = test::plain_options();
  pipeline_run lenient(o, console_for(o));
  lenient.line("not json");
  CHECK(lenient.text() == "not json\n");
  CHECK(lenient.state().reports.empty());

  o.strict = true;
  pipeline_run strict(o, console_for(o));
  strict.line("not json");
  CHECK(strict.text() == "not json\n");
  REQUIRE(strict.state().reports.size() == 1);
  CHECK(strict.state().reports[0].line == 1);
}

TEST_CASE("an over-long line is one invalid line, always reported, its start shown raw", "[pipeline]") {
  options o = test::plain_options();
  o.source.max_line_size = 16;
  pipeline_run run(o, console_for(o));
  run.input(R"({"event":")" + std::string(40, 'a') + "\"}\n" + R"({"event":"next"})" + "\n");
  CHECK(run.counts().invalid == 1);
  CHECK(run.counts().selected == 1);
  REQUIRE(run.state().reports.size() == 1);
  CHECK(run.state().reports[0].line == 1);
  CHECK(run.state().reports[0].message ==
        "line longer than 16 bytes (--max-line-size); its start is shown as a raw line");
  CHECK(run.text() == R"({"event":"aaaaaa)"
                      "\nnext\n");

  // Machine outputs show no raw line, but the report stands.
  o.sink.output = output_kind::json;
  pipeline_run json(o, json_sink(o.sink));
  json.input(R"({"event":")" + std::string(40, 'a') + "\"}\n" + R"({"event":"next"})" + "\n");
  CHECK(json.text() == R"({"event":"next"})"
                       "\n");
  CHECK(json.state().reports.size() == 1);
}

TEST_CASE("filters see every field; field selection comes after them", "[pipeline]") {
  options o = with_output(output_kind::json);
  o.filter.min_level = level_number::warning;
  o.sink.hide = {"level"};
  pipeline_run run(o, json_sink(o.sink));
  run.line(R"({"level":"error","event":"a","n":1})").line(R"({"level":"info","event":"b"})");
  CHECK(run.text() == R"({"event":"a","n":1})"
                      "\n");
  CHECK(run.counts().filtered == 1);
}

TEST_CASE("a query sees the decorated event and the message as logged", "[pipeline]") {
  options o;  // enrichment on: the message gets markers and an emoji
  o.sink.output = output_kind::raw;
  o.filter.queries = {"message = up"};
  pipeline_run run(o, message_sink());
  run.line(R"({"logger_name":"x","domain":"server","action":"start","event":"up"})")
      .line(R"({"logger_name":"x","event":"down"})");
  CHECK(run.counts().selected == 1);
  CHECK(run.counts().filtered == 1);
  CHECK(run.text() == "up\n");
}

TEST_CASE("the plan runs the prefilter where its answers stand for the filter's", "[pipeline]") {
  auto prefilter_of = [](const options& o) {
    std::string error;
    auto p = plan::build(o, error);
    REQUIRE(p);
    return p->prefilter;
  };
  options o;
  o.sink.output = output_kind::json;
  o.filter.min_level = level_number::error;
  CHECK(prefilter_of(o).useful());
  CHECK(prefilter_of(o).may_select);  // -o json writes a selected line as read
  o.sink.keys = {"level"};
  CHECK_FALSE(prefilter_of(o).may_select);  // -k writes fields of the parsed event
  o.sink.keys.clear();
  o.sink.summary = summary_kind::count;
  o.filter.min_level = level_number::trace;
  CHECK(prefilter_of(o).may_select);
  o.sink.summary = summary_kind::none;
  o.sink.output = output_kind::pretty;
  CHECK_FALSE(prefilter_of(o).useful());  // nothing to decide: every level passes, every event is rendered
  o.sink.output = output_kind::json;
  o.filter.min_level = level_number::error;
  for (auto off : {+[](options& x) { x.filter.invert = true; }, +[](options& x) { x.filter.after = 1; },
                   +[](options& x) { x.source.input = input_format::docker; }}) {
    options changed = o;
    off(changed);
    CHECK_FALSE(prefilter_of(changed).useful());
  }
  ::setenv(plan::no_prefilter_variable, "1", 1);
  CHECK_FALSE(prefilter_of(o).useful());
  ::unsetenv(plan::no_prefilter_variable);
  CHECK(prefilter_of(o).useful());
}

TEST_CASE("a plan is not built from a query that does not compile", "[pipeline]") {
  options o;
  o.filter.queries = {"level >= "};
  std::string error, setting;
  CHECK_FALSE(plan::build(o, error, &setting));
  CHECK(setting == "query");
  CHECK(error.starts_with("--query: "));
}

TEST_CASE("machine outputs skip enrichment and masking unless a query or --grep needs them", "[pipeline]") {
  struct row {
    output_kind output;
    summary_kind summary;
    bool query;
    bool grep;
    bool decorate;
    bool sanitize;
  };
  for (const row& r : {row{output_kind::pretty, summary_kind::none, false, false, true, true},
                       row{output_kind::json_enriched, summary_kind::none, false, false, true, true},
                       row{output_kind::logfmt, summary_kind::none, false, false, true, true},
                       row{output_kind::json, summary_kind::none, false, false, false, false},
                       // -o raw shows the message masked (it did not unless -g or -q was given).
                       row{output_kind::raw, summary_kind::none, false, false, false, true},
                       row{output_kind::raw, summary_kind::count, false, false, false, false},
                       row{output_kind::pretty, summary_kind::count, false, false, false, false},
                       row{output_kind::json, summary_kind::none, true, false, true, true},
                       row{output_kind::json, summary_kind::none, false, true, false, true}}) {
    options o;
    o.sink.output = r.output;
    o.sink.summary = r.summary;
    if (r.grep) o.filter.grep = "x";
    if (r.query) o.filter.queries = {"level >= info"};
    std::string error;
    auto p = plan::build(o, error);
    REQUIRE(p);
    const pipeline_needs& n = p->needs;
    CHECK(n.decorate == r.decorate);
    CHECK(n.sanitize == r.sanitize);
    // Compiling the masking patterns is most of a short run's start-up: only sanitizing runs do.
    CHECK((p->masker != nullptr) == r.sanitize);
  }
  // Seen from outside: -o json -k shows the value as logged, -o json-enriched masks it.
  options o;
  o.sink.output = output_kind::json;
  o.sink.keys = {"cmd"};
  pipeline_run json(o, json_sink(o.sink));
  json.line(R"({"event":"e","cmd":"--token abc"})");
  CHECK(json.text() == R"({"cmd":"--token abc"})"
                       "\n");
  // ... also when a query had the pipeline mask and decorate it.
  o.filter.queries = {"event = e"};
  pipeline_run queried(o, json_sink(o.sink));
  queried.line(R"({"event":"e","cmd":"--token abc"})");
  CHECK(queried.text() == R"({"cmd":"--token abc"})"
                          "\n");
  o.filter.queries.clear();
  o.sink.output = output_kind::json_enriched;
  pipeline_run enriched(o, json_enriched_sink(redaction::deep));
  enriched.line(R"({"event":"e","cmd":"--token abc"})");
  CHECK(enriched.text() == R"({"cmd": "--token [MASKED]"})"
                           "\n");
}

TEST_CASE("blank lines: kept on the console, left out of machine outputs", "[pipeline]") {
  options o = test::plain_options();
  pipeline_run console(o, console_for(o));
  console.input("\n  \n");
  CHECK(console.text() == "\n\n");
  CHECK(console.counts().blank == 2);
  pipeline_run json(with_output(output_kind::json), json_sink((with_output(output_kind::json)).sink));
  json.input("\n  \n");
  CHECK(json.text().empty());
  CHECK(json.counts().blank == 2);
}

TEST_CASE("raw lines share the fate of the event before them; --raw decides before the first", "[pipeline]") {
  options o = test::plain_options();
  o.filter.min_level = level_number::error;
  o.filter.selection = true;
  const std::string log =
      "banner\n{\"level\":\"info\",\"event\":\"i\"}\nnoise\n{\"level\":\"error\",\"event\":\"e\"}\n"
      "Traceback\n\n{\"level\":\"info\",\"event\":\"j\"}\nmore noise\n";
  pipeline_run hide(o, console_for(o));
  hide.input(log);
  CHECK(hide.text() == "[error    ] e\nTraceback\n\n");
  CHECK(hide.counts().raw == 4);
  CHECK(hide.counts().hidden == 3);
  CHECK(hide.counts().lines() == 8);

  o.filter.raw = raw_mode::show;
  pipeline_run show(o, console_for(o));
  show.input(log);
  CHECK(show.text() == "banner\n[error    ] e\nTraceback\n\n");
  CHECK(show.counts().hidden == 2);

  o.filter.invert = true;
  pipeline_run inverted(o, console_for(o));
  inverted.input(log);
  CHECK(inverted.text() == "banner\n[info     ] i\nnoise\n[info     ] j\nmore noise\n");
  CHECK(inverted.counts().selected == 2);
}

TEST_CASE("a worker's block: raw lines before its first event are pending, in output ranges", "[pipeline]") {
  options o = test::plain_options();
  o.filter.min_level = level_number::error;
  pipeline_run run(o, console_for(o));
  auto& pipe = run.pipe();
  run_state state;
  pipe.process_block("x", "lead 1\n\nlead 2\n{\"level\":\"error\",\"event\":\"e\"}\ntail\n", false, 10, false, state);
  CHECK(run.text() == "lead 1\n\nlead 2\n[error    ] e\ntail\n");
  REQUIRE(pipe.pending().size() == 1);
  CHECK(pipe.pending()[0] == std::pair<std::size_t, std::size_t>{0, 15});
  CHECK(pipe.pending_lines() == 3);
  CHECK(pipe.verdict_at_end() == 1);

  run.clear_text();
  pipe.process_block("x", "only raw\n", false, 20, false, state);
  CHECK(pipe.pending_lines() == 1);
  CHECK(pipe.verdict_at_end() == -1);  // no event: the next block inherits the same owner

  run.clear_text();
  pipe.process_block("x", "{\"level\":\"info\",\"event\":\"i\"}\nhidden\n", true, 1, false, state);
  CHECK(run.text().empty());
  CHECK(pipe.pending().empty());
  CHECK(pipe.verdict_at_end() == 0);
}
