// -c/--count, --quiet and --stats, driven through the pipeline.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "logmoji/sink_summary.hpp"
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

TEST_CASE("--count as JSON: one object, the per-input counts in input order", "[sink_summary]") {
  options o = with_summary(summary_kind::count);
  pipeline_run total(o, count_sink({false, summary_format::json}));
  total.line(R"({"level":"error"})").line("junk").finish();
  CHECK(total.text() == "{\"selected\":1}\n");

  count_sink per_input({true, summary_format::json});
  per_input.add_input("a\"b", 2);
  per_input.add_input("a\"b", 0);
  output out = output::in_memory();
  line_counts counts;
  counts.selected = 2;
  per_input.finish(counts, out);
  CHECK(out.buffer() == R"({"selected":2,"inputs":[{"name":"a\"b","selected":2},{"name":"a\"b","selected":0}]})"
                        "\n");
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
        "invalid lines           0\n"
        "raw lines               1\n"
        "blank lines             1\n"
        "hidden raw/blank lines  0\n"
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
  // The count stays in its column: padding is measured on the escaped name.
  CHECK(run.text().find("  bell\\x07\\x1b[2J       1\n") != std::string::npos);
}

TEST_CASE("--stats pads the logger names by terminal cells", "[sink_summary]") {
  // Padded by code points, a name of seven wide characters pushed its count seven cells right.
  options o = with_summary(summary_kind::stats);
  pipeline_run run(o, stats_sink(o.filter.rules, o.sink.zone));
  run.line(R"({"event":"a","logger_name":"日本語のロガー"})")
      .line(R"({"event":"a","logger_name":"abc"})")
      .line(R"({"event":"a","logger_name":"🚀x"})")
      .finish();
  CHECK(run.text().find("  abc                   1\n") != std::string::npos);
  CHECK(run.text().find("  日本語のロガー        1\n") != std::string::npos);  // 14 cells
  CHECK(run.text().find("  🚀x                   1\n") != std::string::npos);   // 3 cells
}

TEST_CASE("--stats without timestamps or events", "[sink_summary]") {
  options o = with_summary(summary_kind::stats);
  pipeline_run run(o, stats_sink(o.filter.rules, o.sink.zone));
  run.line("junk").finish();
  CHECK(run.text() ==
        "lines                   1\n"
        "events selected         0\n"
        "events filtered out     0\n"
        "invalid lines           0\n"
        "raw lines               1\n"
        "blank lines             0\n"
        "hidden raw/blank lines  0\n"
        "first timestamp         -\n"
        "last timestamp          -\n"
        "by level\n"
        "by logger\n");
}

// The logger table is capped (issue 17, item 13).
namespace {

// --stats over events from these loggers, keeping `rows` logger rows.
std::string stats_of(const std::vector<std::string>& loggers, std::size_t rows) {
  stats_sink sink(level_rules::extended, naive_zone::utc, summary_format::text, rows);
  event_parser parser;
  event ev;
  output out = output::in_memory();
  for (const auto& name : loggers) {
    test::parse_event(parser, R"({"event":"e","level":"info","logger":")" + name + R"("})", ev);
    sink.write_event(ev, out);
  }
  sink.finish(line_counts{loggers.size(), 0, 0, 0}, out);
  return out.buffer();
}

std::string logger_section(const std::string& stats) { return stats.substr(stats.find("by logger")); }
}  // namespace

TEST_CASE("--stats keeps a row for each logger while the table has room", "[sink_summary]") {
  CHECK(logger_section(stats_of({"b", "a", "b"}, 2)) ==
        "by logger\n  a                     1\n  b                     2\n");
}

TEST_CASE("--stats folds loggers beyond the table into (others)", "[sink_summary]") {
  // a and b take the two rows; c, d and e are folded, and a repeat of a still counts in its row.
  CHECK(logger_section(stats_of({"a", "b", "c", "d", "a", "c", "e"}, 2)) ==
        "by logger (the first 2 seen; the rest under (others))\n"
        "  a                     2\n"
        "  b                     1\n"
        "  (others)              4 (about 3 more loggers)\n");
}

TEST_CASE("distinct names are estimated closely in fixed memory", "[sink_summary]") {
  for (std::uint64_t n : {0UL, 1UL, 10UL, 1000UL, 50000UL, 400000UL}) {
    distinct_estimate d;
    for (std::uint64_t i = 0; i < n; ++i) {
      std::string name = "logger." + std::to_string(i);
      d.add(name);
      d.add(name);  // repeats do not count
    }
    INFO(n);
    CHECK(static_cast<double>(d.value()) == Approx(static_cast<double>(n)).epsilon(0.02).margin(0.5));
  }
  CHECK(sizeof(distinct_estimate) <= 16384);
}
