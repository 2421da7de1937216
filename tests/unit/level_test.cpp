#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "logmoji/level.hpp"
#include "logmoji/text_strip.hpp"

using namespace logmoji;

namespace {
int rank(value_kind kind, std::string_view text, level_rules rules = level_rules::foundation) {
  node n{kind, 1, "level", text};
  return event_level(&n, rules);
}
}  // namespace

TEST_CASE("foundation normalises levels with upper() and strip()", "[level]") {
  CHECK(rank(value_kind::string, "error") == 40);
  CHECK(rank(value_kind::string, " Warning ") == 30);
  CHECK(rank(value_kind::string, "TRACE") == 5);
  CHECK(rank(value_kind::string, "notset") == 0);
  CHECK(rank(value_kind::string, "critical") == 50);
}

TEST_CASE("unknown names count as INFO in foundation, extended rules know more", "[level]") {
  CHECK(rank(value_kind::string, "fatal") == 20);
  CHECK(rank(value_kind::string, "warn") == 20);
  CHECK(rank(value_kind::string, "failure") == 20);
  CHECK(rank(value_kind::string, "fatal", level_rules::extended) == 50);
  CHECK(rank(value_kind::string, "WARN", level_rules::extended) == 30);
  CHECK(rank(value_kind::string, "failure", level_rules::extended) == 20);
  CHECK(event_level(nullptr, level_rules::foundation) == 20);
}

TEST_CASE("pino and bunyan numbers map to foundation ranks", "[level]") {
  CHECK(rank(value_kind::number, "10") == 5);
  CHECK(rank(value_kind::number, "30") == 20);
  CHECK(rank(value_kind::number, "50") == 40);
  CHECK(rank(value_kind::number, "60") == 50);
  CHECK(rank(value_kind::number, "35") == 20);
  CHECK(pino_level_name("40") == "warning");
  CHECK(pino_level_name("7").empty());
}

TEST_CASE("foundation ranks only pino's exact numbers", "[level]") {
  CHECK(rank(value_kind::number, "3") == 20);
  CHECK(rank(value_kind::number, "35") == 20);
  CHECK(rank(value_kind::number, "70") == 20);
}

namespace {
int extended(value_kind kind, std::string_view text, std::string_view key = "level") {
  node n{kind, 1, key, text};
  return event_level(&n, level_rules::extended);
}
}  // namespace

TEST_CASE("every family's level names rank where docs/levels.md puts them", "[level]") {
  struct row {
    std::string_view name;
    int rank;
  };
  for (auto [name, want] :
       {row{"silly", 5},   row{"FINEST", 5},    row{"finer", 7},        row{"Fine", 10},   row{"verbose", 15},
        row{"config", 15}, row{"http", 17},     row{"Information", 20}, row{"notice", 25}, row{"warn", 30},
        row{"SEVERE", 40}, row{"err", 40},      row{"dpanic", 45},      row{"DPANIC", 45}, row{"crit", 50},
        row{"panic", 50},  row{"fatal", 50},    row{"alert", 55},       row{"ALERT", 55},  row{"EMERGENCY", 60},
        row{"emerg", 60},  row{" Notice ", 25}, row{"SUCCESS", 25}}) {
    INFO(name);
    CHECK(extended(value_kind::string, name) == want);
  }
}

TEST_CASE("log15 and go-ethereum's four-letter names rank as their levels", "[level]") {
  CHECK(extended(value_kind::string, "trce") == level_number::trace);
  CHECK(extended(value_kind::string, "dbug") == level_number::debug);
  CHECK(extended(value_kind::string, "eror") == level_number::error);
  CHECK(extended(value_kind::string, "crit") == level_number::critical);
  CHECK(parse_level_option("EROR") == level_number::error);
  CHECK(level_colour_name(*parse_level_option("dbug")) == "debug");
  // foundation's own names only under --foundation.
  CHECK(rank(value_kind::string, "eror") == level_number::info);
}

TEST_CASE("Go slog's NAME+N ranks at slog's number: below DEBUG trace, ERROR+4 and up critical", "[level]") {
  namespace ln = level_number;
  struct row {
    std::string_view name;
    int rank;
  };
  for (auto [name, want] :
       {row{"DEBUG-4", ln::trace}, row{"DEBUG-1", ln::trace}, row{"DEBUG+3", ln::debug}, row{"INFO-4", ln::debug},
        row{"INFO+2", ln::info}, row{"info+3", ln::info}, row{"WARN-1", ln::info}, row{"WARN+2", ln::warning},
        row{"INFO+4", ln::warning}, row{"ERROR+1", ln::error}, row{"ERROR+3", ln::error}, row{"ERROR+4", ln::critical},
        row{"Error+400", ln::critical}, row{"DEBUG+16", ln::critical}, row{" WARN+2 ", ln::warning},
        row{"ERROR+1000000", ln::critical}}) {
    INFO(name);
    CHECK(extended(value_kind::string, name) == want);
    CHECK(parse_level_option(strip(name)) == want);
  }
  // Not slog's: unknown, info.
  for (std::string_view name : {"ERROR+", "ERROR-", "ERROR+-4", "ERROR++4", "ERROR+4x", "WARNING+2", "FATAL+1",
                                "ERROR +4", "ERROR+1000001", "ERROR+99999999999999999999", "+4", "ERROR4",
                                // more digits than the selection prefilter reads (level_offset_names)
                                "ERROR+00000004"}) {
    INFO(name);
    CHECK(extended(value_kind::string, name) == ln::info);
    CHECK_FALSE(parse_level_option(name));
  }
  // --foundation reads no offsets, as the library does not.
  CHECK(rank(value_kind::string, "ERROR+4") == ln::info);
  CHECK_FALSE(parse_foundation_level("ERROR+4"));
  // The prefilter's sieve (selection_prefilter.cpp) sees names up to 15 bytes.
  for (const auto& o : level_offset_names()) CHECK(o.name.size() + 1 + o.digits <= 15);
}

TEST_CASE("a custom pino level keeps its number for its name and ranks by the level below", "[level]") {
  for (std::string_view custom : {"35", "70", "15", "99", "1000"}) {
    node n{value_kind::number, 1, "level", custom};
    INFO(custom);
    CHECK(number_level_name(n).empty());
    CHECK(number_level_rank(n) == event_level(&n, level_rules::extended));
  }
  node n35{value_kind::number, 1, "level", "35"};
  CHECK(number_level_rank(n35) == level_number::info);
  node n70{value_kind::number, 1, "level", "70"};
  CHECK(number_level_rank(n70) == level_number::critical);
  // pino's own numbers, syslog's and OpenTelemetry's keep their names.
  for (auto [text, key, name] : {std::tuple{"30", "level", "info"}, std::tuple{"60", "level", "critical"},
                                 std::tuple{"3", "level", "error"}, std::tuple{"10", "severityNumber", "info"}}) {
    node n{value_kind::number, 1, key, text};
    CHECK(number_level_name(n) == name);
  }
  node eight{value_kind::number, 1, "level", "8"};
  CHECK_FALSE(number_level_rank(eight));
}

TEST_CASE("the names the issue found misranked: alert, emergency, dpanic above error; verbose, silly below info",
          "[level]") {
  int error = *parse_level_option("error");
  int info = *parse_level_option("info");
  for (auto name : {"alert", "ALERT", "EMERGENCY", "dpanic"}) CHECK(extended(value_kind::string, name) >= error);
  for (auto name : {"verbose", "silly"}) CHECK(extended(value_kind::string, name) < info);
}

TEST_CASE("numbers: syslog below 10, pino and bunyan from 10, OpenTelemetry by its key", "[level]") {
  CHECK(extended(value_kind::number, "0") == 60);
  CHECK(extended(value_kind::number, "1") == 55);
  CHECK(extended(value_kind::number, "3") == 40);
  CHECK(extended(value_kind::number, "5") == 25);
  CHECK(extended(value_kind::number, "7") == 10);
  CHECK(extended(value_kind::number, "8") == 20);
  CHECK(extended(value_kind::number, "10") == 5);
  CHECK(extended(value_kind::number, "35") == 20);
  CHECK(extended(value_kind::number, "60") == 50);
  CHECK(extended(value_kind::number, "70") == 50);
  CHECK(extended(value_kind::number, "-1") == 20);
  CHECK(extended(value_kind::number, "3.5") == 20);
  CHECK(extended(value_kind::number, "1", "severityNumber") == 5);
  CHECK(extended(value_kind::number, "9", "severityNumber") == 20);
  CHECK(extended(value_kind::number, "13", "severityNumber") == 30);
  CHECK(extended(value_kind::number, "17", "severityNumber") == 40);
  CHECK(extended(value_kind::number, "24", "severityNumber") == 50);
  CHECK(extended(value_kind::number, "25", "severityNumber") == 20);
  node n{value_kind::number, 1, "severityNumber", "17"};
  CHECK(number_level_name(n) == "error");
  node syslog{value_kind::number, 1, "level", "5"};
  CHECK(number_level_name(syslog) == "notice");
}

TEST_CASE("every rank has a name and a colour family", "[level]") {
  for (const auto& e : level_table()) {
    INFO(e.name);
    CHECK(parse_level_option(e.name) == (e.rank == 0 ? std::optional<int>{} : std::optional<int>{e.rank}));
    if (e.rank > 0) CHECK(level_name(e.rank) != "notset");
  }
  CHECK(level_colour_name(55) == "critical");
  CHECK(level_colour_name(45) == "error");
  CHECK(level_colour_name(25) == "info");
  CHECK(level_colour_name(17) == "debug");
  CHECK(level_colour_name(5) == "debug");
  CHECK(level_name(25) == "notice");
}

TEST_CASE("--level accepts the usual names in any case", "[level]") {
  CHECK(parse_level_option("WARN") == 30);
  CHECK(parse_level_option("warning") == 30);
  CHECK(parse_level_option("Fatal") == 50);
  CHECK(parse_level_option("trace") == 5);
  CHECK(parse_level_option("verbose") == 15);
  CHECK(parse_level_option("Alert") == 55);
  CHECK_FALSE(parse_level_option("loud"));
  CHECK_FALSE(parse_level_option("notset"));
}

TEST_CASE("foundation's configuration accepts only its six names, untrimmed", "[level]") {
  CHECK(parse_foundation_level("debug") == 10);
  CHECK_FALSE(parse_foundation_level("warn"));
  CHECK_FALSE(parse_foundation_level(" debug"));
  CHECK_FALSE(parse_foundation_level("NOTSET"));
  CHECK_FALSE(parse_foundation_level("FATAL"));
}

namespace {
// A name's rank by walking the table as the docs list it, the oracle for the hashed lookup.
std::optional<int> walked_rank(std::string_view name, bool foundation) {
  static constexpr std::array<std::string_view, 7> foundation_names{"CRITICAL", "ERROR", "WARNING", "INFO",
                                                                    "DEBUG",    "TRACE", "NOTSET"};
  std::string upper;
  for (char c : name) upper += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  if (foundation && std::find(foundation_names.begin(), foundation_names.end(), upper) == foundation_names.end())
    return std::nullopt;
  for (const auto& e : level_table())
    if (e.name == upper) return e.rank;
  return std::nullopt;
}
}  // namespace

TEST_CASE("level names: the hashed lookup finds what walking the table finds", "[level][differential]") {
  std::vector<std::string> names;
  for (const auto& e : level_table()) {
    std::string upper(e.name), lower, mixed;
    for (std::size_t i = 0; i < upper.size(); ++i) {
      lower += static_cast<char>(upper[i] - 'A' + 'a');
      mixed += i % 2 ? lower.back() : upper[i];
    }
    for (const std::string& n :
         {upper, lower, mixed, upper + "S", upper.substr(1), upper.substr(0, upper.size() - 1), "X" + upper.substr(1),
          upper.substr(0, upper.size() - 1) + "X", " " + lower + "\t", "\n" + upper + "\r\v\f", lower + "\x1c"})
      names.push_back(n);
  }
  for (const char* n : {"", " ", "\t", "W", "WARNINGS", "INFORMATIO", "éRROR", "ERROR\xc2\xa0"}) names.emplace_back(n);
  for (const std::string& n : names) {
    INFO("'" << n << "'");
    std::string_view trimmed = n;
    while (!trimmed.empty() && std::string_view(" \t\n\v\f\r").find(trimmed.front()) != std::string_view::npos)
      trimmed.remove_prefix(1);
    while (!trimmed.empty() && std::string_view(" \t\n\v\f\r").find(trimmed.back()) != std::string_view::npos)
      trimmed.remove_suffix(1);
    CHECK(rank(value_kind::string, n) == walked_rank(trimmed, true).value_or(20));
    CHECK(rank(value_kind::string, n, level_rules::extended) == walked_rank(trimmed, false).value_or(20));
    bool notset = walked_rank(n, false) == 0;
    CHECK(parse_level_option(n) == (notset ? std::nullopt : walked_rank(n, false)));
    CHECK(parse_foundation_level(n) == (notset ? std::nullopt : walked_rank(n, true)));
  }
}

TEST_CASE("level_name by rank: each rank's first name, notset elsewhere", "[level]") {
  for (int r = -5; r <= 70; ++r) {
    auto first = std::find_if(level_table().begin(), level_table().end(),
                              [r](const level_entry& e) { return e.rank == r && r != 0; });
    std::string want = "notset";
    if (first != level_table().end()) {
      want.clear();
      for (char c : first->name) want += static_cast<char>(c - 'A' + 'a');
    }
    INFO(r);
    CHECK(level_name(r) == want);
  }
}

TEST_CASE("remembered level ranks are the looked-up ones, hit, miss or evicted", "[level][differential]") {
  // Names in many spellings and near-misses, of every length around the 8 bytes the memo keeps:
  // with padding, truncated, with NUL and non-ASCII bytes, and every size of "INFORMATION".
  std::vector<std::string> texts{"",        " ", "\t", "info ", " INFO", "INFO\n", "inf",     "in\0fo", "\xC3\xA9rror",
                                 "WARNİNG", "x", "10", "30",    "warn",  "Warn",   "wArNiNg", "EMERG",  "EMERGENCY"};
  texts[7] = std::string("in\0fo", 5);
  for (const auto& e : level_table()) {
    std::string name(e.name), lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    for (const auto& t : {name, lower, " " + name, name + " ", name.substr(1), name.substr(0, name.size() - 1),
                          name + "S", lower + '\0'})
      texts.push_back(t);
  }
  std::string information = "INFORMATION";
  for (std::size_t n = 1; n <= information.size(); ++n) texts.push_back(information.substr(0, n));
  // Numbers (pino, syslog, OpenTelemetry by its key) share the table: the same text as a string,
  // a number, under another key or other rules is another answer.
  for (int n : {0, 3, 7, 8, 9, 10, 17, 20, 24, 25, 30, 35, 40, 50, 60, 65, 100, 99999999})
    texts.push_back(std::to_string(n));
  for (std::string_view t : {"100000000", "1e1", "3.0", "-1", "030"}) texts.emplace_back(t);
  // Interleaved and repeated, so that slots fill, collide and are replaced.
  std::uint32_t state = 12345;
  for (int round = 0; round < 20000; ++round) {
    state = state * 1103515245u + 12345u;
    const std::string& text = texts[(state >> 8) % texts.size()];
    for (auto rules : {level_rules::foundation, level_rules::extended})
      for (auto kind : {value_kind::string, value_kind::number})
        for (std::string_view key : {"level", "severityNumber"}) {
          node n{kind, 1, key, text};
          INFO("text '" << text << "' size " << text.size() << " key " << key);
          REQUIRE(event_level(&n, rules) == event_level_unmemoized(&n, rules));
        }
  }
}
