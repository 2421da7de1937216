#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "logmoji/text_escape.hpp"

using namespace logmoji;

namespace {

std::string repr(std::string_view s) {
  std::string out;
  append_repr_string(out, s);
  return out;
}

std::string escaped(std::string_view s, keep_controls keep = keep_controls::none) {
  std::string out;
  append_escaped(out, s, keep);
  return out;
}

}  // namespace

TEST_CASE("repr quotes like Python", "[text_escape]") {
  CHECK(repr("has space") == "'has space'");
  CHECK(repr("it's") == "\"it's\"");
  CHECK(repr("say \"hi\"") == "'say \"hi\"'");
  CHECK(repr("it's \"x\"") == "'it\\'s \"x\"'");
  CHECK(repr("line1\nline2") == "'line1\\nline2'");
  CHECK(repr("a\tb\rc") == "'a\\tb\\rc'");
  CHECK(repr("C:\\path x") == "'C:\\\\path x'");
  CHECK(repr("") == "''");
}

TEST_CASE("repr escapes non-printable code points with Python's notation", "[text_escape]") {
  CHECK(repr("bell\x07 x") == "'bell\\x07 x'");
  CHECK(repr("a\xE2\x80\x8B b") == "'a\\u200b b'");
  CHECK(repr("\x7f") == "'\\x7f'");
  CHECK(repr("\xC2\x9B") == "'\\x9b'");
  CHECK(repr("\xC2\xA0") == "'\\xa0'");
  CHECK(repr("\xE2\x80\xAE") == "'\\u202e'");
  CHECK(repr("\xF3\xA0\x80\x81") == "'\\U000e0001'");
  CHECK(repr(std::string_view("\0", 1)) == "'\\x00'");
}

TEST_CASE("repr keeps printable non-ASCII text", "[text_escape]") {
  CHECK(repr("h\xC3\xA9llo \xE2\x9C\x93") == "'h\xC3\xA9llo \xE2\x9C\x93'");
  CHECK(repr("\xF0\x9F\x8E\x89 party") == "'\xF0\x9F\x8E\x89 party'");
  CHECK(repr("\xE2\x9A\xA0\xEF\xB8\x8F x") == "'\xE2\x9A\xA0\xEF\xB8\x8F x'");  // U+FE0F stays
}

TEST_CASE("terminal escaping never lets control characters through", "[text_escape]") {
  CHECK(escaped("a\x1b[2Jb") == "a\\x1b[2Jb");
  CHECK(escaped("\x1b]52;c;aGk=\x07") == "\\x1b]52;c;aGk=\\x07");
  CHECK(escaped("\xC2\x9D"
                "8;;x") == "\\x9d8;;x");
  CHECK(escaped("a\rb") == "a\\rb");
  CHECK(escaped("x\x7fy") == "x\\x7fy");
  CHECK(escaped("\xE2\x80\xAE"
                "evil") == "\\u202eevil");
  CHECK(escaped("\xE2\x81\xA6x\xE2\x81\xA9") == "\\u2066x\\u2069");
  CHECK(escaped("\xD8\x9C") == "\\u061c");
  CHECK(escaped("\xE2\x80\xA8") == "\\u2028");
  // Interlinear annotation anchors and separators hide text on some terminals.
  CHECK(escaped("a\xEF\xBF\xB9"
                "b\xEF\xBF\xBA"
                "c\xEF\xBF\xBB") == "a\\ufff9b\\ufffac\\ufffb");
  CHECK(escaped("\xEF\xBF\xBC") == "\xEF\xBF\xBC");  // U+FFFC, the object replacement, is shown
}

TEST_CASE("invisible format characters are shown escaped: one text cannot pass for another", "[text_escape]") {
  // `adm\u200bin` showed as `admin`, which no query for admin matches.
  CHECK(escaped("adm\u200bin") == "adm\\u200bin");
  CHECK(escaped("\u00ad\u180e\u2060\u2064\u206a\ufeff") == "\\xad\\u180e\\u2060\\u2064\\u206a\\ufeff");
  CHECK(escaped("\ufdd0\uffff\U0001fffe\U0010ffff") == "\\ufdd0\\uffff\\U0001fffe\\U0010ffff");
  CHECK(escaped("\U000e0041\U000e0001\U0001d173") == "\\U000e0041\\U000e0001\\U0001d173");
  // What text needs stays: ZWNJ (Persian), ZWJ and variation selectors (emoji), other spaces.
  for (std::string_view kept : {"\u0645\u06cc\u200c\u062e", "\u2764\ufe0f", "a\u2009b\u202fc\u3000d", "\U000f0000"})
    CHECK(escaped(kept) == kept);
}

TEST_CASE("terminal escaping keeps what emoji need and what the mode allows", "[text_escape]") {
  std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9";  // ZWJ sequence
  CHECK(escaped(family) == family);
  CHECK(escaped("\xF0\x9F\x9B\xA0\xEF\xB8\x8F") == "\xF0\x9F\x9B\xA0\xEF\xB8\x8F");
  CHECK(escaped("a\tb\nc", keep_controls::none) == "a\\tb\\nc");
  CHECK(escaped("a\tb\nc", keep_controls::tab) == "a\tb\\nc");
  CHECK(escaped("a\tb\nc", keep_controls::tab_newline) == "a\tb\nc");
}

TEST_CASE("invalid UTF-8 bytes are shown as hex escapes", "[text_escape]") {
  CHECK(escaped("a\xFF"
                "b") == "a\\xffb");
  CHECK(escaped("\xC0\x80") == "\\xc0\\x80");
  CHECK(escaped("\xED\xA0\x80") == "\\xed\\xa0\\x80");
  CHECK(escaped("\xF4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");
  CHECK(escaped("\xE2\x82") == "\\xe2\\x82");
}

TEST_CASE("structlog's quoting rule plus unsafe characters", "[text_escape]") {
  CHECK_FALSE(needs_quoting("abc"));
  CHECK_FALSE(needs_quoting(""));
  CHECK_FALSE(needs_quoting("C:\\tmp"));
  CHECK_FALSE(
      needs_quoting("1\xC2\xA0"
                    "000"));
  for (auto s : {"a b", "a\tb", "k=v", "a\rb", "a\nb", "a\"b", "a'b",
                 "a\x1b"
                 "b",
                 "\xE2\x80\xAE"})
    CHECK(needs_quoting(s));
}

TEST_CASE("code points are counted, not bytes", "[text_escape]") {
  CHECK(count_code_points("abc") == 3);
  CHECK(count_code_points("Gr\xC3\xB6\xC3\x9F"
                          "e") == 5);
  CHECK(count_code_points("\xF0\x9F\x9B\xA0\xEF\xB8\x8F") == 2);
}

namespace {

// Pieces the differential tests build texts from: every byte class the scan tells apart, code
// points of 2, 3 and 4 bytes on both sides of each fast block's edges, and invalid UTF-8.
const std::vector<std::string> pieces{
    // The edges of the non-ASCII scan's lead-byte rules, inside and just outside.
    "\xC3\x80",
    "\xD7\x80",
    "\xE2\x81\xBF",
    "\xE2\x82\x80",
    "\xE3\x80\x80",
    "\xE3\x80\x81",
    "\xE3\x81\x80",
    "\xE4\xB8\x80",
    "\xEC\xBF\xBF",
    "\xED\x80\x80",
    "\xF0\x9F\xBE\xBF",
    "\xF0\x9F\xBF\x80",
    "\xF0\x9E\x80\x80",
    "a",
    "Z",
    "0",
    " ",
    "=",
    "'",
    "\"",
    "\\",
    "\n",
    "\t",
    "\r",
    "\x1b",
    "\x7f",
    std::string(1, '\0'),
    "\xC2\x80",
    "\xC2\xA0",
    "\xC2\xA1",
    "\xC2\xAD",
    "\xC3\xA9",
    "\xD7\xBF",
    "\xD8\x80",
    "\xD8\x9C",
    "\xDF\xBF",  // 2 bytes
    "\xE2\x80\x8B",
    "\xE2\x80\xAE",
    "\xE2\x81\xAF",
    "\xE2\x81\xB0",
    "\xE2\x9C\x93",
    "\xE2\xBF\xBF",
    "\xE3\x80\x80",
    "\xE3\x80\x81",
    "\xE6\x9D\xB1",
    "\xED\x9F\xBF",
    "\xEF\xBB\xBF",
    "\xEF\xBF\xB9",
    "\xEF\xBF\xBC",  // 3 bytes
    "\xF0\x9F\x80\x80",
    "\xF0\x9F\x94\xB9",
    "\xF0\x9F\xBF\xBD",
    "\xF0\x9F\xBF\xBE",
    "\xF0\x9F\xBF\xBF",
    "\xF3\xA0\x80\x81",  // 4 bytes
    "\xFF",
    "\x80",
    "\xC0\x80",
    "\xE2\x82",
    "\xED\xA0\x80",
    "\xF4\x90\x80\x80",
    "\xF0\x9F\x94",
    "\xC2",
    "\xE3\x80",
    "\xF0\x9F\x94\x7A",
    "\xED\xBF\xBF",
    "\xC3",
    "\xE6\x9D",
    "\xE6",  // invalid
};

std::string with(std::string_view s, void (*append)(std::string&, std::string_view)) {
  std::string out = "prefix";  // appending, not assigning
  append(out, s);
  return out;
}

// Every fast path against the slow path it replaces, on one text.
void check_fast_paths(const std::string& s) {
  INFO("text: " << escaped(s));
  CHECK(scan_text(s) == slow::scan_text(s));
  CHECK(needs_quoting(s) == slow::needs_quoting(s));
  CHECK(with(s, [](std::string& o, std::string_view t) { append_repr_string(o, t); }) ==
        with(s, [](std::string& o, std::string_view t) { slow::append_repr_string(o, t); }));
  for (auto keep : {keep_controls::none, keep_controls::tab, keep_controls::tab_newline}) {
    std::string fast = "x";
    std::string reference = "x";
    append_escaped(fast, s, keep);
    slow::append_escaped(reference, s, keep);
    CHECK(fast == reference);
  }
}

}  // namespace

TEST_CASE("fast paths: every byte alone and after plain text of every length", "[text_escape]") {
  for (int b = 0; b < 256; ++b) check_fast_paths(std::string(1, static_cast<char>(b)));
  // Lengths around the 4-, 8- and 16-byte loads, with one piece at each position.
  for (const std::string& piece : pieces)
    for (std::size_t n = 0; n <= 70; ++n)
      for (std::size_t at = 0; at <= n; at += (n < 40 ? 1 : 7)) {
        std::string s(n, 'k');
        s.insert(at, piece);
        check_fast_paths(s);
      }
}

TEST_CASE("fast paths: generated texts of mixed pieces", "[text_escape]") {
  std::uint32_t state = 12345;
  auto next = [&state]() { return state = state * 1664525U + 1013904223U; };
  for (int k = 0; k < 20000; ++k) {
    std::string s;
    std::size_t target = (next() >> 8) % 71;
    bool plain_mostly = next() >> 31;  // half the texts are plain but for a piece or two
    while (s.size() < target) {
      std::uint32_t r = next() >> 8;
      s += plain_mostly && r % 8 != 0 ? std::string(1, static_cast<char>('a' + r % 26)) : pieces[r % pieces.size()];
    }
    check_fast_paths(s);
  }
}

// The scan past ASCII settles a text by masks of its bytes, 64 at a time: long texts of code
// points of every size, each piece also placed across the 64- and 128-byte edges, every piece
// following printable text past ASCII so that the masks, not the first byte, decide.
TEST_CASE("fast paths: long texts past ASCII, pieces across the scan's windows", "[text_escape]") {
  const std::vector<std::string> printable{"\xC3\xA9", "\xCE\xB2", "\xE2\x9C\x93", "\xE6\x9D\xB1", "\xF0\x9F\x94\xB9",
                                           "a",        " "};
  for (const std::string& piece : pieces)
    for (std::size_t edge : {std::size_t{64}, std::size_t{128}})
      for (std::size_t at = edge - 4; at <= edge + 1; ++at)
        for (const std::string& filler : {std::string("k"), std::string("\xE6\x9D\xB1")}) {
          std::string s;
          while (s.size() < at) s += s.size() + filler.size() <= at ? filler : "k";
          s += piece;
          check_fast_paths(s);  // the piece ends the text
          while (s.size() < edge + 70) s += filler;
          check_fast_paths(s);
        }
  std::uint32_t state = 99;
  auto next = [&state]() { return state = state * 1664525U + 1013904223U; };
  for (int k = 0; k < 3000; ++k) {
    std::string s;
    std::size_t target = (next() >> 8) % 300;
    bool clean = next() >> 31;  // half of them printable throughout
    while (s.size() < target) {
      std::uint32_t r = next() >> 8;
      s += clean || r % 16 != 0 ? printable[r % printable.size()] : pieces[r % pieces.size()];
    }
    check_fast_paths(s);
  }
}

TEST_CASE("printable blocks agree with the table; unsafe code points are never printable", "[text_escape]") {
  std::uint32_t disagree = 0;
  std::uint32_t unsafe_printable = 0;
  for (std::uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (is_repr_printable(cp) != slow::is_repr_printable(cp)) ++disagree;
    if (cp >= 0x80 && is_terminal_unsafe(cp) && is_repr_printable(cp)) ++unsafe_printable;
  }
  CHECK(disagree == 0);
  CHECK(unsafe_printable == 0);
}

TEST_CASE("valid_utf8 is strict UTF-8", "[text_escape]") {
  for (std::string_view ok : {"", "plain", "tab\there", "é", "東京", "🔹", "\xF4\x8F\xBF\xBF"}) CHECK(valid_utf8(ok));
  // A lone byte, a cut sequence, overlong forms, a surrogate, past U+10FFFF.
  for (std::string_view bad :
       {"a\xFF", "\xC3", "\xE6\x9D", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"})
    CHECK_FALSE(valid_utf8(bad));
}

TEST_CASE("backslash_replace writes each byte that is no UTF-8 as \\xHH, as Python does", "[text_escape]") {
  auto replaced = [](std::string s) {
    backslash_replace(s);
    return s;
  };
  CHECK(replaced("h\xFFi") == "h\\xffi");
  CHECK(replaced("東京") == "東京");
  CHECK(replaced("\xE6\x9D") == "\\xe6\\x9d");             // a cut sequence: each byte
  CHECK(replaced("\xED\xA0\x80é") == "\\xed\\xa0\\x80é");  // a surrogate
  CHECK(valid_utf8(replaced("\xC0\xAF\xF4\x90\x80\x80")));
}
