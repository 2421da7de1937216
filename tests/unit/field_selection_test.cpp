// -k/--keys and -x/--hide: which top-level fields an output shows.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "logmoji/field_selection.hpp"
#include "../support/render.hpp"

using namespace logmoji;

namespace {

/// The keys left after applying the selection to `json`.
std::vector<std::string> kept(std::string_view json, std::vector<std::string> keep, std::vector<std::string> hide,
                              bool keep_columns = false) {
  event_parser parser;
  event ev;
  test::parse_event(parser, json, ev);
  field_selection(std::move(keep), std::move(hide), keep_columns).apply(ev);
  std::vector<std::string> keys;
  for (auto i : ev.fields) keys.emplace_back(ev.at(i).key);
  return keys;
}

using keys = std::vector<std::string>;

}  // namespace

TEST_CASE("field selection keeps or hides top-level fields", "[field_selection]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"timestamp":"t","level":"info","event":"e","a":1,"b":2,"c":3})", ev);
  field_selection keep({"a", "c"}, {}, false);
  keep.apply(ev);
  REQUIRE(ev.fields.size() == 2);
  CHECK(ev.at(ev.fields[1]).key == "c");
  test::parse_event(parser, R"({"timestamp":"t","level":"info","event":"e","a":1,"b":2})", ev);
  field_selection console({"a"}, {"timestamp"}, true);
  console.apply(ev);
  CHECK(ev.fields.size() == 3);  // level and event stay as columns, timestamp hidden
  CHECK(ev.role.time == no_node);
  CHECK(split_list({"a, b", "c,,d"}) == std::vector<std::string>{"a", "b", "c", "d"});
}

TEST_CASE("with neither list nothing changes; -x wins over -k", "[field_selection]") {
  std::string_view json = R"({"level":"info","event":"e","a":1,"b":2})";
  CHECK_FALSE(field_selection({}, {}, false).active());
  CHECK(kept(json, {}, {}) == keys{"level", "event", "a", "b"});
  CHECK(kept(json, {"a", "b"}, {"b"}) == keys{"a"});
  CHECK(kept(json, {}, {"a", "missing"}) == keys{"level", "event", "b"});
}

TEST_CASE("the console keeps its columns under -k; machine outputs do not", "[field_selection]") {
  std::string_view json = R"({"timestamp":"t","level":"info","event":"e","logger":"l","logger_name":"n","a":1,"b":2})";
  CHECK(kept(json, {"b"}, {}, true) == keys{"timestamp", "level", "event", "logger", "logger_name", "b"});
  CHECK(kept(json, {"b"}, {}, false) == keys{"b"});
  CHECK(kept(json, {"b"}, {"logger"}, true) == keys{"timestamp", "level", "event", "logger_name", "b"});
}

TEST_CASE("dotted names are top-level keys, not paths into objects", "[field_selection]") {
  std::string_view json = R"({"http":{"method":"GET"},"http.method":"PUT","x":1})";
  CHECK(kept(json, {"http.method"}, {}) == keys{"http.method"});
  CHECK(kept(json, {"http"}, {}) == keys{"http"});
  CHECK(kept(json, {}, {"http.method"}) == keys{"http", "x"});
  CHECK(kept(R"({"http":{"method":"GET"}})", {"http.method"}, {}).empty());
}

TEST_CASE("split_list trims items and drops empty ones", "[field_selection]") {
  CHECK(split_list({" a ,b", "", ",", "c"}) == keys{"a", "b", "c"});
  CHECK(split_list({}).empty());
}

TEST_CASE("on the console, -k and -x apply after the filters, and a hidden column disappears", "[field_selection]") {
  options o = test::plain_options();
  o.sink.keys = {"b"};
  CHECK(test::render(R"({"level":"info","event":"e","a":1,"b":2})", false, o) ==
        "[info     ] e                              b=2\n");
  o.sink.keys.clear();
  o.sink.hide = {"level,a"};
  CHECK(test::render(R"({"level":"info","event":"e","a":1,"b":2})", false, o) ==
        "e                              b=2\n");
}
