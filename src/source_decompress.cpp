// What an input's first bytes say about it: gzip, zstd, xz or bzip2 data (by magic bytes, not
// by name) is decompressed, UTF-16 text (by its byte order mark) is decoded to UTF-8, anything
// else is read as it is.
//
// Damaged compressed data: everything decoded before the damage is handed out, then the error.
// A line cut by the damage is ended with a newline, so every reader shows it and counts it (a
// reader that stops at an error does not look at an unterminated tail).
//
// Magic bytes are a hint, not a verdict: a text that merely starts with "BZh" fails to decode at
// once. When the decoder gives up before producing a byte and the first bytes after the magic
// look like text (no control bytes), the input is read as text from its first byte.
// A genuine archive has binary bytes within its first few dozen bytes, so a damaged one is still
// reported, even when the decoder refused its header before taking any of them; so is one cut
// right after a magic no text holds, or inside a header no text starts with (bzip2's).
#include "logmoji/source_decompress.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "logmoji/text_escape.hpp"

namespace logmoji {
namespace {

constexpr std::size_t read_chunk = std::size_t{1} << 17;
// Bytes kept for replay while a rejected input could still be text. Only a zstd skippable frame
// full of text gets this far without failing or producing output.
constexpr std::size_t replay_limit = std::size_t{1} << 20;

// Reads from the inner source, first handing back the bytes read to recognise the format.
class prefixed final : public byte_source {
public:
  prefixed(std::unique_ptr<byte_source> inner, std::string prefix)
      : inner_(std::move(inner)), prefix_(std::move(prefix)) {}
  long read(char* buf, std::size_t n) override {
    if (pos_ < prefix_.size()) {
      std::size_t take = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, take);
      pos_ += take;
      return static_cast<long>(take);
    }
    return inner_->read(buf, n);
  }
  [[nodiscard]] std::string_view name() const override { return inner_->name(); }
  [[nodiscard]] std::string_view failure() const override { return inner_->failure(); }
  [[nodiscard]] std::string notice() const override { return inner_->notice(); }

private:
  std::unique_ptr<byte_source> inner_;
  std::string prefix_;
  std::size_t pos_ = 0;
};

/// What one decoding step did. Output produced before an error is still counted in `produced`.
struct step_result {
  std::size_t used = 0;      ///< input bytes consumed (on an error: examined)
  std::size_t produced = 0;  ///< output bytes written
  bool failed = false;       ///< the data is corrupt: `error` says how
};

// The decoders share one shape: feed compressed input, take decompressed output, report the
// first error with the format's own words.
class decoder {
public:
  virtual ~decoder() = default;
  /// Decompresses from `in` into `out`; `in` is empty only at the end of the input.
  virtual step_result step(const char* in, std::size_t in_size, char* out, std::size_t out_size) = 0;
  /// True when the last step ended a complete stream (input may hold another one).
  [[nodiscard]] virtual bool finished() const = 0;
  virtual void restart() = 0;
  /// Whether `next` (possibly cut short) may start a frame other than the format's magic.
  [[nodiscard]] virtual bool other_frame(std::string_view /*next*/) const { return false; }
  /// Whether the input's first bytes `head` (`whole`: all of it) are this format's header
  /// beyond what a text could start with, even when it is cut short.
  [[nodiscard]] virtual bool surely_archive(std::string_view /*head*/, bool /*whole*/) const { return false; }
  std::string error;
};

template <class Code>
struct code_text {
  Code code;
  std::string_view text;
};

std::string describe(std::string_view format, std::string_view what) {
  return "corrupt " + std::string(format) + " data (" + std::string(what) + ")";
}

template <class Code, std::size_t N>
std::string describe(std::string_view format, const std::array<code_text<Code>, N>& table, Code code) {
  for (const auto& e : table)
    if (e.code == code) return describe(format, e.text);
  return describe(format, "error " + std::to_string(static_cast<int>(code)));
}

class gzip_decoder final : public decoder {
public:
  gzip_decoder() { inflateInit2(&z_, 15 + 32); }
  ~gzip_decoder() override { inflateEnd(&z_); }
  gzip_decoder(const gzip_decoder&) = delete;
  gzip_decoder& operator=(const gzip_decoder&) = delete;
  step_result step(const char* in, std::size_t in_size, char* out, std::size_t out_size) override {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
    z_.avail_in = static_cast<uInt>(std::min<std::size_t>(in_size, UINT32_MAX));
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(std::min<std::size_t>(out_size, UINT32_MAX));
    uInt fed = z_.avail_in, room = z_.avail_out;
    int rc = inflate(&z_, Z_NO_FLUSH);
    // zlib writes straight into `out`: what it wrote before an error is good output.
    step_result r{fed - z_.avail_in, room - z_.avail_out, false};
    done_ = rc == Z_STREAM_END;
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      error = describe("gzip", z_.msg ? z_.msg : "error " + std::to_string(rc));
      r.failed = true;
    }
    return r;
  }
  [[nodiscard]] bool finished() const override { return done_; }
  void restart() override {
    inflateReset(&z_);
    done_ = false;
  }

private:
  z_stream z_{};
  bool done_ = false;
};

// zstd's streaming decoder counts its output only when a call succeeds: a block flushed before
// the next block header or block fails in the same call would be lost. So each call either
// only flushes or is fed at most what zstd asks for next less the next block header it counts
// in (one block's content, or part of a header), never a block and what follows it.
class zstd_decoder final : public decoder {
public:
  zstd_decoder() : d_(ZSTD_createDStream()) { restart(); }
  ~zstd_decoder() override { ZSTD_freeDStream(d_); }
  zstd_decoder(const zstd_decoder&) = delete;
  zstd_decoder& operator=(const zstd_decoder&) = delete;
  step_result step(const char* in, std::size_t in_size, char* out, std::size_t out_size) override {
    std::size_t fed = flushing_ ? 0 : std::min(in_size, want_ > block_header ? want_ - block_header : want_);
    ZSTD_inBuffer input{in, fed, 0};
    ZSTD_outBuffer output{out, out_size, 0};
    std::size_t rc = ZSTD_decompressStream(d_, &output, &input);
    if (ZSTD_isError(rc)) {
      error = describe("zstd", ZSTD_getErrorName(rc));
      return {fed, 0, true};
    }
    flushing_ = output.pos == out_size;
    done_ = rc == 0;
    want_ = std::max<std::size_t>(rc, 1);
    return {input.pos, output.pos, false};
  }
  [[nodiscard]] bool finished() const override { return done_; }
  void restart() override {
    want_ = std::max<std::size_t>(ZSTD_initDStream(d_), 1);
    flushing_ = done_ = false;
  }
  // Skippable frames (magic 0x184D2A50 to 0x184D2A5F) carry metadata, such as a seek table.
  [[nodiscard]] bool other_frame(std::string_view next) const override {
    return !next.empty() && (static_cast<unsigned char>(next[0]) & 0xF0) == 0x50 &&
           std::string_view("\x2A\x4D\x18").starts_with(next.substr(1, 3));
  }

private:
  static constexpr std::size_t block_header = 3;
  ZSTD_DStream* d_;
  std::size_t want_ = 1;
  bool flushing_ = false;  // the last call filled the output: more may be waiting in zstd
  bool done_ = false;
};

constexpr std::array<code_text<lzma_ret>, 6> lzma_errors{{
    {LZMA_MEM_ERROR, "out of memory"},
    {LZMA_MEMLIMIT_ERROR, "memory limit reached"},
    {LZMA_FORMAT_ERROR, "not in the xz format"},
    {LZMA_OPTIONS_ERROR, "unsupported options"},
    {LZMA_DATA_ERROR, "compressed data is corrupt"},
    {LZMA_PROG_ERROR, "internal error"},
}};

class xz_decoder final : public decoder {
public:
  xz_decoder() { started_ = lzma_stream_decoder(&s_, UINT64_MAX, LZMA_CONCATENATED); }
  ~xz_decoder() override { lzma_end(&s_); }
  xz_decoder(const xz_decoder&) = delete;
  xz_decoder& operator=(const xz_decoder&) = delete;
  step_result step(const char* in, std::size_t in_size, char* out, std::size_t out_size) override {
    if (started_ != LZMA_OK) {
      error = describe("xz", lzma_errors, started_);
      return {0, 0, true};
    }
    s_.next_in = reinterpret_cast<const uint8_t*>(in);
    s_.avail_in = in_size;
    s_.next_out = reinterpret_cast<uint8_t*>(out);
    s_.avail_out = out_size;
    lzma_ret rc = lzma_code(&s_, in_size == 0 ? LZMA_FINISH : LZMA_RUN);
    // liblzma copies what it decoded before an error to `out` and counts it.
    step_result r{in_size - s_.avail_in, out_size - s_.avail_out, false};
    done_ = rc == LZMA_STREAM_END;
    if (rc != LZMA_OK && rc != LZMA_STREAM_END && rc != LZMA_BUF_ERROR) {
      error = describe("xz", lzma_errors, rc);
      r.failed = true;
    }
    return r;
  }
  [[nodiscard]] bool finished() const override { return done_; }
  void restart() override {}  // LZMA_CONCATENATED decodes the streams that follow by itself

private:
  lzma_stream s_ = LZMA_STREAM_INIT;
  lzma_ret started_ = LZMA_OK;
  bool done_ = false;
};

constexpr std::array<code_text<int>, 5> bzip2_errors{{
    {BZ_SEQUENCE_ERROR, "internal error"},
    {BZ_PARAM_ERROR, "internal error"},
    {BZ_MEM_ERROR, "out of memory"},
    {BZ_DATA_ERROR, "data integrity error"},
    {BZ_DATA_ERROR_MAGIC, "not in the bzip2 format"},
}};

class bzip2_decoder final : public decoder {
public:
  bzip2_decoder() { BZ2_bzDecompressInit(&s_, 0, 0); }
  ~bzip2_decoder() override { BZ2_bzDecompressEnd(&s_); }
  bzip2_decoder(const bzip2_decoder&) = delete;
  bzip2_decoder& operator=(const bzip2_decoder&) = delete;
  step_result step(const char* in, std::size_t in_size, char* out, std::size_t out_size) override {
    s_.next_in = const_cast<char*>(in);
    s_.avail_in = static_cast<unsigned>(std::min<std::size_t>(in_size, UINT32_MAX));
    s_.next_out = out;
    s_.avail_out = static_cast<unsigned>(std::min<std::size_t>(out_size, UINT32_MAX));
    unsigned fed = s_.avail_in, room = s_.avail_out;
    int rc = BZ2_bzDecompress(&s_);
    // A block is written out before its checksum is compared: that output is counted too.
    step_result r{fed - s_.avail_in, room - s_.avail_out, false};
    done_ = rc == BZ_STREAM_END;
    if (rc != BZ_OK && rc != BZ_STREAM_END) {
      error = describe("bzip2", bzip2_errors, rc);
      r.failed = true;
    }
    return r;
  }
  [[nodiscard]] bool finished() const override { return done_; }
  // A whole input that is "BZh", the block size digit and the first block's magic (pi's digits:
  // 1AY&SY) or the end-of-stream magic, or the start of one, then at most its 4-byte checksum:
  // a stream cut inside its header.
  [[nodiscard]] bool surely_archive(std::string_view head, bool whole) const override {
    if (!whole || head.size() < 5 || head.size() > 14 || head[3] < '1' || head[3] > '9') return false;
    std::string_view rest = head.substr(4, 6);
    auto starts = [&](std::string_view magic) { return head.size() <= 10 ? magic.starts_with(rest) : rest == magic; };
    return starts("1AY&SY") || starts("\x17\x72\x45\x38\x50\x90");
  }
  void restart() override {
    BZ2_bzDecompressEnd(&s_);
    s_ = bz_stream{};
    BZ2_bzDecompressInit(&s_, 0, 0);
    done_ = false;
  }

private:
  bz_stream s_{};
  bool done_ = false;
};

// Bytes no text holds: C0 controls other than tab, line and page breaks and escape (colours).
bool binary_byte(char c) {
  auto b = static_cast<unsigned char>(c);
  return b < 0x20 && b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r' && b != 0x1B;
}

// How much of an input after its magic decides whether a failed archive is text after all.
constexpr std::size_t text_window = 256;
// The longest whole input surely_archive takes for a header cut short (bzip2's: 14 bytes).
constexpr std::size_t cut_header_limit = 16;

// No byte a text does not hold (a Latin-1 log is text too).
bool looks_like_text(std::string_view head) { return std::none_of(head.begin(), head.end(), binary_byte); }

class decompressing final : public byte_source {
public:
  decompressing(std::unique_ptr<byte_source> in, std::unique_ptr<decoder> d, std::string_view magic)
      : in_(std::move(in)), d_(std::move(d)), magic_(magic), buf_(read_chunk), checked_(magic.size()) {}

  /// Its output is text in another encoding (UTF-16), whose decoder ends a line cut by damage
  /// itself: a one-byte newline would be taken for half a character.
  void leave_cut_lines() { ends_cut_lines_ = false; }

  long read(char* out, std::size_t n) override {
    if (as_text_) return replay(out, n);
    if (failed_) return report_failure(out, n);
    for (;;) {
      if (pos_ == end_ && !eof_) {
        if (long got = refill(); got < 0) return got;
      }
      // A finished stream followed by more input is another member (cat a.gz b.gz). Zero bytes
      // after a stream are padding (tar, dd), as gzip -d takes them.
      if (d_->finished()) {
        while (pos_ < end_ && buf_[pos_] == '\0') ++pos_;
        if (recording_) check_text();
        if (pos_ == end_) {
          if (eof_) return 0;
          continue;
        }
        if (!member_follows()) return give_up("trailing garbage after the compressed data", out, n, 0);
        d_->restart();
      }
      step_result r = d_->step(buf_.data() + pos_, end_ - pos_, out, n);
      pos_ += r.used;
      if (r.produced > 0) {
        stop_recording();
        last_ = out[r.produced - 1];
      } else if (recording_) {
        check_text();
      }
      if (r.failed) return give_up(d_->error, out, n, r.produced);
      if (r.produced > 0) return static_cast<long>(r.produced);
      if (eof_ && pos_ == end_ && !d_->finished()) return give_up("unexpected end of compressed data", out, n, 0);
    }
  }
  [[nodiscard]] std::string_view name() const override { return in_->name(); }
  [[nodiscard]] std::string_view failure() const override { return failure_; }

private:
  long refill() {
    long got = in_->read(buf_.data(), buf_.size());
    if (got < 0) return got;
    base_ += end_;
    eof_ = got == 0;
    pos_ = 0;
    end_ = static_cast<std::size_t>(got);
    if (recording_) seen_.append(buf_.data(), end_);
    return got;
  }

  // Only another member of the same format may follow a finished one; its magic may still be
  // split between two reads.
  [[nodiscard]] bool member_follows() const {
    std::string_view next(buf_.data() + pos_, std::min(end_ - pos_, magic_.size()));
    return magic_.starts_with(next) || d_->other_frame(next);
  }

  // No output yet: the input stays a text candidate while what the decoder took is text.
  void check_text() {
    std::size_t taken = base_ + pos_;
    for (; checked_ < taken && checked_ < seen_.size(); ++checked_)
      if (binary_byte(seen_[checked_])) return stop_recording();
    if (taken > replay_limit) stop_recording();
  }
  void stop_recording() {
    if (!recording_) return;
    recording_ = false;
    std::string().swap(seen_);
  }

  // The decoder gave up: a text candidate is read as text from its first byte, anything else
  // ends with what was decoded, the cut line ended, then the error.
  long give_up(std::string why, char* out, std::size_t n, std::size_t produced) {
    if (recording_ && text_candidate()) {
      as_text_ = true;
      d_.reset();
      std::vector<char>().swap(buf_);
      return replay(out, n);
    }
    failed_ = true;
    failure_ = std::move(why);
    owe_newline_ = ends_cut_lines_ && last_ != '\n';
    if (produced > 0) return static_cast<long>(produced);
    return report_failure(out, n);
  }

  // The decoder gave up before producing a byte: is the input a text that starts like a magic?
  // It may have refused the first read's few bytes, so more is read, and what is judged is the
  // same however the input came in pieces: the first line after the magic, at most text_window
  // bytes of it (a live pipe's first line does not wait for more), and an input no longer than
  // cut_header_limit read to its end, so that surely_archive sees it whole.
  bool text_candidate() {
    const std::size_t window_end = magic_.size() + text_window;
    auto more_wanted = [&] {
      return seen_.size() <= cut_header_limit ||
             (seen_.size() < window_end && seen_.find('\n', magic_.size()) == std::string::npos);
    };
    while (!eof_ && more_wanted()) {
      long got = in_->read(buf_.data(), buf_.size());
      if (got == -EINTR) continue;
      if (got <= 0) {
        eof_ = got == 0;
        break;
      }
      seen_.append(buf_.data(), static_cast<std::size_t>(got));
    }
    std::string_view rest = std::string_view(seen_).substr(std::min(magic_.size(), seen_.size()));
    std::size_t line_end = rest.find('\n');
    std::string_view after =
        rest.substr(0, std::min(text_window, line_end == std::string_view::npos ? rest.size() : line_end + 1));
    // Nothing after the magic: a text only if the magic can be one ("BZh" can, gzip's cannot).
    if (after.empty()) return looks_like_text(magic_) && valid_utf8(magic_);
    return !d_->surely_archive(seen_, eof_ && seen_.size() <= cut_header_limit) && looks_like_text(after);
  }

  long report_failure(char* out, std::size_t n) {
    if (owe_newline_ && n > 0) {
      owe_newline_ = false;
      out[0] = '\n';
      return 1;
    }
    return -EBADMSG;
  }

  long replay(char* out, std::size_t n) {
    if (replayed_ == seen_.size()) return in_->read(out, n);
    std::size_t take = std::min(n, seen_.size() - replayed_);
    std::memcpy(out, seen_.data() + replayed_, take);
    replayed_ += take;
    return static_cast<long>(take);
  }

  std::unique_ptr<byte_source> in_;
  std::unique_ptr<decoder> d_;
  std::string_view magic_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  std::size_t base_ = 0;   // input offset of buf_[0]: the decoder took base_ + pos_ bytes
  std::size_t checked_;    // seen_[magic.size(), checked_) holds no binary byte
  bool recording_ = true;  // no output yet and all taken is text: seen_ holds all read
  std::string seen_;
  bool as_text_ = false;
  std::size_t replayed_ = 0;
  char last_ = '\n';  // the last byte handed out (no output: nothing to end)
  bool failed_ = false;
  bool owe_newline_ = false;
  bool ends_cut_lines_ = true;
  std::string failure_;
};

// UTF-16 text (told by its byte order mark) decoded to UTF-8; the mark itself is dropped. A
// surrogate without its partner, or an odd last byte, becomes U+FFFD, as in any UTF-16 decoder
// that does not stop: the line keeps its place and the damage is visible.
class utf16_text final : public byte_source {
public:
  utf16_text(std::unique_ptr<byte_source> in, bool big_endian)
      : in_(std::move(in)), big_endian_(big_endian), raw_(read_chunk) {}

  long read(char* out, std::size_t n) override {
    while (next_ == decoded_.size()) {
      long got = decode_more();
      if (got <= 0) return got;
    }
    std::size_t take = std::min(n, decoded_.size() - next_);
    std::memcpy(out, decoded_.data() + next_, take);
    next_ += take;
    return static_cast<long>(take);
  }
  [[nodiscard]] std::string_view name() const override { return in_->name(); }
  [[nodiscard]] std::string_view failure() const override { return in_->failure(); }
  // What UTF-8 cannot hold is shown as U+FFFD, and said once the input is read: the lines are
  // not named (the decoder does not see them), but nothing changes without a word.
  [[nodiscard]] std::string notice() const override {
    if (replaced_ == 0) return {};
    return std::to_string(replaced_) + " UTF-16 code unit" + (replaced_ == 1 ? " is" : "s are") +
           " no character (an unpaired surrogate or an odd last byte): shown as U+FFFD";
  }

private:
  static constexpr char32_t replacement = 0xFFFD;

  // Decodes the next read into decoded_: 1 when there may be output, 0 at the end, or -errno.
  long decode_more() {
    if (failed_ != 0) return failed_;
    long got = in_->read(raw_.data() + held_, raw_.size() - held_);
    if (got < 0 && got != -EINTR) return end_damaged(got);
    if (got < 0) return got;
    decoded_.clear();
    next_ = 0;
    if (got == 0) {
      if (high_ != 0) replace();
      if (held_ != 0) replace();
      high_ = 0;
      held_ = 0;
      return decoded_.empty() ? 0 : 1;
    }
    std::size_t have = held_ + static_cast<std::size_t>(got), i = 0;
    for (; i + 1 < have; i += 2) unit(unit_at(i));
    held_ = have - i;
    if (held_ != 0) raw_[0] = raw_[i];
    return 1;
  }

  // Damaged input below (a cut compressed file): what was decoded ends as a line, then the
  // failure, as a cut 8-bit text does; a half unit or surrogate at the cut is shown as U+FFFD.
  long end_damaged(long failure) {
    failed_ = failure;
    decoded_.clear();
    next_ = 0;
    if (high_ != 0) replace();
    if (held_ != 0) replace();
    high_ = 0;
    held_ = 0;
    if (!line_ended_) decoded_.push_back('\n');
    return decoded_.empty() ? failure : 1;
  }

  [[nodiscard]] char16_t unit_at(std::size_t i) const {
    auto a = static_cast<unsigned char>(raw_[i]), b = static_cast<unsigned char>(raw_[i + 1]);
    return static_cast<char16_t>(big_endian_ ? (a << 8 | b) : (b << 8 | a));
  }

  void unit(char16_t u) {
    bool high = u >= 0xD800 && u <= 0xDBFF, low = u >= 0xDC00 && u <= 0xDFFF;
    if (high_ != 0) {
      if (low) {
        put(0x10000 + ((static_cast<char32_t>(high_) - 0xD800) << 10) + (u - 0xDC00));
        high_ = 0;
        return;
      }
      replace();
      high_ = 0;
    }
    bool mark = at_start_ && u == 0xFEFF;
    at_start_ = false;
    if (high)
      high_ = u;
    else if (low)
      replace();
    else if (!mark)
      put(u);
  }

  void replace() {
    put(replacement);
    ++replaced_;
  }

  void put(char32_t c) {
    line_ended_ = c == '\n';
    if (c < 0x80) {
      decoded_.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      decoded_.push_back(static_cast<char>(0xC0 | (c >> 6)));
      decoded_.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      decoded_.push_back(static_cast<char>(0xE0 | (c >> 12)));
      decoded_.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      decoded_.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      decoded_.push_back(static_cast<char>(0xF0 | (c >> 18)));
      decoded_.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      decoded_.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      decoded_.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }

  std::unique_ptr<byte_source> in_;
  bool big_endian_;
  std::vector<char> raw_;
  std::size_t held_ = 0;  // an odd byte carried over to the next read, at raw_[0]
  char16_t high_ = 0;     // a high surrogate waiting for its low half
  bool at_start_ = true;
  std::uint64_t replaced_ = 0;  // code units shown as U+FFFD
  bool line_ended_ = true;      // the last character put was a newline (or none was put)
  long failed_ = 0;             // the failure below, once met: said again at every read
  std::string decoded_;
  std::size_t next_ = 0;
};

// A compressed file of UTF-16 text (a Windows service's log, compressed when rotated): the byte
// order mark comes out of the decompressor, so it is looked for there, on the first read (not
// when the input is opened: a pipe's first bytes may be a while coming).
class utf16_inside final : public byte_source {
public:
  explicit utf16_inside(std::unique_ptr<decompressing> decompressed)
      : decompressor_(decompressed.get()), in_(std::move(decompressed)) {}

  // A failure while looking comes again at the next read of the decompressor, after the bytes
  // read before it: prefixed serves those first.
  long read(char* out, std::size_t n) override {
    while (!text_) {
      std::array<char, 2> got_bytes{};
      long got = in_->read(got_bytes.data(), 2 - head_.size());
      if (got == -EINTR) return got;  // a signal is answered; the look goes on at the next read
      if (got > 0) head_.append(got_bytes.data(), static_cast<std::size_t>(got));
      if (got <= 0 || head_.size() == 2) decide();
    }
    return text_->read(out, n);
  }
  [[nodiscard]] std::string_view name() const override { return (text_ ? text_ : in_)->name(); }
  [[nodiscard]] std::string_view failure() const override { return (text_ ? text_ : in_)->failure(); }
  [[nodiscard]] std::string notice() const override { return (text_ ? text_ : in_)->notice(); }

private:
  void decide() {
    bool little = head_ == "\xFF\xFE", utf16 = little || head_ == "\xFE\xFF";
    if (utf16) decompressor_->leave_cut_lines();
    text_ = std::make_unique<prefixed>(std::move(in_), std::move(head_));
    if (utf16) text_ = std::make_unique<utf16_text>(std::move(text_), !little);
  }

  decompressing* decompressor_;  // owned by in_, then within text_
  std::unique_ptr<byte_source> in_;
  std::unique_ptr<byte_source> text_;  // the text as read: the UTF-16 decoder, or the bytes as they are
  std::string head_;
};

using wrapper = std::unique_ptr<byte_source> (*)(std::unique_ptr<byte_source>, std::string_view magic);

template <class Decoder>
std::unique_ptr<byte_source> decompress(std::unique_ptr<byte_source> in, std::string_view magic) {
  return std::make_unique<utf16_inside>(
      std::make_unique<decompressing>(std::move(in), std::make_unique<Decoder>(), magic));
}

template <bool big_endian>
std::unique_ptr<byte_source> utf16(std::unique_ptr<byte_source> in, std::string_view) {
  return std::make_unique<utf16_text>(std::move(in), big_endian);
}

constexpr std::string_view zstd_magic = "\x28\xB5\x2F\xFD";

// A zstd stream may start with a skippable frame (pzstd writes one before every frame): the
// frames after it start with zstd's own magic.
std::unique_ptr<byte_source> decompress_zstd_skippable(std::unique_ptr<byte_source> in, std::string_view) {
  return decompress<zstd_decoder>(std::move(in), zstd_magic);
}

struct format {
  std::string_view magic;
  wrapper wrap;
  unsigned char first_byte_mask = 0xFF;  // the magic's first byte compared under this mask

  [[nodiscard]] bool starts(std::string_view head) const {
    return head.size() >= magic.size() && !magic.empty() &&
           (static_cast<unsigned char>(head[0]) & first_byte_mask) == static_cast<unsigned char>(magic[0]) &&
           head.substr(1, magic.size() - 1) == magic.substr(1);
  }
};

constexpr std::array<format, 7> formats{{
    {"\x1F\x8B", decompress<gzip_decoder>},
    {zstd_magic, decompress<zstd_decoder>},
    {"\x50\x2A\x4D\x18", decompress_zstd_skippable, 0xF0},  // 0x184D2A50 to 0x184D2A5F, little-endian
    {std::string_view("\xFD"
                      "7zXZ\x00",
                      6),
     decompress<xz_decoder>},
    {"BZh", decompress<bzip2_decoder>},
    {"\xFF\xFE", utf16<false>},
    {"\xFE\xFF", utf16<true>},
}};

}  // namespace

bool is_encoded(std::string_view head) {
  return std::any_of(formats.begin(), formats.end(), [&](const format& f) { return f.starts(head); });
}

std::unique_ptr<byte_source> detect_compression(std::unique_ptr<byte_source> src, std::string& error) {
  // Read enough to tell the formats apart; a pipe may deliver fewer bytes per read.
  std::string head(6, '\0');
  std::size_t have = 0;
  while (have < head.size()) {
    long got = src->read(head.data() + have, head.size() - have);
    if (got == -EINTR) continue;
    if (got < 0) {
      error = std::strerror(static_cast<int>(-got));
      return nullptr;
    }
    if (got == 0) break;
    have += static_cast<std::size_t>(got);
  }
  head.resize(have);
  auto in = std::make_unique<prefixed>(std::move(src), head);
  for (const auto& f : formats)
    if (f.starts(head)) return f.wrap(std::move(in), f.magic);
  return in;
}

}  // namespace logmoji
