// Line framer: "\n" splits, one "\r" before it is dropped, a BOM at the start of each input is
// stripped, a last line without "\n" is still a line, and over-long lines are cut and resynced.
#include "logmoji/framer.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#if defined(__AVX2__)
#include <immintrin.h>
#endif

#include "logmoji/padded_scan.hpp"
#include "logmoji/source.hpp"

namespace logmoji {
namespace {
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// Serials are unique across framers and threads: a parser fed by several framers (--merge)
// never mistakes one buffer's content for another's that reused its memory.
std::atomic<std::uint64_t> last_serial{0};

// What an unallocated framer frames: no bytes, but a valid address for memchr and the parser.
constexpr char no_bytes[block_padding] = {};

// The first '\n' in [p, end), or null; `backslash` becomes the first '\\' before it, or the
// newline (the end) when there is none. One pass instead of two memchr, the parser's over the
// line and the framer's: most lines hold no backslash and are read once. Reads up to 63 bytes
// past `end`, which block_padding keeps readable; what lies there is never taken for a hit.
const char* newline_noting_backslash(const char* p, const char* end, const char*& backslash) {
#if defined(__AVX2__)
  const __m256i nl = _mm256_set1_epi8('\n');
  const __m256i bs = _mm256_set1_epi8('\\');
  for (; p < end; p += 64) {
    __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    __m256i nl_a = _mm256_cmpeq_epi8(a, nl), nl_b = _mm256_cmpeq_epi8(b, nl);
    __m256i bs_a = _mm256_cmpeq_epi8(a, bs), bs_b = _mm256_cmpeq_epi8(b, bs);
    __m256i any = _mm256_or_si256(_mm256_or_si256(nl_a, bs_a), _mm256_or_si256(nl_b, bs_b));
    if (_mm256_testz_si256(any, any)) continue;
    auto mask = [](__m256i low, __m256i high) {
      return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(low))) |
             static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(high))) << 32;
    };
    std::uint64_t newlines = mask(nl_a, nl_b);
    std::uint64_t backslashes = mask(bs_a, bs_b);
    auto left = static_cast<std::size_t>(end - p);
    if (left < 64) {
      newlines &= (std::uint64_t{1} << left) - 1;
      backslashes &= (std::uint64_t{1} << left) - 1;
    }
    if (newlines == 0 && backslashes == 0) break;
    std::size_t first_newline = newlines ? static_cast<std::size_t>(std::countr_zero(newlines)) : 64;
    if (backslashes && static_cast<std::size_t>(std::countr_zero(backslashes)) < first_newline) {
      backslash = p + std::countr_zero(backslashes);
      if (first_newline < 64) return p + first_newline;
      const char* newline = first_byte<64>(p + 64, end, '\n');
      return newline < end ? newline : nullptr;
    }
    backslash = p + first_newline;  // none before the newline
    return p + first_newline;
  }
  backslash = end;
  return nullptr;
#else
  const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
  const char* stop = nl ? nl : end;
  const auto* bs = static_cast<const char*>(std::memchr(p, '\\', static_cast<std::size_t>(stop - p)));
  backslash = bs ? bs : stop;
  return nl;
#endif
}
}  // namespace

const char* line_framer::own_data() const { return buf_ ? buf_.get() : no_bytes; }

// Left uninitialised but for the padding: a block's bytes are written before they are framed,
// and zeroing a fresh buffer cost a short run more than its lines.
void line_framer::grow(std::size_t bytes, std::size_t keep) {
  std::unique_ptr<char[]> bigger(new char[bytes + block_padding]);
  if (keep > 0) std::memcpy(bigger.get(), buf_.get(), keep);
  std::memset(bigger.get() + bytes, 0, block_padding);
  buf_ = std::move(bigger);
  capacity_ = bytes;
}

std::uint64_t new_block_serial() { return last_serial.fetch_add(1, std::memory_order_relaxed) + 1; }

void line_framer::renew_serial() { serial_ = new_block_serial(); }

line_framer::line_framer(std::size_t max_line_size, std::size_t initial_size)
    : max_line_(std::max(max_line_size, least_max_line)), initial_(std::max<std::size_t>(initial_size, 64)) {
  data_ = own_data();
  renew_serial();
}

void line_framer::reset_at(bool input_start, std::uint64_t first_line) {
  pos_ = end_ = scan_ = 0;
  data_ = own_data();
  numbered_ = first_line != 0;
  number_ = numbered_ ? first_line - 1 : 0;
  at_start_ = input_start;
  skipping_ = false;
  error_ = 0;
  renew_serial();
}

// Produces the next complete line from the buffer, or at the end of the input the unterminated
// rest. Returns false when more bytes are needed. The cap applies to what the line hands out:
// neither a BOM before it nor the "\r" of its "\r\n" counts.
bool line_framer::take_line(line& out, bool at_eof) {
  // The common line: complete, not the input's first (no BOM to look for), within the cap, after
  // a line that was not cut. The general path below gives it the same bounds.
  if (!skipping_ && !at_start_) [[likely]] {
    // A line scanned before in part (its end had not been read yet) is not looked at again for
    // its backslash: the parser looks.
    const char* backslash = nullptr;
    const auto* nl = scan_ == pos_ ? newline_noting_backslash(data_ + scan_, data_ + end_, backslash)
                                   : static_cast<const char*>(std::memchr(data_ + scan_, '\n', end_ - scan_));
    if (nl) {
      auto stop = static_cast<std::size_t>(nl - data_);
      std::size_t content_end = stop - (stop > pos_ && data_[stop - 1] == '\r' ? 1 : 0);
      if (content_end - pos_ <= max_line_) {
        out = line{{data_ + pos_, content_end - pos_}, numbered_ ? ++number_ : 0, false, backslash};
        pos_ = scan_ = stop + 1;
        return true;
      }
    }
  }
  while (skipping_) {
    const char* nl = static_cast<const char*>(std::memchr(data_ + pos_, '\n', end_ - pos_));
    if (!nl) {
      pos_ = scan_ = end_;
      if (at_eof) skipping_ = false;
      return false;
    }
    pos_ = scan_ = static_cast<std::size_t>(nl - data_) + 1;
    skipping_ = false;
  }
  std::string_view buffered(data_ + pos_, end_ - pos_);
  // A BOM is stripped only at the start of an input, and only once all three bytes are here.
  std::size_t begin = pos_ + (at_start_ && buffered.starts_with(utf8_bom) ? utf8_bom.size() : 0);
  const char* nl = static_cast<const char*>(std::memchr(data_ + scan_, '\n', end_ - scan_));
  std::size_t stop = nl ? static_cast<std::size_t>(nl - data_) : end_;
  // The content's end, or while the "\n" is still to come, as little of it as it may turn out to
  // be (a last "\r" may be half of a "\r\n"): a line is cut the same way whatever the chunking.
  bool may_drop_cr = nl || !at_eof;
  std::size_t content_end = stop - (may_drop_cr && stop > begin && data_[stop - 1] == '\r' ? 1 : 0);
  bool cut = content_end - begin > max_line_;
  if (cut) {
    // At a character's start: a cut through one showed a byte the input never had alone.
    std::size_t at = begin + max_line_;
    std::size_t lead = at;
    while (lead > begin && at - lead < 3 && (static_cast<unsigned char>(data_[lead]) & 0xC0) == 0x80) --lead;
    auto b = static_cast<unsigned char>(data_[lead]);
    std::size_t sequence = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (lead < at && sequence > at - lead) at = lead;
    stop = content_end = at;
    nl = nullptr;
  } else if (!nl && (!at_eof || pos_ == end_)) {
    scan_ = end_;
    return false;
  }
  std::string_view bytes(data_ + begin, content_end - begin);
  pos_ = scan_ = cut ? stop : std::min(stop + 1, end_);
  at_start_ = false;
  out = line{bytes, numbered_ ? ++number_ : 0, cut};
  skipping_ = cut;
  return true;
}

// Moves the unframed rest to the start of the framer's own buffer, out of borrowed bytes too.
void line_framer::compact() {
  if (pos_ == 0 && data_ == own_data()) return;
  std::size_t rest = end_ - pos_;
  if (data_ != own_data() && usable() < rest) grow(std::max(rest, initial_), 0);
  if (rest > 0) std::memmove(buf_.get(), data_ + pos_, rest);
  data_ = own_data();
  end_ = rest;
  scan_ -= pos_;
  pos_ = 0;
}

fill_status line_framer::fill(byte_source& src) {
  compact();
  renew_serial();
  if (end_ == usable()) {
    grow(buf_ ? std::min(usable() * 2, max_line_ + initial_) : initial_, end_);
    data_ = buf_.get();
  }
  long got = src.read(buf_.get() + end_, usable() - end_);
  if (got == -EINTR || got == -EAGAIN) return fill_status::interrupted;
  if (got < 0) {
    error_ = static_cast<int>(-got);
    return fill_status::read_error;
  }
  if (got == 0) return fill_status::end;
  end_ += static_cast<std::size_t>(got);
  return fill_status::ok;
}

void line_framer::feed(std::string_view chunk) {
  compact();
  renew_serial();
  if (usable() < end_ + chunk.size()) {
    grow(std::max(end_ + chunk.size(), initial_), end_);
    data_ = buf_.get();
  }
  if (!chunk.empty()) std::memcpy(buf_.get() + end_, chunk.data(), chunk.size());
  end_ += chunk.size();
}

void line_framer::borrow(padded_view bytes) {
  pos_ = scan_ = 0;
  end_ = bytes.bytes.size();
  data_ = bytes.bytes.data();
  renew_serial();
}

}  // namespace logmoji
