#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "logmoji/input_labels.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/text_width.hpp"

using namespace logmoji;

namespace {
constexpr std::string_view bar = " \u2502 ";
constexpr std::string_view ellipsis = "\u2026";

// The label of each path, without the separator.
std::vector<std::string> labels_of(const std::vector<std::string>& paths) {
  input_labels labels(paths, false);
  std::vector<std::string> out;
  for (const auto& path : paths) {
    std::string_view label = labels.for_name(path);
    REQUIRE(label.ends_with(bar));
    out.emplace_back(label.substr(0, label.size() - bar.size()));
  }
  return out;
}

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}
}  // namespace

TEST_CASE("labels are capped at 32 cells, not code points: wide characters count two", "[input_labels]") {
  std::string cjk = repeat("\xE6\x97\xA5", 20);  // 日 x 20: 20 code points, 40 cells
  auto shown = labels_of({cjk, "s.jsonl"});
  // The ellipsis and the 15 characters that fit: a 16th would make 33 cells.
  CHECK(shown[0] == std::string(ellipsis) + repeat("\xE6\x97\xA5", 15));
  // Padded by cells: both labels end at the same column.
  CHECK(display_width(shown[0]) == 31);
  CHECK(display_width(shown[1]) == 31);
  CHECK(shown[1] == "s.jsonl" + std::string(24, ' '));
  // 16 wide characters are 32 cells: shown whole.
  std::string fits = repeat("\xE6\x97\xA5", 16);
  CHECK(labels_of({fits})[0] == fits);
  // A wide character that would straddle the cap is left out whole, never split.
  std::string odd = "a" + fits;
  CHECK(labels_of({odd})[0] == std::string(ellipsis) + repeat("\xE6\x97\xA5", 15));
}

TEST_CASE("a shortened label never starts with a mark cut from its character", "[input_labels]") {
  // e + combining acute, 40 times: 80 code points, 40 cells.
  std::string accents = repeat("e\xCC\x81", 40);
  auto shown = labels_of({accents})[0];
  CHECK(shown == std::string(ellipsis) + repeat("e\xCC\x81", 31));
  CHECK(display_width(shown) == 32);
  // Two marks on each letter: still whole characters, the cap still 32 cells.
  std::string stacked = repeat("o\xCC\x88\xCC\x81", 40);
  CHECK(labels_of({stacked})[0] == std::string(ellipsis) + repeat("o\xCC\x88\xCC\x81", 31));
  // An emoji with a skin tone and a ZWJ sequence are kept or left out whole.
  std::string thumbs = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD";              // 👍🏽: 2 cells
  std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9";  // 👨‍👩: 2 cells
  std::string tail = repeat("x", 29);
  CHECK(labels_of({"dir/" + thumbs + tail})[0] == std::string(ellipsis) + thumbs + tail);
  CHECK(labels_of({"dir/" + thumbs + "y" + tail})[0] == std::string(ellipsis) + "y" + tail);
  CHECK(labels_of({"dir/" + family + tail})[0] == std::string(ellipsis) + family + tail);
  CHECK(labels_of({"dir/" + family + "y" + tail})[0] == std::string(ellipsis) + "y" + tail);
}

TEST_CASE("escapes count by what is shown and are never cut", "[input_labels]") {
  std::string name = "pre\x1b" + repeat("b", 28);
  std::string escaped;
  append_escaped(escaped, "\x1b", keep_controls::none);
  // \x1b is 4 cells: 28 b's and the ellipsis leave 3, too few for it.
  CHECK(labels_of({name})[0] == std::string(ellipsis) + repeat("b", 28));
  // Here the ellipsis, the escape and 27 b's are 32 cells: the escape is kept whole.
  CHECK(labels_of({"ab\x1b" + repeat("b", 27)})[0] == std::string(ellipsis) + escaped + repeat("b", 27));
}
