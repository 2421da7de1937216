// Masking patterns (RE2, linear time) and the redacted-key list.
#include "logmoji/enrich_sanitize.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

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
constexpr std::array<std::string_view, 22> patterns{{
    "(password[=:\\s]+)([^\\s]+)",       "(passwd[=:\\s]+)([^\\s]+)",         "(pwd[=:\\s]+)([^\\s]+)",
    "(token[=:\\s]+)([^\\s]+)",          "(api[_-]?key[=:\\s]+)([^\\s]+)",    "(api[_-]?token[=:\\s]+)([^\\s]+)",
    "(access[_-]?key[=:\\s]+)([^\\s]+)", "(secret[_-]?key[=:\\s]+)([^\\s]+)", "(secret[=:\\s]+)([^\\s]+)",
    "(auth[=:\\s]+)([^\\s]+)",           "(credentials?[=:\\s]+)([^\\s]+)",   "(--password[=\\s]+)([^\\s]+)",
    "(--token[=\\s]+)([^\\s]+)",         "(--api-key[=\\s]+)([^\\s]+)",       "(--api-token[=\\s]+)([^\\s]+)",
    "(--secret[=\\s]+)([^\\s]+)",        "(--auth[=\\s]+)([^\\s]+)",          "(-p\\s+)([^\\s]+)",
    "([A-Z_]+PASSWORD[=:])([^\\s]+)",    "([A-Z_]+TOKEN[=:])([^\\s]+)",       "([A-Z_]+KEY[=:])([^\\s]+)",
    "([A-Z_]+SECRET[=:])([^\\s]+)",
}};

constexpr std::array<std::string_view, 18> redacted_keys{
    "authorization", "x-api-key",    "x-auth-token",    "cookie",
    "set-cookie",    "x-csrf-token", "x-session-token", "proxy-authorization",
    "token",         "key",          "password",        "secret",
    "apikey",        "api_key",      "access_token",    "refresh_token",
    "auth",          "credentials"};

// logmoji's top-level secret names, normalised (lower case, '_' for '-'), sorted for a binary
// search. Wider than foundation's nested list: what services name secrets in practice.
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

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_ignore_case(std::string_view text, std::size_t at, std::string_view lower_literal) {
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

bool separator_at(std::string_view text, std::size_t at) {
  return at < text.size() && separator_starts[static_cast<unsigned char>(text[at])];
}

unsigned literal_then_separator(std::string_view text, std::size_t i, std::string_view lower_literal, unsigned bit) {
  return starts_ignore_case(text, i, lower_literal) && separator_at(text, i + lower_literal.size()) ? bit : 0u;
}

unsigned literals_at(std::string_view text, std::size_t i) {
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

// Teddy-style candidate search: each literal's first three bytes (lower case; for -p, any
// separator start) are one bucket bit; for each of the three positions, a byte's low and high
// nibble look up the buckets it may belong to, and a position is a candidate when some bucket
// survives all six lookups. Nibble tables over-approximate; literals_at decides exactly.
struct nibble_tables {
  std::array<std::array<std::uint8_t, 16>, 3> low{};
  std::array<std::array<std::uint8_t, 16>, 3> high{};
};

constexpr nibble_tables make_nibble_tables() {
  constexpr std::array<std::string_view, 7> prefixes{"pas", "pwd", "tok", "key", "sec", "aut", "cre"};
  nibble_tables t;
  auto add = [&t](std::size_t pos, unsigned char c, unsigned bucket) {
    c = static_cast<unsigned char>(c | 0x20);  // the scan folds case by setting bit 5 of every byte
    t.low[pos][c & 0xF] = static_cast<std::uint8_t>(t.low[pos][c & 0xF] | (1u << bucket));
    t.high[pos][c >> 4] = static_cast<std::uint8_t>(t.high[pos][c >> 4] | (1u << bucket));
  };
  for (unsigned k = 0; k < prefixes.size(); ++k)
    for (std::size_t pos = 0; pos < 3; ++pos) add(pos, static_cast<unsigned char>(prefixes[k][pos]), k);
  add(0, '-', 7);
  add(1, 'p', 7);
  for (unsigned c = 0; c < 256; ++c)
    if (separator_starts[c]) add(2, static_cast<unsigned char>(c), 7);
  return t;
}

constexpr nibble_tables nibbles = make_nibble_tables();

__m256i table(const std::array<std::uint8_t, 16>& t) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())));
}

// Candidate positions among the 32 starting at p (p[33] must be readable). Sets `special`
// where ſ (C5 BF) or the Kelvin sign (E2 84 ..) may start, which only the scalar scan decides.
std::uint32_t candidates(const char* p, bool& special) {
  const __m256i case_bit = _mm256_set1_epi8(0x20);
  const __m256i low_nibble = _mm256_set1_epi8(0x0F);
  __m256i raw0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  __m256i raw1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
  auto pair = [&](unsigned char x, unsigned char y) {
    return _mm256_and_si256(_mm256_cmpeq_epi8(raw0, _mm256_set1_epi8(static_cast<char>(x))),
                            _mm256_cmpeq_epi8(raw1, _mm256_set1_epi8(static_cast<char>(y))));
  };
  special = !_mm256_testz_si256(_mm256_or_si256(pair(0xC5, 0xBF), pair(0xE2, 0x84)), _mm256_set1_epi8(-1));
  __m256i buckets = _mm256_set1_epi8(-1);
  for (std::size_t pos = 0; pos < 3; ++pos) {
    __m256i raw = pos == 0 ? raw0 : pos == 1 ? raw1 : _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2));
    __m256i folded = _mm256_or_si256(raw, case_bit);
    __m256i lo = _mm256_shuffle_epi8(table(nibbles.low[pos]), _mm256_and_si256(folded, low_nibble));
    __m256i hi =
        _mm256_shuffle_epi8(table(nibbles.high[pos]), _mm256_and_si256(_mm256_srli_epi16(folded, 4), low_nibble));
    buckets = _mm256_and_si256(buckets, _mm256_and_si256(lo, hi));
  }
  __m256i none = _mm256_cmpeq_epi8(buckets, _mm256_setzero_si256());
  return ~static_cast<std::uint32_t>(_mm256_movemask_epi8(none));
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

}  // namespace

// The same as the scalar scan, 32 positions at a time; the last partial block is scanned from a
// zero-padded copy (a zero byte starts no literal).
unsigned masking_literals(std::string_view text) noexcept {
  unsigned bits = 0;
  for (std::size_t i = 0; i + 1 < text.size(); i += 32) {
    std::size_t left = text.size() - i;
    bool special = false;
    std::uint32_t found;
    if (left >= 34) {
      found = candidates(text.data() + i, special);
    } else {
      alignas(32) char padded[64] = {};
      copy_short(padded, text.data() + i, left);
      found = candidates(padded, special) &  // positions with a next byte in the text
              static_cast<std::uint32_t>((std::uint64_t{1} << (left - 1)) - 1);
    }
    if (special) return bits | masking_literals_scalar(text, i);
    for (; found; found &= found - 1) bits |= literals_at(text, i + static_cast<std::size_t>(std::countr_zero(found)));
  }
  return bits;
}
#else
unsigned masking_literals(std::string_view text) noexcept { return masking_literals_scalar(text, 0); }
#endif

// Compiled on first use: most runs mask nothing or use few of the patterns, and compiling all
// of them costs more than a small input takes to render.
struct secret_masker::impl {
  mutable std::array<std::unique_ptr<RE2>, patterns.size()> compiled;
  mutable std::array<std::once_flag, patterns.size()> compiled_once;
  mutable std::unique_ptr<RE2::Set> set;
  mutable std::once_flag set_once;

  static RE2::Options options() {
    RE2::Options opts;
    opts.set_case_sensitive(false);
    opts.set_log_errors(false);
    return opts;
  }

  const RE2& pattern(std::size_t k) const {
    std::call_once(compiled_once[k],
                   [&] { compiled[k] = std::make_unique<RE2>(expand_space_class(patterns[k]), options()); });
    return *compiled[k];
  }

  // Bit k: pattern k matches somewhere in `text`, from one pass of the set's DFA. Should the
  // DFA run out of memory, every bit: each pattern is then tried in turn, as before.
  std::uint32_t matching(std::string_view text) const {
    std::call_once(set_once, [&] {
      set = std::make_unique<RE2::Set>(options(), RE2::UNANCHORED);
      for (auto p : patterns) set->Add(expand_space_class(p), nullptr);
      set->Compile();
    });
    thread_local std::vector<int> hits;  // keeps its capacity: no allocation after the first
    hits.clear();
    RE2::Set::ErrorInfo error{};
    if (!set->Match(text, &hits, &error)) return error.kind == RE2::Set::kNoError ? 0 : all_patterns;
    std::uint32_t bits = 0;
    for (int k : hits) bits |= std::uint32_t{1} << k;
    return bits;
  }

  static constexpr std::uint32_t all_patterns = (std::uint32_t{1} << patterns.size()) - 1;
};

secret_masker::secret_masker() : impl_(std::make_unique<impl>()) {}

secret_masker::~secret_masker() = default;

// One scan of the original text names the patterns to apply, and only those run, in order.
// Asking the original is enough: a replacement keeps a match's prefix and puts "[MASKED]",
// which holds no literal, separator or space, where a run of non-spaces was, so a pattern
// that matches a masked text already matched the text it came from. A pattern that matched
// only text an earlier one replaced finds nothing and GlobalReplace leaves the text alone.
bool secret_masker::mask(std::string_view in, std::string& out) const {
  if (masking_literals(in) == 0) return false;
  std::uint32_t which = impl_->matching(in);
  if (which == 0) return false;
  out.assign(in);
  bool changed = false;
  for (; which; which &= which - 1)
    changed |=
        RE2::GlobalReplace(&out, impl_->pattern(static_cast<std::size_t>(std::countr_zero(which))), "\\1[MASKED]") > 0;
  return changed;
}

// The definition mask() must agree with: every pattern asked on its own, in order, against the
// text the previous ones left; no literal scan.
bool secret_masker::mask_per_pattern(std::string_view in, std::string& out) const {
  bool changed = false;
  for (std::size_t k = 0; k < patterns.size(); ++k) {
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
