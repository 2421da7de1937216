#include <catch2/catch.hpp>

#include <cerrno>
#include <string>
#include <vector>

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "logmoji/source.hpp"
#include "logmoji/source_decompress.hpp"

using namespace logmoji;

namespace {

struct result {
  std::string out;
  bool failed = false;
  std::string why;
};

// Reads everything through detect_compression, `chunk` input bytes at a time, `n` asked per read.
result read_all(const std::string& data, std::size_t chunk, std::size_t n) {
  std::string error;
  auto src = detect_compression(memory_source(data, chunk), error);
  REQUIRE(src);
  result r;
  std::vector<char> buf(n);
  for (;;) {
    long got = src->read(buf.data(), buf.size());
    if (got == 0) return r;
    if (got < 0) {
      r.failed = true;
      r.why = std::string(src->failure());
      CHECK(got == -EBADMSG);
      CHECK(src->read(buf.data(), buf.size()) < 0);  // and it stays failed
      return r;
    }
    r.out.append(buf.data(), static_cast<std::size_t>(got));
  }
}

std::string lines(int from, int to) {
  std::string s;
  for (int i = from; i <= to; ++i)
    s += R"({"event":"line )" + std::to_string(i) + R"(","level":"info","n":)" + std::to_string(i) + "}\n";
  return s;
}

std::string gzip(const std::string& data) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zstd(const std::string& data) {
  ZSTD_CCtx* c = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
  std::string out(ZSTD_compressBound(data.size()), '\0');
  std::size_t size = ZSTD_compress2(c, out.data(), out.size(), data.data(), data.size());
  ZSTD_freeCCtx(c);
  REQUIRE(!ZSTD_isError(size));
  out.resize(size);
  return out;
}

std::string xz(const std::string& data) {
  std::string out(lzma_stream_buffer_bound(data.size()), '\0');
  std::size_t size = 0;
  REQUIRE(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr, reinterpret_cast<const uint8_t*>(data.data()),
                                  data.size(), reinterpret_cast<uint8_t*>(out.data()), &size, out.size()) == LZMA_OK);
  out.resize(size);
  return out;
}

std::string bzip2(const std::string& data, int block_100k = 9) {
  unsigned size = static_cast<unsigned>(data.size() + data.size() / 50 + 1024);
  std::string out(size, '\0');
  REQUIRE(BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char*>(data.data()),
                                   static_cast<unsigned>(data.size()), block_100k, 0, 0) == BZ_OK);
  out.resize(size);
  return out;
}

std::string flipped(std::string s, std::size_t at, std::size_t count = 4) {
  for (std::size_t i = at; i < at + count && i < s.size(); ++i) s[i] = static_cast<char>(s[i] ^ 0x5A);
  return s;
}

// The read sizes of the serial framer (small) and of the parallel reader (one large block).
const std::vector<std::size_t> read_sizes{1, 4096, std::size_t{1} << 22};

}  // namespace

TEST_CASE("a damaged checksum comes after all the data: every byte is handed out, then the error",
          "[source_decompress]") {
  std::string text = lines(1, 5000);
  struct archive {
    std::string name, bytes, message;
  };
  std::string z = zstd(text), g = gzip(text);
  std::vector<archive> archives{
      {"gzip", flipped(g, g.size() - 8), "corrupt gzip data (incorrect data check)"},
      {"zstd", flipped(z, z.size() - 4), "corrupt zstd data (Restored data doesn't match checksum)"},
  };
  for (const auto& a : archives)
    for (std::size_t n : read_sizes) {
      INFO(a.name << ", " << n << " bytes per read");
      result r = read_all(a.bytes, 1 << 16, n);
      CHECK(r.out == text);
      CHECK(r.failed);
      CHECK(r.why == a.message);
    }
}

TEST_CASE("a damaged later member or block: what comes before it is handed out whole", "[source_decompress]") {
  std::string first = lines(1, 3000), second = lines(3001, 6000);
  struct archive {
    std::string name, bytes;
  };
  std::string zs = zstd(second), gz = gzip(second), bz = bzip2(second);
  std::vector<archive> archives{
      {"gzip", gzip(first) + flipped(gz, gz.size() / 3)},
      {"zstd", zstd(first) + flipped(zs, 20)},
      {"bzip2", bzip2(first) + flipped(bz, bz.size() / 3)},
  };
  for (const auto& a : archives)
    for (std::size_t n : read_sizes) {
      INFO(a.name << ", " << n << " bytes per read");
      result r = read_all(a.bytes, 1 << 17, n);
      REQUIRE(r.out.size() >= first.size());
      CHECK(r.out.substr(0, first.size()) == first);
      CHECK(r.failed);
      CHECK(r.why.starts_with("corrupt " + a.name + " data ("));
    }
}

TEST_CASE("an xz block whose check fails is handed out before the error", "[source_decompress]") {
  std::string text = lines(1, 4000);
  std::string x = xz(text);
  // The CRC64 of the only block sits before the index, whose size the 12-byte footer gives.
  const auto* footer = reinterpret_cast<const unsigned char*>(x.data() + x.size() - 12);
  std::size_t index =
      (static_cast<std::size_t>(footer[4] | footer[5] << 8 | footer[6] << 16 | footer[7] << 24) + 1) * 4;
  std::string damaged = flipped(x, x.size() - 12 - index - 8, 1);
  for (std::size_t n : read_sizes) {
    INFO(n << " bytes per read");
    result r = read_all(damaged, 1 << 17, n);
    CHECK(r.out == text);
    CHECK(r.failed);
    CHECK(r.why == "corrupt xz data (compressed data is corrupt)");
  }
}

TEST_CASE("a cut archive ends the cut line with a newline, then fails", "[source_decompress]") {
  std::string text = lines(1, 20000);  // zstd: several blocks of 128 KiB
  for (const std::string& archive : {gzip(text), zstd(text), xz(text), bzip2(text, 1)}) {
    std::string cut = archive.substr(0, archive.size() * 2 / 3);
    for (std::size_t n : read_sizes) {
      result r = read_all(cut, 1 << 12, n);
      REQUIRE(r.failed);
      CHECK(r.why == "unexpected end of compressed data");
      REQUIRE(r.out.size() > 1);
      CHECK(r.out.back() == '\n');
      std::string shown = r.out.substr(0, r.out.size() - 1);
      CHECK(text.starts_with(shown));
      CHECK(text[shown.size()] != '\n');  // the newline was added: the line is cut there
    }
  }
}

TEST_CASE("text that merely starts with magic bytes is read as text from its first byte", "[source_decompress]") {
  std::vector<std::string> texts{
      "BZhello, this starts like bzip2\nsecond line\n",
      "BZh9 plans\n",
      "BZh91AY&SY is the block magic, then text\n",
      "BZh",
      std::string("\x1F\x8B not gzip\n"),
      std::string("\x28\xB5\x2F\xFD not zstd\n"),
      std::string("\xFD"
                  "7zXZ\x00 not xz\n",
                  14),
  };
  for (const auto& t : texts)
    for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{1} << 16})
      for (std::size_t n : read_sizes) {
        INFO(t << ", chunks of " << chunk << ", " << n << " bytes per read");
        result r = read_all(t, chunk, n);
        CHECK_FALSE(r.failed);
        CHECK(r.out == t);
      }
}

TEST_CASE("a rejected input with binary bytes is a damaged archive, not text", "[source_decompress]") {
  std::string text = lines(1, 100);
  std::string bz = bzip2(text);
  // bzip2 writes nothing of a block before the whole block is in.
  result r = read_all(bz.substr(0, bz.size() / 2), 1 << 16, 4096);
  CHECK(r.failed);
  CHECK(r.out.empty());
  CHECK(r.why == "unexpected end of compressed data");
  r = read_all(std::string("BZh91AY&SY\x01\x02\x03\x04\x05\x06\x07", 17), 1 << 16, 4096);
  CHECK(r.failed);
  CHECK(r.out.empty());
  // A header the decoder refuses before taking the binary bytes after it: those bytes decide,
  // read in whatever pieces the input gives (they were judged by what the decoder took: text).
  std::string damaged = bz;
  damaged[4] = '0';  // the first block's magic, 1AY&SY, broken
  std::string zst = zstd(text);
  std::string bad_frame = zst;
  bad_frame[4] = static_cast<char>(bad_frame[4] | 8);  // a reserved bit of the frame header
  for (std::size_t chunk : {std::size_t{1}, std::size_t{6}, std::size_t{1} << 16})
    for (const std::string& archive : {damaged, bad_frame}) {
      r = read_all(archive, chunk, 4096);
      CHECK(r.failed);
      CHECK(r.out.empty());
    }
  // Cut right after a magic no text holds, or inside bzip2's header: no text, an archive cut.
  for (const std::string& cut : {zst.substr(0, 4), gzip(text).substr(0, 2), bz.substr(0, 5), bz.substr(0, 10)}) {
    r = read_all(cut, 1 << 16, 4096);
    CHECK(r.failed);
    CHECK(r.why == "unexpected end of compressed data");
  }
}

TEST_CASE("a zstd stream may start with a skippable frame", "[source_decompress]") {
  // pzstd writes one before every frame.
  std::string text = lines(1, 50);
  std::string skippable("\x5E\x2A\x4D\x18\x04\x00\x00\x00seek", 12);
  for (std::size_t chunk : {std::size_t{1}, std::size_t{5}, std::size_t{1} << 16}) {
    result r = read_all(skippable + zstd(text) + skippable + zstd(text), chunk, 4096);
    CHECK_FALSE(r.failed);
    CHECK(r.out == text + text);
  }
}

TEST_CASE("zero bytes after a stream are padding; other bytes are trailing garbage", "[source_decompress]") {
  std::string text = lines(1, 200);
  for (const std::string& archive : {gzip(text), zstd(text), bzip2(text)}) {
    result r = read_all(archive + std::string(1000, '\0'), 100, 4096);
    CHECK_FALSE(r.failed);
    CHECK(r.out == text);
    r = read_all(archive + std::string(10, '\0') + "x", 100, 4096);
    CHECK(r.failed);
    CHECK(r.out == text);
    CHECK(r.why == "trailing garbage after the compressed data");
    r = read_all(archive + archive, 7, 4096);
    CHECK_FALSE(r.failed);
    CHECK(r.out == text + text);
  }
}

TEST_CASE("a zstd skippable frame after the data is metadata, not garbage", "[source_decompress]") {
  std::string text = lines(1, 50);
  result r = read_all(zstd(text) + std::string("\x5E\x2A\x4D\x18\x04\x00\x00\x00seek", 12), 5, 4096);
  CHECK_FALSE(r.failed);
  CHECK(r.out == text);
}

TEST_CASE("UTF-16 with a byte order mark is decoded to UTF-8", "[source_decompress]") {
  // "é" U+00E9, "€" U+20AC, "😀" U+1F600 (a surrogate pair), and CR LF.
  std::string le("\xFF\xFE{\0\"\0\xE9\0\xAC\x20\x3D\xD8\x00\xDE\"\0}\0\r\0\n\0x\0", 24);
  std::string be("\xFE\xFF\0{\0\"\0\xE9\x20\xAC\xD8\x3D\xDE\x00\0\"\0}\0\r\0\n\0x", 24);
  std::string utf8 = "{\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"}\r\nx";
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{1} << 16})
    for (std::size_t n : {std::size_t{1}, std::size_t{4096}}) {
      CHECK(read_all(le, chunk, n).out == utf8);
      CHECK(read_all(be, chunk, n).out == utf8);
    }
}

TEST_CASE("a lone surrogate or an odd last byte of UTF-16 becomes U+FFFD", "[source_decompress]") {
  const std::string fffd = "\xEF\xBF\xBD";
  // A high surrogate before "a", a low one alone, a high one at the very end.
  std::string le(
      "\xFF\xFE\x00\xD8"
      "a\0"
      "\x00\xDC"
      "b\0"
      "\x3D\xD8",
      12);
  result r = read_all(le, 1, 4096);
  CHECK_FALSE(r.failed);
  CHECK(r.out == fffd + "a" + fffd + "b" + fffd);
  CHECK(read_all(std::string("\xFE\xFF\0a\0", 5), 2, 4096).out == "a" + fffd);
  // A high surrogate, then an odd byte at the end: two faults, two replacements.
  CHECK(read_all(std::string("\xFF\xFE\x3D\xD8\x40", 5), 1, 4096).out == fffd + fffd);
  // Only the first mark is dropped: a later U+FEFF is text.
  CHECK(read_all(std::string("\xFF\xFE\xFF\xFEz\0", 6), 1, 4096).out == "\xEF\xBB\xBFz");
}
