#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "logmoji/emoji_tables.hpp"
#include "logmoji/text_escape.hpp"

using namespace logmoji;

namespace {

std::u32string code_points(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) out.push_back(static_cast<char32_t>(decode_utf8(s, i)));
  return out;
}

const marker_mapping& mapping(std::string_view name) {
  for (const auto& set : event_sets())
    for (const auto& m : set.mappings)
      if (m.name == name) return m;
  throw std::runtime_error("no mapping");
}

std::string_view marker(std::string_view mapping_name, std::string_view value) {
  for (const auto& vm : mapping(mapping_name).markers)
    if (vm.value == value) return vm.marker;
  return {};
}

}  // namespace

TEST_CASE("the palette has at least 48 distinct single-code-point emoji", "[emoji_tables]") {
  auto palette = hash_palette();
  CHECK(palette.size() >= 48);
  std::set<std::string_view> seen(palette.begin(), palette.end());
  CHECK(seen.size() == palette.size());
  for (auto e : palette) {
    INFO(std::string(e));
    CHECK(code_points(e).size() == 1);
    CHECK(code_points(e)[0] >= 0x2600);
  }
}

TEST_CASE("no palette emoji is one of foundation's logger emoji or markers", "[emoji_tables]") {
  std::set<std::string_view> foundation{default_logger_emoji()};
  for (const auto& row : logger_prefixes()) foundation.insert(row.emoji);
  for (const auto& set : event_sets())
    for (const auto& m : set.mappings) {
      foundation.insert(m.default_marker);
      for (const auto& vm : m.markers) foundation.insert(vm.marker);
    }
  for (auto e : hash_palette()) CHECK(foundation.count(e) == 0);
}

TEST_CASE("the palette order is pinned", "[emoji_tables]") {
  auto palette = hash_palette();
  REQUIRE(palette.size() == 64);
  CHECK(code_points(palette[0]) == U"\U0001F41D");
  CHECK(code_points(palette[8]) == U"\U0001F40C");
  CHECK(code_points(palette[23]) == U"\U0001F40A");
  CHECK(code_points(palette[63]) == U"\U0001F9F8");
}

TEST_CASE("the logger prefix table is in match order with the library's emoji", "[emoji_tables]") {
  auto rows = logger_prefixes();
  REQUIRE(rows.size() == 17);
  for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i - 1].prefix.size() >= rows[i].prefix.size());
  CHECK(rows[0].prefix == "provide.foundation.emoji_matrix_display");
  CHECK(code_points(rows[2].emoji) == U"\U0001F6E0\uFE0F");
  CHECK(rows[10].prefix == "service.alpha");
  CHECK(rows[11].prefix == "service.delta");
  CHECK(rows[12].prefix == "json.exc.test");
  CHECK(code_points(default_logger_emoji()) == U"\U0001F539");
}

TEST_CASE("tricky markers have the library's exact code points", "[emoji_tables]") {
  CHECK(code_points(marker("http_method", "put")) == U"\U0001F4DD\u2B06\uFE0F");
  CHECK(code_points(marker("http_method", "head")) == U"\U0001F464\u2754");
  CHECK(marker("http_status_class", "1xx") == "i");
  CHECK(code_points(marker("http_status_class", "4xx")) == U"\u26A0\uFE0FCLIENT");
  CHECK(code_points(marker("http_status_class", "5xx")) == U"\U0001F525SERVER");
  CHECK(code_points(marker("http_target_type", "fragment")) == U"#\uFE0F\u20E3");
  CHECK(marker("db_operation", "insert") == "+");
  CHECK(code_points(marker("db_operation", "transaction_begin")) == U"\U0001F4B3\U0001F7E2");
  CHECK(code_points(marker("db_outcome", "not_found")) == U"\u2753\U0001F937");
  CHECK(code_points(marker("llm_outcome", "filtered_input")) == U"\U0001F6E1\uFE0F\U0001F441\uFE0F");
  CHECK(code_points(marker("task_system", "rq")) == U"\U0001F7E5\U0001F1F6");
  CHECK(code_points(marker("task_status", "submitted")) == U"\u27A1\uFE0F\U0001F4E8");
  CHECK(code_points(marker("domain", "server")) == U"\U0001F6CE\uFE0F");
  CHECK(marker("status", "info") == "i");
  CHECK(code_points(mapping("status").default_marker) == U"\u27A1\uFE0F");
  CHECK(mapping("db_operation").default_marker.empty());
}

TEST_CASE("event sets are walked by priority", "[emoji_tables]") {
  auto sets = event_sets();
  REQUIRE(sets.size() == 5);
  CHECK(sets[0].name == "llm");
  CHECK(sets[4].name == "default");
  for (std::size_t i = 1; i < sets.size(); ++i) CHECK(sets[i - 1].priority > sets[i].priority);
}
