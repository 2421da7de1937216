#pragma once
// How many terminal cells text takes (docs/outputs.md#aligned-columns): the console pads its
// columns by cells outside --foundation, so wide emoji and CJK do not push the next column.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace logmoji {

/// Cells of one code point on its own: 2 for East Asian Wide and Fullwidth (every emoji with
/// emoji presentation), 0 for combining marks, format characters and Hangul jamo that join a
/// syllable, else 1.
int code_point_width(std::uint32_t cp);

/// Cells of already-escaped UTF-8 text. Sequences that draw one glyph count once: a character
/// after a zero-width joiner adds nothing, a skin-tone modifier after an emoji adds nothing, and
/// VS16 (U+FE0F) asks for emoji presentation, so it widens a one-cell character to two.
/// An invalid byte counts as one cell.
std::size_t display_width(std::string_view s);

/// display_width's reading of text one code point at a time: how many cells each adds, and
/// whether it starts a glyph of its own (where text may be cut) or is drawn with the one before
/// (a zero-width mark, a joiner and what it joins, VS16, a skin tone after an emoji). The one
/// place these rules live: the width and the cut points never disagree.
class glyph_reader {
public:
  /// Takes the next code point (-1: an invalid byte, a glyph of one cell); the cells it adds.
  /// ASCII and invalid bytes are glyphs of their own even after a joiner, as in display_width's
  /// ASCII runs.
  int add(std::int32_t cp);
  /// Takes `n` ASCII characters, a glyph and a cell each.
  void add_ascii(std::size_t n) {
    if (n == 0) return;
    last_ = 1;
    joined_ = emoji_ = false;
    started_ = true;
  }
  /// Whether the last code point taken started a glyph.
  [[nodiscard]] bool started() const { return started_; }

private:
  int last_ = 0;         // cells of the last glyph drawn
  bool joined_ = false;  // the last code point was a joiner after an emoji: the next emoji is part of it
  bool emoji_ = false;   // the last glyph's base may be drawn as an emoji (VS16 widens it, ZWJ joins it)
  bool started_ = false;
};

/// Where each glyph of UTF-8 `text` starts, in bytes (glyph_reader's rules): the places text
/// may be cut without splitting what is drawn as one.
std::vector<std::size_t> glyph_starts(std::string_view text);

}  // namespace logmoji
