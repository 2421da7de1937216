// The block path of the parser (lines read from one structural index per block) against the
// line-by-line path: same outcome, same tape, for generated lines and for every kind of line
// that must stay isolated.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <random>
#include <string>
#include <vector>

#include "../support/block_parse.hpp"
#include "logmoji/framer.hpp"
#include "logmoji/parser.hpp"

using namespace logmoji;
using test::check_block;

namespace {

// A valid event line with strings, escapes, numbers, literals and nesting chosen by `rng`.
std::string random_event(std::mt19937& rng) {
  static const std::vector<std::string> values = {R"("plain")",
                                                  R"("said \"no\" \\ then\ttab")",
                                                  R"("\u00e9\ud83d\ude00")",
                                                  R"("")",
                                                  "0",
                                                  "-12.5e+3",
                                                  "1e999",
                                                  "true",
                                                  "false",
                                                  "null",
                                                  "NaN",
                                                  "Infinity",
                                                  "-Infinity",
                                                  "[]",
                                                  "{}",
                                                  R"([1,"a",{"b":null}])",
                                                  R"({"x":{"y":[[],[{}]]}})",
                                                  R"("京vé ✓")",
                                                  "123456789012345678901234567890",
                                                  R"("a\/b\bc\fd\ne\rf")"};
  // Keys around the interning's word sizes (8 and 16 bytes), an escaped one (interned
  // unescaped: the same key as "kA"), and the keys nested objects use too.
  static const std::vector<std::string> keys = {"k0",
                                                "k1",
                                                "k2",
                                                "k3",
                                                "k4",
                                                "kA",
                                                R"(k\u0041)",
                                                "",
                                                "x",
                                                "seven_7",
                                                "eight_88",
                                                "nine_9999",
                                                "fifteen_1234567",
                                                "sixteen_12345678",
                                                "seventeen_123456",
                                                "seventeen_123457",
                                                "b",
                                                "y",
                                                "a\"q"};
  std::string line = "{";
  int fields = static_cast<int>(rng() % 8);
  for (int i = 0; i < fields; ++i) {
    if (i) line += rng() % 2 ? ", " : ",";
    line += "\"" + keys[rng() % keys.size()] + "\"";  // repeats exercise last-wins
    line += rng() % 3 ? ":" : " : ";
    line += values[rng() % values.size()];
  }
  return line + (rng() % 4 ? "}" : " } ");
}

// Damages a line the way logs get damaged: a byte lost, a quote or brace added, cut short.
std::string damage(std::string line, std::mt19937& rng) {
  if (line.empty()) return line;
  std::size_t at = rng() % line.size();
  switch (rng() % 6) {
    case 0: line.erase(at, 1); break;
    case 1: line.insert(at, 1, '"'); break;
    case 2: line.insert(at, 1, '{'); break;
    case 3: line.resize(at); break;
    case 4: line.insert(at, "\xff"); break;
    default: line.insert(at, 1, '\t'); break;
  }
  return line;
}

std::string generated_block(unsigned seed, int lines) {
  std::mt19937 rng(seed);
  std::string block;
  for (int i = 0; i < lines; ++i) {
    std::string line = random_event(rng);
    switch (rng() % 10) {
      case 0: line = damage(line, rng); break;
      case 1: line = "Traceback \"x.py\", line " + std::to_string(i) + (rng() % 2 ? " \"open" : ""); break;
      case 2: line = rng() % 2 ? "" : "  \t"; break;
      default: break;
    }
    block += line + (rng() % 5 ? "\n" : "\r\n");
  }
  return block;
}

// A value nested up to `depth` levels: objects and arrays of plain strings, escaped strings and
// numbers with whitespace before and after their ':' and ',' (the shapes the block reader takes
// in one step and those it leaves to its general path), empty containers, literals.
std::string random_nested(std::mt19937& rng, int depth) {
  static const std::vector<std::string> scalars = {R"("plain")", R"("")", R"("a"b")", R"("\")",    R"("京vé")",   "0",
                                                   "-7",         "12.5",  "-0.25",    "1e3",       "01",          "1.",
                                                   "true",       "null",  "NaN",      "-Infinity", "123456789012"};
  static const std::vector<std::string> keys = {R"("k")", R"("team")", R"("sixteen_12345678")", R"("kA")", R"("")"};
  static const std::vector<std::string> spaces = {"", "", "", " ", "\t", "  "};
  auto space = [&rng]() { return spaces[rng() % spaces.size()]; };
  if (depth == 0 || rng() % 3 == 0) return scalars[rng() % scalars.size()];
  bool object = rng() % 2 == 0;
  std::string out = object ? "{" : "[";
  int n = static_cast<int>(rng() % 5);
  for (int i = 0; i < n; ++i) {
    if (i) out += space() + "," + space();
    if (object) out += keys[rng() % keys.size()] + space() + ":" + space();
    out += random_nested(rng, depth - 1);
  }
  return out + space() + (object ? "}" : "]");
}

// Lines of nested values, some damaged, some nested around the block reader's depth limit.
std::string nested_block(unsigned seed, int lines) {
  std::mt19937 rng(seed);
  std::string block;
  for (int i = 0; i < lines; ++i) {
    std::string line = "{";
    int fields = static_cast<int>(rng() % 6);
    for (int f = 0; f < fields; ++f)
      line += (f ? R"(,"f)" : R"("f)") + std::to_string(f) + R"(":)" + random_nested(rng, 4);
    line += "}";
    if (rng() % 8 == 0) line = damage(line, rng);
    if (rng() % 16 == 0) {
      // 62 to 66 containers deep, objects and arrays mixed, a plain string at the bottom.
      int deep = 62 + static_cast<int>(rng() % 5);
      std::string open;
      std::string close;
      for (int d = 0; d < deep; ++d) {
        bool object = rng() % 2 == 0;
        open += object ? R"({"d":)" : "[";
        close = (object ? "}" : R"(,"x"])") + close;
      }
      line = R"({"deep":)" + open + R"("bottom")" + close + "}";
    }
    block += line + "\n";
  }
  return block;
}

// 200 lines of `make` for each of 40 seeds, fed in each of `chunks`, every `seed % reparse`-th
// line parsed twice: each line parses the same through its block as alone.
void check_seeds(std::string (*make)(unsigned, int), std::initializer_list<std::size_t> chunks, unsigned reparse) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::string block = make(seed, 200);
    for (std::size_t chunk : chunks) {
      INFO("seed " << seed << ", chunk " << chunk);
      auto r = check_block(block, chunk, seed % reparse);
      CHECK(r.difference.empty());
      CHECK(r.lines == 200);
    }
  }
}

}  // namespace

TEST_CASE("nested members and array elements parse the same through their block as alone", "[parser_block]") {
  check_seeds(nested_block, {0, 4096}, 5);
}

TEST_CASE("lines with more nodes than the tape's usual room parse the same through their block", "[parser_block]") {
  // Short lines are walked in room for one node a byte, longer ones grow the tape as they go:
  // the densest lines on both sides of that length, valid and cut short.
  std::string block;
  for (std::size_t bytes : {std::size_t{600}, std::size_t{4090}, std::size_t{4100}, std::size_t{20000}}) {
    std::string numbers = R"({"n":[)";
    std::string empties = R"({"e":[)";
    std::string members = R"({"o":{)";
    for (std::size_t i = 0; numbers.size() < bytes; ++i) numbers += i ? ",7" : "7";
    for (std::size_t i = 0; empties.size() < bytes; ++i) empties += i ? ",[]" : "[]";
    for (std::size_t i = 0; members.size() < bytes; ++i) members += i ? R"(,"":1)" : R"("":1)";
    for (const std::string& line : {numbers + "]}", empties + "]}", members + "}}"})
      block += line + "\n" + line.substr(0, line.size() - 3) + "\n";
  }
  auto r = check_block(block);
  CHECK(r.difference.empty());
  CHECK(r.lines == 24);
}

TEST_CASE("every generated line parses the same through its block as alone", "[parser_block]") {
  check_seeds(generated_block, {0, 97, 4096}, 7);
}

TEST_CASE("a run whose keys outgrow the key table parses the same through its block", "[parser_block]") {
  // Past key_table::capacity distinct keys a key has no id for a while: repeats are then found
  // by comparing keys, and the table starts again under a new space.
  std::string block;
  for (int i = 0; i < 3000; ++i) {
    std::string a = "\"ka" + std::to_string(i) + "\"";
    std::string b = "\"kb" + std::to_string(i) + "\"";
    block += "{" + a + ":1," + b + ":{" + a + ":2}," + a + ":3," + b + ":\"last\"}\n";
  }
  auto r = check_block(block);
  CHECK(r.difference.empty());
  CHECK(r.lines == 3000);
}

TEST_CASE("keys too long for an id keep JSON.parse's last value through the block", "[parser_block]") {
  // Such keys all share no_key_id: a repeat among them is found like any other.
  const std::string a = "\"" + std::string(300, 'a') + "\"";
  const std::string b = "\"" + std::string(300, 'b') + "\"";
  std::string block;
  for (int i = 0; i < 20; ++i) {
    block += "{" + a + ":\"1\"," + b + ":\"2\"," + a + ":\"3\"}\n";
    block += "{" + a + ":\"1\"," + b + ":\"2\"}\n";
    block += "{" + a + ":\"1\",\"k\":2," + a + ":{\"x\":" + a + "}}\n";
  }
  auto r = check_block(block);
  CHECK(r.difference.empty());
  CHECK(r.lines == 60);
  CHECK(r.from_block == 60);
}

TEST_CASE("plain event lines are read from the block, their strings not copied", "[parser_block]") {
  std::string block;
  for (int i = 0; i < 3000; ++i)
    block += R"({"level":"info","event":"request )" + std::to_string(i) + R"(","ms":)" + std::to_string(i * 7) + "}\n";
  auto r = check_block(block);
  CHECK(r.difference.empty());
  CHECK(r.lines == 3000);
  // Past the first stretches the index covers (4 KiB doubling to 256 KiB), every line still is.
  CHECK(r.from_block == 3000);
}

TEST_CASE("lines the block path must leave alone are isolated exactly as alone", "[parser_block]") {
  const std::vector<std::string> isolated = {
      R"({"a":"open})",     // an open string: later lines start inside it
      R"({"a":1}{"b":2})",  // two documents
      R"({"a":1} x)",       // trailing content
      R"([1,2])",
      "42",
      R"("s")",
      "null",  // not objects
      "",
      "   ",
      "\t",  // blank
      R"({"a":1,})",
      R"({,})",
      R"({"a" 1})",                                                                 // grammar
      std::string(R"({"d":)") + std::string(70, '[') + std::string(70, ']') + "}",  // deeper than the block path goes
      std::string(R"({"d":)") + std::string(1100, '[') + std::string(1100, ']') + "}",  // too deep
      R"({"a":"\x"})",
      R"({"a":"\ud800"})",
      "{\"a\":\"tab\there\"}",
      "{\"a\":\"\xff\"}",
      R"({"a":tru})",
      R"({"a":01})",
      R"({"a":-})",
      R"({"a":+1})",
      R"({"a":NaNa})",
      R"({"a":1"x"})",
      R"({"a":"b"c})",
      R"({"a":["x"}})",
      R"({"a":[1}})",
      R"({"a":{"b":"x"]})",
      R"({"a":{"b":1]})",
      R"({"a":["x",]})",
      R"({"a":[1,]})",
      R"({"a":{"b":1,}})",
      R"({"a":["x" "y"]})",
      R"({"a":{"b":"x" "c":1}})",
      "{\"a\":1}\x01",
  };
  const std::string good = R"({"level":"info","event":"after","n":[1,{"x":"y"}]})";
  for (const std::string& bad : isolated) {
    INFO(bad);
    std::string block = good + "\n" + bad + "\n" + good + "\n" + good + "\n";
    auto r = check_block(block);
    CHECK(r.difference.empty());
    CHECK(r.lines == 4);
    // The lines after it are still read from the block: one bad line costs itself alone.
    CHECK(r.from_block == 3);
  }
}

TEST_CASE("an open string in a raw line does not throw the block's next events out", "[parser_block]") {
  std::string block;
  for (int i = 0; i < 100; ++i) {
    block += R"({"event":"e)" + std::to_string(i) + "\"}\n";
    if (i % 10 == 3) block += "raw \"quote left open\n";
  }
  auto r = check_block(block);
  CHECK(r.difference.empty());
  CHECK(r.from_block == 100);
}

TEST_CASE("raw lines inside an unseen stretch cost their neighbours nothing but a new stretch", "[parser_block]") {
  // Stretches take a block's lines unseen until it shows a raw line: one that leaves a string
  // open, or holds bytes stage 1 refuses, lands inside one; the events around it still parse as
  // alone, and from the block.
  for (const std::string raw : {"raw \"open", "raw \xff bytes", "raw \x01 \"ctl", "\"open at the start", "]"}) {
    INFO(raw);
    for (int at : {0, 1, 7, 60}) {
      std::string block;
      for (int i = 0; i < 80; ++i) {
        if (i == at) block += raw + "\n";
        block += R"({"event":"e)" + std::to_string(i) + R"(","n":)" + std::to_string(i) + "}\n";
      }
      auto r = check_block(block);
      CHECK(r.difference.empty());
      CHECK(r.lines == 81);
      CHECK(r.from_block == 80);
    }
  }
}

TEST_CASE("a line parsed again through its block, as -B replays it, changes nothing after it", "[parser_block]") {
  auto r = check_block(generated_block(99, 300), 0, 2);
  CHECK(r.difference.empty());
}

TEST_CASE("the framer's block holds its lines, padded, and a new serial after every feed", "[parser_block]") {
  line_framer framer(1024, 64);
  framer.reset();
  std::uint64_t before = framer.block().serial;
  framer.feed("{\"a\":1}\n{\"b\":2}\n");
  line_block block = framer.block();
  CHECK(block.serial != before);
  CHECK(block.serial != 0);
  line l;
  while (framer.next(l)) {
    CHECK(l.bytes.data() >= block.bytes.data());
    CHECK(l.bytes.data() + l.bytes.size() <= block.bytes.data() + block.bytes.size());
  }
  framer.feed("{\"c\":3}\n");
  CHECK(framer.block().serial != block.serial);
}

TEST_CASE("a line longer than the longest stretch is parsed alone, its neighbours from the block", "[parser_block]") {
  const std::string good = R"({"level":"info","event":"around"})";
  std::string block;
  for (int i = 0; i < 50; ++i) block += good + "\n";
  block += R"({"big":")" + std::string(300000, 'x') + "\"}\n";
  block += "raw " + std::string(300000, 'y') + "\n";
  for (int i = 0; i < 50; ++i) block += good + "\n";
  auto r = check_block(block);
  CHECK(r.difference.empty());
  CHECK(r.lines == 102);
  CHECK(r.from_block == 100);
}

TEST_CASE("strings are taken as their own text only where no backslash is, as alone", "[parser_block]") {
  // The block path takes a string body without a backslash as it stands, and unescapes the
  // others: escapes before, inside and after plain strings, quotes and control characters that
  // only a stage 1 failure or the grammar rejects, keys and values alike.
  const std::vector<std::string> lines = {
      R"({"a":"x\"y","b":"plain","c":"z"})",
      R"({"a\\":"plain","b":"\\","c":"after"})",
      R"({"a":"plain","b":"p\"q\\","c":"\u00e9","d":"x"})",
      R"({"a":"x" ,"b" :"y\n"  , "c":"z\\" })",
      R"({"a":"x"y","b":"z"})",
      R"({"a":"x\\"y","b":"z"})",
      R"({"a":"x\\\"y","b":"z"})",
      "{\"a\":\"x\",\"b\":\"raw\ttab\",\"c\":\"y\\\\\"}",
      "{\"a\":\"x\\\\\",\"b\":\"raw\x01\"}",
      R"({"a":"","b":"\\","c":""})",
      R"({"\"":"\"","\\":1,"":""})",
      R"({"a":{"b":"\\","c":["x","y\"","z"]},"d":"e"})",
  };
  for (const std::string& l : lines) {
    INFO(l);
    std::string block;
    for (int i = 0; i < 5; ++i) block += l + "\n";
    auto r = check_block(block);
    CHECK(r.difference.empty());
    CHECK(r.lines == 5);
  }
}

TEST_CASE("an event read from its block says whether its strings all lie in its line", "[parser_block]") {
  // Only when the framer looked for a backslash and found none: masking then skips the look at
  // each string's place (enrich.cpp sanitize_fields). The framer does not look in an input's
  // first line (a BOM may start it): the lines checked come after one.
  const std::string text = R"({"first":1})"
                           "\n"
                           R"({"a":"plain","b":{"c":"d"},"e":["f",1]})"
                           "\n"
                           R"({"a":"x\"y","b":"plain"})"
                           "\n"
                           R"({"a":"plain","b":{"c":"\u00e9"}})"
                           "\n";
  line_framer framer;
  framer.reset();
  framer.feed(text);
  event_parser parser;
  std::vector<bool> in_line;
  line l;
  while (framer.next(l)) {
    event ev;
    REQUIRE(parser.parse(l.bytes, ev, framer.block(), l.backslash).kind == line_kind::event);
    in_line.push_back(ev.strings_in_line);
    if (ev.strings_in_line)
      for (std::size_t i = 1; i < ev.tape.size(); ++i)
        if (ev.tape[i].kind == value_kind::string) {
          CHECK(ev.tape[i].text.data() >= l.bytes.data());
          CHECK(ev.tape[i].text.data() + ev.tape[i].text.size() <= l.bytes.data() + l.bytes.size());
        }
    // Not known: the framer's backslash not given, or a parse of the line alone.
    event unknown;
    REQUIRE(parser.parse(l.bytes, unknown, framer.block()).kind == line_kind::event);
    CHECK_FALSE(unknown.strings_in_line);
    REQUIRE(parser.parse(l.bytes, unknown).kind == line_kind::event);
    CHECK_FALSE(unknown.strings_in_line);
  }
  CHECK(in_line == std::vector<bool>{false, true, false, false});
}

TEST_CASE("escaped strings of every length parse through the block as alone", "[parser_block]") {
  // Bodies of 0-40 bytes from escapes, backslash runs, raw tabs, control bytes and quotes, plain
  // and multi-byte text: the block path's unescaping and its checks against the line alone.
  const std::vector<std::string> pieces = {"a", "\\\\", "\\\"", "\\t", "\\u00e9", "é", "\t", "\"", "\\", "\x01", "7"};
  std::mt19937 rng(2026);
  std::string block;
  int lines = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string body = "\\\\";  // an escape: the body takes the unescaping path
    std::size_t target = rng() % 41;
    while (body.size() < target) body += pieces[rng() % pieces.size()];
    if (rng() % 3 == 0) body.insert(rng() % (body.size() + 1), "\\");
    block += "{\"k\":\"" + body + "\",\"n\":" + std::to_string(i) + "}\n";
    ++lines;
  }
  auto r = check_block(block);
  CHECK(r.difference.empty());
  CHECK(r.lines == static_cast<std::size_t>(lines));
}

TEST_CASE("a key repeated at the top level keeps its first place and last value, by id or by text", "[parser_block]") {
  const std::string long_key(300, 'k');  // longer than key_table::longest_key: no id
  const std::vector<std::string> lines = {
      R"({"a":1,"b":2,"a":3})",
      R"({"a":1,"b":{"a":2,"a":3},"c":4})",
      "{\"" + long_key + "\":1,\"b\":2,\"" + long_key + "\":3}",
      "{\"" + long_key + "\":1,\"b\":2,\"b\":3}",
      R"({"a":1,"b":2,"c":3})",
  };
  for (const std::string& l : lines) {
    INFO(l);
    auto r = check_block(l + "\n" + l + "\n");
    CHECK(r.difference.empty());
  }
  event_parser p;
  event ev;
  REQUIRE(p.parse(R"({"a":1,"b":2,"a":3})", ev).kind == line_kind::event);
  REQUIRE(ev.fields.size() == 2);
  CHECK(ev.at(ev.fields[0]).key == "a");
  CHECK(ev.at(ev.fields[0]).text == "3");
  REQUIRE(p.parse("{\"" + long_key + "\":1,\"b\":2,\"" + long_key + "\":3}", ev).kind == line_kind::event);
  REQUIRE(ev.fields.size() == 2);
  CHECK(ev.at(ev.fields[0]).text == "3");
  // The same ids on the next line are no repeat there.
  REQUIRE(p.parse(R"({"a":1,"b":2})", ev).kind == line_kind::event);
  CHECK(ev.fields.size() == 2);
}

TEST_CASE("numbers take the plain-number path exactly where the grammar agrees", "[parser_block]") {
  // The block path reads -?digits(.digits)? itself and leaves every other token to the full
  // grammar: each of these, valid or not, must come out as the line alone gives it.
  const std::vector<std::string> tokens = {
      "0",    "-0",    "7",      "-7",        "42",    "1748779200000", "123456789012345678901234567890",
      "0.5",  "-0.25", "374.85", "10.000",    "01",    "-01",           "00",
      "1.",   "-1.",   ".5",     "-.5",       "1.5e3", "1E-2",          "-0e0",
      "1.5e", "1e+",   "-",      "--1",       "+1",    "1.2.3",         "12abc",
      "1-2",  "0x10",  "1_000",  "-Infinity", "-Inf",  "Infinity",      "NaN",
      "12\t", "-3 ",   "4.5\r",  "6 7",
  };
  for (const std::string& t : tokens) {
    for (const std::string& line :
         {"{\"n\":" + t + "}", "{\"n\":" + t + ",\"m\":1}", "{\"a\":[" + t + "," + t + "]}", "{\"n\":" + t + " }"}) {
      INFO(line);
      auto r = check_block(line + "\n" + line + "\n");
      CHECK(r.difference.empty());
      CHECK(r.lines == 2);
    }
  }
}

TEST_CASE("a line with more nodes than the tape's first room grows it mid-line, as alone", "[parser_block]") {
  // The block path writes nodes into room taken before the line and grows it when a line has
  // more: a long flat array, many members, nested containers across the boundary.
  std::string block;
  for (int n : {200, 255, 256, 257, 600, 3000}) {
    std::string line = R"({"a":[)";
    for (int i = 0; i < n; ++i) line += (i ? "," : "") + std::to_string(i);
    line += R"(],"tail":"x"})";
    block += line + "\n";
    line = "{";
    for (int i = 0; i < n; ++i)
      line += (i ? ",\"k" : "\"k") + std::to_string(i) + R"(":{"v":[")" + std::to_string(i) + "\"]}";
    block += line + "}\n";
  }
  auto r = check_block(block);
  CHECK(r.difference.empty());
  CHECK(r.lines == 12);
  CHECK(r.from_block == 12);
}

TEST_CASE("a reader that skips lines finds each later line's own structurals", "[parser_block]") {
  // The prefilter reads a line's structure and may not report where it ended: the cursor then
  // stays at that line's start, and the next line asked for is galloped to over everything
  // between. Whatever the gap, the entries handed out must start at the line's '{' and stop at
  // its end, or the prefilter would judge another line's tokens.
  std::mt19937 rng(11);
  std::string text;
  for (int i = 0; i < 400; ++i) {
    std::string line = random_event(rng);
    if (line.find("a\"q") == std::string::npos) text += line + "\n";  // that key leaves a string open
  }
  for (std::size_t gap : {std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{17}, std::size_t{60}}) {
    INFO("every " << gap << " lines");
    line_framer framer(1 << 20, 1 << 16);
    framer.reset();
    framer.feed(text);
    event_parser parser;
    line l;
    std::size_t n = 0, read = 0;
    while (framer.next(l)) {
      if (n++ % gap) continue;
      line_structure s;
      if (!parser.structure(l.bytes, framer.block(), s, l.backslash)) continue;  // a line too long for a stretch
      ++read;
      REQUIRE(s.base + s.at[0] == l.bytes.data());
      std::string_view body = l.bytes.substr(0, l.bytes.find_last_not_of(" \t") + 1);
      CHECK(s.base + s.end == body.data() + body.size());
      // The line's entries run up to its last byte, the '}': the next one is at or past its end.
      std::size_t k = 0;
      while (s.at[k] < s.end) ++k;
      CHECK(s.base[s.at[k - 1]] == '}');
      CHECK(s.at[k - 1] == s.end - 1);
    }
    CHECK(read > 300 / gap / 2);
  }
}

// --merge handed an envelope reader a line cut at --max-line-size together with its framer's
// block, whose index was built over the whole line: the cut ended inside an escaped string, and
// unescaping it wrote past the room sized for the cut (ASan: heap-buffer-overflow).
TEST_CASE("a line's start cut inside an escaped string is no event, and nothing is written past it", "[parser_block]") {
  for (std::string_view escape : {"\\\"", "\\\\", "\\u00e9"}) {
    std::string full = R"({"log":")";
    for (int i = 0; i < 2000; ++i) full += escape;
    full += "\"}\n";
    line_framer framer;
    framer.reset();
    framer.feed(full);
    line l;
    REQUIRE(framer.next(l));
    line_block block = framer.block();
    for (std::size_t cut : {std::size_t{9}, std::size_t{10}, std::size_t{100}, std::size_t{101}, full.size() / 2}) {
      event_parser parser;
      event ev;
      CHECK(parser.parse(l.bytes.substr(0, cut), ev, block, l.backslash).kind != line_kind::event);
    }
  }
}
