#include <catch2/catch.hpp>

#include <string>

#include "logmoji/sink.hpp"
#include "../support/render.hpp"

using namespace logmoji;

namespace {
// --stats over events from these loggers, keeping `rows` logger rows.
std::string stats_of(const std::vector<std::string>& loggers, std::size_t rows) {
  stats_sink sink(level_rules::extended, naive_zone::utc, rows);
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
  CHECK(logger_section(stats_of({"b", "a", "b"}, 2)) == "by logger\n  a                     1\n  b                     2\n");
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
  for (std::uint64_t n : {0, 1, 10, 1000, 50000, 400000}) {
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
