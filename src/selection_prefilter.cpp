// The selection prefilter: simdjson's stage 1, then one pass over the structural index that
// checks the grammar and the tokens the way event_parser's walk would, and ranks the tokens that
// could become the level.
#include "logmoji/selection_prefilter.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include <simdjson.h>

#include "logmoji/field_roles.hpp"
#include "logmoji/padded_scan.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/unaligned.hpp"

namespace logmoji {
namespace {

bool json_space(std::uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// Every byte std::isspace takes in the C locale, and a few more: enough to send a string to the
// exact check.
bool maybe_space(char c) { return static_cast<unsigned char>(c) <= ' '; }

// true, false and null, by one or two loads.
bool json_literal(std::string_view t) {
  std::uint32_t head = 0;
  if (t.size() < 4 || t.size() > 5) return false;
  std::memcpy(&head, t.data(), 4);
  constexpr auto word = [](const char* s) {
    return std::uint32_t(std::uint8_t(s[0])) | std::uint32_t(std::uint8_t(s[1])) << 8 |
           std::uint32_t(std::uint8_t(s[2])) << 16 | std::uint32_t(std::uint8_t(s[3])) << 24;
  };
  if (t.size() == 5) return head == word("fals") && t[4] == 'e';
  return head == word("true") || head == word("null");
}

// Deeper lines are unusual: the full parser decides them (its own cap is max_depth).
constexpr std::size_t walk_depth = 64;

// The level names that could change a verdict, by length, first and last letter (ASCII case
// folded onto 5 bits): a string that misses here ranks as info or where it changes nothing, and
// is not ranked at all. Aliases (a punctuation byte folding onto a letter) only cost a lookup.
class name_sieve {
public:
  static constexpr std::size_t longest = 15;

  explicit name_sieve(const prefilter_rules& r) {
    for (const auto& e : level_table()) {
      // A missing or unknown level ranks as info: it alone rules a verdict out or leaves it open.
      bool breaks_reject = r.min_threshold > level_number::info && e.rank >= r.min_threshold;
      bool breaks_select = r.may_select && r.max_threshold <= level_number::info && e.rank < r.max_threshold;
      if ((breaks_reject || breaks_select) && e.name.size() <= longest) {
        masks_[e.name.size()][fold(e.name.front())] |= std::uint32_t{1} << fold(e.name.back());
        firsts_ |= std::uint32_t{1} << fold(e.name.front());
      }
    }
    // slog's `ERROR+4`: a name, a sign and digits, whatever rank the offset gives.
    for (const auto& o : level_offset_names()) {
      bool breaks_reject = r.min_threshold > level_number::info && o.high >= r.min_threshold;
      bool breaks_select = r.may_select && r.max_threshold <= level_number::info && o.low < r.max_threshold;
      if (!breaks_reject && !breaks_select) continue;
      for (std::size_t size = o.name.size() + 2; size <= o.name.size() + 1 + o.digits && size <= longest; ++size)
        for (char digit = '0'; digit <= '9'; ++digit)
          masks_[size][fold(o.name.front())] |= std::uint32_t{1} << fold(digit);
      firsts_ |= std::uint32_t{1} << fold(o.name.front());
    }
  }

  // Whether no string can matter: the walk need not look at them.
  [[nodiscard]] bool empty() const { return firsts_ == 0; }
  // Whether a string whose text starts with byte `c` (or is empty) may matter.
  [[nodiscard]] bool may_start(char c) const { return maybe_space(c) || (firsts_ >> fold(c) & 1) != 0; }

  // Whether `text` may be a level name that matters. Text with a space at either end is always
  // ranked: the level is read stripped. Otherwise the first byte starts the stripped text, and
  // rules out most strings at once.
  [[nodiscard]] bool may_matter(std::string_view text) const {
    if (text.empty()) return false;
    if (maybe_space(text.front())) return true;
    if ((firsts_ >> fold(text.front()) & 1) == 0) return false;
    if (maybe_space(text.back())) return true;
    return text.size() <= longest && (masks_[text.size()][fold(text.front())] >> fold(text.back()) & 1) != 0;
  }

private:
  static std::size_t fold(char c) { return static_cast<unsigned char>(c) & 31U; }
  std::array<std::array<std::uint32_t, 32>, longest + 1> masks_{};
  std::uint32_t firsts_ = 0;  // the folded first letters of the names
};

}  // namespace

bool prefilter_rules::useful() const {
  return min_threshold > level_number::info || !logger_prefixes.empty() ||
         (may_select && (max_threshold <= level_number::info || !user_level_fields));
}

std::vector<std::string> numeric_level_keys(const std::vector<std::string>& user_level_fields) {
  std::vector<std::string> keys;
  auto add_suffixes = [&](std::string_view path) {
    for (;;) {
      if (std::find(keys.begin(), keys.end(), path) == keys.end()) keys.emplace_back(path);
      auto dot = path.find('.');
      if (dot == std::string_view::npos) return;
      path.remove_prefix(dot + 1);
    }
  };
  for (auto alias : level_aliases()) add_suffixes(alias);
  for (const auto& name : user_level_fields) add_suffixes(name);
  return keys;
}

struct selection_prefilter::impl {
  prefilter_rules rules;
  name_sieve names;
  std::uint64_t key_lengths = 0;  // bit n: some level key is n bytes long (n < 64)
  bool long_keys = false;         // some level key is longer (a user's field name)
  std::unique_ptr<simdjson::internal::dom_parser_implementation> stage1;
  bool unavailable = false;
  // The line, then zeroed padding (simdjson reads in blocks); unescaped keys and values. Left
  // uninitialised: each is written before it is read, and zeroing them cost every short run.
  std::unique_ptr<std::uint8_t[]> padded, key_text, value_text;
  bool rank_tokens = true;      // rank every token that may be the level
  bool by_level = false;        // the level is the top-level "level" member's
  bool check_loggers = false;   // rules.logger_prefixes is not empty
  bool strings_matter = false;  // some string value can change a verdict
  bool see_strings = false;     // some string value can change this verdict
  // Roles take the first alias present, and "level" comes first: a line with one top-level
  // "level" (unescaped, a string or a number) has that for its level, whatever else it holds.
  // Then no other token is ranked (the first pass); a line without one is walked again, ranking
  // every token that could become the level (the second).
  bool level_key_decides = false;  // no user level fields
  // Every valid line is selected whatever its tokens (--count or -o json with no level or
  // logger test): the walk only validates, as certainly_valid_object's does.
  bool validity_decides = false;

  // What the tokens seen so far allow.
  int min_rank = 0, max_rank = 0;
  bool logger_seen = false;
  // The top-level "level" member: seen (its rank in level_rank), or a reason it may not be the
  // level (seen twice, a value roles would pass over, an escaped top-level key that may spell it).
  bool level_seen = false, level_unknown = false;
  // A key of a family whose own level key outranks "level" (field_roles.cpp: Python's
  // `levelname`, Serilog's `@l`, zerolog's `l`): beside it, "level" may be an application's field.
  bool level_outranked = false;
  int level_rank = 0;
  bool stuck = false;        // no verdict but unsure is left: the walk stops there
  std::size_t next_bs = 0;   // a backslash at or after the current string, else beyond the line
  bool key_escaped = false;  // the last key read holds a backslash

  explicit impl(prefilter_rules r) : rules(std::move(r)), names(rules) {
    for (const auto& k : rules.level_keys)
      if (k.size() < 64)
        key_lengths |= std::uint64_t{1} << k.size();
      else
        long_keys = true;
    check_loggers = !rules.logger_prefixes.empty();
    // Worth its pass where the level decides: it ranks no other token, and answers where the
    // tokens alone cannot (a selection above info; an info line that mentions an error).
    bool level_matters = rules.may_select || rules.min_threshold > level_number::info;
    level_key_decides = !rules.user_level_fields && level_matters;
    strings_matter = check_loggers || !names.empty();
    // No rank is below notset: a line of any level reaches every threshold.
    validity_decides = rules.may_select && rules.max_threshold <= level_number::notset && !check_loggers;
  }

  bool ready() {
    if (stage1) return true;
    if (unavailable) return false;
    if (simdjson::get_active_implementation()->create_dom_parser_implementation(max_line, walk_depth, stage1) !=
        simdjson::SUCCESS) {
      unavailable = true;
      stage1.reset();
      return false;
    }
    for (auto* scratch : {&padded, &key_text, &value_text})
      scratch->reset(new std::uint8_t[max_line + simdjson::SIMDJSON_PADDING]);
    return true;
  }

  // The level's rank as far as the tokens seen tell: the lowest and highest it can be.
  [[nodiscard]] int low() const { return by_level ? (level_seen ? level_rank : rules.max_threshold) : min_rank; }
  [[nodiscard]] int high() const { return by_level ? (level_seen ? level_rank : level_number::info) : max_rank; }
  [[nodiscard]] bool rejects() const { return high() < rules.min_threshold || (check_loggers && !logger_seen); }
  [[nodiscard]] bool selects() const { return rules.may_select && low() >= rules.max_threshold; }
  // The first pass stops where the level turns out not to be the "level" member's.
  void update_stuck() {
    bool open = by_level ? !level_seen || check_loggers : false;
    stuck = (by_level && level_unknown) || (!open && !rejects() && !selects());
  }

  void rank(const node& n) {
    if (!rank_tokens) return;
    int r = event_level(&n, rules.rules);
    min_rank = std::min(min_rank, r);
    max_rank = std::max(max_rank, r);
    update_stuck();
  }

  // A value string: the level's text or the logger's name, maybe. Keys are neither.
  void see_string(std::string_view text) {
    if (names.may_matter(text)) rank(node{value_kind::string, 0, {}, text});
    if (!logger_seen && check_loggers) {
      for (const auto& p : rules.logger_prefixes)
        if (text.starts_with(p)) logger_seen = true;
      update_stuck();
    }
  }

  void see_number(std::string_view key, std::string_view token) {
    if (!rank_tokens) return;
    if (key.size() < 64 ? !(key_lengths >> key.size() & 1) : !long_keys) return;
    for (const auto& k : rules.level_keys)
      if (k == key) return rank(node{value_kind::number, 0, key, token});
  }

  // The line being walked: the bytes its offsets count from, its part of a stage 1 index (its
  // '{' first), and its end. The index goes on past the end (the line's own stage 1 ends with two
  // entries there, a block's holds later lines), so looking one token ahead needs no bounds
  // check: a token is read only while its structural is before the end.
  const std::uint8_t* buf = nullptr;
  const std::uint32_t* idx = nullptr;
  std::size_t len = 0;
  const std::uint8_t* first_backslash = nullptr;  // line::backslash (null: not known)
  const std::uint32_t* past = nullptr;            // where a walk that reached the object's end stopped

  // The string token at structural i: its unescaped text in `*out` (null: only checked), false
  // when it is not one. The token runs to the next structural; the last quote before it is its
  // closing quote (a quote after it would open a string, which is structural).
  bool string_at(std::uint32_t i, std::uint8_t* scratch, std::string_view* out) {
    std::size_t start = idx[i];
    std::size_t end = idx[i + 1];
    // In a valid line a structural follows every string; one past the line's end means the
    // string runs on into the next line.
    if (end >= len) return false;
    // Only JSON spaces can follow a closing quote before the next structural (any other byte is
    // one): the test can be this cheap. It stops at the opening quote at the latest.
    while (buf[end - 1] <= ' ') --end;
    if (end < start + 2 || buf[end - 1] != '"') return false;
    const auto* first = reinterpret_cast<const char*>(buf + start + 1);
    if (next_bs >= end) {
      if (out) *out = {first, end - start - 2};
      return true;
    }
    if (out) {
      std::uint8_t* stop = stage1->parse_string(buf + start + 1, scratch);
      if (!stop) return false;
      *out = {reinterpret_cast<const char*>(scratch), static_cast<std::size_t>(stop - scratch)};
    } else if (!one_byte_escapes(start + 1, end - 1) && !stage1->parse_string(buf + start + 1, scratch)) {
      return false;
    }
    next_bs = next_backslash(end, len);
    return true;
  }

  // Whether every escape between `from` and the closing quote at `close` is one of JSON's eight
  // one-byte escapes: then simdjson's parse_string, whose own test for them is the same, would
  // take the string, and only validation is asked, so it need not unescape it. False also for a
  // \u escape, which is left to parse_string (surrogate pairs, hex digits).
  [[nodiscard]] bool one_byte_escapes(std::size_t from, std::size_t close) const {
    static constexpr auto one_byte = [] {
      std::array<bool, 256> t{};
      for (char c : std::string_view("\"\\/bfnrt")) t[static_cast<unsigned char>(c)] = true;
      return t;
    }();
    // Escapes pair up from the string's first backslash, which next_bs is in a line walked so far.
    std::size_t at = next_bs;
    if (at < from) return false;
    while (at < close) {
      if (!one_byte[buf[at + 1]]) return false;
      at += 2;  // past the escaped byte, which may be a backslash itself
      at = next_backslash(at, close);
    }
    return true;
  }

  // The first backslash in [at, close), or close (a line is followed by SIMDJSON_PADDING
  // readable bytes).
  [[nodiscard]] std::size_t next_backslash(std::size_t at, std::size_t close) const {
    const auto* text = reinterpret_cast<const char*>(buf);
    return static_cast<std::size_t>(first_byte(text + at, text + close, '\\') - text);
  }

  // A value string at structural i: checked, and seen when tokens are collected. Most strings
  // hold no backslash and are their own text.
  bool value_string_at(std::uint32_t i) {
    std::size_t start = idx[i];
    std::size_t end = idx[i + 1];
    if (end >= len) return false;  // a structural follows every string of a valid line
    if (next_bs < end) {
      if (!see_strings) return string_at(i, value_text.get(), nullptr);
      std::string_view text;
      if (!string_at(i, value_text.get(), &text)) return false;
      see_string(text);
      return true;
    }
    if (!see_strings) return true;
    if (!check_loggers && !names.may_start(static_cast<char>(buf[start + 1]))) return true;
    // Stage 1 makes the first byte after a closing quote that is not a space a structural: the
    // closing quote is the last byte before the next structural's spaces.
    while (buf[end - 1] <= ' ') --end;
    see_string({reinterpret_cast<const char*>(buf + start + 1), end - start - 2});
    return true;
  }

  // A key's escapes are checked where it stands; its text is needed only before a number.
  bool key_escapes_valid(std::uint32_t i) { return next_bs >= idx[i + 1] || string_at(i, key_text.get(), nullptr); }

  // A number, true, false or null at structural i (NaN and Infinity are left to the parser);
  // `key_at`: the structural of its key, 0 in an array.
  bool scalar_at(std::uint32_t i, std::uint32_t key_at) {
    std::size_t start = idx[i];
    std::size_t end = idx[i + 1];
    if (end >= len) return false;  // a structural follows every scalar of a valid line
    const std::uint8_t* p = buf + start;
    const std::uint8_t* stop = buf + end;
    // Any other byte up to a space would stay in the token, and no token holds one.
    for (; stop[-1] <= ' '; --stop)
      if (!json_space(stop[-1])) return false;
    std::string_view tok(reinterpret_cast<const char*>(p), static_cast<std::size_t>(stop - p));
    if (*p >= 'a') return json_literal(tok);
    if (!number_token(p, stop) && !((*p == '-' || digit(*p)) && is_json_number(tok))) return false;
    if (rank_tokens && key_at && key_may_be_level(key_at)) see_number(key_text_at(key_at), tok);
    return true;
  }

  // scalar_at's `key_at` from the walk's pointer to the key (null in an array): the walk keeps
  // the pointer, and pays for the index only where a scalar needs it.
  static std::uint32_t key_index(const std::uint32_t* base, const std::uint32_t* key) {
    return key ? static_cast<std::uint32_t>(key - base) : 0;
  }

  static bool digit(std::uint8_t c) { return static_cast<std::uint8_t>(c - '0') < 10; }

  // The common numbers (digits, a sign, a fraction) of [p, stop), without bounds checks: the byte
  // at `stop` is a space or the next token's first byte, which stage 1 makes a structural only
  // after a space or an operator, so never a digit or a '.'. False: not one of those (an
  // exponent, or no number at all).
  static bool number_token(const std::uint8_t* p, const std::uint8_t* stop) {
    if (*p == '-') ++p;
    if (!digit(*p)) return false;
    if (*p++ != '0')
      while (digit(*p)) ++p;
    if (*p == '.') {
      ++p;
      if (!digit(*p)) return false;
      while (digit(*p)) ++p;
    }
    return p == stop;
  }

  // Whether the key at structural i may be a level key, from its raw length alone: an escaped
  // key is unescaped first.
  [[nodiscard]] bool key_may_be_level(std::uint32_t i) const {
    if (key_escaped) return true;
    std::size_t end = idx[i + 1];
    while (buf[end - 1] != '"') --end;  // the closing quote, before the colon's spaces
    std::size_t n = end - 2 - idx[i];
    return n < 64 ? (key_lengths >> n & 1) != 0 : long_keys;
  }

  // The unescaped text of the key at structural i, already validated (next_bs has moved on).
  std::string_view key_text_at(std::uint32_t i) {
    std::size_t start = idx[i] + 1;
    std::size_t end = idx[i + 1];
    while (buf[end - 1] != '"') --end;  // the closing quote, before the colon's spaces
    std::string_view raw(reinterpret_cast<const char*>(buf + start), end - 1 - start);
    if (raw.find('\\') == std::string_view::npos) return raw;
    std::uint8_t* stop = stage1->parse_string(buf + start, key_text.get());
    return stop ? std::string_view(reinterpret_cast<const char*>(key_text.get()),
                                   static_cast<std::size_t>(stop - key_text.get()))
                : std::string_view{};
  }

  // A top-level member (key at structural i, value at i + 2): notes the "level" member. False:
  // invalid.
  bool top_level_member(std::uint32_t i) {
    if (key_escaped) {
      level_unknown = true;  // it may spell "level"
      update_stuck();
      return true;
    }
    // Most keys end in a quote right before their colon: a length test rules them out.
    std::size_t start = idx[i] + 1;
    std::size_t end = idx[i + 1];
    if (end - start != 6 && buf[end - 1] == '"') return true;
    while (buf[end - 1] != '"') --end;  // the closing quote, before the colon's spaces
    if (end - 1 - start != 5 || std::memcmp(buf + start, "level", 5) != 0) {
      outranking_key(i);
      return true;
    }
    std::uint32_t v = i + 2;
    std::size_t vs = idx[v], ve = idx[v + 1];
    if (ve >= len) return false;  // a structural follows every string and scalar of a valid line
    while (json_space(buf[ve - 1])) --ve;
    std::string_view token(reinterpret_cast<const char*>(buf + vs), ve - vs);
    int r = 0;
    if (token[0] == '"' && next_bs >= ve && token.size() >= 2 && token.back() == '"') {
      r = event_level_text(token.substr(1, token.size() - 2));
    } else if (token[0] == '-' || (token[0] >= '0' && token[0] <= '9')) {
      node n{value_kind::number, 0, "level", token};  // checked as a number where the walk reads it
      r = event_level(&n, rules.rules);
    } else {
      level_unknown = true;  // escaped text (rare), or a value roles look past or into
    }
    level_unknown = level_unknown || level_seen || level_outranked;  // the parser keeps the last of repeated keys
    level_seen = true;
    level_rank = r;
    update_stuck();
    return true;
  }
  // A top-level key (at structural i) that may decide the level: "level" itself, a key whose text
  // needs a closer look (escaped, spaces before its colon), or one that may outrank it. Out of
  // line: the walk's usual key is none of these.
  [[gnu::noinline]] bool top_level_key(std::uint32_t i) {
    if (key_escaped || buf[idx[i + 1] - 1] != '"' ||
        load8(reinterpret_cast<const char*>(buf + idx[i])) == load8("\"level\":"))
      return top_level_member(i);
    outranking_key(i);
    return true;
  }
  // A top-level key (at structural i) that may be a family's own level key (`levelname`, `@l`,
  // zerolog's `l`; field_roles.cpp): beside one, "level" does not decide.
  void outranking_key(std::uint32_t i) {
    std::size_t start = idx[i] + 1;
    std::size_t end = idx[i + 1];
    while (buf[end - 1] != '"') --end;
    std::string_view key(reinterpret_cast<const char*>(buf + start), end - 1 - start);
    if (!family_level_key(key)) return;
    level_outranked = true;
    level_unknown = level_unknown || level_seen;
    update_stuck();
  }

  // A log repeats a handful of level texts: their ranks are remembered, each text as two words
  // (zero past its end), compared by loads instead of a memcmp call.
  struct level_text_rank {
    std::uint64_t head = 0, tail = 0;
    std::size_t size = 0;  // 0: empty slot
    int rank = 0;
  };
  static constexpr std::size_t cached_text = padded_words_most;
  std::array<level_text_rank, 8> level_texts{};

  // Direct-mapped by the text's first word: one compare on a hit.
  int event_level_text(std::string_view text) {
    node n{value_kind::string, 0, {}, text};
    if (text.empty() || text.size() > cached_text) return event_level(&n, rules.rules);
    // `text` lies in the line, which is followed by at least 16 readable bytes (the block's or
    // the copy's padding).
    padded_words w = words_of_padded(text.data(), text.size());
    auto& e = level_texts[(w.head * 0x9e3779b97f4a7c15ULL) >> 61];
    if (e.head == w.head && e.tail == w.tail && e.size == text.size()) return e.rank;
    int r = event_level(&n, rules.rules);
    e = {w.head, w.tail, text.size(), r};
    return r;
  }

  template <bool Tokens>
  bool walk();
  prefilter_verdict decide(std::string_view line, bool collect_tokens);
  prefilter_verdict decide(const line_structure& line, bool collect_tokens);
  bool pass(bool level_member_decides, prefilter_verdict& verdict);
  // next_bs for the line's start: the framer's answer, else a search. Inline: every line's walk
  // starts with it, and the call cost more than the framer's answer.
  [[gnu::always_inline]] inline void note_first_backslash();
};

// The grammar of one JSON object over the structural index, with the scalars checked the way
// event_parser checks them. False: invalid, unusual, or no verdict left (stuck).
//
// The index is sorted: a structural before the line's end vouches for every one before it, so
// each step checks only the farthest it reads; at a structural before the end, the three after
// it are readable (the index's end marks). Hot state lives in locals: the calls out (escapes,
// ranking) would make the compiler reload members. A pointer steps through the index: indexed
// from its base, the walk held one more register and took 114 more instructions a line.
// `Tokens`: pass() collects tokens (a walk that only validates is built without their tests).
template <bool Tokens>
bool selection_prefilter::impl::walk() {
  const std::uint8_t* const b = buf;
  const std::uint32_t* const x = idx;
  const std::size_t n = len;
  // Fixed for the walk; each false without Tokens.
  const bool level_member = Tokens && by_level, strings = Tokens && see_strings, ranked = Tokens && rank_tokens;
  std::array<char, walk_depth> closers;  // written before read: no zeroing per line
  std::size_t depth = 0;
  const std::uint32_t* q = x + 1;         // the structural being read
  const std::uint32_t* key_at = nullptr;  // the key of the member being read; null in an array
  auto at = [x, &q]() { return static_cast<std::uint32_t>(q - x); };  // q as an index, for the calls out
  if (x[0] >= n || b[x[0]] != '{') return false;
  closers[depth++] = '}';

object_start:  // q: just after a '{'
  if (*q >= n) return false;
  if (b[*q] == '}') {
    ++q;
    goto scope_end;
  }
object_key:  // *q < n
  // A quote at a structural always opens a whole string: stage 1 pairs them, and what follows
  // a closing quote other than space is a structural of its own.
  {
    // The common member: a string or a scalar, then ',' or '}'. A structural follows every
    // string and scalar of a valid line, and the index is sorted: one test bounds all four.
    std::uint32_t colon = q[1], v = q[2], after = q[3];
    if (after >= n || b[*q] != '"' || b[colon] != ':') return false;
    // Only the token passes read the member (ranking a key): validation keeps it in a register.
    const bool escaped = next_bs < colon;
    if constexpr (Tokens) key_escaped = escaped;
    if (escaped && !key_escapes_valid(at())) return false;
    // Only an escaped key, one with spaces before its colon, "level" itself or a key that
    // outranks it (`levelname`, `@l`, Serilog's `Level`) can decide the level: the others
    // ("event", "queue") are ruled out here, without a call. The bytes from the key's quote start
    // with `"level`, `"L` or `"@l"` then (padding follows every line, so eight bytes are
    // readable); 'L' differs from 'l' in one bit, which one OR folds.
    if (level_member && depth == 1) {
      std::uint16_t head;  // the quote and the key's first byte
      std::memcpy(&head, b + *q, 2);
      constexpr std::uint16_t l = '"' | 'l' << 8, at_sign = '"' | '@' << 8;  // where the keys start
      static_assert(('L' | 0x20) == 'l');
      if (escaped || b[colon - 1] != '"' || (head | 0x2000U) == l || head == at_sign) [[unlikely]]
        if (!top_level_key(at())) return false;
    }
    key_at = Tokens ? q : nullptr;
    q += 2;
    std::uint8_t c = b[v];
    if (c == '"') {
      if (next_bs < after || strings) {
        if (!value_string_at(at())) return false;
        if (Tokens && stuck) return false;
      }
    } else if (c != '{' && c != '[') {
      // A plain number right before its separator needs no more when tokens are not ranked (the
      // first pass, validation): scalar_at decides everything else.
      if ((ranked || !number_token(b + v, b + after)) && !scalar_at(at(), key_index(x, key_at))) return false;
      if (Tokens && stuck) return false;
    } else {
      goto value;
    }
    q += 2;
    if (b[after] == ',') {
      if (*q >= n) return false;
      goto object_key;
    }
    if (b[after] != '}') return false;
    goto scope_end;
  }
value:  // *q < n
  switch (b[*q]) {
    case '{':
      if (depth == walk_depth) return false;
      closers[depth++] = '}';
      ++q;
      goto object_start;
    case '[':
      if (depth == walk_depth) return false;
      closers[depth++] = ']';
      ++q;
      if (*q >= n) return false;
      if (b[*q] == ']') {
        ++q;
        goto scope_end;
      }
      key_at = nullptr;
      goto value;
    case '"':
      // An array's plain string, unseen: its structural and the next one's say all.
      if ((strings || next_bs < q[1] || q[1] >= n) && !value_string_at(at())) return false;
      break;
    default:
      if (!scalar_at(at(), key_index(x, key_at))) return false;
      break;
  }
  ++q;  // the value's check saw *q < n
  if (Tokens && stuck) return false;
after_value:  // *q < n
  if (b[*q] == ',') {
    ++q;
    if (*q >= n) return false;
    if (closers[depth - 1] == '}') goto object_key;
    key_at = nullptr;
    goto value;
  }
  if (b[*q] != closers[depth - 1]) return false;
  ++q;
scope_end:
  if (--depth > 0) {
    if (*q >= n) return false;
    goto after_value;
  }
  past = q;
  return *q >= n;  // nothing after the object
}

prefilter_verdict selection_prefilter::impl::decide(std::string_view line, bool collect_tokens) {
  // The parser's trim: JSON whitespace at both ends.
  std::size_t b = 0, e = line.size();
  while (b < e && json_space(static_cast<std::uint8_t>(line[b]))) ++b;
  while (e > b && json_space(static_cast<std::uint8_t>(line[e - 1]))) --e;
  // Blank and non-object lines cost the parser nothing: they go its way.
  if (b == e || line[b] != '{' || e - b > max_line || !ready()) return prefilter_verdict::unsure;
  std::size_t n = e - b;
  std::memcpy(padded.get(), line.data() + b, n);
  std::memset(padded.get() + n, 0, simdjson::SIMDJSON_PADDING);
  if (stage1->stage1(padded.get(), n, simdjson::stage1_mode::regular) != simdjson::SUCCESS)
    return prefilter_verdict::unsure;
  // The end marks the walk reads: the index holds a slot per byte and more.
  std::uint32_t count = stage1->n_structural_indexes;
  for (std::uint32_t k = count; k < count + 3; ++k) stage1->structural_indexes[k] = static_cast<std::uint32_t>(n);
  return decide(
      {reinterpret_cast<const char*>(padded.get()), stage1->structural_indexes.get(), static_cast<std::uint32_t>(n)},
      collect_tokens);
}

prefilter_verdict selection_prefilter::impl::decide(const line_structure& line, bool collect_tokens) {
  std::size_t start = line.at[0];
  // The scratch buffers hold one line's strings.
  if (line.end - start > max_line || !ready()) return prefilter_verdict::unsure;
  buf = reinterpret_cast<const std::uint8_t*>(line.base);
  idx = line.at;
  len = line.end;
  first_backslash = reinterpret_cast<const std::uint8_t*>(line.backslash);

  if (!collect_tokens || validity_decides) {
    // Validation alone: none of pass()'s state but what the walk's calls out read.
    rank_tokens = see_strings = false;
    note_first_backslash();
    return walk<false>() ? prefilter_verdict::selected : prefilter_verdict::unsure;
  }
  prefilter_verdict v = prefilter_verdict::unsure;
  if (level_key_decides && pass(true, v)) return v;
  pass(false, v);
  return v;
}

void selection_prefilter::impl::note_first_backslash() {
  if (first_backslash) {
    next_bs = std::min(static_cast<std::size_t>(first_backslash - buf), len);
    return;
  }
  // A long search (the line's rest): memchr's wide steps pay for its set-up.
  std::size_t start = idx[0];
  const void* bs = std::memchr(buf + start, '\\', len - start);
  next_bs = bs ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(bs) - buf) : len;
}

// One walk over the line, collecting its tokens; false: the first pass leaves the line to the
// second.
bool selection_prefilter::impl::pass(bool level_member_decides, prefilter_verdict& verdict) {
  by_level = level_member_decides;
  rank_tokens = !by_level;
  see_strings = check_loggers || (rank_tokens && strings_matter);
  min_rank = max_rank = level_number::info;  // a missing or unknown level ranks as info
  logger_seen = false;
  level_seen = level_unknown = level_outranked = false;
  update_stuck();
  note_first_backslash();
  bool valid = walk<true>();
  if (by_level && (level_unknown || (valid && !level_seen))) return false;
  verdict = !valid      ? prefilter_verdict::unsure
            : rejects() ? prefilter_verdict::rejected
            : selects() ? prefilter_verdict::selected
                        : prefilter_verdict::unsure;
  return true;
}

selection_prefilter::selection_prefilter(prefilter_rules rules) : impl_(std::make_unique<impl>(std::move(rules))) {}
selection_prefilter::~selection_prefilter() = default;

prefilter_verdict selection_prefilter::decide(std::string_view line) { return impl_->decide(line, true); }

prefilter_verdict selection_prefilter::decide(const line_structure& line) { return impl_->decide(line, true); }

const std::uint32_t* selection_prefilter::entries_end() const { return impl_->past; }

bool selection_prefilter::certainly_valid_object(std::string_view line) {
  return impl_->decide(line, false) == prefilter_verdict::selected;
}

}  // namespace logmoji
