// -k/--keys and -x/--hide: which top-level fields an output shows.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "logmoji/field_selection.hpp"
#include "logmoji/json_writer.hpp"
#include "../support/render.hpp"

using namespace logmoji;

namespace {

/// The keys left after applying the selection to `json`.
std::vector<std::string> kept(std::string_view json, std::vector<std::string> keep, std::vector<std::string> hide,
                              bool keep_columns = false) {
  event_parser parser;
  event ev;
  test::parse_event(parser, json, ev);
  // The event may point into the selection's paths (trimmed nested copies), as it points into
  // the plan's in the program: the selection outlives the event.
  field_selection selection(std::move(keep), std::move(hide), keep_columns);
  selection.apply(ev);
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

// As in the query (docs/query.md): the roles' names mean the fields that hold them.
TEST_CASE("-k and -x take the roles' names, whatever key holds the role", "[field_selection]") {
  CHECK(kept(R"({"event":"e","level":"info","n":1})", {"message"}, {}) == keys{"event"});
  CHECK(kept(R"({"msg":"m","time":1700000000000,"name":"p","n":1})", {"time", "logger"}, {}) == keys{"time", "name"});
  CHECK(kept(R"({"msg":"m","lvl":"warn","n":1})", {}, {"message", "level"}) == keys{"n"});
  // -x message hides the key `message`, not the column `msg` holds (review: the column went too).
  {
    event_parser parser;
    event ev;
    test::parse_event(parser, R"({"msg":"hi","message":"other","k":1})", ev);
    field_selection selection({}, {"message"}, false);
    selection.apply(ev);
    REQUIRE(ev.role.message != no_node);
    CHECK(ev.at(ev.role.message).text == "hi");
  }
  // An event's own key of that name wins.
  CHECK(kept(R"({"levelname":"INFO","level":3,"message":"m"})", {"level"}, {}) == keys{"level"});
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

TEST_CASE("dotted names reach top-level dotted keys and nested objects", "[field_selection]") {
  std::string_view json = R"({"http":{"method":"GET"},"http.method":"PUT","x":1})";
  // The top-level key wins, as in --query: one http.method field, not two.
  CHECK(kept(json, {"http.method"}, {}) == keys{"http.method"});
  CHECK(kept(json, {"http"}, {}) == keys{"http"});
  CHECK(kept(R"({"http":{"method":"GET","status":200},"x":1})", {"http.method"}, {}) == keys{"http.method"});
  CHECK(kept(R"({"http":{"method":"GET"}})", {"http.nothing"}, {}).empty());
  CHECK(kept(R"({"http":"flat"})", {"http.method"}, {}).empty());
}

namespace {
// The selected event as -o json writes a re-serialised one.
std::string selected_json(std::string_view json, std::vector<std::string> keep, std::vector<std::string> hide,
                          bool nest, redaction redact = redaction::none) {
  event_parser parser;
  event ev;
  test::parse_event(parser, json, ev);
  field_selection selection(std::move(keep), std::move(hide), false, nest, redact);  // outlives the event
  selection.apply(ev);
  std::string out = "{";
  for (auto i : ev.fields) {
    if (out.size() > 1) out += ",";
    append_json_string(out, ev.at(i).key);
    out += ":";
    append_json_value(out, ev, i, json_style::compact, redaction::none);
  }
  return out + "}";
}
}  // namespace

TEST_CASE("-k keeps nested paths with their nesting for JSON, flattened otherwise", "[field_selection]") {
  std::string_view json =
      R"({"level":"info","http":{"method":"GET","status":200,"headers":{"a":1,"b":2}},"db":{"host":"x","port":5},"y":[1]})";
  CHECK(selected_json(json, {"http.method", "db.host"}, {}, true) == R"({"http":{"method":"GET"},"db":{"host":"x"}})");
  CHECK(selected_json(json, {"http.method", "http.headers.b"}, {}, true) ==
        R"({"http":{"method":"GET","headers":{"b":2}}})");
  CHECK(selected_json(json, {"http.headers", "y"}, {}, true) == R"({"http":{"headers":{"a":1,"b":2}},"y":[1]})");
  CHECK(selected_json(json, {"http.method", "db.host"}, {}, false) == R"({"http.method":"GET","db.host":"x"})");
  CHECK(selected_json(json, {"http.headers"}, {}, false) == R"({"http.headers":{"a":1,"b":2}})");
  CHECK(selected_json(json, {"http.nothing"}, {}, true) == "{}");
}

TEST_CASE("a key holding dots inside an object is reached by the path the query takes", "[field_selection]") {
  // {"attributes":{"http.method":…}} (OpenTelemetry's attribute names): -q attributes.http.method
  // found it, -k and -x did not.
  std::string_view json = R"({"m":1,"a":{"b.c":1,"d":{"e.f":{"g":2}},"x":3},"attributes":{"http.method":"GET","k":0}})";
  CHECK(selected_json(json, {"a.b.c", "a.d.e.f.g", "attributes.http.method"}, {}, false) ==
        R"({"a.b.c":1,"a.d.e.f.g":2,"attributes.http.method":"GET"})");
  CHECK(selected_json(json, {"a.b.c", "a.d.e.f.g"}, {}, true) == R"({"a":{"b.c":1,"d":{"e.f":{"g":2}}}})");
  CHECK(selected_json(json, {}, {"a.b.c", "attributes.http.method"}, true) ==
        R"({"m":1,"a":{"d":{"e.f":{"g":2}},"x":3},"attributes":{"k":0}})");
  // A path that stops inside a key's segments names no member.
  CHECK(selected_json(json, {"a.b", "attributes.http"}, {}, false) == "{}");
}

TEST_CASE("a flattened path through a redacted key shows it redacted", "[field_selection]") {
  // The console and logfmt show {'authorization': '[REDACTED]'} for the whole object: the
  // path's own pair must not show what the object hides.
  std::string_view json = R"({"headers":{"authorization":"Bearer abc","accept":"*/*"},"cfg":{"auth":{"user":"u"}}})";
  for (redaction r : {redaction::dict, redaction::deep})
    CHECK(selected_json(json, {"headers.authorization", "headers.accept", "cfg.auth.user"}, {}, false, r) ==
          R"({"headers.authorization":"[REDACTED]","headers.accept":"*/*","cfg.auth.user":"[REDACTED]"})");
  CHECK(selected_json(json, {"headers.authorization"}, {}, false, redaction::none) ==
        R"({"headers.authorization":"Bearer abc"})");
  // Kept with its nesting, the object is redacted where it is written (json-enriched).
  CHECK(selected_json(json, {"headers.authorization"}, {}, true, redaction::deep) ==
        R"({"headers":{"authorization":"Bearer abc"}})");
  CHECK(selected_json(json, {"headers.missing"}, {}, false, redaction::deep) == "{}");
}

TEST_CASE("a flattened path through a key is redacted by the run's list of names", "[field_selection]") {
  // --foundation's list has a bare `key` and no `private_key`; logmoji's the other way round,
  // as its outputs print the objects.
  std::string_view json = R"({"cache":{"key":"user:42"},"tls":{"private_key":"pk"}})";
  CHECK(selected_json(json, {"cache.key", "tls.private_key"}, {}, false, redaction::dict) ==
        R"({"cache.key":"[REDACTED]","tls.private_key":"pk"})");
  CHECK(selected_json(json, {"cache.key", "tls.private_key"}, {}, false, redaction::deep) ==
        R"({"cache.key":"user:42","tls.private_key":"[REDACTED]"})");
}

TEST_CASE("-x removes a nested key and leaves the rest of its object", "[field_selection]") {
  std::string_view json = R"({"http":{"method":"GET","headers":{"a":1,"b":2}},"db":{"host":"x"},"s":"t"})";
  CHECK(selected_json(json, {}, {"http.headers.a", "db.host"}, true) ==
        R"({"http":{"method":"GET","headers":{"b":2}},"db":{},"s":"t"})");
  CHECK(selected_json(json, {}, {"s.t", "http.nothing"}, false) ==
        R"({"http":{"method":"GET","headers":{"a":1,"b":2}},"db":{"host":"x"},"s":"t"})");
  // -x wins over -k inside objects too.
  CHECK(selected_json(json, {"http.headers"}, {"http.headers.a"}, true) == R"({"http":{"headers":{"b":2}}})");
}

TEST_CASE("a top-level key spelled like the path wins in every output, for -k and -x", "[field_selection]") {
  // JSON outputs kept both and hid both; the console kept the key alone (docs/query.md).
  std::string_view json = R"({"a":{"b":{"c":1},"d":2},"a.b":{"c":9}})";
  for (bool nest : {true, false}) {
    CHECK(selected_json(json, {"a.b"}, {}, nest) == R"({"a.b":{"c":9}})");
    CHECK(selected_json(json, {}, {"a.b"}, nest) == R"({"a":{"b":{"c":1},"d":2}})");
  }
  // Without the key, the path reaches into the object (the rule is decided per event).
  CHECK(selected_json(R"({"a":{"b":{"c":1},"d":2}})", {}, {"a.b"}, true) == R"({"a":{"d":2}})");
  CHECK(selected_json(R"({"a":{"b":{"c":1},"d":2}})", {"a.b", "a.d"}, {}, true) == R"({"a":{"b":{"c":1},"d":2}})");
  CHECK(selected_json(R"({"a":{"b":1,"d":2},"a.b":0})", {"a.b", "a.d"}, {}, true) == R"({"a":{"d":2},"a.b":0})");
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
