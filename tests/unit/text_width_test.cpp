#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "logmoji/text_width.hpp"

using namespace logmoji;

TEST_CASE("ASCII and Latin text: one cell per character", "[text_width]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("plain text") == 10);
  CHECK(display_width("Gr\xC3\xB6\xC3\x9F"
                      "e") == 5);
  CHECK(display_width("\\x1b[2J") == 7);  // an escape as logmoji writes it
}

TEST_CASE("East Asian Wide and emoji with emoji presentation: two cells", "[text_width]") {
  CHECK(display_width("\xE4\xB8\xAD\xE6\x96\x87") == 4);          // 中文
  CHECK(display_width("\xEF\xBC\xA1") == 2);                      // fullwidth A
  CHECK(display_width("\xF0\x9F\x94\xB9 x") == 4);                // 🔹 x
  CHECK(display_width("\xE2\x9D\x8C") == 2);                      // ❌
  CHECK(display_width("\xF0\x9F\x8C\x8D\xF0\x9F\xAA\x81") == 4);  // 🌍🪁
  CHECK(code_point_width(0x20000) == 2);                          // CJK Extension B
  CHECK(code_point_width(0x2FFFD) == 2);                          // unassigned in the wide plane
  CHECK(code_point_width(0x2764) == 1);                           // ❤ alone is text presentation
}

TEST_CASE("marks, joiners and selectors draw no cell of their own", "[text_width]") {
  CHECK(display_width("e\xCC\x81") == 1);  // e + combining acute
  CHECK(display_width("a\xE2\x80\x8C"
                      "b") == 2);  // zero-width non-joiner
  // What is shown escaped counts as its escape, a glyph of its own: zero-width space, RLO.
  CHECK(display_width("a\xE2\x80\x8B"
                      "b") == 8);
  CHECK(glyph_starts("e\xE2\x80\xAE\xE2\x80\xAE") == std::vector<std::size_t>{0, 1, 4});
  CHECK(display_width("\xC2\x85\xC2\xAD") == 8);          // \x85\xad
  CHECK(display_width("\xE1\x84\x80\xE1\x85\xA1") == 2);  // Hangul jamo L + V: one syllable
  CHECK(code_point_width(0x0301) == 0);
  CHECK(code_point_width(0xFE0F) == 0);
}

TEST_CASE("emoji sequences count as the one glyph they draw", "[text_width]") {
  CHECK(display_width("\xE2\x9E\xA1\xEF\xB8\x8F") == 2);      // ➡️: VS16 asks for emoji presentation
  CHECK(display_width("\xF0\x9F\x9B\x8E\xEF\xB8\x8F") == 2);  // 🛎️
  CHECK(display_width("\xF0\x9F\x94\xB9\xEF\xB8\x8F") == 2);  // VS16 after a wide emoji adds nothing
  // 👨‍👩‍👧: man ZWJ woman ZWJ girl
  CHECK(display_width("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7") == 2);
  CHECK(display_width("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD") == 2);  // 👍🏽: skin tone modifier
  CHECK(display_width("\xF0\x9F\x8F\xBD") == 2);                  // the modifier alone is a swatch
  CHECK(display_width("\xE2\x80\x8D"
                      "a") == 1);  // a joiner with nothing before it joins nothing
  // Only emoji take VS16 and ZWJ: after a letter, VS16 draws nothing and a ZWJ joins nothing
  // (tmux draws "é\ufe0fé\ufe0f" in two cells; a CJK character after a joiner is still drawn).
  CHECK(display_width("\xC3\xA9\xEF\xB8\x8F\xC3\xA9\xEF\xB8\x8F") == 2);
  CHECK(display_width("a\xE2\x80\x8D\xE6\x97\xA5\xE2\x80\x8D\xE6\x97\xA5") == 5);
  CHECK(display_width("\xC2\xA9\xEF\xB8\x8F") == 2);  // ©️
}

TEST_CASE("an invalid byte counts as one cell", "[text_width]") {
  CHECK(display_width("a\xFF"
                      "b") == 3);
}

// ASCII runs are counted eight bytes at a time: a wide character, a joiner sequence or an
// invalid byte at any offset of a run of any length still counts as alone.
TEST_CASE("ASCII runs of every length around other characters", "[text_width]") {
  const std::string emoji = "\xF0\x9F\x94\xB9";                               // 2 cells
  const std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9";  // one glyph, 2 cells
  for (std::size_t n = 0; n <= 40; ++n)
    for (std::size_t at = 0; at <= n; ++at) {
      std::string s(n, 'a');
      CHECK(display_width(s) == n);
      CHECK(display_width(std::string(s).insert(at, emoji)) == n + 2);
      CHECK(display_width(std::string(s).insert(at, family)) == n + 2);
      CHECK(display_width(std::string(s).insert(at, "\xFF")) == n + 1);
      CHECK(display_width(std::string(s).insert(at, "e\xCC\x81")) == n + 1);
    }
}

// Labels are cut where glyph_starts says a glyph starts: the pieces between those points must
// measure what the whole does, or a cut would change the width or split a glyph. (Before the
// width and the cut points shared one reader, ☺ VS16 🏻 measured 2 whole and 4 in pieces.)
TEST_CASE("text cut where glyphs start measures in pieces what it measures whole", "[text_width]") {
  const std::vector<std::string> texts = {
      "plain text",
      "e\xCC\x81\xCC\x81x",                                // stacked marks
      "\xE2\x98\xBA\xEF\xB8\x8F\xF0\x9F\x8F\xBB",          // ☺ VS16 skin tone
      "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD\xF0\x9F\x8F\xBD",  // 👍🏽🏽
      "\xE2\x80\x8D"
      "a\xE2\x80\x8D\xE2\x80\x8D"
      "b",                                                                         // joiners in a row
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",  // family
      "a\xFF\xE2\x80\x8D\xCC\x81"
      "b",                                                             // invalid byte
      "\xE4\xB8\xAD\xEF\xB8\x8F\xE2\x9E\xA1\xEF\xB8\x8F\xEF\xB8\x8F",  // VS16 twice
      "\xE1\x84\x80\xE1\x85\xA1\xE1\x84\x80",                          // Hangul jamo
  };
  for (const auto& text : texts) {
    INFO(text);
    std::vector<std::size_t> starts = glyph_starts(text);
    REQUIRE(!starts.empty());
    std::size_t pieces = display_width(text.substr(0, starts.front()));
    for (std::size_t k = 0; k < starts.size(); ++k) {
      std::size_t end = k + 1 < starts.size() ? starts[k + 1] : text.size();
      pieces += display_width(text.substr(starts[k], end - starts[k]));
    }
    CHECK(pieces == display_width(text));
  }
}
