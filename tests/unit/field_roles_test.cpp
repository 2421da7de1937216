#include <catch2/catch.hpp>

#include "logmoji/field_roles.hpp"
#include "../support/render.hpp"

using namespace logmoji;

TEST_CASE("roles are found by alias, first match wins", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"msg":"m","message":"n","severity":"warn","ts":1,"name":"svc"})", ev);
  CHECK(ev.at(ev.role.message).text == "m");
  CHECK(ev.at(ev.role.level).text == "warn");
  CHECK(ev.at(ev.role.time).text == "1");
  CHECK(ev.at(ev.role.logger).text == "svc");
}

TEST_CASE("event wins over msg, logger_name over logger", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"msg":"m","event":"e","logger":"a","logger_name":"b"})", ev);
  CHECK(ev.at(ev.role.message).text == "e");
  CHECK(ev.at(ev.role.logger).text == "b");
}

TEST_CASE("dotted aliases find nested objects", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"log":{"level":"error","logger":"db"},"message":"x"})", ev);
  CHECK(ev.at(ev.role.level).text == "error");
  CHECK(ev.at(ev.role.logger).text == "db");
}

TEST_CASE("foundation mode reads only the library's own keys", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"msg":"m","time":1,"severity":"error","name":"x"})", ev, true);
  CHECK(ev.role.message == no_node);
  CHECK(ev.role.time == no_node);
  CHECK(ev.role.level == no_node);
  CHECK(ev.role.logger == no_node);
}

TEST_CASE("lookup_path prefers a top-level dotted key, then walks objects", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"http":{"method":"GET","status.class":"2xx"},"http.method":"PUT"})", ev);
  CHECK(ev.at(lookup_path(ev, "http.method")).text == "PUT");
  CHECK(ev.at(lookup_path(ev, "http.status.class")).text == "2xx");
  CHECK(lookup_path(ev, "http.nope") == no_node);
  CHECK(lookup_path(ev, "missing") == no_node);
}

TEST_CASE("roles accept only sensible types", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"level":{"n":1},"t":true,"logger":5,"msg":["x"],"event":{"k":1}})", ev);
  CHECK(ev.role.level == no_node);
  CHECK(ev.role.time == no_node);
  CHECK(ev.role.logger == no_node);
  CHECK(ev.at(ev.role.message).kind == value_kind::object);  // foundation's own event: any value
  test::parse_event(parser, R"({"msg":["x"],"message":"text"})", ev);
  CHECK(ev.at(ev.role.message).text == "text");
}

TEST_CASE("other loggers' field names fill the roles", "[field_roles]") {
  event_parser parser;
  event ev;
  struct row {
    std::string_view json, message, level, time, logger;
  };
  for (
      const auto& r : {
          // python-json-logger
          row{R"({"asctime":"2024-05-01 10:00:00,123","levelname":"ERROR","name":"app","message":"m"})", "m", "ERROR",
              "2024-05-01 10:00:00,123", "app"},
          // tracing-subscriber's JSON
          row{R"({"timestamp":"2024-05-01T10:00:00Z","level":"WARN","fields":{"message":"m"},"target":"app::db"})", "m",
              "WARN", "2024-05-01T10:00:00Z", "app::db"},
          // Serilog's compact JSON
          row{R"({"@t":"2024-05-01T10:00:00Z","@mt":"Hello {User}","@l":"Warning","User":"ann"})", "Hello {User}",
              "Warning", "2024-05-01T10:00:00Z", ""},
          // log4js's JSON layout
          row{R"({"startTime":"2024-05-01T10:00:00.123Z","categoryName":"http","data":["m"],"level":{"level":40000,"levelStr":"ERROR"}})",
              "m", "ERROR", "2024-05-01T10:00:00.123Z", "http"},
          // loguru's record level
          row{R"({"time":"t","level":{"name":"SUCCESS","no":25},"message":"m","logger":{"name":"x"}})", "m", "SUCCESS",
              "t", "x"},
          // OpenTelemetry
          row{R"({"timeUnixNano":"1714557600123456789","severityText":"INFO","severityNumber":9,"body":"b"})", "",
              "INFO", "1714557600123456789", ""},
      }) {
    INFO(r.json);
    test::parse_event(parser, r.json, ev);
    auto text = [&ev](std::uint32_t i) { return i ? ev.at(i).text : std::string_view{}; };
    CHECK(text(ev.role.message) == r.message);
    CHECK(text(ev.role.level) == r.level);
    CHECK(text(ev.role.time) == r.time);
    CHECK(text(ev.role.logger) == r.logger);
  }
}

TEST_CASE("@m wins over @mt; severityText over severityNumber; a number alone is a level", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"@mt":"Hello {U}","@m":"Hello ann","severityNumber":17,"severityText":"ERROR"})", ev);
  CHECK(ev.at(ev.role.message).text == "Hello ann");
  CHECK(ev.at(ev.role.level).text == "ERROR");
  test::parse_event(parser, R"({"severityNumber":17})", ev);
  CHECK(ev.at(ev.role.level).key == "severityNumber");
}

TEST_CASE("the stack role: strings, frame lists, error objects", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"msg":"m","err":{"type":"Error","stack":"Error: x\n    at f"}})", ev);
  CHECK(ev.at(ev.role.stack).text == "Error: x\n    at f");
  test::parse_event(parser, R"({"msg":"m","exc_info":"Traceback...","stack":[{"func":"f"}]})", ev);
  CHECK(ev.at(ev.role.stack).kind == value_kind::array);
  test::parse_event(parser, R"({"@x":"System.Exception: boom"})", ev);
  CHECK(ev.at(ev.role.stack).text == "System.Exception: boom");
  test::parse_event(parser, R"({"msg":"m","stack":null})", ev);
  CHECK(ev.role.stack == no_node);
  CHECK(stack_aliases().size() == 9);
}

TEST_CASE("GCP's time object is the time role", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"timestamp":{"seconds":1714557600,"nanos":5},"severity":"ALERT","message":"m"})", ev);
  REQUIRE(ev.role.time);
  CHECK(ev.at(ev.role.time).kind == value_kind::object);
  test::parse_event(parser, R"({"timestamp":{"secs":1}})", ev);
  CHECK(ev.role.time == no_node);
}

TEST_CASE("role fields are not repeated as pairs; objects with more in them are", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser,
                    R"({"level":{"levelStr":"ERROR","level":40000},"fields":{"message":"m"},"target":"t","x":1})", ev);
  CHECK(shown_by_role(ev, ev.find("level")));
  CHECK(shown_by_role(ev, ev.find("fields")));
  CHECK(shown_by_role(ev, ev.find("target")));
  CHECK_FALSE(shown_by_role(ev, ev.find("x")));
  test::parse_event(parser, R"({"fields":{"message":"m","user":"ann"},"log":{"level":"info","origin":"f.c"}})", ev);
  CHECK(ev.at(ev.role.message).text == "m");
  CHECK_FALSE(shown_by_role(ev, ev.find("fields")));  // user=ann must stay visible
  CHECK_FALSE(shown_by_role(ev, ev.find("log")));
}

TEST_CASE("a pino child logger's repeated name: the last one is the logger", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"level":30,"name":"app","msg":"m","name":"app.http"})", ev);
  CHECK(ev.at(ev.role.logger).text == "app.http");
}

TEST_CASE("the user's field names come before the built-in ones, not under --foundation", "[field_roles]") {
  event_parser parser;
  event ev;
  field_names names;
  names.time = {"when"};
  names.message = {"ctx.text", "body"};
  names.level = {"sev"};
  names.logger = {"component"};
  names.stack = {"trace"};
  set_user_field_names(names);
  test::parse_event(parser,
                    R"({"time":"a","when":"b","msg":"m","ctx":{"text":"t"},"level":"info","sev":"error",)"
                    R"("component":"c","trace":"T"})",
                    ev);
  CHECK(ev.at(ev.role.time).text == "b");
  CHECK(ev.at(ev.role.message).text == "t");
  CHECK(ev.at(ev.role.level).text == "error");
  CHECK(ev.at(ev.role.logger).text == "c");
  CHECK(ev.at(ev.role.stack).text == "T");
  test::parse_event(parser, R"({"time":"a","msg":"m","body":"b"})", ev);
  CHECK(ev.at(ev.role.message).text == "b");
  CHECK(ev.at(ev.role.time).text == "a");
  test::parse_event(parser, R"({"timestamp":"a","when":"b","event":"e","body":"b"})", ev, true);
  CHECK(ev.at(ev.role.time).text == "a");
  CHECK(ev.at(ev.role.message).text == "e");
  set_user_field_names({});
  test::parse_event(parser, R"({"time":"a","when":"b"})", ev);
  CHECK(ev.at(ev.role.time).text == "a");
  field_names lookup;
  CHECK(field_names_of(lookup, "stack") == &lookup.stack);
  CHECK(field_names_of(lookup, "bogus") == nullptr);
}

TEST_CASE("every dotted alias also finds its nested form", "[field_roles]") {
  event_parser parser;
  event ev;
  struct role_aliases {
    std::span<const std::string_view> aliases;
    std::uint32_t roles::*member;
  };
  for (auto [aliases, member] :
       {role_aliases{message_aliases(), &roles::message}, role_aliases{level_aliases(), &roles::level},
        role_aliases{time_aliases(), &roles::time}, role_aliases{logger_aliases(), &roles::logger},
        role_aliases{stack_aliases(), &roles::stack}}) {
    for (auto alias : aliases) {
      auto dot = alias.find('.');
      if (dot == std::string_view::npos) continue;
      std::string json = "{\"" + std::string(alias.substr(0, dot)) + "\":{\"" + std::string(alias.substr(dot + 1)) +
                         "\":\"v\",\"other\":1}}";
      INFO(json);
      test::parse_event(parser, json, ev);
      REQUIRE(ev.role.*member);
      CHECK(ev.at(ev.role.*member).text == "v");
    }
  }
}

TEST_CASE("log4js's data array: its first string is the message, the rest stays a pair", "[field_roles]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"data":["started",{"port":1}],"categoryName":"app"})", ev);
  CHECK(ev.at(ev.role.message).text == "started");
  CHECK_FALSE(shown_by_role(ev, ev.find("data")));
  test::parse_event(parser, R"({"data":["only"]})", ev);
  CHECK(shown_by_role(ev, ev.find("data")));
  test::parse_event(parser, R"({"data":[1,"x"]})", ev);
  CHECK(ev.role.message == no_node);
  test::parse_event(parser, R"({"msg":"m","data":["d"]})", ev);
  CHECK(ev.at(ev.role.message).text == "m");
}
