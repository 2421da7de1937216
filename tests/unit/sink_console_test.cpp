#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "../support/render.hpp"
#include "../support/sanitized.hpp"

using namespace logmoji;
using test::render;

namespace {
const options plain = test::plain_options();

// A line rendered alone needs a fresh pipeline and sink, whose tables are set up anew: about
// 4 ms of CPU a line under ASan, 34 of the 42 s this file took there. The release pass renders
// every line of the differentials below alone, the sanitizer pass every 8th (each kind of line
// still among them); the kept sink and the general path see every line in both.
constexpr std::size_t alone_step = test::sanitized ? 8 : 1;

// `shown`, what a kept sink wrote for `line`, is what a fresh sink writes for it alone.
void check_as_alone(std::string_view shown, const std::string& line, bool color, const options& opts) {
  std::string alone = render(line, color, opts);
  if (shown == alone) return;
  INFO(line);
  CHECK(shown == alone);
}
}  // namespace

TEST_CASE("columns: timestamp, padded level, message padded to 30, sorted pairs", "[sink_console]") {
  CHECK(render(R"({"b":2,"event":"hi","level":"info","timestamp":"2026-11-23 23:31:56.782582","a":"x"})", false,
               plain) == "2026-11-23 23:31:56.782582 [info     ] hi                             a=x b=2\n");
}

TEST_CASE("trailing padding is stripped when nothing follows the message", "[sink_console]") {
  CHECK(render(R"({"event":"no extra keys","level":"info"})", false, plain) == "[info     ] no extra keys\n");
  CHECK(render(R"({"event":"","level":"info"})", false, plain) == "[info     ]\n");
}

TEST_CASE("long level names are not cut; the message pads by code points", "[sink_console]") {
  CHECK(render(R"({"event":"x","level":"exceptional","k":1})", false, plain) ==
        "[exceptional] x                              k=1\n");
  CHECK(render(R"({"event":"Gr\u00f6\u00dfe","level":"info","k":1})", false, plain) ==
        "[info     ] Gr\xC3\xB6\xC3\x9F"
        "e                          k=1\n");
}

TEST_CASE("values are quoted only when structlog would, plus unsafe characters", "[sink_console]") {
  CHECK(render(R"({"event":"e","s":"two words","p":"C:\\tmp","q":"k=v","u":"\u001b[31mred"})", false, plain) ==
        "e                              p=C:\\tmp q='k=v' s='two words' u='\\x1b[31mred'\n");
}

TEST_CASE("control characters in messages are escaped in place, keys quoted as values are", "[sink_console]") {
  CHECK(render(R"({"event":"a\u001b]0;pwned\u0007b","k\u009bx":1})", false, plain) ==
        "a\\x1b]0;pwned\\x07b             'k\\x9bx'=1\n");
  CHECK(render(R"({"event":"over\rwrite"})", false, plain) == "over\\rwrite\n");
}

TEST_CASE("a key that would read as other pairs is quoted, outside --foundation", "[sink_console]") {
  // `"user=admin role":"root"` printed as the pairs user=admin role=root.
  CHECK(render(R"({"event":"e","user":"bob","user=admin role":"root","":1})", false, plain) ==
        "e                              ''=1 user=bob 'user=admin role'=root\n");
  options foundation = plain;  // the library writes keys as they are
  foundation.sink.library_bytes = true;
  CHECK(render(R"({"event":"e","user=admin role":"root"})", false, foundation) ==
        "e                              user=admin role=root\n");
}

TEST_CASE("a multi-line message: its later lines go under the event, indented", "[sink_console]") {
  CHECK(render(R"({"k":"v","event":"first line\nsecond line\n\tthird\u001b[2J","level":"info"})", false, plain) ==
        "[info     ] first line                     k=v\n  second line\n  \tthird\\x1b[2J\n");
  // --foundation prints the library's bytes: the whole message in the column, padded.
  options foundation = plain;
  foundation.sink.library_bytes = true;
  CHECK(render(R"({"k":"v","event":"first line\nsecond line","level":"info"})", false, foundation) ==
        "[info     ] first line\nsecond line         k=v\n");
}

namespace {
// Each physical line of `text`: whether a style opened on it is still open at its end.
std::vector<bool> lines_left_styled(const std::string& text) {
  std::vector<bool> open;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    std::size_t last = line.rfind("\x1b[");
    open.push_back(last != std::string::npos && line.compare(last, 4, "\x1b[0m") != 0);
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return open;
}
}  // namespace

// `| head -n1` of a multi-line message left the terminal bold (issue 17).
TEST_CASE("coloured output closes every style before each newline", "[sink_console]") {
  std::string out = render(R"({"k":"v","event":"first\nsecond\n\nfourth","level":"info","logger":"a"})", true, plain);
  CHECK(
      out ==
      "[\x1b[32m\x1b[1minfo     \x1b[0m] \x1b[1mfirst                         \x1b[0m [\x1b[0m\x1b[1m\x1b[34ma\x1b[0m]"
      "\x1b[0m \x1b[36mk\x1b[0m=\x1b[35mv\x1b[0m\n  \x1b[1msecond\x1b[0m\n  \x1b[1m\x1b[0m\n"
      "  \x1b[1mfourth\x1b[0m\n");
  CHECK(lines_left_styled(out) == std::vector<bool>{false, false, false, false});
  // --foundation prints the library's bytes: structlog leaves the style open across the newline.
  options foundation = plain;
  foundation.sink.library_bytes = true;
  std::string library = render(R"({"event":"first\nsecond","level":"info"})", true, foundation);
  CHECK(library == "[\x1b[32m\x1b[1minfo     \x1b[0m] \x1b[1mfirst\nsecond                  \x1b[0m\n");
  CHECK(lines_left_styled(library) == std::vector<bool>{true, false});
}

TEST_CASE("logger column and its colours", "[sink_console]") {
  CHECK(render(R"({"logger":"other.component","n":1,"event":"x","level":"info"})", false, plain) ==
        "[info     ] x                              [other.component] n=1\n");
  // foundation's theme has no trace style: the library leaves it plain, logmoji gives it debug's.
  options foundation = plain;
  foundation.sink.library_bytes = true;
  CHECK(render(R"({"logger":"c","event":"x","level":"trace"})", true, foundation) ==
        "[trace    \x1b[0m] \x1b[1mx                             \x1b[0m [\x1b[0m\x1b[1m\x1b[34mc\x1b[0m]\x1b[0m\n");
  CHECK(render(R"({"logger":"c","event":"x","level":"trace"})", true, plain) ==
        "[\x1b[32m\x1b[1mtrace    \x1b[0m] \x1b[1mx                             \x1b[0m "
        "[\x1b[0m\x1b[1m\x1b[34mc\x1b[0m]\x1b[0m\n");
}

TEST_CASE("logger_name is a column unless the foundation preset strips it", "[sink_console]") {
  CHECK(render(R"({"logger_name":"app","event":"x"})", false, plain) == "x                              [app]\n");
  options o = plain;
  o.sink.strip_logger_name = true;
  CHECK(render(R"({"logger_name":"app","event":"x"})", false, o) == "x\n");
}

TEST_CASE("a logger read from inside an object is in the column", "[sink_console]") {
  // @elastic/ecs-winston-format writes {"log":{"logger":…}}: its member is keyed "logger" too,
  // and was taken for the top-level field the column already showed, so it was shown nowhere.
  CHECK(render(R"({"log":{"logger":"app.http"},"message":"m"})", false, plain) ==
        "m                              [app.http]\n");
  CHECK(render(R"({"log":{"logger":"app.http","x":1},"message":"m"})", false, plain) ==
        "m                              [app.http] log={'logger': 'app.http', 'x': 1}\n");
}

TEST_CASE("colours follow foundation's codes", "[sink_console]") {
  CHECK(render(R"({"event":"hi","level":"error","k":"v"})", true, plain) ==
        "[\x1b[31m\x1b[1merror    \x1b[0m] \x1b[1mhi                            \x1b[0m "
        "\x1b[36mk\x1b[0m=\x1b[35mv\x1b[0m\n");
  // The library styles only the lower-case names; logmoji every name of the level table.
  options foundation = plain;
  foundation.sink.library_bytes = true;
  CHECK(render(R"({"event":"hi","level":"ERROR"})", true, foundation) ==
        "[ERROR    \x1b[0m] \x1b[1mhi                            \x1b[0m\n");
  CHECK(render(R"({"event":"hi","level":"ERROR"})", true, plain) ==
        "[\x1b[31m\x1b[1mERROR    \x1b[0m] \x1b[1mhi                            \x1b[0m\n");
  CHECK(render(R"({"event":"hi","level":"Alert"})", true, plain) ==
        "[\x1b[31m\x1b[1mAlert    \x1b[0m] \x1b[1mhi                            \x1b[0m\n");
  CHECK(render(R"({"event":"hi","level":"loud"})", true, plain) ==
        "[loud     \x1b[0m] \x1b[1mhi                            \x1b[0m\n");
  CHECK(render(R"({"timestamp":"t","event":"hi"})", true, plain) ==
        "\x1b[2mt\x1b[0m \x1b[1mhi                            \x1b[0m\n");
}

TEST_CASE("stack and exception are printed below the line", "[sink_console]") {
  CHECK(render(R"({"exception":"Traceback\nKeyError: 'u'","event":"boom","level":"error"})", false, plain) ==
        "[error    ] boom\nTraceback\nKeyError: 'u'\n");
  CHECK(render(R"j({"stack":"Stack:\n  f()","exception":"E","event":"x","exc_info":true})j", false, plain) ==
        "x\nStack:\n  f()\n\n" + std::string(79, '=') + "\n\nE\n");
}

TEST_CASE("a numeric pino level shows its name", "[sink_console]") {
  CHECK(render(R"({"level":50,"msg":"down"})", false, plain) == "[error    ] down\n");
}

TEST_CASE("a custom pino level shows its number, coloured by the level below it", "[sink_console]") {
  CHECK(render(R"({"level":35,"msg":"audit"})", false, plain) == "[35       ] audit\n");
  CHECK(render(R"({"level":70,"msg":"x"})", true, plain) ==
        "[\x1b[31m\x1b[1m70       \x1b[0m] \x1b[1mx                             \x1b[0m\n");
  // 8 is no level the table ranks: shown as written, uncoloured.
  CHECK(render(R"({"level":8,"msg":"x"})", true, plain) ==
        "[8        \x1b[0m] \x1b[1mx                             \x1b[0m\n");
}

TEST_CASE("log15's and slog's level names are coloured by their rank", "[sink_console]") {
  CHECK(render(R"({"level":"eror","msg":"x"})", true, plain) ==
        "[\x1b[31m\x1b[1meror     \x1b[0m] \x1b[1mx                             \x1b[0m\n");
  CHECK(render(R"({"level":"WARN+2","msg":"x"})", true, plain) ==
        "[\x1b[33m\x1b[1mWARN+2   \x1b[0m] \x1b[1mx                             \x1b[0m\n");
}

TEST_CASE("raw lines are escaped and dim when coloured", "[sink_console]") {
  output out(-1);
  console_sink sink({}, true, redaction::none);
  sink.write_raw("not json \x1b[2J\x9b\ttab", out);
  CHECK(out.buffer() == "\x1b[2mnot json \\x1b[2J\\x9b\ttab\x1b[0m\n");
}

// python-json-logger's traceback was shown nowhere (issue 12).
TEST_CASE("a string exc_info is printed below the event like exception", "[sink_console]") {
  std::string line = R"({"levelname":"ERROR","message":"failed","exc_info":"Traceback (most recent call last):\n)"
                     R"(  File \"x.py\", line 3, in <module>\nZeroDivisionError: division by zero"})";
  CHECK(render(line, false, plain) ==
        "[ERROR    ] failed\nTraceback (most recent call last):\n  File \"x.py\", line 3, in <module>\n"
        "ZeroDivisionError: division by zero\n");
  // The library resolves a string exc_info to the live exception, and there is none: nothing.
  options foundation = plain;
  foundation.sink.library_bytes = true;
  CHECK(render(R"({"event":"failed","exc_info":"Traceback\nE"})", false, foundation) == "failed\n");
  // exc_info=True is the library's flag, consumed as it consumes it.
  CHECK(render(R"({"event":"failed","exc_info":true})", false, plain) == "failed\n");
}

TEST_CASE("stacks below the event wherever they sit, control characters escaped", "[sink_console]") {
  // pino and bunyan: err.stack; the rest of err stays a pair.
  CHECK(
      render(
          R"j({"level":50,"msg":"boom","err":{"type":"Error","message":"boom","stack":"Error: boom\n    at f (a.js:1:2)"}})j",
          false, plain) ==
      "[error    ] boom                           err={'type': 'Error', 'message': 'boom'}\n"
      "Error: boom\n    at f (a.js:1:2)\n");
  // ECS: error.stack_trace is the only member left; no empty err={} pair. logback's tab stays.
  CHECK(render(R"j({"message":"x","error":{"stack_trace":"java.lang.E: b\n\tat M.m(M.java:5)"}})j", false, plain) ==
        "x\njava.lang.E: b\n\tat M.m(M.java:5)\n");
  CHECK(render(R"({"message":"x","backtrace":"f\u001b[2J\n\u009bg"})", false, plain) == "x\nf\\x1b[2J\n\\x9bg\n");
  // .NET (Serilog's @x) ends its lines with CRLF: the CR is the line end's, not shown as \r; a
  // CR inside a line still is.
  CHECK(render(R"({"message":"x","@x":"E: b\r\n   at M()\r\n","note":"a\r\nb\rc"})", false, plain) ==
        "x\nE: b\n   at M()\n  note:\n    a\n    b\\rc\n");
  // zerolog's frame list
  CHECK(render(R"({"message":"x","stack":[{"func":"main","line":"20","source":"main.go"}]})", false, plain) ==
        "x\n  stack:\n    at main (main.go:20)\n");
  // structlog's dict_tracebacks
  CHECK(
      render(
          R"({"event":"x","exception":[{"exc_type":"E","exc_value":"v","frames":[{"filename":"a.py","lineno":1,"name":"f"}]}]})",
          false, plain) == "x\nTraceback (most recent call last):\n  File \"a.py\", line 1, in f\nE: v\n");
}

TEST_CASE("other multi-line values go below as `key:` and indented lines", "[sink_console]") {
  CHECK(render(R"({"event":"q","sql":"SELECT 1\n  FROM t\n","k":1,"db":{"query":"a\n\u001bb"}})", false, plain) ==
        "q                              k=1\n  sql:\n    SELECT 1\n      FROM t\n  db.query:\n    a\n    \\x1bb\n");
  // Under --foundation a value is one repr, as the library prints it.
  options foundation = plain;
  foundation.sink.library_bytes = true;
  CHECK(render(R"({"event":"q","sql":"a\nb"})", false, foundation) == "q                              sql='a\\nb'\n");
  // A redacted dict keeps its secret inline, as '[REDACTED]'.
  options redact = plain;
  redact.enrich.redact_dicts = true;
  CHECK(render(R"({"event":"q","h":{"token":"a\nb","x":"c\nd"}})", false, redact) ==
        "q                              h={'token': '[REDACTED]'}\n  h.x:\n    c\n    d\n");
}

TEST_CASE("an object whose members all go below is left out at any depth, and nothing is lost", "[sink_console]") {
  // Two levels down it used to print a={'e': {}}.
  CHECK(render(R"({"event":"q","a":{"e":{"note":"x\ny"}},"z":1})", false, plain) ==
        "q                              z=1\n  a.e.note:\n    x\n    y\n");
  CHECK(render(R"({"event":"q","a":{"e":{"note":"x\ny"},"k":1}})", false, plain) ==
        "q                              a={'k': 1}\n  a.e.note:\n    x\n    y\n");
  // Below the depth the collector looks to, a text used to be left out of the pair and not
  // shown below either: it stays inline, escaped.
  auto nested = [](int depth) {
    std::string json = R"({"event":"q","a":)";
    for (int d = 0; d < depth; ++d) json += R"({"k":)";
    json += R"({"note":"x\ny"})";
    return json + std::string(static_cast<std::size_t>(depth), '}') + "}";
  };
  std::string at_limit = render(nested(below_max_depth - 1), false, plain);
  CHECK(at_limit.find("\n    x\n    y\n") != std::string::npos);
  CHECK(at_limit.find("{'note'") == std::string::npos);
  std::string deeper = render(nested(below_max_depth), false, plain);
  CHECK(deeper.find("{'note': 'x\\ny'}") != std::string::npos);
  CHECK(deeper.find("\n    x") == std::string::npos);
}

// Columns drifted after emoji and CJK (issue 13): padding counted code points.
TEST_CASE("columns are padded by terminal cells; --foundation by code points", "[sink_console]") {
  std::string wide = render(R"({"event":"\u4e2d\u6587 \ud83d\udd39","level":"info","k":1})", false, plain);
  std::string narrow = render(R"({"event":"abcd ef","level":"info","k":1})", false, plain);
  CHECK(wide.find("k=1") == narrow.find("k=1") + (wide.size() - narrow.size()));
  CHECK(wide == "[info     ] \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x94\xB9" + std::string(24, ' ') + "k=1\n");
  options foundation = plain;
  foundation.sink.library_bytes = true;
  CHECK(render(R"({"event":"\u4e2d\u6587 \ud83d\udd39","level":"info","k":1})", false, foundation) ==
        "[info     ] \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x94\xB9" + std::string(27, ' ') + "k=1\n");
}

// A raw tab would take the cells up to the terminal's next tab stop, which the columns written
// before it (a label, a source) move: the pairs after it would not line up.
TEST_CASE("a tab in the message column is spaces to the column's next multiple of 8", "[sink_console]") {
  CHECK(render(R"({"event":"a\tb","level":"info","k":1})", false, plain) ==
        "[info     ] a       b" + std::string(22, ' ') + "k=1\n");
  CHECK(render(R"({"event":"abcdefgh\t\u4e2d\tz","level":"info","k":1})", false, plain) ==
        "[info     ] abcdefgh        \xE4\xB8\xAD      z      k=1\n");
  // Its other controls are still escaped, and the later lines stay below as they were.
  CHECK(render(R"({"event":"\u001b[31m\tx\n\ty","level":"info"})", false, plain) ==
        "[info     ] \\x1b[31m        x\n  \ty\n");
  // Seen again (the message width memo), the same.
  test::pipeline_run run(plain, console_sink(plain.sink, false, redaction::none));
  for (int i = 0; i < 2; ++i) run.line(R"({"event":"a\tb","k":1})");
  CHECK(run.text() == "a       b                      k=1\na       b                      k=1\n");
  options foundation = plain;
  foundation.sink.library_bytes = true;
  CHECK(render(R"({"event":"a\tb","level":"info","k":1})", false, foundation) ==
        "[info     ] a\tb" + std::string(28, ' ') + "k=1\n");
}

// pino's AggregateError and zap's Errors keep a stack in each object of a list: searched as an
// object's members are, labelled with the element's index; the list keeps every element.
TEST_CASE("a stack inside an object of a list goes below, labelled by its index", "[sink_console]") {
  CHECK(render(R"({"event":"x","errs":[{"e":"a","v":"l1\nl2"},{"e":"b"}]})", false, plain) ==
        "x                              errs=[{'e': 'a'}, {'e': 'b'}]\n  errs[0].v:\n    l1\n    l2\n");
  CHECK(render(R"({"event":"x","d":[[{"sql":"a\nb"}]],"s":["one\ntwo"]})", false, plain) ==
        "x                              d=[[{}]] s=['one\\ntwo']\n  d[0][0].sql:\n    a\n    b\n");
  CHECK(render(R"({"event":"x","err":{"list":[{"stack":"E: m\n  at f"}]}})", false, plain) ==
        "x                              err={'list': [{}]}\nE: m\n  at f\n");
}

// Stacks back to back read as one (review B2): every stack after the first value below the event
// is headed by its path, as a multi-line text is; the first is the event's own, as before.
TEST_CASE("a stack after another below the event is headed by its path", "[sink_console]") {
  // pino: err.stack and err.cause.stack.
  CHECK(render(R"({"msg":"x","err":{"stack":"Error: outer\n    at a","cause":{"stack":"Error: inner\n    at b"}}})",
               false, plain) == "x\nError: outer\n    at a\n  err.cause.stack:\nError: inner\n    at b\n");
  // After a labelled text, a structlog traceback and the library's trailer are headed too.
  CHECK(render(R"({"event":"x","sql":"a\nb","exception":[{"exc_type":"E","exc_value":"v","frames":[]}],"stack":"S"})",
               false, plain) == "x\n  sql:\n    a\n    b\n  exception:\nE: v\n  stack:\nS\n");
  // --foundation prints the library's bytes, without headings.
  options foundation = plain;
  foundation.sink.library_bytes = true;
  CHECK(render(R"({"event":"x","stack":"S","exception":"E"})", false, foundation) ==
        "x\nS\n\n" + std::string(79, '=') + "\n\nE\n");
}

// .NET's and Windows programs' messages end their lines in CRLF: the CR is part of the line end,
// in the message column and below it, as in a stack below the event.
TEST_CASE("a CRLF message shows no \\r at its lines' ends", "[sink_console]") {
  CHECK(render(R"({"event":"win\r\nline2\r\n","k":1})", false, plain) ==
        "win                            k=1\n  line2\n");
  CHECK(render(R"({"event":"a\rb\r","k":1})", false, plain) == "a\\rb\\r                         k=1\n");
  test::pipeline_run run(plain, console_sink(plain.sink, false, redaction::none));
  for (int i = 0; i < 2; ++i) run.line(R"({"event":"win\r\nx"})");  // the width memo's path too
  CHECK(run.text() == "win\n  x\nwin\n  x\n");
}

// CLEF: "@l: the level, if not Information". Serilog leaves it out of its most common events.
TEST_CASE("a Serilog event without @l shows Information; --foundation and other logs no level", "[sink_console]") {
  CHECK(render(R"({"@t":"2026-11-24T10:00:00Z","@mt":"hi {U}","U":1})", false, plain)
            .ends_with("[Information] hi {U}" + std::string(25, ' ') + "U=1\n"));
  CHECK(render(R"({"@t":"2026-11-24T10:00:00Z","@mt":"w","@l":"Warning"})", false, plain).find("[Warning  ] w") !=
        std::string::npos);
  CHECK(render(R"({"time":"2026-11-24T10:00:00Z","msg":"m"})", false, plain).find('[') == std::string::npos);
  // An @l the level role passed over (null) is no absent one.
  CHECK(render(R"({"@t":"2026-11-24T10:00:00Z","@mt":"m","@l":null})", false, plain).find("Information") ==
        std::string::npos);
}

// The collector and the repr agree on where a secret key is redacted, or a value was shown
// neither inline nor below: outside --foundation in every object, lists at any depth included.
TEST_CASE("a secret member of an object in a list stays inline, redacted, at any depth", "[sink_console]") {
  options redact = plain;
  redact.enrich.redact_dicts = true;
  CHECK(render(R"({"event":"e","a":[{"password":"x\ny","k":1,"n":"a\nb"}]})", false, redact) ==
        "e                              a=[{'password': '[REDACTED]', 'k': 1}]\n  a[0].n:\n    a\n    b\n");
  CHECK(render(R"({"event":"e","o":{"l":[{"password":"x\ny"}]}})", false, redact) ==
        "e                              o={'l': [{'password': '[REDACTED]'}]}\n");
  CHECK(render(R"({"event":"e","o":{"l":[[{"password":"x\ny"}]]}})", false, redact) ==
        "e                              o={'l': [[{'password': '[REDACTED]'}]]}\n");
  // A message that is no string is shown with its secret keys redacted too.
  CHECK(render(R"({"event":[{"token":"t"}]})", false, redact) == "[{'token': '[REDACTED]'}]\n");
  // The library's rule (--foundation): a top-level list, and a list in a list, are left alone.
  options library = redact;
  library.enrich.redact_lists = false;
  CHECK(render(R"({"event":"e","a":[{"password":"x\ny","k":1}]})", false, library) ==
        "e                              a=[{'k': 1}]\n  a[0].password:\n    x\n    y\n");
  CHECK(render(R"({"event":"e","o":{"l":[[{"password":"p"}]]}})", false, library) ==
        "e                              o={'l': [[{'password': 'p'}]]}\n");
  CHECK(render(R"({"event":[{"token":"t"}]})", false, library) == "[{'token': 't'}]\n");
  // Each by its own list of names, in a flat object the fast writer prints too: logmoji's
  // outside --foundation (a bare `key` is data), the library's under it.
  for (std::string_view json : {R"({"event":"e","o":{"private_key":"p","n":1}})", R"({"event":"e","o":{"key":"k"}})"}) {
    const bool bare_key = json.find("private") == std::string_view::npos;
    CHECK(render(json, false, redact) ==
          (bare_key ? "e                              o={'key': 'k'}\n"
                    : "e                              o={'private_key': '[REDACTED]', 'n': 1}\n"));
    CHECK(render(json, false, library) == (bare_key
                                               ? "e                              o={'key': '[REDACTED]'}\n"
                                               : "e                              o={'private_key': 'p', 'n': 1}\n"));
  }
}

// A number's level depends on its key (OpenTelemetry's severityNumber): the level column memo
// must not give one key's reading to the other.
TEST_CASE("a numeric level renders by its key, whatever came before", "[sink_console]") {
  test::pipeline_run run(plain, console_sink(plain.sink, false, redaction::none));
  for (const char* line :
       {R"({"level":17,"event":"a"})", R"({"severityNumber":17,"event":"b"})", R"({"level":17,"event":"c"})"})
    run.line(line);
  CHECK(run.text() == render(R"({"level":17,"event":"a"})", false, plain) +
                          render(R"({"severityNumber":17,"event":"b"})", false, plain) +
                          render(R"({"level":17,"event":"c"})", false, plain));
  CHECK(render(R"({"severityNumber":17,"event":"b"})", false, plain).starts_with("[error    ]"));
}

TEST_CASE("a multi-line value under a secret top-level key is redacted on the line", "[sink_console]") {
  options redact = plain;
  redact.enrich.redact_dicts = true;
  std::string shown = render(R"({"event":"q","password":"a\nb"})", false, redact);
  CHECK(shown.find("password=[REDACTED]") != std::string::npos);
  CHECK(shown.find("a\n") == std::string::npos);
}

TEST_CASE("a stack or exception that is not a string is a field like the others", "[sink_console]") {
  CHECK(render(R"({"event":"x","exception":{"type":"E","stacktrace":"E: m\n  at f"}})", false, plain) ==
        "x                              exception={'type': 'E'}\nE: m\n  at f\n");
  CHECK(render(R"({"event":"x","stack":[1,2],"exception":null})", false, plain) ==
        "x                              exception=None stack=[1, 2]\n");
  // --foundation: the library str()-s whatever it finds there, below the line.
  options foundation = plain;
  foundation.sink.library_bytes = true;
  CHECK(render(R"({"event":"x","stack":[1,2]})", false, foundation) == "x\n[1, 2]\n");
}

// The sink keeps what it worked out per key (flags, the escaped and coloured key), per level name
// and per message width, by key id or by the key's bytes: none of it may make a line render
// differently after other lines than alone. Keys that share length, first and last eight bytes;
// keys to escape; more distinct keys than cache slots and long keys enough to start the cache
// afresh; levels as numbers and as strings; messages past ASCII.
TEST_CASE("a line renders the same after any other lines as alone (the sink's caches)", "[sink_console]") {
  const std::vector<std::string> keys{"aaaaaaaaXbbbbbbbb",
                                      "aaaaaaaaYbbbbbbbb",
                                      "k\\u001bx",
                                      "logger",
                                      "stack",
                                      "exc_info",
                                      "a",
                                      "ab",
                                      "abcd",
                                      "abcdefgh",
                                      "abcdefghi",
                                      "\\u00e9t\\u00e9",
                                      "x.stack",
                                      "exception",
                                      "logger_name",
                                      "A"};
  // Containers the flat writer takes and those it leaves to the general path: nested ones, members
  // repr() escapes or quotes with ", a redacted key, a multi-line member, every literal.
  const std::vector<std::string> values{"1",
                                        "\"s p\"",
                                        "[1,\"a\"]",
                                        "{\"k\":\"v\",\"n\":2}",
                                        "\"x\"",
                                        "null",
                                        "\"it's\"",
                                        "\"\\u001b\"",
                                        "\"line\\nbreak\"",
                                        "\"\\u00e9\"",
                                        "{}",
                                        "[]",
                                        "[true,false,null,NaN,Infinity,-Infinity,1e5]",
                                        "{\"it's\":\"it's\",\"q\":\"say \\\"x\\\"\"}",
                                        "{\"both\":\"'\\\"\",\"t\":\"a\\tb\"}",
                                        "{\"password\":\"p\",\"a\":1}",
                                        "{\"abcd\":\"l1\\nl2\"}",
                                        "{\"o\":{\"k\":[1]},\"l\":[[],{}]}",
                                        "[\"\\u00e9t\\u00e9 \\u6771\",\"\\u202e\",\"\\u00ad\",\"a\\\\b\"]",
                                        "{\"k\\u001bx\":\"v\",\"\\u00e9\":2,\"\":3}",
                                        "[{\"exc_type\":\"E\",\"frames\":[]}]",
                                        "true",
                                        "false",
                                        "NaN",
                                        "-Infinity",
                                        "\"said \\\"no\\\" \\\\ then\\ttab\"",
                                        "\"it's a\\\\b, \\u007f and \\u0001 past eight bytes\"",
                                        "\"\\\\\""};
  const std::vector<std::string> levels{"\"info\"",
                                        "30",
                                        "\"30\"",
                                        "\"warning\"",
                                        "50",
                                        "\"WARN\"",
                                        "\"\\u001bx\"",
                                        "3000000000000000000000",
                                        "\"critical-a\"",
                                        "\"critical-b\""};
  const std::vector<std::string> messages{"\\ud83d\\udd39 Job finished",
                                          "plain",
                                          "Gr\\u00f6\\u00dfe",
                                          "\\u6771\\u4eac",
                                          "tab\\there",
                                          "\\ud83e\\udd89 Job finished",
                                          "esc\\u001b[31m red",
                                          "bidi \\u202e x",
                                          "back\\\\slash 'q'"};
  std::uint32_t state = 7;
  auto next = [&state]() { return (state = state * 1664525U + 1013904223U) >> 8; };
  std::vector<std::string> lines;
  for (int k = 0; k < 1500; ++k) {
    std::string l =
        "{\"event\":\"" + messages[next() % messages.size()] + "\",\"level\":" + levels[next() % levels.size()];
    std::size_t first = next() % keys.size();
    for (std::size_t f = 0; f < 4; ++f)
      l += ",\"" + keys[(first + f) % keys.size()] + "\":" + values[next() % values.size()];
    l += ",\"f" + std::to_string(next() % 3000) + "\":" + values[next() % values.size()];
    if (k % 4 == 0) l += ",\"L" + std::string(3000, 'q') + std::to_string(k) + "\":1";
    lines.push_back(l + "}");
  }
  const options opts = test::plain_options();
  for (bool color : {false, true}) {
    test::pipeline_run run(opts, console_sink(opts.sink, color, redaction::none));
    for (std::size_t k = 0; k < lines.size(); ++k) {
      std::size_t before = run.text().size();
      run.line(lines[k]);
      if (k % alone_step == 0) check_as_alone(std::string_view(run.text()).substr(before), lines[k], color, opts);
    }
    CHECK(run.counts().selected == lines.size());
  }
  // The fast paths (key and container caches, the flat container writer) against the general
  // path, under every layout and redaction.
  for (bool color : {false, true})
    for (redaction redact : {redaction::none, redaction::dict, redaction::deep})
      for (bool library : {false, true}) {
        options o = test::plain_options();
        o.enrich.redact_dicts = redact != redaction::none;
        o.enrich.redact_lists = redact == redaction::deep;
        o.sink.library_bytes = library;
        console_sink reference(o.sink, color, redact);
        reference.use_fast_paths(false);
        test::pipeline_run fast_run(o, console_sink(o.sink, color, redact));
        test::pipeline_run reference_run(o, std::move(reference));
        for (const std::string& l : lines) {
          fast_run.line(l);
          reference_run.line(l);
        }
        CAPTURE(color, static_cast<int>(redact), library);
        CHECK(fast_run.counts().selected == lines.size());
        CHECK(fast_run.text() == reference_run.text());
      }
}

namespace {
// One sink kept over all lines, on its fast paths, renders them as the general path does and as
// each line rendered alone by a fresh sink (every alone_step-th line).
void check_fast_as_general_and_alone(const std::vector<std::string>& lines, const options& opts, bool color) {
  console_sink reference(opts.sink, color, redaction::none);
  reference.use_fast_paths(false);
  test::pipeline_run fast_run(opts, console_sink(opts.sink, color, redaction::none));
  test::pipeline_run reference_run(opts, std::move(reference));
  for (std::size_t k = 0; k < lines.size(); ++k) {
    std::size_t before = fast_run.text().size();
    fast_run.line(lines[k]);
    reference_run.line(lines[k]);
    if (k % alone_step == 0) check_as_alone(std::string_view(fast_run.text()).substr(before), lines[k], color, opts);
  }
  CHECK(fast_run.counts().selected == lines.size());
  CHECK(fast_run.text() == reference_run.text());
}

// check_fast_as_general_and_alone for lines whose times name an instant, shown in Europe/Berlin
// (across its DST change) and in UTC, with and without --foundation's layout and colour.
void check_times_in_berlin(const std::vector<std::string>& lines) {
  ::setenv("TZ", "Europe/Berlin", 1);
  ::tzset();
  for (bool library : {false, true})
    for (naive_zone zone : {naive_zone::local, naive_zone::utc})
      for (bool color : {false, true}) {
        options o = test::plain_options();
        o.sink.library_bytes = library;
        o.sink.zone = zone;
        CAPTURE(library, zone == naive_zone::utc, color);
        check_fast_as_general_and_alone(lines, o, color);
      }
  ::setenv("TZ", "UTC", 1);
  ::tzset();
}

// check_fast_as_general_and_alone in logmoji's layout and the library's, with and without colour.
void check_fast_as_general_in_each_layout(const std::vector<std::string>& lines) {
  for (bool library : {false, true})
    for (bool color : {false, true}) {
      options o = test::plain_options();
      o.sink.library_bytes = library;
      CAPTURE(library, color);
      check_fast_as_general_and_alone(lines, o, color);
    }
}
}  // namespace

// The sink sorts a line's pairs by ranks it gives the first 64 keys of a run, in byte order, and
// sorts any other line by the keys' bytes: both must give Python's order of str keys. Keys that
// share eight or more bytes, that are prefixes of others, past ASCII, empty, to escape; the
// first lines draw from fewer than 64 keys (ranked), later ones from more (some by text), and
// each line may bring a key not seen before (which moves the ranks after it).
TEST_CASE("pairs sort the same by rank as by their keys' bytes", "[sink_console]") {
  std::vector<std::string> keys{"",
                                "a",
                                "ab",
                                "abcdefgh",
                                "abcdefghi",
                                "abcdefgh0",
                                "abcdefga",
                                "B",
                                "Z",
                                "_",
                                "0",
                                "10",
                                "9",
                                "\\u00e9",
                                "\\u00e9a",
                                "z\\u6771",
                                "\\u001bk",
                                "k\\u001b",
                                "~",
                                "\\u00ff\\u00ff",
                                "zz",
                                "zzzzzzzzzzzzzzzzzz",
                                "zzzzzzzzzzzzzzzzzy"};
  for (int f = 0; keys.size() < 90; ++f) keys.push_back("f" + std::to_string(f * 7 % 61) + "_" + std::to_string(f));
  std::uint32_t state = 11;
  auto next = [&state]() { return (state = state * 1664525U + 1013904223U) >> 8; };
  std::vector<std::string> lines;
  for (int k = 0; k < 600; ++k) {
    std::size_t pool = k < 300 ? 40 : keys.size();
    std::string l = "{\"event\":\"m\",\"level\":\"info\"";
    std::vector<std::size_t> used;
    for (std::size_t f = 0, n = 1 + next() % 12; f < n; ++f) {
      std::size_t key = next() % pool;
      if (std::find(used.begin(), used.end(), key) != used.end()) continue;
      used.push_back(key);
      l += ",\"" + keys[key] + "\":" + std::to_string(f);
    }
    lines.push_back(l + "}");
  }
  const options opts = test::plain_options();
  for (bool color : {false, true}) {
    CAPTURE(color);
    check_fast_as_general_and_alone(lines, opts, color);
  }
  // One case by hand, so the reference cannot share a mistake: Python sorts by code point.
  CHECK(render(R"({"event":"m","b":1,"\u00e9":2,"a":3,"abcdefghi":4,"abcdefgh":5,"B":6})", false, opts) ==
        "m                              B=6 a=3 abcdefgh=5 abcdefghi=4 b=1 \xc3\xa9=2\n");
}

// The time column reuses the last verbatim time's decision for a time laid out alike: against
// the general path (use_fast_paths(false)) and a fresh sink per line, over runs of times that
// tick (same second, next second, every rollover up to the year), times with zones (shown in
// Europe/Berlin, across its DST change), other fraction lengths, digits that make no valid date,
// and changes of a non-digit byte.
TEST_CASE("a time laid out like the last one renders as the general path renders it", "[sink_console]") {
  const std::vector<std::string> starts{
      "2025-06-01 12:00:00.000000", "2025-12-31 23:59:59.999990", "2025-03-30 01:59:59.999", "2025-10-26T02:59:59.99Z",
      "2025-03-30T00:59:59.5+00:00", "2025-06-01T12:00:00-05:30", "2025-06-01T12:00:00.1234+0200",
      "2025-06-01 12:00:00.123456789", "2025-02-28 23:59:59.9999", "2025-06-01 12:00:00z",
      // Not a date first: whether these are epochs depends on
      // their digits' value (32 nines are past any time).
      "99999999999999999999999999999999", "1700000000.123456789", "2025/06/01 12:00:00.000"};
  std::uint32_t state = 11;
  auto next = [&state]() { return (state = state * 1664525U + 1013904223U) >> 8; };
  std::vector<std::string> times;
  for (const std::string& start : starts) {
    std::string t = start;
    for (int k = 0; k < 120; ++k) {
      times.push_back(t);
      std::size_t r = next() % 10;
      if (r < 6) {  // tick: add 1 at a digit from the end, carrying as a clock would
        std::size_t i = t.find_last_of("0123456789", t.size() - 1 - next() % 3);
        while (i != std::string::npos && t[i] == '9') t[i--] = '0';
        if (i != std::string::npos && t[i] >= '0' && t[i] <= '8') ++t[i];
      } else if (r < 8) {  // any digit, valid date or not
        std::size_t i = next() % t.size();
        if (t[i] >= '0' && t[i] <= '9') t[i] = static_cast<char>('0' + next() % 10);
      } else if (r < 9) {  // a non-digit byte changes
        std::size_t i = next() % t.size();
        if (t[i] < '0' || t[i] > '9') t[i] = " T-+:.Zz/\x01"[next() % 10];
      } else {  // another fraction length
        t = next() % 2 ? t + "0" : start;
      }
    }
  }
  std::vector<std::string> lines;
  for (const std::string& t : times) {
    std::string escaped;
    for (char c : t) escaped += c == '\x01' ? std::string("\\u0001") : std::string(1, c);
    lines.push_back("{\"event\":\"e\",\"level\":\"info\",\"timestamp\":\"" + escaped + "\"}");
  }
  check_times_in_berlin(lines);
}

// The message column keeps each message's cells and whether it needs escaping, by a hash of all
// its bytes in sets of two. Thousands of messages of one length that differ in one character in
// the middle, narrow, wide or to escape, so many share a set and a hash of their ends: each must
// still pad and escape as the general path does and as alone.
TEST_CASE("messages that differ only in their middle pad as the general path pads them", "[sink_console]") {
  const std::vector<std::string> middles{"a", "b", "\\u00e9", "\\u6771", "\\ud83e\\udd89", "\\u001b", "\\t", "z"};
  std::uint32_t state = 5;
  auto next = [&state]() { return (state = state * 1664525U + 1013904223U) >> 8; };
  std::vector<std::string> lines;
  for (int k = 0; k < 6000; ++k) {
    std::string message =
        "[m] " + std::to_string(next() % 400 + 100) + " " + middles[next() % middles.size()] + " Request handled";
    lines.push_back("{\"event\":\"" + message + "\",\"level\":\"info\",\"n\":" + std::to_string(k) + "}");
  }
  for (bool library : {false, true}) {
    options o = test::plain_options();
    o.sink.library_bytes = library;
    CAPTURE(library);
    check_fast_as_general_and_alone(lines, o, false);
  }
}

// The message column looks a message up whole, then by its first line when it has later ones:
// one-line messages, multi-line ones whose first line (or later line) is also a message of its
// own, first lines to escape, wide or empty, a final newline, in any order and repeated.
TEST_CASE("messages and their first lines render as the general path renders them", "[sink_console]") {
  const std::vector<std::string> parts{"Request handled", "", "esc\\u001b[31m", "\\u6771\\u4eac", "tab\\there", "x"};
  std::uint32_t state = 11;
  auto next = [&state]() { return (state = state * 1664525U + 1013904223U) >> 8; };
  std::vector<std::string> lines;
  for (int k = 0; k < 1500; ++k) {
    std::string message = parts[next() % parts.size()];
    if (next() % 2) message += "\\n" + parts[next() % parts.size()];
    if (next() % 4 == 0) message += "\\n";
    lines.push_back("{\"event\":\"" + message + "\",\"level\":\"info\",\"a\":1}");
  }
  check_fast_as_general_in_each_layout(lines);
}

// The time column reads an epoch number in the last one's second by its fraction's digits alone:
// against the general path and alone, over numbers that tick within and across seconds, in each
// unit, at the units' edges, with a fraction (not plain digits), and shown in Europe/Berlin
// across its DST change.
TEST_CASE("epoch numbers in the last one's second render as the general path renders them", "[sink_console]") {
  const std::vector<std::string> starts{"1743296399000",  "1748779200",          "1748779200000000", "99999999990",
                                        "99999999999990", "1748779200000000000", "1748779200.5"};
  std::uint32_t state = 3;
  auto next = [&state]() { return (state = state * 1664525U + 1013904223U) >> 8; };
  std::vector<std::string> lines;
  for (const std::string& start : starts) {
    std::string t = start;
    for (int k = 0; k < 150; ++k) {
      lines.push_back("{\"event\":\"e\",\"level\":\"info\",\"time\":" + t + "}");
      if (t.find('.') == std::string::npos) t = std::to_string(std::stoull(t) + 1 + next() % 700);
    }
  }
  check_times_in_berlin(lines);
}

// The common columns are held and appended with the pairs at once, and any other column releases
// them and writes to the line itself: every mix of held and written columns, in every position
// (first, between, last, none), with and without pairs, must keep the general path's bytes.
TEST_CASE("columns held and written in any mix render as the general path renders them", "[sink_console]") {
  const std::vector<std::string> times{"", ",\"timestamp\":\"2025-06-01 12:00:00.000000\"",
                                       ",\"timestamp\":\"2025-06-01T12:00:01Z\"", ",\"time\":1748779200013",
                                       ",\"timestamp\":\"not a time\""};
  std::uint32_t state = 29;
  auto next = [&state]() { return (state = state * 1664525U + 1013904223U) >> 8; };
  std::vector<std::string> lines;
  for (int k = 0; k < 2000; ++k) {
    std::string n = std::to_string(k);
    std::string l = "{\"pid\":1";
    l += times[next() % times.size()];
    switch (next() % 4) {
      case 0: break;
      case 1: l += ",\"level\":\"info\""; break;
      case 2: l += ",\"level\":30"; break;
      default: l += ",\"level\":\"lvl" + n + "\"";  // new: written, not held
    }
    switch (next() % 5) {
      case 0: break;
      case 1: l += ",\"event\":\"Request handled\""; break;
      case 2: l += ",\"event\":\"new message " + n + "\""; break;
      case 3: l += ",\"event\":\"two\\nlines\""; break;
      default: l += ",\"event\":\"esc\\u001b[31m\"";
    }
    switch (next() % 4) {
      case 0: break;
      case 1: l += ",\"logger\":\"db.queue\""; break;
      case 2: l += ",\"logger_name\":\"svc" + n + "\""; break;
      default: l += ",\"name\":\"bunyan.app\"";
    }
    if (next() % 2) l += ",\"a\":1,\"b\":\"two words\"";
    lines.push_back(l + "}");
  }
  check_fast_as_general_in_each_layout(lines);
}

// The logger column keeps each name's bytes in a set of two slots chosen by a hash of the name:
// hundreds of names (so that slots are taken in turns), names to escape, of every length around
// the hash's eight-byte words, non-string loggers, under `logger`, `logger_name` and bunyan's
// `name`.
TEST_CASE("logger names render as the general path renders them", "[sink_console]") {
  std::vector<std::string> names{"\"\"",
                                 "\"a\"",
                                 "\"db.queue\"",
                                 "\"esc\\u001b[31m\"",
                                 "\"bidi\\u202e\"",
                                 "\"\\u00e9t\\u00e9\"",
                                 "\"tab\\there\"",
                                 "7",
                                 "null",
                                 "[1,2]",
                                 "{\"k\":1}",
                                 "\"abcdefghXabcdefgh\"",
                                 "\"abcdefghYabcdefgh\""};
  for (int k = 0; k < 300; ++k)
    names.push_back("\"svc." + std::string(static_cast<std::size_t>(k % 19), 'x') + std::to_string(k) + "\"");
  const std::vector<std::string> keys{"logger", "logger_name", "name"};
  std::uint32_t state = 17;
  auto next = [&state]() { return (state = state * 1664525U + 1013904223U) >> 8; };
  std::vector<std::string> lines;
  for (int k = 0; k < 3000; ++k) {
    std::string l = "{\"event\":\"e\",\"level\":\"info\"";
    for (const std::string& key : keys)
      if (next() % 3 != 0) l += ",\"" + key + "\":" + names[next() % (k < 1500 ? 40 : names.size())];
    lines.push_back(l + "}");
  }
  check_fast_as_general_in_each_layout(lines);
}

// Fields the enricher adds (db.type and db.vendor, for db.system) have no key id: the sink ranks
// them by their text among the keys it ranked. Lines with and without them, keys that sort
// next to them, a field of the same name written in the line (a key twice), and the first lines
// of a run, which learn the ranks.
TEST_CASE("pairs the enricher adds sort as the general path sorts them", "[sink_console]") {
  const std::vector<std::string> systems{"postgres", "mysql", "sqlite", "mongodb", "redis", "elasticsearch", "other"};
  const std::vector<std::string> keys{"db.system2", "db.typ", "db.typf", "db.vendor", "db.vendora",
                                      "db",         "a",      "z",       "db.u"};
  std::uint32_t state = 23;
  auto next = [&state]() { return (state = state * 1664525U + 1013904223U) >> 8; };
  std::vector<std::string> lines;
  for (int k = 0; k < 800; ++k) {
    std::string l = "{\"event\":\"m\",\"level\":\"info\"";
    if (next() % 4 != 0) l += ",\"db.system\":\"" + systems[next() % systems.size()] + "\"";
    std::vector<std::size_t> used;
    for (std::size_t f = 0, n = next() % 4; f < n; ++f) {
      std::size_t key = next() % (k < 400 ? 4 : keys.size());
      if (std::find(used.begin(), used.end(), key) != used.end()) continue;
      used.push_back(key);
      l += ",\"" + keys[key] + "\":" + std::to_string(f);
    }
    lines.push_back(l + "}");
  }
  options o = test::plain_options();
  o.enrich.markers = true;
  // The enricher adds the fields: the test would show nothing if it stopped.
  CHECK(
      render(lines[0].substr(0, lines[0].size() - 1) + ",\"db.system\":\"redis\"}", false, o).find("db.vendor=redis") !=
      std::string::npos);
  for (bool color : {false, true}) {
    CAPTURE(color);
    check_fast_as_general_and_alone(lines, o, color);
  }
}

namespace {
constexpr std::string_view monolog_line_keys =
    R"("level_name":"INFO","channel":"app","datetime":"2026-12-05 01:19:14","extra":{})";
std::string monolog_line(std::string_view context) {
  return R"({"message":"m","context":)" + std::string(context) + "," + std::string(monolog_line_keys) + "}";
}
}  // namespace

TEST_CASE("a family's wrapped fields are pairs of their own, sorted among the others", "[sink_console]") {
  CHECK(
      render(
          R"({"timestamp":"2026-12-02 07:31:00","level":"INFO","fields":{"message":"started","port":8080,"config.region":"eu"},"target":"app","zone":"z"})",
          false, plain) ==
      "2026-12-02 07:31:00 [INFO     ] started                        [app] config.region=eu port=8080 zone=z\n");
  CHECK(render(monolog_line(R"({"port":8080,"config":{"replicas":3}})"), false, plain) ==
        "2026-12-05 01:19:14 [INFO     ] m                              [app] config={'replicas': 3} port=8080\n");
  CHECK(render(monolog_line("{}"), false, plain) ==
        "2026-12-05 01:19:14 [INFO     ] m                              [app]\n");
  // A control character in a flattened member is escaped as a top-level one's.
  CHECK(render(monolog_line(R"({"k":"a\u001bb"})"), false, plain) ==
        "2026-12-05 01:19:14 [INFO     ] m                              [app] k='a\\x1bb'\n");
}

TEST_CASE("a wrapper stays whole when a member's pair would clash with a top-level key", "[sink_console]") {
  // `channel` is the logger column's key: a member of that name would hide or be hidden.
  CHECK(render(monolog_line(R"({"port":1,"channel":"x"})"), false, plain) ==
        "2026-12-05 01:19:14 [INFO     ] m                              [app] context={'port': 1, 'channel': 'x'}\n");
  CHECK(
      render(
          R"({"timestamp":"2026-12-02 07:31:00","level":"INFO","fields":{"message":"m","zone":"a"},"target":"app","zone":"b"})",
          false, plain) ==
      "2026-12-02 07:31:00 [INFO     ] m                              [app] fields={'message': 'm', 'zone': 'a'} "
      "zone=b\n");
}

TEST_CASE("flattened members are masked as top-level ones; a secret keeps its wrapper, redacted", "[sink_console]") {
  options masked;
  masked.enrich.logger_emoji = logger_emoji_mode::off;
  masked.enrich.markers = false;
  CHECK(render(monolog_line(R"({"note":"token=abc123 here","port":1})"), false, masked) ==
        "2026-12-05 01:19:14 [INFO     ] m                              [app] note='token=[MASKED] here' port=1\n");
  CHECK(render(monolog_line(R"({"password":"hunter2","port":1})"), false, masked) ==
        "2026-12-05 01:19:14 [INFO     ] m                              [app] context={'password': '[REDACTED]', "
        "'port': 1}\n");
}

TEST_CASE("another logger's context, data and fields keys are its own pairs, as they were", "[sink_console]") {
  CHECK(render(R"({"msg":"m","level":"info","context":{},"data":["x",{"a":1}],"fields":{"message":"y","b":2}})", false,
               plain) ==
        "[info     ] m                              context={} data=['x', {'a': 1}] fields={'message': 'y', 'b': 2}\n");
}

TEST_CASE("a family's twins of a shown value are left out, its other facts stay", "[sink_console]") {
  CHECK(
      render(
          R"({"message":"m","level":"INFO","levelId":3,"time":"2026-12-02 07:24:50","_logMeta":{"runtime":"node","date":"2026-12-02 07:24:50","logLevelId":3,"logLevelName":"INFO","name":"app"}})",
          false, plain) ==
      "2026-12-02 07:24:50 [INFO     ] m                              [app] _logMeta={'runtime': 'node'}\n");
  CHECK(
      render(
          R"({"startTime":"2026-12-02 07:24:45","categoryName":"app","data":["m",1,"two"],"level":{"level":20000,"levelStr":"INFO"},"context":{}})",
          false, plain) == "2026-12-02 07:24:45 [INFO     ] m                              [app] data=[1, 'two']\n");
}

// Stop 41's review: a wrapper that is empty or not of its family's shape is shown as written; a
// trimmed one whose members all went below leaves no `{}` pair.
TEST_CASE("an empty or odd wrapper is shown as written; a trimmed one left empty is no pair", "[sink_console]") {
  constexpr std::string_view tracing = R"({"timestamp":"2026-12-02 07:31:00","level":"INFO","target":"app",)";
  CHECK(render(std::string(tracing) + R"("fields":{}})", false, plain) ==
        "2026-12-02 07:31:00 [INFO     ] [app] fields={}\n");
  CHECK(render(std::string(tracing) + R"("fields":[{}]})", false, plain) ==
        "2026-12-02 07:31:00 [INFO     ] [app] fields=[{}]\n");
  CHECK(render(monolog_line("[{}]"), false, plain) ==
        "2026-12-05 01:19:14 [INFO     ] m                              [app] context=[{}]\n");
  // log4js' arguments after the message: an empty object is its Error, written again as `error`.
  CHECK(
      render(
          R"({"startTime":"2026-12-02 07:24:45","categoryName":"app","data":["m",{}],"level":{"level":20000,"levelStr":"INFO"}})",
          false, plain) == "2026-12-02 07:24:45 [INFO     ] m                              [app]\n");
  CHECK(
      render(
          R"({"message":"m","level":"INFO","time":"2026-12-02 07:24:50","_logMeta":{"name":"app","logLevelName":"INFO","v":"a\nb"}})",
          false, plain) ==
      "2026-12-02 07:24:50 [INFO     ] m                              [app]\n  _logMeta.v:\n    a\n    b\n");
}

TEST_CASE("a family's layout renders alike kept, on the general path and alone, between other loggers' lines",
          "[sink_console]") {
  // Lines of each layout, with and without what it leaves out, between lines of other loggers
  // holding keys of the same names: a kept sink must forget a line's layout and flattened pairs.
  check_fast_as_general_in_each_layout({
      R"({"timestamp":"2026-12-02 07:31:00","level":"INFO","fields":{"message":"started","port":8080,"config.region":"eu"},"target":"app"})",
      R"({"msg":"pino","time":1,"level":30,"context":{},"data":["x",{"a":1}],"fields":{"message":"y","b":2}})",
      R"({"timestamp":"2026-12-02 07:31:01","level":"WARN","fields":{"message":"slow","ms":"a\nb","stack":"s\n  at f"},"target":"app","span":{"a":1},"spans":[{"a":1}]})",
      R"({"message":"m","context":{"port":1,"req":{"path":"/x"}},"level":200,"level_name":"INFO","channel":"app","datetime":"2026-12-05 01:19:14","extra":{}})",
      R"({"msg":"pino again","time":2,"level":40,"port":3})",
      R"({"message":"m","context":{"port":1,"channel":"x"},"level":300,"level_name":"INFO","channel":"app","datetime":"2026-12-05 01:19:15","extra":{"u":1}})",
      R"({"startTime":"2026-12-02 07:24:45","categoryName":"app","data":["m",{"port":8080}],"level":{"level":20000,"levelStr":"INFO"},"context":{},"pid":1})",
      R"({"startTime":"2026-12-02 07:24:46","categoryName":"app","data":["m",1,{"p":2}],"level":{"level":20000,"levelStr":"INFO"},"context":{"id":1}})",
      R"({"message":"m","level":"INFO","levelId":3,"time":"2026-12-02 07:24:50","_logMeta":{"runtime":"node","date":"2026-12-02 07:24:50","logLevelId":3,"logLevelName":"INFO","name":"app"}})",
      R"({"Timestamp":"2026-12-04 22:29:07","EventId":0,"LogLevel":"Information","Category":"App","Message":"on 8080","State":{"Message":"on 8080","Port":8080,"{OriginalFormat}":"on {Port}"},"Scopes":[]})",
      R"({"msg":"pino last","time":3,"level":30,"State":{"Message":"x"},"_logMeta":{"name":"n"}})",
  });
}
