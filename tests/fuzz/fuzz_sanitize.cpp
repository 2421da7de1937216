// Masking oracle: the fast paths mask exactly as the definition, in both readings of the
// patterns (pattern_set: the library's under --foundation, logmoji's outside it). The
// vectorised literal scan against the byte-by-byte one. For the input as one string,
// secret_masker::mask (literal scan, patterns named by context) against mask_per_pattern (every
// pattern in turn); for the input as
// a JSON line read through a framer's block, as in a run, sanitize with the line known (one
// literal scan of the line skips the strings that are views into it), with the roles resolved
// in sanitize's own walk, against sanitize without it (every string scanned) after a walk of
// the roles' own.
#include <array>
#include <string>

#include "fuzz_support.hpp"
#include "logmoji/enrich.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/framer.hpp"

using namespace logmoji;

namespace {

constexpr std::array<pattern_set, 2> sets{pattern_set::library, pattern_set::words};

const secret_masker& masker(pattern_set set) {
  static const secret_masker library(pattern_set::library), words(pattern_set::words);
  return set == pattern_set::library ? library : words;
}

// The vectorised literal scan (64 positions a step, then 32, then a padded tail) against the
// byte-by-byte one: a candidate it skipped would leave a secret unmasked.
void check_literals(std::string_view text) {
  if (masking_literals(text) != masking_literals_scalar(text))
    fuzz::fail("the vectorised literal scan and the byte-by-byte one disagree");
}

void check_string(std::string_view text, pattern_set set) {
  std::string fast, reference;
  bool fast_changed = masker(set).mask(text, fast);
  bool reference_changed = masker(set).mask_per_pattern(text, reference);
  if (fast_changed != reference_changed || (fast_changed && fast != reference))
    fuzz::fail("mask() and mask_per_pattern() disagree");
}

enrich_options options_of(pattern_set set) {
  enrich_options o;
  o.word_patterns = set == pattern_set::words;
  return o;
}

void check_line(const std::string& text, pattern_set set) {
  static line_framer framer;
  static event_parser with_block, alone;
  static std::array<enricher, 2> with_line{enricher(options_of(sets[0]), masker(sets[0])),
                                           enricher(options_of(sets[1]), masker(sets[1]))};
  static std::array<enricher, 2> without_line{enricher(options_of(sets[0]), masker(sets[0])),
                                              enricher(options_of(sets[1]), masker(sets[1]))};
  static role_resolver roles;
  framer.reset();
  framer.feed(text + "\n");
  line l;
  if (!framer.next(l)) return;
  event a, b;
  if (with_block.parse(l.bytes, a, framer.block()).kind != line_kind::event) return;
  if (alone.parse(l.bytes, b).kind != line_kind::event) fuzz::fail("the block and the line alone disagree");
  a.line = l.bytes;
  const std::size_t k = set == pattern_set::words;
  with_line[k].resolve_and_sanitize(a, roles, false);
  resolve_roles(b, false);
  without_line[k].sanitize(b);
  if (a.fields.size() != b.fields.size()) fuzz::fail("sanitize changed the number of fields");
  for (std::size_t f = 0; f < a.fields.size(); ++f)
    if (a.at(a.fields[f]).text != b.at(b.fields[f]).text) fuzz::fail("the line-level scan masked differently");
  // The roles by what they point at: the two parses need not number their nodes alike.
  auto same = [&](std::uint32_t x, std::uint32_t y) {
    if (x == no_node || y == no_node) return x == y;
    return a.at(x).kind == b.at(y).kind && a.at(x).key == b.at(y).key && a.at(x).text == b.at(y).text;
  };
  if (!same(a.role.message, b.role.message) || !same(a.role.level, b.role.level) || !same(a.role.time, b.role.time) ||
      !same(a.role.logger, b.role.logger) || !same(a.role.stack, b.role.stack))
    fuzz::fail("the roles resolved in sanitize's walk differ from a walk of their own");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string line = fuzz::as_line(data, size);
  check_literals(line);
  for (pattern_set set : sets) {
    check_string(line, set);
    check_line(line, set);
  }
  return 0;
}
