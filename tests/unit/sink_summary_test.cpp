// -c/--count, --quiet and --stats, driven through the pipeline.
#include <catch2/catch.hpp>

#include "../support/pipeline_run.hpp"
#include "../support/render.hpp"

using namespace logmoji;
using test::pipeline_run;

namespace {

options with_summary(summary_kind kind) {
  options o = test::plain_options();
  o.sink.summary = kind;
  o.sink.zone = naive_zone::utc;
  o.filter.zone = naive_zone::utc;
  return o;
}

}  // namespace

TEST_CASE("--count writes nothing per event, then the number selected", "[sink_summary]") {
  options o = with_summary(summary_kind::count);
  o.filter.min_level = level_number::warning;
  pipeline_run run(o, count_sink());
  run.line(R"({"level":"error"})").line(R"({"level":"info"})").line("junk").line("").line(R"({"level":"warning"})");
  CHECK(run.text().empty());
  run.finish();
  CHECK(run.text() == "2\n");

  pipeline_run none(o, count_sink());
  none.line(R"({"level":"info"})").finish();
  CHECK(none.text() == "0\n");
}

TEST_CASE("--quiet writes nothing and is done at the first selected event", "[sink_summary]") {
  options o = with_summary(summary_kind::quiet);
  o.filter.min_level = level_number::error;
  pipeline_run run(o, quiet_sink());
  run.line(R"({"level":"info"})").line("junk").line("");
  CHECK_FALSE(run.sink().done());
  run.line(R"({"level":"error"})");
  CHECK(run.sink().done());
  run.finish();
  CHECK(run.text().empty());
}

TEST_CASE("--stats: line accounting, time range, levels and loggers", "[sink_summary]") {
  options o = with_summary(summary_kind::stats);
  o.filter.min_level = level_number::debug;
  pipeline_run run(o, stats_sink(o.filter.rules, o.sink.zone));
  run.line(R"({"timestamp":"2026-11-24 10:00:01.500000","level":"error","logger":"payment.api"})")
      .line(R"({"timestamp":"2026-11-24 10:00:00","level":"info","logger":"payment.api"})")
      .line(R"({"time":1795514403000,"level":40,"name":"a.logger.name.longer.than.the.column"})")
      .line(R"({"level":"trace","logger":"filtered"})")
      .line(R"({"logger":"x"})")
      .line("")
      .line("junk")
      .finish();
  CHECK(run.text() ==
        "lines                   7\n"
        "events selected         4\n"
        "events filtered out     1\n"
        "invalid lines           1\n"
        "blank lines             1\n"
        "first timestamp         2026-11-24 10:00:00.000000 +0000\n"
        "last timestamp          2026-11-24 10:00:03.000000 +0000\n"
        "by level\n"
        "  info                  2\n"
        "  warning               1\n"
        "  error                 1\n"
        "by logger\n"
        "  a.logger.name.longer.than.the.column 1\n"
        "  payment.api           2\n"
        "  x                     1\n");
}

TEST_CASE("--stats escapes what it prints from the data", "[sink_summary]") {
  options o = with_summary(summary_kind::stats);
  pipeline_run run(o, stats_sink(o.filter.rules, o.sink.zone));
  run.line(R"({"logger":"bell\u0007\u001b[2J"})").finish();
  CHECK(run.text().find("  bell\\x07\\x1b[2J ") != std::string::npos);
  CHECK(run.text().find('\x1b') == std::string::npos);
  CHECK(run.text().find('\x07') == std::string::npos);
}

TEST_CASE("--stats without timestamps or events", "[sink_summary]") {
  options o = with_summary(summary_kind::stats);
  pipeline_run run(o, stats_sink(o.filter.rules, o.sink.zone));
  run.line("junk").finish();
  CHECK(run.text() ==
        "lines                   1\n"
        "events selected         0\n"
        "events filtered out     0\n"
        "invalid lines           1\n"
        "blank lines             0\n"
        "first timestamp         -\n"
        "last timestamp          -\n"
        "by level\n"
        "by logger\n");
}
