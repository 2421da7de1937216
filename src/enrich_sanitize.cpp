// Masking patterns (RE2, linear time; the library's and logmoji's reading of them) and the
// secret-key lists.
#include "logmoji/enrich_sanitize.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <vector>

#include <re2/re2.h>

#include "logmoji/text_escape.hpp"
#include "logmoji/unaligned.hpp"

#ifdef __AVX2__
#include <immintrin.h>
#endif

namespace logmoji {
namespace {

// Python's \s for str patterns is Unicode whitespace (str.isspace()); RE2's \s is ASCII only
// and lacks \v, so the class is spelled out wherever a pattern below says \s.
constexpr std::string_view python_space =
    "\\t\\n\\x{0b}\\f\\r\\x{1c}-\\x{1f} \\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
    "\\x{202f}\\x{205f}\\x{3000}";

// Every pattern holds one of these literals (ASCII case-insensitive) directly followed by a
// byte that can start its separator ([=:\s], or s for credentials): a string without such a
// place needs no pattern. One bit each, so the vectorised and byte-by-byte scans can be
// compared exactly.
enum literal_bit : unsigned {
  lit_password = 1u << 0,
  lit_passwd = 1u << 1,
  lit_pwd = 1u << 2,
  lit_token = 1u << 3,
  lit_key = 1u << 4,
  lit_secret = 1u << 5,
  lit_auth = 1u << 6,
  lit_credential = 1u << 7,
  lit_dash_p = 1u << 8,
  lit_all = (1u << 9) - 1,
};

// The library's patterns, in the library's order; each is applied to the previous result.
constexpr std::array<std::string_view, 22> library_patterns{{
    "(password[=:\\s]+)([^\\s]+)",       "(passwd[=:\\s]+)([^\\s]+)",         "(pwd[=:\\s]+)([^\\s]+)",
    "(token[=:\\s]+)([^\\s]+)",          "(api[_-]?key[=:\\s]+)([^\\s]+)",    "(api[_-]?token[=:\\s]+)([^\\s]+)",
    "(access[_-]?key[=:\\s]+)([^\\s]+)", "(secret[_-]?key[=:\\s]+)([^\\s]+)", "(secret[=:\\s]+)([^\\s]+)",
    "(auth[=:\\s]+)([^\\s]+)",           "(credentials?[=:\\s]+)([^\\s]+)",   "(--password[=\\s]+)([^\\s]+)",
    "(--token[=\\s]+)([^\\s]+)",         "(--api-key[=\\s]+)([^\\s]+)",       "(--api-token[=\\s]+)([^\\s]+)",
    "(--secret[=\\s]+)([^\\s]+)",        "(--auth[=\\s]+)([^\\s]+)",          "(-p\\s+)([^\\s]+)",
    "([A-Z_]+PASSWORD[=:])([^\\s]+)",    "([A-Z_]+TOKEN[=:])([^\\s]+)",       "([A-Z_]+KEY[=:])([^\\s]+)",
    "([A-Z_]+SECRET[=:])([^\\s]+)",
}};

// logmoji's reading of the same 22 (pattern_set::words), in the same order. RE2 has no
// lookbehind: the byte before a keyword or a name is matched and kept in the first group
// (ASCII-only, whatever the case folding); a flag is preceded by a space or nothing. An
// environment-style name may hold digits (`S3_KEY=`, `AWS2_TOKEN=`): the library's `[A-Z_]+`
// caught them through its missing boundary. Pattern 18 (`-p x`) is none: it masks `make -p
// target`, and mysql's `-pSECRET` never matched it. An empty pattern is skipped.
constexpr std::array<std::string_view, 22> word_patterns{{
    "((?-i:^|[^A-Za-z0-9])password[=:]\\s*)([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])passwd[=:]\\s*)([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])pwd[=:]\\s*)([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])token[=:]\\s*)([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])api[_-]?key[=:]\\s*)([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])api[_-]?token[=:]\\s*)([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])access[_-]?key[=:]\\s*)([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])secret[_-]?key[=:]\\s*)([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])secret[=:]\\s*)([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])auth[=:]\\s*)([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])credentials?[=:]\\s*)([^\\s]+)",
    "((?:^|\\s)--password[=\\s]+)([^\\s]+)",
    "((?:^|\\s)--token[=\\s]+)([^\\s]+)",
    "((?:^|\\s)--api-key[=\\s]+)([^\\s]+)",
    "((?:^|\\s)--api-token[=\\s]+)([^\\s]+)",
    "((?:^|\\s)--secret[=\\s]+)([^\\s]+)",
    "((?:^|\\s)--auth[=\\s]+)([^\\s]+)",
    "",
    "((?-i:^|[^A-Za-z0-9])[A-Z0-9_]*_PASSWORD[=:])([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])[A-Z0-9_]*_TOKEN[=:])([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])[A-Z0-9_]*_KEY[=:])([^\\s]+)",
    "((?-i:^|[^A-Za-z0-9])[A-Z0-9_]*_SECRET[=:])([^\\s]+)",
}};

const std::array<std::string_view, 22>& patterns_of(pattern_set set) {
  return set == pattern_set::library ? library_patterns : word_patterns;
}

// The patterns a set has (an empty one it skips), one bit each.
constexpr std::uint32_t patterns_in(const std::array<std::string_view, 22>& regexes) {
  std::uint32_t bits = 0;
  for (std::size_t k = 0; k < regexes.size(); ++k)
    if (!regexes[k].empty()) bits |= std::uint32_t{1} << k;
  return bits;
}

constexpr std::array<std::string_view, 18> redacted_keys{
    "authorization", "x-api-key",    "x-auth-token",    "cookie",
    "set-cookie",    "x-csrf-token", "x-session-token", "proxy-authorization",
    "token",         "key",          "password",        "secret",
    "apikey",        "api_key",      "access_token",    "refresh_token",
    "auth",          "credentials"};

// logmoji's secret names (top-level keys, and keys inside objects outside --foundation),
// normalised (lower case, '_' for '-'), sorted for a binary search. Wider than foundation's
// nested list, without its bare `key`: what services name secrets in practice.
constexpr std::array<std::string_view, 36> secret_keys{"access_key",    "access_token",
                                                       "api_key",       "api_secret",
                                                       "api_token",     "apikey",
                                                       "auth",          "auth_token",
                                                       "authorization", "bearer",
                                                       "client_secret", "cookie",
                                                       "cookies",       "credential",
                                                       "credentials",   "csrf_token",
                                                       "id_token",      "passphrase",
                                                       "passwd",        "password",
                                                       "private_key",   "proxy_authorization",
                                                       "pwd",           "refresh_token",
                                                       "secret",        "secret_key",
                                                       "session",       "session_id",
                                                       "session_token", "sessionid",
                                                       "set_cookie",    "token",
                                                       "x_api_key",     "x_auth_token",
                                                       "x_csrf_token",  "x_session_token"};

constexpr bool sorted_names() {
  for (std::size_t i = 1; i < secret_keys.size(); ++i)
    if (!(secret_keys[i - 1] < secret_keys[i])) return false;
  return true;
}

constexpr std::size_t longest_secret_key = 19;  // proxy_authorization

// For each key length, the letters some secret name of that length starts and ends with: most
// keys (timestamp, level, user_id) are rejected by two lookups before any comparison.
struct secret_key_filter {
  std::array<std::uint32_t, longest_secret_key + 1> first{};
  std::array<std::uint32_t, longest_secret_key + 1> last{};
};

constexpr secret_key_filter make_secret_key_filter() {
  secret_key_filter f;
  for (auto name : secret_keys) {
    f.first[name.size()] |= 1u << (name.front() - 'a');
    f.last[name.size()] |= 1u << (name.back() - 'a');
  }
  return f;
}

constexpr secret_key_filter secret_filter = make_secret_key_filter();

bool may_be_secret_key(std::string_view key) {
  auto letter_bit = [](char c) {
    c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 0u;
  };
  return (secret_filter.first[key.size()] & letter_bit(key.front())) &&
         (secret_filter.last[key.size()] & letter_bit(key.back()));
}

// Rewrites each \s for RE2: inside a bracket class it becomes the class's content, outside it
// a class of its own.
std::string expand_space_class(std::string_view regex) {
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < regex.size(); ++i) {
    if (regex.substr(i, 2) == "\\s") {
      out += in_class ? std::string(python_space) : "[" + std::string(python_space) + "]";
      ++i;
      continue;
    }
    if (regex[i] == '[') in_class = true;
    if (regex[i] == ']') in_class = false;
    out += regex[i];
  }
  return out;
}

[[gnu::always_inline]] inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

[[gnu::always_inline]] inline bool starts_ignore_case(std::string_view text, std::size_t at,
                                                      std::string_view lower_literal) {
  if (text.size() - at < lower_literal.size()) return false;
  for (std::size_t k = 0; k < lower_literal.size(); ++k)
    if (ascii_lower(text[at + k]) != lower_literal[k]) return false;
  return true;
}

// The bytes that can start a separator: '=', ':', the ASCII spaces of python_space, and the
// lead bytes of its multi-byte ones (U+0085 and U+00A0: C2; U+1680: E1; U+2000 to U+205F: E2;
// U+3000: E3).
constexpr std::array<bool, 256> make_separator_starts() {
  std::array<bool, 256> t{};
  for (char c : std::string_view("=:\t\n\x0b\f\r\x1c\x1d\x1e\x1f ")) t[static_cast<unsigned char>(c)] = true;
  for (unsigned c : {0xC2u, 0xE1u, 0xE2u, 0xE3u}) t[c] = true;
  return t;
}

constexpr std::array<bool, 256> separator_starts = make_separator_starts();

[[gnu::always_inline]] inline bool separator_at(std::string_view text, std::size_t at) {
  return at < text.size() && separator_starts[static_cast<unsigned char>(text[at])];
}

[[gnu::always_inline]] inline unsigned literal_then_separator(std::string_view text, std::size_t i,
                                                              std::string_view lower_literal, unsigned bit) {
  return starts_ignore_case(text, i, lower_literal) && separator_at(text, i + lower_literal.size()) ? bit : 0u;
}

[[gnu::always_inline]] inline unsigned literals_at(std::string_view text, std::size_t i) {
  switch (ascii_lower(text[i])) {
    case 'p':
      return literal_then_separator(text, i, "password", lit_password) |
             literal_then_separator(text, i, "passwd", lit_passwd) | literal_then_separator(text, i, "pwd", lit_pwd);
    case 't': return literal_then_separator(text, i, "token", lit_token);
    case 'k': return literal_then_separator(text, i, "key", lit_key);
    case 's': return literal_then_separator(text, i, "secret", lit_secret);
    case 'a': return literal_then_separator(text, i, "auth", lit_auth);
    case 'c':
      return literal_then_separator(text, i, "credential", lit_credential) |
             literal_then_separator(text, i, "credentials", lit_credential);
    case '-': return literal_then_separator(text, i, "-p", lit_dash_p);
    default: return 0;
  }
}

}  // namespace

// Which literals occur in `text` followed by a separator, in one pass. Case-insensitive
// matching also folds U+017F (ſ) to s and U+212A (Kelvin sign) to k, so a text holding either
// may match without the ASCII literal: it gets every bit.
unsigned masking_literals_scalar(std::string_view text, std::size_t from) noexcept {
  unsigned bits = 0;
  for (std::size_t i = from; i + 1 < text.size(); ++i) {
    auto a = static_cast<unsigned char>(text[i]);
    auto b = static_cast<unsigned char>(text[i + 1]);
    bits |= literals_at(text, i);
    if (a == 0xC5 && b == 0xBF) return lit_all;
    if (a == 0xE2 && b == 0x84 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 2]) == 0xAA)
      return lit_all;
  }
  return bits;
}

#ifdef __AVX2__
namespace {

// Where ſ (C5 BF) or the Kelvin sign (E2 84 AA) starts, as the scalar scan sees it.
bool special_at(std::string_view text, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  return (at(i) == 0xC5 && at(i + 1) == 0xBF) ||
         (at(i) == 0xE2 && at(i + 1) == 0x84 && i + 2 < text.size() && at(i + 2) == 0xAA);
}

// Teddy-style candidate search: eight buckets, one bit each, of three-byte sets; for each of
// the three positions, a byte's low and high nibble look up the buckets it may belong to, and a
// position is a candidate when some bucket survives all six lookups. The nibble tables
// over-approximate (a letter's high nibble is listed for both cases, so no case folding is
// needed); literals_at and special_at decide exactly. "pas" and "pwd" share a bucket, so the
// case-folding specials get one.
struct nibble_tables {
  std::array<std::array<std::uint8_t, 16>, 3> low{};
  std::array<std::array<std::uint8_t, 16>, 3> high{};
};

constexpr nibble_tables make_nibble_tables() {
  nibble_tables t;
  auto add = [&t](std::size_t pos, unsigned char c, unsigned bucket) {
    t.low[pos][c & 0xF] = static_cast<std::uint8_t>(t.low[pos][c & 0xF] | (1u << bucket));
    t.high[pos][c >> 4] = static_cast<std::uint8_t>(t.high[pos][c >> 4] | (1u << bucket));
  };
  auto add_letter = [&add](std::size_t pos, char c, unsigned bucket) {
    auto lower = static_cast<unsigned char>(c);
    add(pos, lower, bucket);
    if (lower >= 'a' && lower <= 'z') add(pos, static_cast<unsigned char>(lower - 'a' + 'A'), bucket);
  };
  // bucket: the bytes each of the three positions may hold
  constexpr std::array<std::array<std::string_view, 3>, 6> words{{
      {"p", "aw", "sd"},  // password, passwd, pwd
      {"t", "o", "k"},
      {"k", "e", "y"},
      {"s", "e", "c"},
      {"a", "u", "t"},
      {"c", "r", "e"},
  }};
  for (unsigned k = 0; k < words.size(); ++k)
    for (std::size_t pos = 0; pos < 3; ++pos)
      for (char c : words[k][pos]) add_letter(pos, c, k);
  add(0, '-', 6);
  add_letter(1, 'p', 6);
  for (unsigned c = 0; c < 256; ++c)
    if (separator_starts[c]) add(2, static_cast<unsigned char>(c), 6);
  add(0, 0xC5, 7);
  add(0, 0xE2, 7);
  add(1, 0xBF, 7);
  add(1, 0x84, 7);
  for (unsigned c = 0; c < 256; ++c) add(2, static_cast<unsigned char>(c), 7);
  return t;
}

// Each table twice, once per 128-bit lane, as vpshufb reads it: one aligned load a table for
// each line instead of a load and a broadcast, and a table pushed out of its register by the
// tail's code is loaded again from here rather than kept on the stack.
struct lane_table {
  alignas(32) std::array<std::uint8_t, 32> bytes{};
};
struct wide_nibble_tables {
  std::array<lane_table, 3> low{};
  std::array<lane_table, 3> high{};
};

constexpr wide_nibble_tables make_wide_nibble_tables() {
  const nibble_tables t = make_nibble_tables();
  wide_nibble_tables w;
  for (std::size_t pos = 0; pos < 3; ++pos)
    for (std::size_t k = 0; k < 32; ++k) {
      w.low[pos].bytes[k] = t.low[pos][k % 16];
      w.high[pos].bytes[k] = t.high[pos][k % 16];
    }
  return w;
}

constexpr wide_nibble_tables nibbles = make_wide_nibble_tables();

__m256i table(const lane_table& t) { return _mm256_load_si256(reinterpret_cast<const __m256i*>(t.bytes.data())); }

// The six tables in registers for the whole scan (named, not an array: arrays of vectors end
// up in memory).
struct scan_registers {
  __m256i low0 = table(nibbles.low[0]), low1 = table(nibbles.low[1]), low2 = table(nibbles.low[2]);
  __m256i high0 = table(nibbles.high[0]), high1 = table(nibbles.high[1]), high2 = table(nibbles.high[2]);
};

[[gnu::always_inline]] inline __m256i buckets_at(const char* p, __m256i low, __m256i high) {
  const __m256i low_nibble = _mm256_set1_epi8(0x0F);
  __m256i raw = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  __m256i lo = _mm256_shuffle_epi8(low, _mm256_and_si256(raw, low_nibble));
  __m256i hi = _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi16(raw, 4), low_nibble));
  return _mm256_and_si256(lo, hi);
}

// Per position among the 32 starting at p, the buckets all three bytes allow (p[33] must be
// readable): zero where no literal can start.
[[gnu::always_inline]] inline __m256i surviving_buckets(const char* p, const scan_registers& r) {
  return _mm256_and_si256(_mm256_and_si256(buckets_at(p, r.low0, r.high0), buckets_at(p + 1, r.low1, r.high1)),
                          buckets_at(p + 2, r.low2, r.high2));
}

[[gnu::always_inline]] inline std::uint32_t positions(__m256i buckets) {
  __m256i none = _mm256_cmpeq_epi8(buckets, _mm256_setzero_si256());
  return ~static_cast<std::uint32_t>(_mm256_movemask_epi8(none));
}

// Candidate positions among the 32 starting at p (p[33] must be readable).
[[gnu::always_inline]] inline std::uint32_t candidates(const char* p, const scan_registers& r) {
  return positions(surviving_buckets(p, r));
}

// Copies n <= 34 bytes with a few overlapping moves instead of a call to memcpy.
void copy_short(char* to, const char* from, std::size_t n) {
  auto move = [&](std::size_t width) {
    char head[16], tail[16];
    std::memcpy(head, from, width);
    std::memcpy(tail, from + n - width, width);
    std::memcpy(to, head, width);
    std::memcpy(to + n - width, tail, width);
  };
  if (n > 32) {
    std::memcpy(to, from, 32);
    for (std::size_t k = 32; k < n; ++k) to[k] = from[k];
  } else if (n >= 16) {
    move(16);
  } else if (n >= 8) {
    move(8);
  } else if (n >= 4) {
    move(4);
  } else {
    for (std::size_t k = 0; k < n; ++k) to[k] = from[k];
  }
}

// Adds the literals at the candidate positions `found` of the block at `i`; false when one of
// them starts a case-folding special (the answer is then every literal). Inlined, like
// literals_at: a call in the scan loop would push the six tables out of their registers.
[[gnu::always_inline]] inline bool add_literals(std::string_view text, std::size_t i, std::uint32_t found,
                                                unsigned& bits) {
  for (; found; found &= found - 1) {
    std::size_t at = i + static_cast<std::size_t>(std::countr_zero(found));
    if (special_at(text, at)) [[unlikely]]
      return false;
    bits |= literals_at(text, at);
  }
  return true;
}

}  // namespace

// The same as the scalar scan, 32 positions at a time; the last partial block is scanned from a
// zero-padded copy (a zero byte starts no literal).
unsigned masking_literals(std::string_view text) noexcept {
  const scan_registers r;
  unsigned bits = 0;
  std::size_t i = 0;
  // 64 positions a step, one test of both halves: nearly every step of a line finds nothing.
  for (; i + 66 <= text.size(); i += 64) {
    __m256i a = surviving_buckets(text.data() + i, r), b = surviving_buckets(text.data() + i + 32, r);
    __m256i any = _mm256_or_si256(a, b);
    if (_mm256_testz_si256(any, any)) [[likely]]
      continue;
    if (!add_literals(text, i, positions(a), bits) || !add_literals(text, i + 32, positions(b), bits)) return lit_all;
  }
  for (; i + 34 <= text.size(); i += 32)
    if (std::uint32_t found = candidates(text.data() + i, r); found && !add_literals(text, i, found, bits))
      return lit_all;
  if (i + 1 < text.size() && text.size() >= 34) {
    // The last block overlaps the one before it (positions already scanned are masked off); it
    // ends two positions short: the second-to-last can start only ſ (a literal needs a
    // separator after it), the last nothing.
    std::size_t start = text.size() - 34;
    std::uint32_t found =
        candidates(text.data() + start, r) & static_cast<std::uint32_t>(~((std::uint64_t{1} << (i - start)) - 1));
    if (!add_literals(text, start, found, bits) || special_at(text, text.size() - 2)) return lit_all;
  } else if (i + 1 < text.size()) {
    std::size_t left = text.size() - i;
    alignas(32) char padded[64] = {};
    copy_short(padded, text.data() + i, left);
    std::uint32_t found = candidates(padded, r) &  // positions with a next byte in the text
                          static_cast<std::uint32_t>((std::uint64_t{1} << (left - 1)) - 1);
    if (!add_literals(text, i, found, bits)) return lit_all;
  }
  return bits;
}
#else
unsigned masking_literals(std::string_view text) noexcept { return masking_literals_scalar(text, 0); }
#endif

namespace {

// What must precede a pattern's literal for the pattern to match there: nothing, a fixed text
// (with an optional '_' or '-' in between for `api[_-]?key` and the like), or one letter or
// underscore (`[A-Z_]+KEY`). One row per pattern, in the patterns' order. The library's contexts:
// logmoji's patterns ask for more around the same literal (a word's start, '_' before a name's
// keyword), so what passes these may still match neither.
struct pattern_context {
  unsigned literal;
  std::string_view before = {};
  bool joiner = false;  // before[_-]?literal
  bool word = false;    // [A-Z_]+literal
};

constexpr std::array<pattern_context, library_patterns.size()> contexts{{
    {lit_password},
    {lit_passwd},
    {lit_pwd},
    {lit_token},
    {lit_key, "api", true},
    {lit_token, "api", true},
    {lit_key, "access", true},
    {lit_key, "secret", true},
    {lit_secret},
    {lit_auth},
    {lit_credential},
    {lit_password, "--"},
    {lit_token, "--"},
    {lit_key, "--api-"},
    {lit_token, "--api-"},
    {lit_secret, "--"},
    {lit_auth, "--"},
    {lit_dash_p},
    {lit_password, {}, false, true},
    {lit_token, {}, false, true},
    {lit_key, {}, false, true},
    {lit_secret, {}, false, true},
}};

constexpr std::uint32_t all_patterns = (std::uint32_t{1} << library_patterns.size()) - 1;

bool ends_ignore_case(std::string_view text, std::string_view lower_suffix) {
  return text.size() >= lower_suffix.size() &&
         starts_ignore_case(text, text.size() - lower_suffix.size(), lower_suffix);
}

// A name's bytes: [A-Z_] in the library's set, [A-Z0-9_] in logmoji's.
bool name_byte(char c, pattern_set set) {
  c = ascii_lower(c);
  return (c >= 'a' && c <= 'z') || c == '_' || (set == pattern_set::words && c >= '0' && c <= '9');
}

bool context_holds(const pattern_context& c, std::string_view before) {
  // (The library's name bytes: logmoji's names put '_' before the literal, which is one.)
  if (c.word) return !before.empty() && name_byte(before.back(), pattern_set::library);
  if (ends_ignore_case(before, c.before)) return true;
  return c.joiner && !before.empty() && (before.back() == '_' || before.back() == '-') &&
         ends_ignore_case(before.substr(0, before.size() - 1), c.before);
}

// The patterns that can match `text`, given its literals: for each literal followed by a
// separator, the patterns whose context precedes it. An over-approximation (a separator's lead
// byte, ':' where only '=' would do) is harmless: a pattern that does not match leaves the text
// alone. Every bit when case folding is in play (masking_literals gave every literal), since
// the context checks compare ASCII only.
std::uint32_t candidate_patterns(std::string_view text, unsigned literals) {
  if (literals == lit_all) return all_patterns;
  std::uint32_t which = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    unsigned here = literals_at(text, i);
    if (here == 0) continue;
    for (std::size_t k = 0; k < contexts.size(); ++k)
      if ((contexts[k].literal & here) && context_holds(contexts[k], text.substr(0, i))) which |= std::uint32_t{1} << k;
  }
  return which;
}

// The patterns spelled out for a matcher of our own: RE2's submatch search costs about 20,000
// instructions a masked string, and every pattern has one of four simple shapes.
//   keyword: head([_-]?tail)(s?) then a separator, then a run of non-spaces;
//   flag: `--head` then [=\s]+, then a run of non-spaces; short flag: `-p` then \s+, the same;
//   name: [A-Z_]+head[=:] then a run of non-spaces.
// The set decides the rest (word_patterns): a keyword's separator is [=:\s]+ in the library's,
// [=:]\s* at the start of a word in logmoji's; a flag starts a word in logmoji's; a name there
// starts a word, may hold digits and ends in `_` before its head.
// The RE2 patterns stay the definition: mask_per_pattern runs them, and the tests and the fuzz
// target compare the two on every input they make.
enum class pattern_kind : std::uint8_t { keyword, flag, short_flag, name };

struct pattern_shape {
  pattern_kind kind;
  std::string_view head;  // lower case
  std::string_view tail = {};
  bool joiner = false;      // head[_-]?tail
  bool optional_s = false;  // credentials?
};

constexpr std::array<pattern_shape, library_patterns.size()> shapes{{
    {pattern_kind::keyword, "password"},
    {pattern_kind::keyword, "passwd"},
    {pattern_kind::keyword, "pwd"},
    {pattern_kind::keyword, "token"},
    {pattern_kind::keyword, "api", "key", true},
    {pattern_kind::keyword, "api", "token", true},
    {pattern_kind::keyword, "access", "key", true},
    {pattern_kind::keyword, "secret", "key", true},
    {pattern_kind::keyword, "secret"},
    {pattern_kind::keyword, "auth"},
    {pattern_kind::keyword, "credential", {}, false, true},
    {pattern_kind::flag, "--password"},
    {pattern_kind::flag, "--token"},
    {pattern_kind::flag, "--api-key"},
    {pattern_kind::flag, "--api-token"},
    {pattern_kind::flag, "--secret"},
    {pattern_kind::flag, "--auth"},
    {pattern_kind::short_flag, "-p"},
    {pattern_kind::name, "password"},
    {pattern_kind::name, "token"},
    {pattern_kind::name, "key"},
    {pattern_kind::name, "secret"},
}};

// The byte length of the python_space character at `at`, 0 when there is none (valid UTF-8).
std::size_t space_at(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t k) { return at + k < text.size() ? static_cast<unsigned char>(text[at + k]) : 0u; };
  unsigned a = byte(0);
  if (a < 0x80) return (a >= '\t' && a <= '\r') || (a >= 0x1C && a <= 0x20) ? 1 : 0;
  if (a == 0xC2) return byte(1) == 0x85 || byte(1) == 0xA0 ? 2 : 0;
  if (a == 0xE1) return byte(1) == 0x9A && byte(2) == 0x80 ? 3 : 0;
  if (a == 0xE3) return byte(1) == 0x80 && byte(2) == 0x80 ? 3 : 0;
  if (a != 0xE2) return 0;
  unsigned b = byte(1), c = byte(2);
  if (b == 0x80) return (c >= 0x80 && c <= 0x8A) || c == 0xA8 || c == 0xA9 || c == 0xAF ? 3 : 0;
  return b == 0x81 && c == 0x9F ? 3 : 0;
}

// The byte length of the character starting at `at` (valid UTF-8).
std::size_t char_length(std::string_view text, std::size_t at) {
  auto a = static_cast<unsigned char>(text[at]);
  return a < 0x80 ? 1 : a < 0xE0 ? 2 : a < 0xF0 ? 3 : 4;
}

// Whether a word starts at `at`: nothing before it, or no ASCII letter or digit.
bool starts_word(std::string_view text, std::size_t at) { return at == 0 || !is_ascii_alnum(text[at - 1]); }

// Whether nothing or a python_space character comes before `at` (valid UTF-8: the character
// ending there is one, two or three bytes long).
bool after_space(std::string_view text, std::size_t at) {
  return at == 0 || space_at(text, at - 1) == 1 || (at >= 2 && space_at(text, at - 2) == 2) ||
         (at >= 3 && space_at(text, at - 3) == 3);
}

// The separators after a head: =, : or spaces (a keyword of the library's), = or spaces (a
// flag), spaces (the short flag).
enum class separators : std::uint8_t { eq_colon_space, eq_space, space };

bool is_separator(std::string_view text, std::size_t at, separators seps, std::size_t& length) {
  char c = text[at];
  if (c == '=' ? seps != separators::space : c == ':' && seps == separators::eq_colon_space) {
    length = 1;
    return true;
  }
  length = space_at(text, at);
  return length != 0;
}

// The end of the run of non-spaces starting at `at`.
std::size_t non_space_run(std::string_view text, std::size_t at) {
  while (at < text.size() && space_at(text, at) == 0) at += char_length(text, at);
  return at;
}

struct shape_match {
  std::size_t value = 0, end = 0;  // the second group: [value, end); end 0 when no match
};

// After a head, the library's SEP+ and a value: the value starts after the whole run when
// something follows it, else at the run's last '=' or ':' past its first character (greedy SEP+
// giving back characters until a non-space can start the value).
shape_match separators_then_value(std::string_view text, std::size_t at, separators seps) {
  const std::size_t n = text.size(), run = at;
  std::size_t last_non_space = std::string_view::npos, length = 0;
  while (at < n && is_separator(text, at, seps, length)) {
    if (at > run && (text[at] == '=' || text[at] == ':')) last_non_space = at;
    at += length;
  }
  if (at == run) return {};
  std::size_t value = at < n ? at : last_non_space;
  if (value == std::string_view::npos) return {};
  return {value, non_space_run(text, value)};
}

// After a keyword, logmoji's [=:]\s* and a value: no backtracking, a space starts no value.
shape_match colon_then_value(std::string_view text, std::size_t at) {
  const std::size_t n = text.size();
  if (at >= n || (text[at] != '=' && text[at] != ':')) return {};
  ++at;
  for (std::size_t length = 0; at < n && (length = space_at(text, at)) != 0;) at += length;
  if (at == n) return {};
  return {at, non_space_run(text, at)};
}

// A match of a keyword or a flag starting at `s`. The optional parts are decided by the next
// byte alone (a joiner or 's' is no separator and starts no tail), so only the separators
// backtrack.
shape_match match_head_at(std::string_view text, std::size_t s, const pattern_shape& p, pattern_set set) {
  const std::size_t n = text.size();
  const bool words = set == pattern_set::words;
  if (!starts_ignore_case(text, s, p.head)) return {};
  if (words && !(p.kind == pattern_kind::keyword ? starts_word(text, s) : after_space(text, s))) return {};
  std::size_t at = s + p.head.size();
  if (!p.tail.empty()) {
    if (p.joiner && at < n && (text[at] == '_' || text[at] == '-')) ++at;
    if (!starts_ignore_case(text, at, p.tail)) return {};
    at += p.tail.size();
  }
  if (p.optional_s && at < n && ascii_lower(text[at]) == 's') ++at;
  switch (p.kind) {
    case pattern_kind::keyword:
      return words ? colon_then_value(text, at) : separators_then_value(text, at, separators::eq_colon_space);
    case pattern_kind::flag: return separators_then_value(text, at, separators::eq_space);
    default: return separators_then_value(text, at, separators::space);
  }
}

// A match of a name pattern starting at `s`, the first of the name bytes [s, name_end): they
// must end with the head (it cannot end earlier: the byte after it is no name byte), with at
// least one before it, in logmoji's set a '_'. There the name starts a word wherever it starts:
// the byte before `s` is no name byte, so no letter or digit.
shape_match match_name_at(std::string_view text, std::size_t s, std::size_t name_end, const pattern_shape& p,
                          pattern_set set) {
  const std::size_t n = text.size(), head = name_end - p.head.size();
  if (name_end - s <= p.head.size() || name_end + 1 >= n || (text[name_end] != '=' && text[name_end] != ':')) return {};
  if (!starts_ignore_case(text, head, p.head) || space_at(text, name_end + 1) != 0) return {};
  if (set == pattern_set::words && text[head - 1] != '_') return {};
  return {name_end + 1, non_space_run(text, name_end + 1)};
}

// One pattern over `text`, like RE2::GlobalReplace with "\\1[MASKED]": leftmost matches, each
// search resuming at the end of the previous match (a run of non-spaces: what comes after it is
// a space or nothing, so the byte before the next match's head is never inside this one).
// Writes `out` only when something matched.
bool replace_shape(std::string_view text, const pattern_shape& p, pattern_set set, std::string& out) {
  std::size_t kept = 0;  // text before this is in `out` already
  bool changed = false;
  auto take = [&](shape_match m) {
    if (!changed) out.clear();
    changed = true;
    out.append(text.substr(kept, m.value - kept));
    out += masked_text;
    kept = m.end;
  };
  const char first = p.head.front();
  for (std::size_t s = 0; s < text.size();) {
    if (p.kind == pattern_kind::name) {
      if (!name_byte(text[s], set)) {
        ++s;
        continue;
      }
      std::size_t end = s;
      while (end < text.size() && name_byte(text[end], set)) ++end;
      shape_match m = match_name_at(text, s, end, p, set);
      if (m.end == 0) {
        s = end;  // a later start in the same name ends at the same place with fewer bytes
        continue;
      }
      take(m);
      s = m.end;
      continue;
    }
    if (ascii_lower(text[s]) != first) {
      ++s;
      continue;
    }
    shape_match m = match_head_at(text, s, p, set);
    if (m.end == 0) {
      ++s;
      continue;
    }
    take(m);
    s = m.end;
  }
  if (changed) out.append(text.substr(kept));
  return changed;
}

// The named patterns in order, each over the previous one's result; false when none matched.
bool mask_by_shapes(std::string_view in, std::uint32_t which, pattern_set set, std::string& out) {
  thread_local std::string buffers[2];
  std::string_view current = in;
  int next = 0;
  bool changed = false;
  for (; which; which &= which - 1) {
    std::string& target = buffers[next];
    if (!replace_shape(current, shapes[static_cast<std::size_t>(std::countr_zero(which))], set, target)) continue;
    current = target;
    next ^= 1;
    changed = true;
  }
  if (changed) out.assign(current);
  return changed;
}

}  // namespace

// Compiled on first use, each pattern alone: most runs mask nothing or use few of the patterns,
// and compiling all of them (or one RE2::Set of them, 5.5 million instructions) costs more than
// a small input takes to render.
struct secret_masker::impl {
  explicit impl(pattern_set s) : set(s), regexes(patterns_of(s)), present(patterns_in(regexes)) {}

  const pattern_set set;
  const std::array<std::string_view, library_patterns.size()>& regexes;
  const std::uint32_t present;  // the patterns the set has
  mutable std::array<std::unique_ptr<RE2>, library_patterns.size()> compiled;
  mutable std::array<std::once_flag, library_patterns.size()> compiled_once;

  static RE2::Options options() {
    RE2::Options opts;
    opts.set_case_sensitive(false);
    opts.set_log_errors(false);
    return opts;
  }

  const RE2& pattern(std::size_t k) const {
    std::call_once(compiled_once[k],
                   [&] { compiled[k] = std::make_unique<RE2>(expand_space_class(regexes[k]), options()); });
    return *compiled[k];
  }
};

secret_masker::secret_masker(pattern_set set) : impl_(std::make_unique<impl>(set)) {}

secret_masker::~secret_masker() = default;

// The literals and what precedes them in the original text name the patterns that can apply,
// and only those run, in order. Asking the original is enough: a replacement keeps a match's
// prefix and puts "[MASKED]", which holds no literal, separator or space, where a run of
// non-spaces was (a space or nothing after it, as before), so a pattern that matches a masked
// text already matched the text it came from. A pattern named but not matching (only text an
// earlier one replaced, or a context the cheap check over-approximates: logmoji's set asks for
// more than the library's) finds nothing, and GlobalReplace leaves the text alone.
bool secret_masker::mask(std::string_view in, std::string& out) const {
  unsigned literals = masking_literals(in);
  if (literals == 0) return false;
  std::uint32_t which = candidate_patterns(in, literals) & impl_->present;
  if (which == 0) return false;
  // Text the matcher reads as characters: no case folding beyond ASCII (masking_literals gives
  // every bit when ſ or the Kelvin sign is there) and valid UTF-8 (any other text goes to RE2,
  // whose view of broken bytes is its own).
  if (literals != lit_all && valid_utf8(in)) return mask_by_shapes(in, which, impl_->set, out);
  bool changed = false;
  for (; which; which &= which - 1) {
    const RE2& re = impl_->pattern(static_cast<std::size_t>(std::countr_zero(which)));
    if (!changed) {
      // `out` stays untouched until a named pattern really matches.
      if (!RE2::PartialMatch(in, re)) continue;
      out.assign(in);
    }
    changed |= RE2::GlobalReplace(&out, re, "\\1[MASKED]") > 0;
  }
  return changed;
}

// The definition mask() must agree with: every pattern of the set asked on its own, in order,
// against the text the previous ones left; no literal scan.
bool secret_masker::mask_per_pattern(std::string_view in, std::string& out) const {
  bool changed = false;
  for (std::size_t k = 0; k < library_patterns.size(); ++k) {
    if (!(impl_->present >> k & 1)) continue;
    const RE2& re = impl_->pattern(k);
    std::string_view current = changed ? std::string_view(out) : in;
    if (!RE2::PartialMatch(current, re)) continue;
    if (!changed) out.assign(in);
    RE2::GlobalReplace(&out, re, "\\1[MASKED]");
    changed = true;
  }
  return changed;
}

bool is_redacted_key(std::string_view key) noexcept {
  for (auto candidate : redacted_keys) {
    if (candidate.size() != key.size()) continue;
    std::size_t i = 0;
    while (i < key.size() && ascii_lower(key[i]) == candidate[i]) ++i;
    if (i == key.size()) return true;
  }
  return false;
}

bool is_secret_key(std::string_view key) noexcept {
  static_assert(sorted_names(), "secret_keys must stay sorted for the binary search");
  if (auto dot = key.rfind('.'); dot != std::string_view::npos) key.remove_prefix(dot + 1);
  if (key.size() < 3 || key.size() > longest_secret_key || !may_be_secret_key(key)) return false;
  char buffer[longest_secret_key];
  for (std::size_t i = 0; i < key.size(); ++i) buffer[i] = key[i] == '-' ? '_' : ascii_lower(key[i]);
  return std::binary_search(secret_keys.begin(), secret_keys.end(), std::string_view(buffer, key.size()));
}

std::span<const std::string_view> secret_key_names() noexcept { return secret_keys; }

}  // namespace logmoji
