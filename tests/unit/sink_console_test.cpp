#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../support/render.hpp"

using namespace logmoji;
using test::render;

namespace {
const options plain = test::plain_options();
}

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

TEST_CASE("control characters in keys and messages are escaped in place", "[sink_console]") {
  CHECK(render(R"({"event":"a\u001b]0;pwned\u0007b","k\u009bx":1})", false, plain) ==
        "a\\x1b]0;pwned\\x07b             k\\x9bx=1\n");
  CHECK(render(R"({"event":"over\rwrite"})", false, plain) == "over\\rwrite\n");
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
  CHECK(out ==
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
  CHECK(render(R"({"logger":"c","event":"x","level":"trace"})", true, plain) ==
        "[trace    \x1b[0m] \x1b[1mx                             \x1b[0m [\x1b[0m\x1b[1m\x1b[34mc\x1b[0m]\x1b[0m\n");
}

TEST_CASE("logger_name is a column unless the foundation preset strips it", "[sink_console]") {
  CHECK(render(R"({"logger_name":"app","event":"x"})", false, plain) == "x                              [app]\n");
  options o = plain;
  o.sink.strip_logger_name = true;
  CHECK(render(R"({"logger_name":"app","event":"x"})", false, o) == "x\n");
}

TEST_CASE("colours follow foundation's codes", "[sink_console]") {
  CHECK(render(R"({"event":"hi","level":"error","k":"v"})", true, plain) ==
        "[\x1b[31m\x1b[1merror    \x1b[0m] \x1b[1mhi                            \x1b[0m "
        "\x1b[36mk\x1b[0m=\x1b[35mv\x1b[0m\n");
  CHECK(render(R"({"event":"hi","level":"ERROR"})", true, plain) ==
        "[ERROR    \x1b[0m] \x1b[1mhi                            \x1b[0m\n");
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

TEST_CASE("raw lines are escaped and dim when coloured", "[sink_console]") {
  output out(-1);
  console_sink sink({}, true, false);
  sink.write_raw("not json \x1b[2J\x9b\ttab", out);
  CHECK(out.buffer() == "\x1b[2mnot json \\x1b[2J\\x9b\ttab\x1b[0m\n");
}
