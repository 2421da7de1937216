#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "../support/framing.hpp"
#include "logmoji/framer.hpp"
#include "logmoji/source.hpp"

using namespace logmoji;
using test::framed;

namespace {

std::vector<framed> frame_all(const std::string& data, std::size_t chunk, std::size_t max_line = 1 << 20) {
  auto src = memory_source(data, chunk);
  line_framer f(max_line);
  std::vector<framed> out;
  line l;
  for (;;) {
    while (f.next(l)) out.push_back({std::string(l.bytes), l.number, l.truncated});
    auto st = f.fill(*src);
    if (st == fill_status::end) {
      if (f.finish(l)) out.push_back({std::string(l.bytes), l.number, l.truncated});
      return out;
    }
    REQUIRE(st == fill_status::ok);
  }
}

std::vector<std::string> texts(const std::vector<framed>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.bytes);
  return out;
}

}  // namespace

TEST_CASE("lines split on newline and a last line without newline is still a line", "[framer]") {
  CHECK(texts(frame_all("a\nb\nc", 4096)) == std::vector<std::string>{"a", "b", "c"});
  CHECK(texts(frame_all("a\nb\n", 4096)) == std::vector<std::string>{"a", "b"});
  CHECK(frame_all("", 4096).empty());
}

TEST_CASE("one carriage return before the newline is dropped, others stay", "[framer]") {
  CHECK(texts(frame_all("a\r\nb\r\r\nc\rd\n", 4096)) == std::vector<std::string>{"a", "b\r", "c\rd"});
}

TEST_CASE("a BOM is stripped at the start of the input only", "[framer]") {
  CHECK(texts(frame_all("\xEF\xBB\xBF{\"a\":1}\n\xEF\xBB\xBFx\n", 4096)) ==
        std::vector<std::string>{"{\"a\":1}", "\xEF\xBB\xBFx"});
}

TEST_CASE("empty lines keep their numbers", "[framer]") {
  auto lines = frame_all("a\n\n\nb\n", 4096);
  REQUIRE(lines.size() == 4);
  CHECK(lines[3] == framed{"b", 4, false});
}

TEST_CASE("any chunking gives the same lines", "[framer]") {
  std::string data = "\xEF\xBB\xBF{\"msg\":\"h\xC3\xA9llo\"}\r\n\r\nplain\r\n{\"k\":\"\xF0\x9F\x94\xB9\"}\nlast";
  auto whole = frame_all(data, data.size());
  for (std::size_t chunk = 1; chunk <= data.size(); ++chunk) {
    INFO("chunk " << chunk);
    CHECK(frame_all(data, chunk) == whole);
  }
}

TEST_CASE("a line over the cap is cut, flagged and the stream resynchronises", "[framer]") {
  std::string data = "short\n" + std::string(100, 'x') + "\nnext\n";
  for (std::size_t chunk : {3UL, 7UL, 64UL, 4096UL}) {
    auto lines = frame_all(data, chunk, 32);
    INFO("chunk " << chunk << ": " << lines[1].bytes.size() << " bytes, line " << lines[1].number);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == framed{"short", 1, false});
    CHECK(lines[1] == framed{std::string(32, 'x'), 2, true});
    CHECK(lines[2] == framed{"next", 3, false});
  }
}

// CRLF and BOM bytes used to count toward --max-line-size (issue 17).
TEST_CASE("the cap applies to the line's content, not its CR or the BOM", "[framer]") {
  std::string fits(32, 'x');
  std::string data = "\xEF\xBB\xBF" + fits + "\r\n" + fits + "\r\n" + fits + "y\r\n" + fits + "\r";
  for (std::size_t chunk : {1UL, 3UL, 7UL, 33UL, 34UL, 35UL, 36UL, 4096UL}) {
    auto lines = frame_all(data, chunk, 32);
    INFO("chunk " << chunk);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == framed{fits, 1, false});
    CHECK(lines[1] == framed{fits, 2, false});
    CHECK(lines[2] == framed{fits, 3, true});
    // Without its "\n" a last "\r" is content: 33 bytes, one over.
    CHECK(lines[3] == framed{fits, 4, true});
  }
}

TEST_CASE("a line is cut at a character's start, not through it", "[framer]") {
  // Texts built by appending: GCC 12 warns (-Warray-bounds, a false positive) on a sum of a
  // std::string(n, c) and a literal.
  auto text = [](std::size_t n, char c, std::string_view tail) {
    std::string t(n, c);
    t += tail;
    return t;
  };
  // 30 ASCII bytes, then 日 (three bytes) across the cap of 32: the cut was after its first two.
  std::string head(30, 'a');
  std::string data = text(30, 'a', "\xE6\x97\xA5 more\n");
  data += text(31, 'b', "\xF0\x9F\x94\xB9z\nok\n");
  for (std::size_t chunk : {1UL, 7UL, 33UL, 4096UL}) {
    auto lines = frame_all(data, chunk, 32);
    INFO("chunk " << chunk);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == framed{head, 1, true});
    CHECK(lines[1] == framed{std::string(31, 'b'), 2, true});
    CHECK(lines[2] == framed{"ok", 3, false});
  }
  // A character that ends at the cap is kept whole; bytes that are no UTF-8 are cut anywhere.
  CHECK(frame_all(text(29, 'a', "\xE6\x97\xA5xyz\n"), 5, 32)[0].bytes == text(29, 'a', "\xE6\x97\xA5"));
  CHECK(frame_all(text(31, 'a', "\x97\x97\x97\x97\n"), 5, 32)[0].bytes == text(31, 'a', "\x97"));
}

TEST_CASE("an unterminated over-long last line is cut once", "[framer]") {
  auto lines = frame_all(std::string(100, 'y'), 5, 32);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].truncated);
}

TEST_CASE("reset starts a new input with its own numbering and BOM check", "[framer]") {
  line_framer f;
  line l;
  f.feed("a\nb");
  REQUIRE(f.next(l));
  REQUIRE(f.finish(l));
  CHECK(l.bytes == "b");
  CHECK(l.number == 2);
  f.reset();
  f.feed("\xEF\xBB\xBFz\n");
  REQUIRE(f.next(l));
  CHECK(l.bytes == "z");
  CHECK(l.number == 1);
}

namespace {

// Frames `data` as a parallel worker does: borrowed in place, then the unterminated rest.
std::vector<framed> frame_borrowed(line_framer& f, const std::string& data, bool input_start = true) {
  std::string padded = data + std::string(block_padding, '\0');
  f.reset_at(input_start, 1);
  f.borrow({{padded.data(), data.size()}});
  std::vector<framed> out;
  line l;
  while (f.next(l)) {
    // The lines lie in the borrowed bytes: nothing was copied.
    CHECK(l.bytes.data() >= padded.data());
    CHECK(l.bytes.data() + l.bytes.size() <= padded.data() + data.size());
    out.push_back({std::string(l.bytes), l.number, l.truncated});
  }
  if (f.finish(l)) out.push_back({std::string(l.bytes), l.number, l.truncated});
  return out;
}

}  // namespace

// Parallel workers frame their blocks where the reader put them (issue 15): the same lines as
// when the bytes are copied in, over the edge cases the framer handles.
TEST_CASE("borrowed bytes frame into the same lines as fed ones", "[framer]") {
  std::string fits(32, 'x');
  for (const std::string& data :
       {std::string("a\nb\nc"), std::string("\xEF\xBB\xBF{\"a\":1}\r\n\r\nplain\r\n\n"),
        "short\n" + std::string(100, 'x') + "\nnext\n", "\xEF\xBB\xBF" + fits + "\r\n" + fits + "y\r\n" + fits + "\r",
        std::string(100, 'y'), std::string()}) {
    INFO(data);
    line_framer borrowed(32);
    CHECK(frame_borrowed(borrowed, data) == frame_all(data, data.size() + 1, 32));
    // The same framer again: a block after a block, its own numbering.
    CHECK(frame_borrowed(borrowed, data) == frame_all(data, data.size() + 1, 32));
  }
}

TEST_CASE("a fill after borrowed bytes keeps their unframed rest", "[framer]") {
  line_framer f(1 << 10, 64);
  std::string block = "one\ntw";
  block.resize(block.size() + block_padding, '\0');
  f.borrow({{block.data(), 6}});
  line l;
  REQUIRE(f.next(l));
  CHECK(l.bytes == "one");
  CHECK_FALSE(f.next(l));
  // The framer has no buffer of its own yet: feeding allocates it and moves "tw" into it.
  f.feed("o\nthree");
  block.assign(block.size(), '#');  // the borrowed bytes are no longer read
  REQUIRE(f.next(l));
  CHECK(l.bytes == "two");
  CHECK(l.number == 2);
  REQUIRE(f.finish(l));
  CHECK(l.bytes == "three");
  CHECK(f.last_number() == 3);
}

TEST_CASE("a framer that never read has an empty block at a valid address", "[framer]") {
  line_framer f;
  line l;
  CHECK_FALSE(f.next(l));
  CHECK_FALSE(f.finish(l));
  CHECK(f.block().bytes.empty());
  CHECK(f.block().bytes.data() != nullptr);
}

TEST_CASE("a line's backslash is its first one, or at or past its end, whatever the chunking", "[framer]") {
  // Lines of every length around the scan's 64-byte steps, backslashes before, after and
  // without the newline in the same step, and bytes after the input's end that look like hits.
  std::mt19937 rng(7);
  std::string data;
  std::vector<std::string> expected;
  for (int k = 0; k < 400; ++k) {
    std::size_t size = rng() % 200;
    std::size_t from = data.size();
    for (std::size_t i = 0; i < size; ++i) data.push_back(rng() % 23 == 0 ? '\\' : static_cast<char>('a' + rng() % 26));
    expected.push_back(data.substr(from));
    data.push_back('\n');
  }
  for (std::size_t chunk : {std::size_t{7}, std::size_t{64}, std::size_t{1000}, data.size()}) {
    INFO("chunk " << chunk);
    auto src = memory_source(data, chunk);
    line_framer f(1 << 20, 1 << 16);  // room for all of it: one read when the chunk is the whole
    line l;
    std::size_t lines = 0, known = 0;
    auto check = [&] {
      // The newline is found past a backslash too, however many 64-byte steps on.
      REQUIRE(lines < expected.size());
      CHECK(l.bytes == expected[lines]);
      ++lines;
      if (!l.backslash) return;
      ++known;
      auto first = l.bytes.find('\\');
      if (first == std::string_view::npos)
        CHECK(l.backslash >= l.bytes.data() + l.bytes.size());
      else
        CHECK(l.backslash == l.bytes.data() + first);
    };
    for (;;) {
      while (f.next(l)) check();
      auto st = f.fill(*src);
      if (st == fill_status::end) break;
      REQUIRE(st == fill_status::ok);
    }
    CHECK(lines == 400);
    // Only an input's first line and lines split by a read are left to the parser.
    if (chunk == data.size()) CHECK(known == lines - 1);
  }
}
