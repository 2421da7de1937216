// Compressed inputs, recognised by their magic bytes (not their names): gzip, zstd, xz, bzip2.
#include "logmoji/source.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

namespace logmoji {
namespace {

constexpr std::size_t chunk = std::size_t{1} << 17;

enum class codec { none, gzip, zstd, xz, bzip2 };

struct magic {
  std::string_view bytes;
  codec kind;
};

constexpr std::array<magic, 4> magics{{
    {"\x1F\x8B", codec::gzip},
    {"\x28\xB5\x2F\xFD", codec::zstd},
    {std::string_view("\xFD" "7zXZ\x00", 6), codec::xz},
    {"BZh", codec::bzip2},
}};

// Reads from the inner source, first handing back the bytes read to recognise the format.
class prefixed final : public byte_source {
public:
  prefixed(std::unique_ptr<byte_source> inner, std::string prefix) : inner_(std::move(inner)), prefix_(std::move(prefix)) {}
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

private:
  std::unique_ptr<byte_source> inner_;
  std::string prefix_;
  std::size_t pos_ = 0;
};

// The decoders share one shape: feed compressed input, take decompressed output, report the
// first error with the format's own words, and a truncated stream as "unexpected end".
class decoder {
public:
  virtual ~decoder() = default;
  /// Decompresses from in[*used..] into out; returns bytes produced, or -1 on corrupt data.
  virtual long step(const char* in, std::size_t in_size, std::size_t& used, char* out, std::size_t out_size) = 0;
  /// True when the last step ended a complete stream (input may hold another one).
  virtual bool finished() const = 0;
  virtual void restart() = 0;
  std::string error;
};

class gzip_decoder final : public decoder {
public:
  gzip_decoder() { inflateInit2(&z_, 15 + 32); }
  ~gzip_decoder() override { inflateEnd(&z_); }
  long step(const char* in, std::size_t in_size, std::size_t& used, char* out, std::size_t out_size) override {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
    z_.avail_in = static_cast<uInt>(in_size);
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(out_size);
    int rc = inflate(&z_, Z_NO_FLUSH);
    used = in_size - z_.avail_in;
    done_ = rc == Z_STREAM_END;
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      error = std::string("corrupt gzip data (") + (z_.msg ? z_.msg : "error") + ")";
      return -1;
    }
    return static_cast<long>(out_size - z_.avail_out);
  }
  bool finished() const override { return done_; }
  void restart() override { inflateReset(&z_); done_ = false; }

private:
  z_stream z_{};
  bool done_ = false;
};

class zstd_decoder final : public decoder {
public:
  zstd_decoder() : d_(ZSTD_createDStream()) { ZSTD_initDStream(d_); }
  ~zstd_decoder() override { ZSTD_freeDStream(d_); }
  long step(const char* in, std::size_t in_size, std::size_t& used, char* out, std::size_t out_size) override {
    ZSTD_inBuffer input{in, in_size, 0};
    ZSTD_outBuffer output{out, out_size, 0};
    std::size_t rc = ZSTD_decompressStream(d_, &output, &input);
    used = input.pos;
    if (ZSTD_isError(rc)) {
      error = std::string("corrupt zstd data (") + ZSTD_getErrorName(rc) + ")";
      return -1;
    }
    // A call that moved nothing says nothing about the frame (it asks for the next header).
    if (input.pos > 0 || output.pos > 0) done_ = rc == 0;
    return static_cast<long>(output.pos);
  }
  bool finished() const override { return done_; }
  void restart() override { done_ = false; }  // zstd decodes concatenated frames by itself

private:
  ZSTD_DStream* d_;
  bool done_ = true;
};

class xz_decoder final : public decoder {
public:
  xz_decoder() {
    if (lzma_stream_decoder(&s_, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) error = "cannot start the xz decoder";
  }
  ~xz_decoder() override { lzma_end(&s_); }
  long step(const char* in, std::size_t in_size, std::size_t& used, char* out, std::size_t out_size) override {
    s_.next_in = reinterpret_cast<const uint8_t*>(in);
    s_.avail_in = in_size;
    s_.next_out = reinterpret_cast<uint8_t*>(out);
    s_.avail_out = out_size;
    lzma_ret rc = lzma_code(&s_, in_size == 0 ? LZMA_FINISH : LZMA_RUN);
    used = in_size - s_.avail_in;
    done_ = rc == LZMA_STREAM_END;
    if (rc != LZMA_OK && rc != LZMA_STREAM_END && rc != LZMA_BUF_ERROR) {
      error = "corrupt xz data (lzma error " + std::to_string(static_cast<int>(rc)) + ")";
      return -1;
    }
    return static_cast<long>(out_size - s_.avail_out);
  }
  bool finished() const override { return done_; }
  void restart() override {}

private:
  lzma_stream s_ = LZMA_STREAM_INIT;
  bool done_ = false;
};

class bzip2_decoder final : public decoder {
public:
  bzip2_decoder() { BZ2_bzDecompressInit(&s_, 0, 0); }
  ~bzip2_decoder() override { BZ2_bzDecompressEnd(&s_); }
  long step(const char* in, std::size_t in_size, std::size_t& used, char* out, std::size_t out_size) override {
    s_.next_in = const_cast<char*>(in);
    s_.avail_in = static_cast<unsigned>(in_size);
    s_.next_out = out;
    s_.avail_out = static_cast<unsigned>(out_size);
    int rc = BZ2_bzDecompress(&s_);
    used = in_size - s_.avail_in;
    done_ = rc == BZ_STREAM_END;
    if (rc != BZ_OK && rc != BZ_STREAM_END) {
      error = "corrupt bzip2 data (bzip2 error " + std::to_string(rc) + ")";
      return -1;
    }
    return static_cast<long>(out_size - s_.avail_out);
  }
  bool finished() const override { return done_; }
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

std::unique_ptr<decoder> make_decoder(codec c) {
  switch (c) {
    case codec::gzip: return std::make_unique<gzip_decoder>();
    case codec::zstd: return std::make_unique<zstd_decoder>();
    case codec::xz: return std::make_unique<xz_decoder>();
    case codec::bzip2: return std::make_unique<bzip2_decoder>();
    case codec::none: break;
  }
  return nullptr;
}

class decompressing final : public byte_source {
public:
  decompressing(std::unique_ptr<byte_source> in, std::unique_ptr<decoder> d)
      : in_(std::move(in)), d_(std::move(d)), buf_(chunk) {}

  long read(char* out, std::size_t n) override {
    for (;;) {
      if (pos_ == end_ && !eof_) {
        long got = in_->read(buf_.data(), buf_.size());
        if (got < 0) return got;
        if (got == 0) eof_ = true;
        pos_ = 0;
        end_ = static_cast<std::size_t>(std::max(got, 0L));
      }
      // A finished stream followed by more input is another member (cat a.gz b.gz); a finished
      // stream at the end of the input is the end.
      if (d_->finished()) {
        if (pos_ < end_) d_->restart();
        else if (eof_) return 0;
        else continue;
      }
      std::size_t used = 0;
      long produced = d_->step(buf_.data() + pos_, end_ - pos_, used, out, n);
      pos_ += used;
      if (produced < 0) return fail(d_->error);
      if (produced > 0) return produced;
      if (eof_ && pos_ == end_) return d_->finished() ? 0 : fail("unexpected end of compressed data");
    }
  }
  [[nodiscard]] std::string_view name() const override { return in_->name(); }
  [[nodiscard]] std::string_view failure() const override { return failure_; }

private:
  long fail(const std::string& why) {
    failure_ = why;
    return -EBADMSG;
  }

  std::unique_ptr<byte_source> in_;
  std::unique_ptr<decoder> d_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  std::string failure_;
};

}  // namespace

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
  codec c = codec::none;
  for (const auto& m : magics)
    if (std::string_view(head).starts_with(m.bytes)) c = m.kind;
  auto in = std::make_unique<prefixed>(std::move(src), std::move(head));
  if (c == codec::none) return in;
  return std::make_unique<decompressing>(std::move(in), make_decoder(c));
}

}  // namespace logmoji
