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
