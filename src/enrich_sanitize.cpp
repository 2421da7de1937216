// Masking patterns (RE2, linear time) and the redacted-key list.
#include "logmoji/enrich_sanitize.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

#include <re2/re2.h>

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

// Literals the patterns need, found in one pass over a string (ASCII case-insensitive).
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
  lit_dash_dash = 1u << 9,
  lit_all = (1u << 10) - 1,
};

struct mask_pattern {
  std::string_view regex;  // Python's pattern
  unsigned needs;          // literal bits every match contains: without them the pattern is skipped
};

// The library's patterns, in the library's order; each is applied to the previous result.
constexpr std::array<mask_pattern, 22> patterns{{
    {"(password[=:\\s]+)([^\\s]+)", lit_password},
    {"(passwd[=:\\s]+)([^\\s]+)", lit_passwd},
    {"(pwd[=:\\s]+)([^\\s]+)", lit_pwd},
    {"(token[=:\\s]+)([^\\s]+)", lit_token},
    {"(api[_-]?key[=:\\s]+)([^\\s]+)", lit_key},
    {"(api[_-]?token[=:\\s]+)([^\\s]+)", lit_token},
    {"(access[_-]?key[=:\\s]+)([^\\s]+)", lit_key},
    {"(secret[_-]?key[=:\\s]+)([^\\s]+)", lit_key | lit_secret},
    {"(secret[=:\\s]+)([^\\s]+)", lit_secret},
    {"(auth[=:\\s]+)([^\\s]+)", lit_auth},
    {"(credentials?[=:\\s]+)([^\\s]+)", lit_credential},
    {"(--password[=\\s]+)([^\\s]+)", lit_password | lit_dash_dash},
    {"(--token[=\\s]+)([^\\s]+)", lit_token | lit_dash_dash},
    {"(--api-key[=\\s]+)([^\\s]+)", lit_key | lit_dash_dash},
    {"(--api-token[=\\s]+)([^\\s]+)", lit_token | lit_dash_dash},
    {"(--secret[=\\s]+)([^\\s]+)", lit_secret | lit_dash_dash},
    {"(--auth[=\\s]+)([^\\s]+)", lit_auth | lit_dash_dash},
    {"(-p\\s+)([^\\s]+)", lit_dash_p},
    {"([A-Z_]+PASSWORD[=:])([^\\s]+)", lit_password},
    {"([A-Z_]+TOKEN[=:])([^\\s]+)", lit_token},
    {"([A-Z_]+KEY[=:])([^\\s]+)", lit_key},
    {"([A-Z_]+SECRET[=:])([^\\s]+)", lit_secret},
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

// The two first letters of every literal, as bit sets per byte: one table lookup per byte
// finds the rare places worth comparing.
struct starter_tables {
  std::array<std::uint16_t, 256> first{};
  std::array<std::uint16_t, 256> second{};
};

constexpr std::array<std::string_view, 9> starters{"pa", "pw", "to", "ke", "se", "au", "cr", "--", "-p"};

constexpr starter_tables make_starter_tables() {
  starter_tables t;
  for (std::size_t k = 0; k < starters.size(); ++k) {
    for (int shift : {0, 32}) {  // lower and upper case letters
      auto a = static_cast<unsigned char>(starters[k][0]);
      auto b = static_cast<unsigned char>(starters[k][1]);
      if (a >= 'a' && a <= 'z') a = static_cast<unsigned char>(a - shift);
      if (b >= 'a' && b <= 'z') b = static_cast<unsigned char>(b - shift);
      t.first[a] = static_cast<std::uint16_t>(t.first[a] | (1u << k));
      t.second[b] = static_cast<std::uint16_t>(t.second[b] | (1u << k));
    }
  }
  return t;
}

constexpr starter_tables starter_table = make_starter_tables();

unsigned literals_at(std::string_view text, std::size_t i) {
  switch (ascii_lower(text[i])) {
    case 'p':
      if (starts_ignore_case(text, i, "password")) return lit_password;
      if (starts_ignore_case(text, i, "passwd")) return lit_passwd;
      return starts_ignore_case(text, i, "pwd") ? lit_pwd : 0u;
    case 't': return starts_ignore_case(text, i, "token") ? lit_token : 0u;
    case 'k': return starts_ignore_case(text, i, "key") ? lit_key : 0u;
    case 's': return starts_ignore_case(text, i, "secret") ? lit_secret : 0u;
    case 'a': return starts_ignore_case(text, i, "auth") ? lit_auth : 0u;
    case 'c': return starts_ignore_case(text, i, "credential") ? lit_credential : 0u;
    case '-':
      if (text[i + 1] == '-') return lit_dash_dash;
      return ascii_lower(text[i + 1]) == 'p' ? unsigned{lit_dash_p} : 0u;
    default: return 0;
  }
}

}  // namespace

// Which literals occur in `text`, in one pass. Case-insensitive matching also folds U+017F (ſ)
// to s and U+212A (Kelvin sign) to k, so a text holding either may match without the ASCII
// literal: it gets every bit. Masking only ever inserts "[MASKED]", which completes no literal,
// so bits found before a replacement stay a safe over-estimate after it.
unsigned masking_literals_scalar(std::string_view text, std::size_t from) noexcept {
  unsigned bits = 0;
  for (std::size_t i = from; i + 1 < text.size(); ++i) {
    auto a = static_cast<unsigned char>(text[i]);
    auto b = static_cast<unsigned char>(text[i + 1]);
    if (starter_table.first[a] & starter_table.second[b]) bits |= literals_at(text, i);
    if (a == 0xC5 && b == 0xBF) return lit_all;
    if (a == 0xE2 && b == 0x84 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 2]) == 0xAA)
      return lit_all;
  }
  return bits;
}

#ifdef __AVX2__
namespace {

// Candidate positions among the 32 starting at p (p[32] must be readable): the byte and the
// next, with bit 5 set (ASCII lower case; other bytes may become false candidates, which
// literals_at rejects), are one of the starters' two letters. Sets `special` where ſ (C5 BF) or
// the Kelvin sign (E2 84 ..) may start, which only the scalar scan decides exactly.
std::uint32_t candidates(const char* p, bool& special) {
  const __m256i case_bit = _mm256_set1_epi8(0x20);
  __m256i raw_a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  __m256i raw_b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
  auto pair = [&](unsigned char x, unsigned char y, __m256i a, __m256i b) {
    return _mm256_and_si256(_mm256_cmpeq_epi8(a, _mm256_set1_epi8(static_cast<char>(x))),
                            _mm256_cmpeq_epi8(b, _mm256_set1_epi8(static_cast<char>(y))));
  };
  special = !_mm256_testz_si256(_mm256_or_si256(pair(0xC5, 0xBF, raw_a, raw_b), pair(0xE2, 0x84, raw_a, raw_b)),
                                _mm256_set1_epi8(-1));
  __m256i a = _mm256_or_si256(raw_a, case_bit);
  __m256i b = _mm256_or_si256(raw_b, case_bit);
  __m256i hit = _mm256_setzero_si256();
  for (auto starter : starters)
    hit = _mm256_or_si256(hit,
                          pair(static_cast<unsigned char>(starter[0]), static_cast<unsigned char>(starter[1]), a, b));
  return static_cast<std::uint32_t>(_mm256_movemask_epi8(hit));
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
    if (left >= 33) {
      found = candidates(text.data() + i, special);
    } else {
      char padded[64] = {};
      std::memcpy(padded, text.data() + i, left);
      found = candidates(padded, special) & ((std::uint32_t{1} << (left - 1)) - 1);  // a next byte in the text
    }
    if (special) return bits | masking_literals_scalar(text, i);
    for (; found; found &= found - 1) bits |= literals_at(text, i + static_cast<std::size_t>(std::countr_zero(found)));
  }
  return bits;
}
#else
unsigned masking_literals(std::string_view text) noexcept { return masking_literals_scalar(text, 0); }
#endif

struct secret_masker::impl {
  std::vector<std::unique_ptr<RE2>> compiled;
};

secret_masker::secret_masker() : impl_(std::make_unique<impl>()) {
  RE2::Options opts;
  opts.set_case_sensitive(false);
  opts.set_log_errors(false);
  for (const auto& p : patterns) impl_->compiled.push_back(std::make_unique<RE2>(expand_space_class(p.regex), opts));
}

secret_masker::~secret_masker() = default;

bool secret_masker::mask(std::string_view in, std::string& out) const {
  unsigned present = masking_literals(in);
  if (present == 0) return false;
  bool changed = false;
  for (std::size_t k = 0; k < patterns.size(); ++k) {
    if ((patterns[k].needs & present) != patterns[k].needs) continue;
    std::string_view current = changed ? std::string_view(out) : in;
    if (!RE2::PartialMatch(current, *impl_->compiled[k])) continue;
    if (!changed) out.assign(in);
    RE2::GlobalReplace(&out, *impl_->compiled[k], "\\1[MASKED]");
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
