// The one-pass object scan. First the line's bytes are classified 64 at a time into bit masks
// (quotes, backslashes, control and non-ASCII bytes); the rare escapes and non-ASCII sequences
// are checked from their bits, and an escaped quote's bit is cleared. Then a recursive-descent
// check of RFC 8259 reads the bytes between strings and jumps over each string to the next quote
// bit. Every byte the grammar reads lies before the line's last byte, its '}': no digit, space
// or literal runs over it. Only the classification (whole 64-byte chunks) and the checks of
// escapes and sequences (at most 11 bytes past one) read into the line's padding.
#include "logmoji/object_scan.hpp"

#include <array>
#include <bit>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "logmoji/unaligned.hpp"

namespace logmoji {
namespace {

using octet = unsigned char;

// A line with a control character anywhere is left to the full path (classify_line), so the only
// JSON whitespace a scanned line holds is the space.
const octet* skip_space(const octet* p) {
  while (*p == ' ') ++p;
  return p;
}

// Loggers write no space or one after a colon or a comma (Python's ", " and ": "): without a branch.
const octet* one_space(const octet* p) { return p + (*p == ' '); }

bool scan_digit(octet c) { return static_cast<octet>(c - '0') < 10; }

// Lines longer than this are left to the full path: the masks live on the stack.
constexpr std::size_t scan_words = object_scan_longest / 64;

// A line's bytes, one bit each (bit k of word w: byte 64 w + k), in the classes the scan needs.
// One word more than a line fills: quote_after may read the word after the last.
struct line_masks {
  std::array<std::uint64_t, scan_words + 1> quotes, backslashes, non_ascii;
};

// Bits of the last word that lie in a line of `size` bytes.
constexpr std::uint64_t in_line(std::size_t size) {
  return size % 64 == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << (size % 64)) - 1;
}

// Classifies the line's `words` chunks of 64 bytes into `m`; returns the control characters' bits
// (any word). Bytes after the line's `size` are cleared.
using classifier = std::uint64_t (*)(const octet* line, std::size_t size, std::size_t words, line_masks& m);

std::uint64_t classify_portable(const octet* line, std::size_t size, std::size_t words, line_masks& m) {
  std::uint64_t controls = 0;
  for (std::size_t w = 0; w < words; ++w) {
    const octet* p = line + 64 * w;
    std::uint64_t q = 0, b = 0, c = 0, n = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(' ');
    for (int k = 0; k < 4; ++k) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      auto bits = [&](__m128i x) {
        return std::uint64_t(static_cast<std::uint16_t>(_mm_movemask_epi8(x))) << (16 * k);
      };
      q |= bits(_mm_cmpeq_epi8(v, quote));
      b |= bits(_mm_cmpeq_epi8(v, backslash));
      // Compared as signed bytes, the non-ASCII ones are below ' ' with the control characters.
      c |= bits(_mm_cmplt_epi8(v, space));
      n |= bits(v);
    }
    c &= ~n;
#else
    for (int k = 0; k < 64; ++k) {
      std::uint64_t bit = std::uint64_t{1} << k;
      if (p[k] == '"') q |= bit;
      if (p[k] == '\\') b |= bit;
      if (p[k] < ' ') c |= bit;
      if (p[k] >= 0x80) n |= bit;
    }
#endif
    std::uint64_t keep = w + 1 == words ? in_line(size) : ~std::uint64_t{0};
    m.quotes[w] = q & keep;
    m.backslashes[w] = b & keep;
    m.non_ascii[w] = n & keep;
    controls |= c & keep;
  }
  return controls;
}

#if defined(__x86_64__) && defined(__GNUC__)
// Two 32-byte steps a chunk where the CPU has AVX2 (chosen once, at the first scan). A lambda
// would not inherit the target: the halves are joined by hand.
[[gnu::target("avx2")]] std::uint64_t classify_avx2(const octet* line, std::size_t size, std::size_t words,
                                                    line_masks& m) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  const __m256i below_space = _mm256_set1_epi8(' ' - 1);
  std::uint64_t controls = 0;
  for (std::size_t w = 0; w < words; ++w) {
    const octet* p = line + 64 * w;
    __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    std::uint64_t q_lo = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, quote)));
    std::uint64_t q_hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, quote)));
    std::uint64_t b_lo = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, backslash)));
    std::uint64_t b_hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, backslash)));
    std::uint64_t n_lo = static_cast<std::uint32_t>(_mm256_movemask_epi8(lo));
    std::uint64_t n_hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(hi));
    // Signed: a byte not above ' ' - 1 is a control character or non-ASCII.
    std::uint64_t t_lo = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(lo, below_space)));
    std::uint64_t t_hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(hi, below_space)));
    std::uint64_t keep = w + 1 == words ? in_line(size) : ~std::uint64_t{0};
    std::uint64_t n = (n_lo | n_hi << 32) & keep;
    m.quotes[w] = (q_lo | q_hi << 32) & keep;
    m.backslashes[w] = (b_lo | b_hi << 32) & keep;
    m.non_ascii[w] = n;
    controls |= ~(t_lo | t_hi << 32) & ~n & keep;
  }
  return controls;
}

classifier choose_classifier() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") ? classify_avx2 : classify_portable;
}
#else
classifier choose_classifier() { return classify_portable; }
#endif

// The UTF-8 sequences stage 1 accepts, by lead byte (0xC0 on): their length, the range of their
// second byte (E0 A0-BF, ED 80-9F, F0 90-BF, F4 80-8F, any other lead 80-BF: no overlong form,
// no surrogate, nothing above U+10FFFF), and their third and fourth bytes' top two bits, which
// must be 10, as load4 reads them. Length 0: not a lead.
struct utf8_lead {
  octet length, low, high;
  std::uint32_t top_bits, tens;  // the third and fourth bytes: (word & top_bits) == tens
};

constexpr std::uint32_t byte_in_word(std::size_t k, octet value) {
  return std::uint32_t{value} << (std::endian::native == std::endian::little ? 8 * k : 24 - 8 * k);
}

constexpr std::array<utf8_lead, 64> utf8_leads = [] {
  std::array<utf8_lead, 64> t{};
  for (int lead = 0xC2; lead <= 0xF4; ++lead) {
    octet length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    octet low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    octet high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    std::uint32_t top_bits = 0, tens = 0;
    for (std::size_t k = 2; k < length; ++k) {
      top_bits |= byte_in_word(k, 0xC0);
      tens |= byte_in_word(k, 0x80);
    }
    t[static_cast<std::size_t>(lead - 0xC0)] = {length, low, high, top_bits, tens};
  }
  return t;
}();

// The length of the UTF-8 sequence led by p[0] (>= 0x80), 0 when it is not one stage 1 accepts.
std::size_t utf8_length(const octet* p) {
  if (p[0] < 0xC0) return 0;  // a continuation byte where a character starts
  const utf8_lead& r = utf8_leads[p[0] - 0xC0u];
  std::uint32_t w = load4(reinterpret_cast<const char*>(p));
  if (r.length == 0 || p[1] < r.low || p[1] > r.high || (w & r.top_bits) != r.tens) return 0;
  return r.length;
}

// What follows a backslash: the escape's length, or 'u' (six or twelve bytes, checked below).
constexpr std::array<octet, 256> escape_lengths = [] {
  std::array<octet, 256> t{};
  for (char c : {'"', '\\', '/', 'b', 'f', 'n', 'r', 't'}) t[static_cast<octet>(c)] = 2;
  t['u'] = 'u';
  return t;
}();

// Hex digits' values; -1 for any other byte.
constexpr std::array<std::int8_t, 256> hex_values = [] {
  std::array<std::int8_t, 256> t{};
  t.fill(-1);
  for (int c = 0; c < 10; ++c) t[static_cast<std::size_t>('0' + c)] = static_cast<std::int8_t>(c);
  for (int c = 0; c < 6; ++c) {
    t[static_cast<std::size_t>('a' + c)] = static_cast<std::int8_t>(10 + c);
    t[static_cast<std::size_t>('A' + c)] = static_cast<std::int8_t>(10 + c);
  }
  return t;
}();

// The code unit of four hex digits, -1 when one is not a hex digit.
int hex4(const octet* p) {
  int a = hex_values[p[0]], b = hex_values[p[1]], c = hex_values[p[2]], d = hex_values[p[3]];
  if ((a | b | c | d) < 0) return -1;
  return a << 12 | b << 8 | c << 4 | d;
}

// The length of the escape at p (a backslash), 0 when simdjson's unescaper refuses it: a high
// surrogate must be followed by an escaped low one, and a low one may not stand alone.
std::size_t escape_length(const octet* p) {
  octet n = escape_lengths[p[1]];
  if (n != 'u') return n;
  int unit = hex4(p + 2);
  if (unit < 0xD800 || unit > 0xDFFF) return unit < 0 ? 0 : 6;
  if (unit >= 0xDC00 || p[6] != '\\' || p[7] != 'u') return 0;
  int low = hex4(p + 8);
  return low >= 0xDC00 && low <= 0xDFFF ? 12 : 0;
}

// Calls `f(position)` for each set bit of `words` at or after the last position f returned (f
// returns the first position it has not covered); false as soon as f returns 0.
template <class F>
bool each_bit(const std::uint64_t* words, std::size_t count, F f) {
  std::size_t next = 0;
  for (std::size_t w = 0; w < count; ++w) {
    std::uint64_t bits = words[w];
    if (next > 64 * w) bits &= next >= 64 * (w + 1) ? 0 : ~std::uint64_t{0} << (next - 64 * w);
    while (bits != 0) {
      std::size_t at = 64 * w + static_cast<std::size_t>(std::countr_zero(bits));
      next = f(at);
      if (next == 0) return false;
      if (next >= 64 * (w + 1)) break;
      bits &= ~std::uint64_t{0} << (next - 64 * w);
    }
  }
  return true;
}

// The line's quote bits (escaped quotes cleared) and backslash bits, and what a string needs.
struct line_bits {
  line_masks masks;
  std::size_t words = 0;
  bool any_backslash = false;
  const octet* base = nullptr;

  // Classifies [base, base + size): false when a control character, a bad UTF-8 sequence or a
  // bad escape lies anywhere in it (outside a string any of them breaks the grammar as well).
  bool classify_line(const octet* line, std::size_t size, scan_kernel kernel) {
    static const classifier fastest = choose_classifier();
    classifier classify = kernel == scan_kernel::fastest ? fastest : classify_portable;
    base = line;
    words = (size + 63) / 64;
    if (classify(line, size, words, masks) != 0) return false;
    masks.quotes[words] = 0;
    std::uint64_t any_non_ascii = 0, backslash = 0;
    for (std::size_t w = 0; w < words; ++w) {
      any_non_ascii |= masks.non_ascii[w];
      backslash |= masks.backslashes[w];
    }
    any_backslash = backslash != 0;
    // A run of non-ASCII characters (a word of CJK text) is checked in one go.
    if (any_non_ascii != 0 && !each_bit(masks.non_ascii.data(), words, [&](std::size_t at) {
          const octet* q = line + at;
          do {
            std::size_t n = utf8_length(q);
            if (n == 0) return std::size_t{0};
            q += n;
          } while (*q >= 0x80);
          return static_cast<std::size_t>(q - line);
        }))
      return false;
    // In order, each backslash not inside an earlier escape starts one: its quote is no string's end.
    return !any_backslash || each_bit(masks.backslashes.data(), words, [&](std::size_t at) {
      std::size_t n = escape_length(line + at);
      if (n != 0 && line[at + 1] == '"') masks.quotes[(at + 1) / 64] &= ~(std::uint64_t{1} << ((at + 1) % 64));
      return n == 0 ? 0 : at + n;
    });
  }

  // The first unescaped quote after p, nullptr when none. Most strings close in the word they
  // open in: that case is inline.
  [[nodiscard, gnu::always_inline]] const octet* quote_after(const octet* p) const {
    auto at = static_cast<std::size_t>(p - base) + 1;
    if (std::uint64_t bits = masks.quotes[at / 64] >> (at % 64); bits != 0) [[likely]]
      return p + 1 + std::countr_zero(bits);
    return quote_in_later_word(at / 64);
  }
  [[nodiscard, gnu::noinline]] const octet* quote_in_later_word(std::size_t w) const {
    while (++w < words)
      if (masks.quotes[w] != 0) return base + 64 * w + static_cast<std::size_t>(std::countr_zero(masks.quotes[w]));
    return nullptr;
  }

  // Whether [from, to) holds a backslash.
  [[nodiscard, gnu::always_inline]] bool escaped(const octet* from, const octet* to) const {
    return any_backslash && backslash_in(static_cast<std::size_t>(from - base), static_cast<std::size_t>(to - base));
  }
  [[nodiscard, gnu::noinline]] bool backslash_in(std::size_t at, std::size_t stop) const {
    for (std::size_t w = at / 64; w * 64 < stop; ++w) {
      std::uint64_t bits = masks.backslashes[w];
      if (w == at / 64) bits &= ~std::uint64_t{0} << (at % 64);
      if (w == stop / 64) bits &= (std::uint64_t{1} << (stop % 64)) - 1;
      if (bits != 0) return true;
    }
    return false;
  }
};

// p at '-' or a digit: the byte after the number, nullptr when the grammar breaks inside it.
// What may follow it (a space, ',', '}' or ']') is the caller's check.
[[gnu::always_inline]] inline const octet* number_end(const octet* p) {
  if (*p == '-') ++p;
  if (*p == '0') {
    ++p;
  } else {
    if (!scan_digit(*p)) return nullptr;
    while (scan_digit(*p)) ++p;
  }
  if (*p == '.') {
    if (!scan_digit(*++p)) return nullptr;
    while (scan_digit(*p)) ++p;
  }
  if ((*p | 0x20) == 'e') {
    ++p;
    if (*p == '+' || *p == '-') ++p;
    if (!scan_digit(*p)) return nullptr;
    while (scan_digit(*p)) ++p;
  }
  return p;
}

// The four bytes of s as load4 reads them from memory.
constexpr std::uint32_t word4(const char (&s)[5]) {
  std::uint32_t w = 0;
  for (int k = 0; k < 4; ++k) {
    int shift = std::endian::native == std::endian::little ? 8 * k : 24 - 8 * k;
    w |= std::uint32_t(octet(s[k])) << shift;
  }
  return w;
}

// The byte after the literal at p (true, false or null), nullptr when it is none.
const octet* literal_end(const octet* p) {
  std::uint32_t w = load4(reinterpret_cast<const char*>(p));
  if (w == word4("true") || w == word4("null")) return p + 4;
  if (w == word4("fals") && p[4] == 'e') return p + 5;
  return nullptr;
}

}  // namespace

bool scan_object(std::string_view line, object_scan& out, scan_kernel kernel) {
  out = {};
  if (line.size() < 2 || line.size() > object_scan_longest || line.front() != '{' || line.back() != '}') return false;
  const auto* p = reinterpret_cast<const octet*>(line.data());
  const octet* const end = p + line.size();
  line_bits bits;
  if (!bits.classify_line(p, line.size(), kernel)) return false;
  std::uint64_t arrays = 0;  // bit d: the container at depth d + 1 is an array
  int depth = 1;
  bool level_seen = false;

  // The top-level "level" member's value, [from, to): `kind` when it is plain.
  auto note_level = [&](level_member kind, const octet* from, const octet* to) {
    if (level_seen || out.level == level_member::unusual) {
      out.level = level_member::unusual;  // the parser keeps the last of repeated keys
      return;
    }
    level_seen = true;
    out.level = kind;
    out.level_token = {reinterpret_cast<const char*>(from), static_cast<std::size_t>(to - from)};
  };

  p = skip_space(p + 1);
  if (*p == '}') return p + 1 == end;
  goto member;

member :  // p at a key's opening quote, or the grammar breaks
{
  if (*p != '"') [[unlikely]] {
    p = skip_space(p);
    if (*p != '"') return false;
  }
  const octet* close = bits.quote_after(p);
  if (!close) return false;
  bool level_key = false;
  if (depth == 1) {
    // "level" is five bytes as written; escaped, each letter is one byte or six (\uXXXX), so
    // only keys of 10, 15, ... 30 bytes with a backslash may spell it too.
    if (close - p == 6) {
      level_key = load4(reinterpret_cast<const char*>(p + 1)) == word4("leve") && p[5] == 'l';
    } else if (bits.any_backslash) {
      auto n = static_cast<std::size_t>(close - p - 1);
      if (n % 5 == 0 && n <= 30 && bits.escaped(p + 1, close)) out.level = level_member::unusual;
    }
  }
  p = close + 1;
  if (*p != ':') {
    p = skip_space(p);
    if (*p != ':') return false;
  }
  p = one_space(p + 1);
  const octet* start = p;
  if (*p == '"') {
    // The common member: a string value.
    close = bits.quote_after(p);
    if (!close) return false;
    p = close + 1;
    if (level_key)
      note_level(bits.escaped(start + 1, close) ? level_member::unusual : level_member::text, start + 1, close);
    if (*p == ',') {  // the next member follows at once: in an object, no container ends
      p = one_space(p + 1);
      goto member;
    }
    goto after_value;
  }
  if (level_key) {
    const octet* stop = *p == '-' || scan_digit(*p) ? number_end(p) : nullptr;
    note_level(stop ? level_member::number : level_member::unusual, start, stop ? stop : start);
  }
  goto value;
}

value:  // p at a value other than a member's string
  switch (*p) {
    case '"': {
      const octet* close = bits.quote_after(p);
      if (!close) return false;
      p = close + 1;
      break;
    }
    case '{':
    case '[': {
      if (depth == object_scan_depth) return false;
      bool array = *p == '[';
      arrays = (arrays & ~(std::uint64_t{1} << depth)) | std::uint64_t{array} << depth;
      ++depth;
      p = skip_space(p + 1);
      if (*p == (array ? ']' : '}')) {
        --depth;
        ++p;
        break;
      }
      if (array) goto value;
      goto member;
    }
    case 't':
    case 'f':
    case 'n':
      p = literal_end(p);
      if (!p) return false;
      break;
    case ' ':  // more spaces than one_space took
      p = skip_space(p);
      goto value;
    default:
      p = number_end(p);
      if (!p) return false;
      break;
  }

after_value:  // after a value: a comma and the next member or element, or the end of containers
  for (;;) {
    p = skip_space(p);
    bool in_array = (arrays >> (depth - 1) & 1) != 0;
    if (*p == ',') {
      p = one_space(p + 1);
      if (in_array) goto value;
      goto member;
    }
    if (*p != (in_array ? ']' : '}')) return false;
    ++p;
    if (--depth == 0) return p == end;
  }
}

}  // namespace logmoji
