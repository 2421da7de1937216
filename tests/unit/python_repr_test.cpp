#include <catch2/catch.hpp>

#include "logmoji/python_repr.hpp"
#include "../support/render.hpp"

using namespace logmoji;

namespace {

std::string repr_of(std::string_view json, redaction r = redaction::none) {
  event_parser parser;
  event ev;
  test::parse_event(parser, json, ev);
  std::string out;
  append_repr(out, ev, ev.fields[0], r);
  return out;
}

}  // namespace

TEST_CASE("scalars print as Python values", "[python_repr]") {
  CHECK(repr_of(R"({"v":true})") == "True");
  CHECK(repr_of(R"({"v":false})") == "False");
  CHECK(repr_of(R"({"v":null})") == "None");
  CHECK(repr_of(R"({"v":NaN})") == "nan");
  CHECK(repr_of(R"({"v":Infinity})") == "inf");
  CHECK(repr_of(R"({"v":-Infinity})") == "-inf");
  CHECK(repr_of(R"({"v":100000000000000000000})") == "100000000000000000000");
  CHECK(repr_of(R"({"v":1e-07})") == "1e-07");
  CHECK(repr_of(R"({"v":"s"})") == "'s'");
}

TEST_CASE("containers print as Python reprs with quoted inner strings", "[python_repr]") {
  CHECK(repr_of(R"({"v":[1, "two", null, 3.0]})") == "[1, 'two', None, 3.0]");
  CHECK(repr_of(R"({"v":{"k": "v", "n": 1}})") == "{'k': 'v', 'n': 1}");
  CHECK(repr_of(R"({"v":{}})") == "{}");
  CHECK(repr_of(R"({"v":[]})") == "[]");
  CHECK(repr_of(R"({"v":[[1], {"k": "it's"}]})") == "[[1], {'k': \"it's\"}]");
}

TEST_CASE("dict redaction follows sanitize_dict's recursion rules", "[python_repr]") {
  CHECK(repr_of(R"({"v":{"Password":"x","a":{"token":1},"l":[{"secret":2},[{"key":3}],"s"]}})", redaction::dict) ==
        "{'Password': '[REDACTED]', 'a': {'token': '[REDACTED]'}, 'l': [{'secret': '[REDACTED]'}, [{'key': 3}], 's']}");
  CHECK(repr_of(R"({"v":{"credentials":{"user":"u"}}})", redaction::dict) == "{'credentials': '[REDACTED]'}");
  CHECK(repr_of(R"({"v":{"client_secret":"kept"}})", redaction::dict) == "{'client_secret': 'kept'}");
  CHECK(repr_of(R"({"v":{"password":"x"}})") == "{'password': 'x'}");
}

TEST_CASE("deep redaction reaches every object, through lists at any depth", "[python_repr]") {
  CHECK(repr_of(R"({"v":[{"password":"x"},[{"token":1}],"s",2]})", redaction::deep) ==
        "[{'password': '[REDACTED]'}, [{'token': '[REDACTED]'}], 's', 2]");
  CHECK(repr_of(R"({"v":{"l":[[{"api_key":3}]],"a":{"b":[{"c":{"Secret":"s"}}]}}})", redaction::deep) ==
        "{'l': [[{'api_key': '[REDACTED]'}]], 'a': {'b': [{'c': {'Secret': '[REDACTED]'}}]}}");
  // The library's rule for the same values: a list in a list is left alone.
  CHECK(repr_of(R"({"v":{"l":[[{"api_key":3}]]}})", redaction::dict) == "{'l': [[{'api_key': 3}]]}");
  // The library's keys at every depth: what a query reads under --foundation.
  CHECK(repr_of(R"({"v":{"l":[[{"key":3}]]}})", redaction::library_deep) == "{'l': [[{'key': '[REDACTED]'}]]}");
}

TEST_CASE("outside --foundation nested keys are judged by logmoji's secret names", "[python_repr]") {
  // An S3 object's or a cache's `key` is data; a private key, a session or a passphrase is not
  // (the library's list has the one and none of the others).
  const char* json = R"({"v":{"s3":{"bucket":"b","key":"uploads/r.pdf"},"tls":{"private_key":"pk","Pass-Phrase":1},)"
                     R"("l":[{"session":"s","key":"k"}]}})";
  CHECK(repr_of(json, redaction::deep) ==
        "{'s3': {'bucket': 'b', 'key': 'uploads/r.pdf'}, 'tls': {'private_key': "
        "'[REDACTED]', 'Pass-Phrase': 1}, 'l': [{'session': '[REDACTED]', 'key': 'k'}]}");
  CHECK(repr_of(json, redaction::dict) ==
        "{'s3': {'bucket': 'b', 'key': '[REDACTED]'}, 'tls': {'private_key': 'pk', "
        "'Pass-Phrase': 1}, 'l': [{'session': 's', 'key': '[REDACTED]'}]}");
}

TEST_CASE("a top-level value's redaction: a list only outside --foundation", "[python_repr]") {
  CHECK(field_redaction(redaction::dict, value_kind::object) == redaction::dict);
  CHECK(field_redaction(redaction::dict, value_kind::array) == redaction::none);
  CHECK(field_redaction(redaction::deep, value_kind::object) == redaction::deep);
  CHECK(field_redaction(redaction::deep, value_kind::array) == redaction::deep);
  CHECK(field_redaction(redaction::deep, value_kind::string) == redaction::none);
  CHECK(field_redaction(redaction::none, value_kind::array) == redaction::none);
  enrich_options o;
  CHECK(run_redaction(o) == redaction::deep);
  o.redact_lists = false;
  CHECK(run_redaction(o) == redaction::dict);
  o.redact_dicts = false;
  CHECK(run_redaction(o) == redaction::none);
}

TEST_CASE("str() leaves strings bare", "[python_repr]") {
  event_parser parser;
  event ev;
  test::parse_event(parser, R"({"a":"it's","b":3.25,"c":[1]})", ev);
  std::string out;
  append_str(out, ev, ev.fields[0]);
  append_str(out, ev, ev.fields[1]);
  append_str(out, ev, ev.fields[2]);
  CHECK(out == "it's3.25[1]");
}
