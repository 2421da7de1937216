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

// The console asks classify_top_string with the names_below answer its key facts hold.
TEST_CASE("a top-level string is classified by its key's name test known", "[render_stack]") {
  parsed p(
      R"({"stack_trace":"one line","stack":"a\nb","note":"a\nb","tab":"a\tb","plain":"x",)"
      R"j("err.stack":"x","exc_info":"a\tb","trace":"a\rb","Exception":"E: v    at f()","Exception2":"E    at f()"})j");
  const std::array<std::pair<std::string_view, below_kind>, 10> expected{{{"stack_trace", below_kind::stack_text},
                                                                          {"stack", below_kind::stack_text},
                                                                          {"note", below_kind::text},
                                                                          {"tab", below_kind::none},
                                                                          {"plain", below_kind::none},
                                                                          {"err.stack", below_kind::stack_text},
                                                                          {"exc_info", below_kind::stack_text},
                                                                          {"trace", below_kind::none},
                                                                          {"Exception", below_kind::joined_lines},
                                                                          {"Exception2", below_kind::none}}};
  for (auto [key, kind] : expected) {
    CAPTURE(key);
    std::uint32_t i = p.field(key);
    CHECK(classify_top_string(p.ev.at(i), names_below(key)) == kind);
    CHECK(classify_below(p.ev, i, true) == kind);
  }
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

// A frame's line shows the members a layout knows; every other member follows it as key=value,
// so nothing a frame holds vanishes (review A5: a Java frame's class, Go's package and pc,
// tslog's full path were dropped).
TEST_CASE("a frame shows every member it holds", "[render_stack]") {
  // Java: the class before the method, as Java prints a frame.
  CHECK(stack_text(R"({"s":[{"class":"com.acme.Pay","method":"charge","file":"Pay.java","line":12}]})", "s",
                   below_kind::frames) == "at com.acme.Pay.charge(Pay.java:12)");
  // Jackson's StackTraceElement: what Java's line does not show follows it.
  CHECK(stack_text(R"({"s":[{"className":"A","methodName":"m","fileName":"A.java","lineNumber":3,)"
                   R"("nativeMethod":false,"moduleName":null}]})",
                   "s", below_kind::frames) == "at A.m(A.java:3) nativeMethod=False moduleName=None");
  // Go: the package before the function; the pc follows.
  CHECK(stack_text(R"({"s":[{"func":"f","line":"19","source":"a.go","pkg":"github.com/me/pay","pc":"0x4a2b"}]})", "s",
                   below_kind::frames) == "at github.com/me/pay.f (a.go:19) pc=0x4a2b");
  // A function named in full is not given its package twice.
  CHECK(stack_text(R"({"s":[{"func":"github.com/me/pay.f","line":"19","source":"a.go","pkg":"github.com/me/pay"}]})",
                   "s", below_kind::frames) == "at github.com/me/pay.f (a.go:19)");
  // tslog: the full path, which already ends in the line and column; its other names for parts
  // of the location are in the line.
  CHECK(stack_text(R"({"s":[{"fullFilePath":"/app/generate.js:10:9","fileName":"generate.js",)"
                   R"("fileNameWithLine":"generate.js:10","fileColumn":"9","fileLine":"10","filePath":"generate.js",)"
                   R"("filePathWithLine":"generate.js:10","method":"chargeCard"}]})",
                   "s", below_kind::frames) == "at chargeCard (/app/generate.js:10:9)");
  // Another name for a part whose text the line does not hold is shown; a container member too.
  CHECK(stack_text(R"({"s":[{"abs_path":"/app/x.py","filename":"y.py","lineno":3,"function":"f","vars":{"a":1}}]})",
                   "s", below_kind::frames) == "at f (/app/x.py:3) filename=y.py vars={'a': 1}");
  // ... and one whose text is only part of a word of the location, or stands in a pair written
  // after it (the review: `lineNumber=1` was taken for held by `main.go:12`).
  CHECK(stack_text(R"({"s":[{"func":"main","file":"main.go","line":12,"lineNumber":1}]})", "s", below_kind::frames) ==
        "at main (main.go:12) lineNumber=1");
  CHECK(stack_text(R"({"s":[{"func":"f","file":"a.go","line":3,"extra":"foo","source":"foo"}]})", "s",
                   below_kind::frames) == "at f (a.go:3) extra=foo source=foo");
  // A member under a secret key is redacted as the event line redacts it.
  parsed p(R"({"s":[{"func":"f","line":1,"token":"abc","args":{"password":"p","n":2}}]})");
  std::string out;
  append_stack_text(out, p.ev, p.field("s"), below_kind::frames, redaction::deep);
  CHECK(out == "at f:1 token='[REDACTED]' args={'password': '[REDACTED]', 'n': 2}");
}

// log4j2's `thrown` with `suppressed` goes the general way: its frames keep their class and jar.
TEST_CASE("log4j2's frames the general way keep their class", "[render_stack]") {
  parsed p(R"({"thrown":{"name":"java.io.IOException","extendedStackTrace":[{"class":"App","method":"run",)"
           R"("file":"App.java","line":10,"exact":true,"location":"app.jar","version":"1.0"}],"suppressed":[]}})");
  REQUIRE(classify_below(p.ev, p.field("thrown"), true) == below_kind::none);
  std::uint32_t frames = p.ev.member(p.field("thrown"), "extendedStackTrace");
  REQUIRE(classify_below(p.ev, frames, false) == below_kind::frames);
  std::string out;
  append_stack_text(out, p.ev, frames, below_kind::frames, redaction::deep);
  CHECK(out == "at App.run(App.java:10) [app.jar:1.0]");
}

// structlog 22.3.0 (Debian 12's python3-structlog), dict_tracebacks, Python 3.11.2
// (tests/loggers/structlog-exceptions; locals cut short).
TEST_CASE("structlog's SyntaxError shows its file, line and caret", "[render_stack]") {
  std::string json =
      R"j({"exception": [{"exc_type": "SyntaxError", "exc_value": "invalid syntax (discount.py, line 2)", )j"
      R"("syntax_error": {"offset": 13, "filename": "rules/discount.py", "line": "    total = = 42\n", "lineno": 2, )"
      R"("msg": "invalid syntax"}, "is_cause": false, "frames": [{"filename": "/app/gen.py", "lineno": 18, )"
      R"("name": "load_rule", "line": "", "locals": {"source": "x"}}]}]})";
  CHECK(stack_text(json, "exception", below_kind::python_trace) ==
        "Traceback (most recent call last):\n"
        "  File \"/app/gen.py\", line 18, in load_rule\n"
        "  File \"rules/discount.py\", line 2\n"
        "    total = = 42\n"
        "            ^\n"
        "SyntaxError: invalid syntax (discount.py, line 2)");
  // The whitespace before the offset is kept (a tab), a character counts once however long.
  CHECK(stack_text(R"({"e":[{"exc_type":"SyntaxError","exc_value":"bad","frames":[],"syntax_error":)"
                   R"({"offset":7,"filename":"r.py","line":"\tx = \"\u00e9\" = 42","lineno":2,"msg":"bad"}}]})",
                   "e", below_kind::python_trace) ==
        "  File \"r.py\", line 2\n    \tx = \"\u00e9\" = 42\n    \t     ^\nSyntaxError: bad");
  // A character the output escapes takes its escape's width: \x01 four columns, U+202E six.
  CHECK(stack_text(R"({"e":[{"exc_type":"SyntaxError","exc_value":"bad","frames":[],"syntax_error":)"
                   R"({"offset":5,"filename":"r.py","line":"x\u0001\u202e = 1","lineno":2,"msg":"bad"}}]})",
                   "e", below_kind::python_trace) ==
        "  File \"r.py\", line 2\n    x\u0001\u202e = 1\n                ^\nSyntaxError: bad");
}

// .NET's JsonConsoleFormatter, unindented: Exception.ToString() with each line break replaced by
// a space (dotnet/runtime JsonConsoleFormatter.cs); an inner exception's ` ---> ` stays on the line.
TEST_CASE(".NET's joined exception text goes below with its line breaks restored", "[render_stack]") {
  parsed p(
      R"j({"Exception":"System.Exception: outer ---> System.IO.IOException: disk full    at Inner.Write() in /src/Inner.cs:line 5    --- End of inner exception stack trace ---    at App.Run() in /src/App.cs:line 9 --- End of stack trace from previous location ---     at App.Main()",)j"
      R"j("Other":"x    at y","Exception2":"a","exception":"E: v    at f()"})j");
  REQUIRE(classify_below(p.ev, p.field("Exception"), true) == below_kind::joined_lines);
  std::string out;
  append_stack_text(out, p.ev, p.field("Exception"), below_kind::joined_lines);
  CHECK(out ==
        "System.Exception: outer ---> System.IO.IOException: disk full\n"
        "   at Inner.Write() in /src/Inner.cs:line 5\n"
        "   --- End of inner exception stack trace ---\n"
        "   at App.Run() in /src/App.cs:line 9\n"
        "--- End of stack trace from previous location --- \n"  // a line's trailing space stays
        "   at App.Main()");
  // Only under .NET's key; elsewhere a stack name's text stays as written.
  CHECK(classify_below(p.ev, p.field("Other"), true) == below_kind::none);
  CHECK(classify_below(p.ev, p.field("exception"), true) == below_kind::stack_text);
  CHECK(names_below("Exception"));
  CHECK_FALSE(names_below("Exception2"));
  // Text without a frame's indentation after a space is no joined stack: it stays a pair.
  parsed q(R"({"Exception":"failed at noon   at last"})");
  CHECK(classify_below(q.ev, q.field("Exception"), true) == below_kind::none);
}

// structlog 22.3.0's ExceptionDictTransformer(max_frames=4) (tests/loggers/structlog-exceptions):
// the frames it leaves out are one placeholder frame.
TEST_CASE("structlog's max_frames placeholder shows as the frames left out", "[render_stack]") {
  std::string json =
      R"j({"exception": [{"exc_type": "RecursionError", "exc_value": "tree too deep", "syntax_error": null, )j"
      R"("is_cause": false, "frames": [{"filename": "/app/gen.py", "lineno": 22, "name": "walk", "line": "", )"
      R"("locals": null}, {"filename": "", "lineno": -1, "name": "Skipped frames: 4", "line": "", "locals": null}, )"
      R"({"filename": "/app/gen.py", "lineno": 21, "name": "walk", "line": "", "locals": null}]}]})";
  CHECK(stack_text(json, "exception", below_kind::python_trace) ==
        "Traceback (most recent call last):\n"
        "  File \"/app/gen.py\", line 22, in walk\n"
        "  [Skipped frames: 4]\n"
        "  File \"/app/gen.py\", line 21, in walk\n"
        "RecursionError: tree too deep");
  // Only the placeholder's exact shape: a frame with no file but a real line, or with line -1
  // and another name, is a frame (its source line kept).
  CHECK(stack_text(R"({"e":[{"exc_type":"E","exc_value":"v","frames":[{"filename":"","lineno":-1,"name":"main",)"
                   R"j("line":"do_work()","locals":null}]}]})j",
                   "e", below_kind::python_trace) ==
        "Traceback (most recent call last):\n  File \"\", line -1, in main\n    do_work()\nE: v");
  // A frame with no file but a real line is a frame too.
  CHECK(stack_text(R"({"e":[{"exc_type":"E","exc_value":"v","frames":[{"filename":"","lineno":3,"name":"f",)"
                   R"("line":"","locals":null}]}]})",
                   "e",
                   below_kind::python_trace) == "Traceback (most recent call last):\n  File \"\", line 3, in f\nE: v");
}

// As structlog 25.4's ExceptionDictTransformer writes them (exc_notes since 25.2; is_group and
// exceptions, one list of stacks per sub-exception, since 25.4), printed as Python 3.11's
// traceback module prints them (review A4: they were dropped).
TEST_CASE("structlog's notes and exception groups read as Python prints them", "[render_stack]") {
  CHECK(stack_text(
            R"({"e":[{"exc_type":"RuntimeError","exc_value":"order 42 not placed",)"
            R"("exc_notes":["retry budget exhausted","two\nlines"],"syntax_error":null,"is_cause":false,)"
            R"("frames":[{"filename":"/app/a.py","lineno":10,"name":"place"}],"is_group":false,"exceptions":[]}]})",
            "e", below_kind::python_trace) ==
        "Traceback (most recent call last):\n"
        "  File \"/app/a.py\", line 10, in place\n"
        "RuntimeError: order 42 not placed\n"
        "retry budget exhausted\n"
        "two\n"
        "lines");
  // A group of a chained exception and a group, with a note: the layout of the same exceptions
  // printed by Python 3.11.2's traceback.print_exc().
  std::string group =
      R"j({"e":[{"exc_type":"ExceptionGroup","exc_value":"many (2 sub-exceptions)","exc_notes":["note one"],)j"
      R"("is_cause":false,"is_group":true,"frames":[{"filename":"/app/m.py","lineno":5,"name":"main"}],"exceptions":[)"
      R"([{"exc_type":"TypeError","exc_value":"second","is_cause":false,"frames":[{"filename":"/app/m.py","lineno":7,)"
      R"("name":"f2"}]},{"exc_type":"KeyError","exc_value":"'inner'","is_cause":true,"frames":[{"filename":"/app/m.py",)"
      R"("lineno":6,"name":"f2"}]}],)"
      R"j([{"exc_type":"ExceptionGroup","exc_value":"nested (1 sub-exception)","is_group":true,"frames":[],)j"
      R"("exceptions":[[{"exc_type":"RuntimeError","exc_value":"deep","frames":[]}]]}]]}]})";
  CHECK(stack_text(group, "e", below_kind::python_trace) ==
        "  + Exception Group Traceback (most recent call last):\n"
        "  |   File \"/app/m.py\", line 5, in main\n"
        "  | ExceptionGroup: many (2 sub-exceptions)\n"
        "  | note one\n"
        "  +-+---------------- 1 ----------------\n"
        "    | Traceback (most recent call last):\n"
        "    |   File \"/app/m.py\", line 6, in f2\n"
        "    | KeyError: 'inner'\n"
        "    | \n"
        "    | The above exception was the direct cause of the following exception:\n"
        "    | \n"
        "    | Traceback (most recent call last):\n"
        "    |   File \"/app/m.py\", line 7, in f2\n"
        "    | TypeError: second\n"
        "    +---------------- 2 ----------------\n"
        "    | ExceptionGroup: nested (1 sub-exception)\n"
        "    +-+---------------- 1 ----------------\n"
        "      | RuntimeError: deep\n"
        "      +------------------------------------");
  parsed p(group);
  CHECK(classify_below(p.ev, p.field("e"), true) == below_kind::python_trace);
}

// The layout is taken only when it prints everything the list holds (as log4j2's and Monolog's,
// "Stop 39"); otherwise the general way shows the list whole, redacted, its frames below.
TEST_CASE("a structlog list holding what Python's layout does not print goes the general way", "[render_stack]") {
  for (
      std::string_view json : {
          R"({"e":[{"exc_type":"E","exc_value":"v","frames":[],"custom":"KEEPME"}]})",
          R"({"e":[{"exc_type":"E","exc_value":"v","frames":[{"filename":"a","lineno":1,"name":"f","pc":1}]}]})",
          R"({"e":[{"exc_type":"E","exc_value":{"password":"s"},"frames":[]}]})",
          R"({"e":[{"exc_type":"E","frames":[],"exc_notes":[{"a":1}]}]})",
          R"({"e":[{"exc_type":"E","frames":[],"is_cause":"yes"}]})",
          // Sub-exceptions outside a group, or one that does not fit.
          R"({"e":[{"exc_type":"E","frames":[],"exceptions":[[{"exc_type":"F","frames":[]}]]}]})",
          R"({"e":[{"exc_type":"E","frames":[],"is_group":true,"exceptions":[[{"exc_type":"F","frames":[],"x":1}]]}]})",
          // A SyntaxError's message that str() of the exception does not begin with; another member.
          R"({"e":[{"exc_type":"SyntaxError","exc_value":"v","frames":[],"syntax_error":{"msg":"other"}}]})",
          R"({"e":[{"exc_type":"SyntaxError","exc_value":"v","frames":[],"syntax_error":{"end_offset":3}}]})",
      }) {
    INFO(json);
    parsed u(json);
    CHECK(classify_below(u.ev, u.field("e"), true) == below_kind::none);
  }
}
