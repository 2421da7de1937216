#include <catch2/catch.hpp>

#include <string>

#include "../support/render.hpp"
#include "logmoji/enrich_sanitize.hpp"
#include "logmoji/render_stack.hpp"

using namespace logmoji;

namespace {

struct parsed {
  event_parser parser;
  event ev;
  explicit parsed(std::string_view json) { test::parse_event(parser, json, ev); }
  std::uint32_t field(std::string_view key) const { return ev.find(key); }
};

std::string stack_text(std::string_view json, std::string_view key, below_kind kind) {
  parsed p(json);
  std::string out;
  append_stack_text(out, p.ev, p.field(key), kind);
  return out;
}

}  // namespace

TEST_CASE("stack names: the last dotted segment counts", "[render_stack]") {
  for (auto name : {"stack", "stack_trace", "stacktrace", "backtrace", "exception", "exc_info", "@x", "err.stack",
                    "error.stack_trace"})
    CHECK(is_stack_name(name));
  for (auto name : {"stacks", "trace_id", "error", "msg", "stack.depth"}) CHECK_FALSE(is_stack_name(name));
}

TEST_CASE("what goes below: stack strings, multi-line strings, frame lists", "[render_stack]") {
  parsed p(R"({"stack_trace":"one line","note":"a\nb","plain":"x","n":1,)"
           R"("frames":[{"func":"main","line":"20","source":"main.go"}],"list":[1,2],)"
           R"("exception":[{"exc_type":"E","exc_value":"v","frames":[]}],"err":{"stack":"single"}})");
  CHECK(classify_below(p.ev, p.field("stack_trace"), true) == below_kind::stack_text);
  CHECK(classify_below(p.ev, p.field("note"), true) == below_kind::text);
  CHECK(classify_below(p.ev, p.field("plain"), true) == below_kind::none);
  CHECK(classify_below(p.ev, p.field("n"), true) == below_kind::none);
  CHECK(classify_below(p.ev, p.field("frames"), true) == below_kind::frames);
  CHECK(classify_below(p.ev, p.field("list"), true) == below_kind::none);
  CHECK(classify_below(p.ev, p.field("exception"), true) == below_kind::python_trace);
  // A one-line stack nested in an object stays inline; only a top-level one goes below.
  CHECK(classify_below(p.ev, p.field("err") + 1, false) == below_kind::none);
}

TEST_CASE("the collector finds nested values and names them by their path", "[render_stack]") {
  parsed p(R"j({"err":{"type":"Error","stack":"Error: x\n    at f (a.js:1:2)","inner":{"sql":"a\nb"}},)j"
           R"j("headers":{"token":"s\nt"},"k":1})j");
  below_collector below;
  below.redact = redaction::dict;
  for (auto i : p.ev.fields) below.collect(p.ev, i);
  REQUIRE(below.items.size() == 2);
  CHECK(below.label(below.items[0]) == "err.stack");
  CHECK(below.items[0].kind == below_kind::stack_text);
  CHECK(below.label(below.items[1]) == "err.inner.sql");
  CHECK(below.items[1].kind == below_kind::text);
  // Without redaction the secret-named member goes below like any other.
  below.clear();
  below.redact = redaction::none;
  below.collect(p.ev, p.field("headers"));
  REQUIRE(below.items.size() == 1);
  CHECK(below.label(below.items[0]) == "headers.token");
}

TEST_CASE("the collector leaves a secret in a list where the repr redacts it", "[render_stack]") {
  parsed p(R"j({"items":[{"token":"s\nt","note":"a\nb"}],"cfg":{"l":[[{"password":"p\nq"}]]}})j");
  below_collector below;
  // The library's rule: a top-level list is not redacted, nor a list in a list.
  below.redact = redaction::dict;
  for (auto i : p.ev.fields) below.collect(p.ev, i);
  REQUIRE(below.items.size() == 3);
  CHECK(below.label(below.items[0]) == "items[0].token");
  CHECK(below.label(below.items[2]) == "cfg.l[0][0].password");
  // Outside --foundation every list is walked: the secrets stay inline, as '[REDACTED]'.
  below.clear();
  below.redact = redaction::deep;
  for (auto i : p.ev.fields) below.collect(p.ev, i);
  REQUIRE(below.items.size() == 1);
  CHECK(below.label(below.items[0]) == "items[0].note");
}

TEST_CASE("frame lists read as `at func (file:line:col)`", "[render_stack]") {
  // zerolog's pkgerrors.MarshalStack
  CHECK(stack_text(R"({"stack":[{"func":"placeOrder","line":"19","source":"generate.go"},)"
                   R"({"func":"main","line":"32","source":"generate.go"}]})",
                   "stack", below_kind::frames) == "at placeOrder (generate.go:19)\nat main (generate.go:32)");
  // tslog
  CHECK(stack_text(R"({"stack":[{"fileName":"a.js","fileLine":"10","fileColumn":"9","method":"charge"}]})", "stack",
                   below_kind::frames) == "at charge (a.js:10:9)");
  // no function, or no file
  CHECK(stack_text(R"({"s":[{"file":"x.c","line":3},{"function":"f","line":4}]})", "s", below_kind::frames) ==
        "at x.c:3\nat f:4");
}

TEST_CASE("structlog's dict tracebacks read as Python prints them, root cause first", "[render_stack]") {
  std::string json =
      R"({"exception":[)"
      R"({"exc_type":"RuntimeError","exc_value":"order 42 not placed","is_cause":false,)"
      R"("frames":[{"filename":"/app/x.py","lineno":40,"name":"<module>","line":"","locals":{"a":"1"}}]},)"
      R"({"exc_type":"ValueError","exc_value":"declined","is_cause":true,)"
      R"j("frames":[{"filename":"/app/x.py","lineno":28,"name":"charge","line":"raise ValueError()"}]}]})j";
  CHECK(stack_text(json, "exception", below_kind::python_trace) ==
        "Traceback (most recent call last):\n"
        "  File \"/app/x.py\", line 28, in charge\n"
        "    raise ValueError()\n"
        "ValueError: declined\n\n"
        "The above exception was the direct cause of the following exception:\n\n"
        "Traceback (most recent call last):\n"
        "  File \"/app/x.py\", line 40, in <module>\n"
        "RuntimeError: order 42 not placed");
  CHECK(stack_text(R"({"exception":[{"exc_type":"KeyError","exc_value":"","frames":[]}]})", "exception",
                   below_kind::python_trace) == "KeyError");
}

// As log4j2 2.19's JsonLayout and Monolog 2.9's JsonFormatter write them (tests/loggers/log4j2,
// monolog): printed as log4j2's %xEx and Monolog's LineFormatter print them.
TEST_CASE("exception objects read as their library prints them, causes after", "[render_stack]") {
  std::string thrown =
      R"({"thrown":{"commonElementCount":0,"localizedMessage":"order 42 not placed","message":"order 42 not placed",)"
      R"("name":"java.lang.RuntimeException","cause":{"commonElementCount":1,"localizedMessage":"declined",)"
      R"("message":"declined","name":"java.lang.IllegalStateException","extendedStackTrace":[{"class":"G",)"
      R"("method":"charge","file":"G.java","line":12,"exact":false,"location":"app.jar","version":"1.0"}]},)"
      R"("extendedStackTrace":[{"class":"G","method":"place","file":"G.java","line":19,"exact":true,)"
      R"("location":"app.jar","version":"1.0"},{"class":"G","method":"main","file":"G.java","line":40}]}})";
  parsed p(thrown);
  CHECK(classify_below(p.ev, p.field("thrown"), true) == below_kind::exception);
  CHECK(stack_text(thrown, "thrown", below_kind::exception) ==
        "java.lang.RuntimeException: order 42 not placed\n"
        "\tat G.place(G.java:19) [app.jar:1.0]\n"
        "\tat G.main(G.java:40)\n"
        "Caused by: java.lang.IllegalStateException: declined\n"
        "\tat G.charge(G.java:12) ~[app.jar:1.0]\n"
        "\t... 1 more");
  std::string php =
      R"({"context":{"order_id":42,"exception":{"class":"LogicException","message":"order 42 not placed","code":0,)"
      R"("file":"/app/g.php:23","trace":["/app/g.php:38"],"previous":{"class":"RuntimeException",)"
      R"("message":"declined","code":7,"file":"/app/g.php:15","trace":["/app/g.php:21","/app/g.php:38"]}}}})";
  parsed q(php);
  std::uint32_t exception = q.ev.member(q.field("context"), "exception");
  CHECK(classify_below(q.ev, exception, false) == below_kind::exception);
  std::string out;
  append_stack_text(out, q.ev, exception, below_kind::exception);
  CHECK(out ==
        "LogicException(code: 0): order 42 not placed at /app/g.php:23\n"
        "#0 /app/g.php:38\n"
        "[previous exception] RuntimeException(code: 7): declined at /app/g.php:15\n"
        "#0 /app/g.php:21\n"
        "#1 /app/g.php:38");
  // The shape alone is not enough: the key must be the library's; and under it, an object that
  // lists no frames is an object like another.
  parsed r(R"({"error":{"name":"E","extendedStackTrace":[]},"exception":{"class":"E","message":"m"}})");
  CHECK(classify_below(r.ev, r.field("error"), true) == below_kind::none);
  CHECK(classify_below(r.ev, r.field("exception"), true) == below_kind::none);
  // Nor is one holding what the layout does not print: a member it does not know (it was
  // dropped), or a container where it writes text (printed unredacted): the general way shows
  // it whole and redacted (review).
  for (std::string_view json : {
           R"({"exception":{"class":"E","message":"x","trace":[],"request_id":"abc"}})",
           R"({"exception":{"class":"E","message":{"password":"s"},"trace":[]}})",
           R"({"exception":{"class":"E","trace":[{"args":{}}]}})",
           R"({"thrown":{"name":"J","extendedStackTrace":[],"suppressed":[]}})",
           R"({"thrown":{"name":"J","extendedStackTrace":[{"class":"C","method":"m","args":"x"}]}})",
           R"({"thrown":{"name":"J","extendedStackTrace":[],"cause":{"name":"K","extendedStackTrace":[],"x":1}}})",
           // A second cause passed the check while the layout printed the first (re-review).
           R"({"thrown":{"name":"J","extendedStackTrace":[],"cause":{"name":"K","message":{"password":"s"},)"
           R"("extendedStackTrace":[]},"cause":null}})",
           // A frame without its class and method printed as file:line alone; two messages, one.
           R"({"thrown":{"name":"J","extendedStackTrace":[{"class":"A","file":"A.java","line":1}]}})",
           R"({"thrown":{"name":"J","message":"a","localizedMessage":"b","extendedStackTrace":[]}})",
       }) {
    INFO(json);
    parsed u(json);
    CHECK(classify_below(u.ev, 1, true) == below_kind::none);
  }
}

TEST_CASE("an object is below only when all its members are", "[render_stack]") {
  parsed p(R"({"a":{"stack":"x\ny"},"b":{"stack":"x\ny","type":"E"},"c":{}})");
  CHECK(all_members_below(p.ev, p.field("a")));
  CHECK_FALSE(all_members_below(p.ev, p.field("b")));
  CHECK_FALSE(all_members_below(p.ev, p.field("c")));
  // Through nested objects too, but a redacted key stays inline.
  parsed q(R"({"a":{"e":{"stack":"x\ny"}},"b":{"e":{"stack":"x\ny"},"n":1},"c":{"e":{}},"d":{"e":{"token":"x\ny"}}})");
  CHECK(all_members_below(q.ev, q.field("a")));
  CHECK_FALSE(all_members_below(q.ev, q.field("b")));
  CHECK_FALSE(all_members_below(q.ev, q.field("c")));
  CHECK(all_members_below(q.ev, q.field("d")));
  CHECK_FALSE(all_members_below(q.ev, q.field("d"), &is_redacted_key));
}
