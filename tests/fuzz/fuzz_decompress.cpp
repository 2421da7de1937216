// Decompression front oracle. The input goes through detect_compression as a file would; the
// same bytes are decoded here by the libraries' whole-buffer calls (zstd: its block-at-a-time
// API), which show what is recoverable before any damage.
// - The source produces exactly the bytes the reference recovers, in order; when the damage
//   cuts a line, one newline ends it.
// - A failure is reported only when the reference fails too; a rejected input that produced
//   nothing is either reported or read as text, and plain text after magic bytes is read as
//   text, unchanged (not a bzip2 header cut short, nor a magic no text holds with nothing after).
// - Input without magic bytes comes out unchanged; UTF-16 with a BOM comes out as UTF-8, also
//   when it is what a compressed input decompresses to (damage there is compared loosely: the
//   half unit at a cut and the line end the source adds change its last characters).
// - How the input is chunked and how much is asked per read changes nothing.
// liblzma and libbz2 are the exception: they notice some damage only after decoding past it,
// liblzma by an amount that depends on its buffer sizes, libbz2 (a run that overflows its
// block) leaving uncounted what it wrote in the call that noticed. For xz and bzip2, the bytes
// near the damage may differ in number (never in content) between the reference and the
// source, and between two chunkings.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#define ZSTD_STATIC_LINKING_ONLY  // the block-at-a-time API
#include <zstd.h>

#include "fuzz_support.hpp"
#include "logmoji/source.hpp"
#include "logmoji/source_decompress.hpp"

using namespace logmoji;

namespace {

// Output beyond this is not compared (a few kilobytes can inflate to megabytes).
constexpr std::size_t limit = std::size_t{1} << 20;

struct decoded {
  std::string bytes;
  bool failed = false;
  bool capped = false;
  // zstd: the source must show bytes[0, sure); past it lies a raw (stored) block whose decoding
  // failed (cut short, larger than the frame's declared content, or short of it at the frame's
  // end). zstd's streaming decoder hands a raw block out as it arrives and counts nothing of the
  // call that fails, so how much of such a block it shows depends on how the input came in
  // chunks.
  std::size_t sure = std::string::npos;
};

enum class kind { text, gzip, zstd, xz, bzip2, utf16le, utf16be };

struct magic {
  std::string_view bytes;
  kind k;
};

constexpr std::array<magic, 6> magics{{
    {"\x1F\x8B", kind::gzip},
    {"\x28\xB5\x2F\xFD", kind::zstd},
    {std::string_view("\xFD"
                      "7zXZ\x00",
                      6),
     kind::xz},
    {"BZh", kind::bzip2},
    {"\xFF\xFE", kind::utf16le},
    {"\xFE\xFF", kind::utf16be},
}};

// zstd's skippable frames (magic 0x184D2A50 to 0x184D2A5F) may start a stream too (pzstd).
constexpr magic zstd_skippable{"\x50\x2A\x4D\x18", kind::zstd};

const magic* classify(std::string_view in) {
  for (const auto& m : magics)
    if (in.starts_with(m.bytes)) return &m;
  if (in.size() >= 4 && (static_cast<unsigned char>(in[0]) & 0xF0) == 0x50 && in.substr(1, 3) == "\x2A\x4D\x18")
    return &zstd_skippable;
  return nullptr;
}

// A whole input that is bzip2's stream header cut short: "BZh", the block size digit and the
// start of a block's or the stream end's magic, or all of it and at most its checksum.
bool bzip2_header_cut(std::string_view in) {
  if (in.size() < 5 || in.size() > 14 || !in.starts_with("BZh") || in[3] < '1' || in[3] > '9') return false;
  std::string_view rest = in.substr(4, 6);
  for (std::string_view magic : {std::string_view("1AY&SY"), std::string_view("\x17\x72\x45\x38\x50\x90")})
    if (in.size() <= 10 ? magic.starts_with(rest) : rest == magic) return true;
  return false;
}

decoded through_source(const std::string& input, std::size_t in_chunk, std::size_t read_size) {
  std::string error;
  auto src = detect_compression(memory_source(input, in_chunk), error);
  if (!src) fuzz::fail("detect_compression failed on memory");
  decoded d;
  std::vector<char> buf(read_size);
  for (;;) {
    long got = src->read(buf.data(), buf.size());
    if (got == 0) break;
    if (got < 0) {
      if (src->failure().empty()) fuzz::fail("a failure without a reason");
      if (src->read(buf.data(), buf.size()) >= 0) fuzz::fail("reading on after a failure did not fail");
      d.failed = true;
      break;
    }
    d.bytes.append(buf.data(), static_cast<std::size_t>(got));
    if (d.bytes.size() > limit) {
      d.capped = true;
      break;
    }
  }
  return d;
}

// After a complete stream: zero bytes are padding; what follows must be another stream.
enum class after { end, member, garbage };

after after_stream(std::string_view in, std::size_t& pos, const std::vector<std::string>& starts) {
  while (pos < in.size() && in[pos] == '\0') ++pos;
  if (pos == in.size()) return after::end;
  for (const auto& s : starts)
    if (s.starts_with(in.substr(pos, s.size()))) return after::member;
  return after::garbage;
}

decoded ref_gzip(std::string_view in) {
  decoded d;
  d.bytes.resize(limit);
  z_stream z{};
  inflateInit2(&z, 15 + 32);
  std::size_t pos = 0, produced = 0;
  for (;;) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + pos));
    z.avail_in = static_cast<uInt>(in.size() - pos);
    z.next_out = reinterpret_cast<Bytef*>(d.bytes.data() + produced);
    z.avail_out = static_cast<uInt>(limit - produced);
    int rc = inflate(&z, Z_NO_FLUSH);
    pos = in.size() - z.avail_in;
    produced = limit - z.avail_out;
    if (rc == Z_STREAM_END) {
      after a = after_stream(in, pos, {"\x1F\x8B"});
      if (a == after::member) {
        inflateReset(&z);
        continue;
      }
      d.failed = a == after::garbage;
    } else if (produced == limit) {
      d.capped = true;
    } else {
      d.failed = true;
    }
    break;
  }
  inflateEnd(&z);
  d.bytes.resize(produced);
  return d;
}

decoded ref_zstd(std::string_view in) {
  decoded d;
  d.bytes.resize(limit);
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  std::size_t pos = 0, produced = 0;
  std::vector<std::string> starts{"\x28\xB5\x2F\xFD"};  // and the skippable frames:
  for (int low = 0; low < 16; ++low) starts.push_back({static_cast<char>(0x50 + low), '\x2A', '\x4D', '\x18'});
  auto finish = [&](bool failed, bool capped) {
    d.failed = failed;
    d.capped = capped;
    d.bytes.resize(produced);
    ZSTD_freeDCtx(dctx);
    return d;
  };
  for (;;) {
    // The streaming decoder refuses windows over its default limit before decoding anything.
    ZSTD_frameHeader fh{};
    bool framed = ZSTD_getFrameHeader(&fh, in.data() + pos, in.size() - pos) == 0 && fh.frameType == ZSTD_frame;
    if (framed && fh.windowSize > (std::uint64_t{1} << ZSTD_WINDOWLOG_LIMIT_DEFAULT) + 1) return finish(true, false);
    const std::uint64_t declared = framed ? fh.frameContentSize : ZSTD_CONTENTSIZE_UNKNOWN;
    ZSTD_decompressBegin(dctx);
    for (;;) {
      std::size_t need = ZSTD_nextSrcSizeToDecompress(dctx);
      if (need == 0) break;
      if (limit - produced < ZSTD_BLOCKSIZE_MAX) return finish(false, true);
      // A cut raw (stored) block still yields the part that is there; other blocks refuse.
      bool cut = need > in.size() - pos;
      if (cut) need = in.size() - pos;
      ZSTD_nextInputType_e type = ZSTD_nextInputType(dctx);
      bool raw = (type == ZSTDnit_block || type == ZSTDnit_lastBlock) && pos >= 3 && (in[pos - 3] & 0x06) == 0;
      std::size_t r = ZSTD_decompressContinue(dctx, d.bytes.data() + produced, limit - produced, in.data() + pos, need);
      // The streaming decoder holds a block in a buffer no larger than the content the frame
      // declares: a block that decodes to more fails there (a raw one perhaps in part).
      bool beyond = !ZSTD_isError(r) && declared != ZSTD_CONTENTSIZE_UNKNOWN && r > declared;
      if (cut || ZSTD_isError(r) || beyond) {
        if (raw) {  // its content is the input's bytes, whatever the call wrote or did not
          d.sure = produced;
          d.bytes.replace(produced, need, in.substr(pos, need));
          produced += need;
        }
        return finish(true, false);
      }
      produced += r;
      pos += need;
    }
    after a = after_stream(in, pos, starts);
    if (a != after::member) return finish(a == after::garbage, false);
  }
}

decoded ref_xz(std::string_view in) {
  decoded d;
  d.bytes.resize(limit);
  lzma_stream s = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&s, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) fuzz::fail("cannot start the xz decoder");
  s.next_in = reinterpret_cast<const uint8_t*>(in.data());
  s.avail_in = in.size();
  s.next_out = reinterpret_cast<uint8_t*>(d.bytes.data());
  s.avail_out = limit;
  lzma_ret rc = lzma_code(&s, LZMA_FINISH);
  std::size_t produced = limit - s.avail_out;
  if (rc != LZMA_STREAM_END) {
    if (produced == limit)
      d.capped = true;
    else
      d.failed = true;
  }
  lzma_end(&s);
  d.bytes.resize(produced);
  return d;
}

decoded ref_bzip2(std::string_view in) {
  decoded d;
  d.bytes.resize(limit);
  std::size_t pos = 0, produced = 0;
  for (;;) {
    bz_stream s{};
    BZ2_bzDecompressInit(&s, 0, 0);
    s.next_in = const_cast<char*>(in.data() + pos);
    s.avail_in = static_cast<unsigned>(in.size() - pos);
    s.next_out = d.bytes.data() + produced;
    s.avail_out = static_cast<unsigned>(limit - produced);
    int rc = BZ2_bzDecompress(&s);
    pos = in.size() - s.avail_in;
    produced = limit - s.avail_out;
    BZ2_bzDecompressEnd(&s);
    if (rc == BZ_STREAM_END) {
      after a = after_stream(in, pos, {"BZh"});
      if (a == after::member) continue;
      d.failed = a == after::garbage;
    } else if (rc == BZ_OK && produced == limit) {
      d.capped = true;
    } else {
      d.failed = true;
    }
    break;
  }
  d.bytes.resize(produced);
  return d;
}

void utf8(std::string& out, std::uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
    return;
  }
  constexpr std::array<unsigned, 4> lead{0, 0xC0, 0xE0, 0xF0};
  unsigned extra = c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
  out += static_cast<char>(lead[extra] | (c >> (6 * extra)));
  for (unsigned i = extra; i-- > 0;) out += static_cast<char>(0x80 | ((c >> (6 * i)) & 0x3F));
}

decoded ref_utf16(std::string_view in, bool big_endian) {
  decoded d;
  std::vector<std::uint32_t> units;
  for (std::size_t i = 2; i + 1 < in.size(); i += 2) {
    auto a = static_cast<unsigned char>(in[i]), b = static_cast<unsigned char>(in[i + 1]);
    units.push_back(static_cast<std::uint32_t>(big_endian ? (a << 8u | b) : (b << 8u | a)));
  }
  auto is_high = [](std::uint32_t u) { return u >= 0xD800 && u < 0xDC00; };
  auto is_low = [](std::uint32_t u) { return u >= 0xDC00 && u < 0xE000; };
  for (std::size_t i = 0; i < units.size(); ++i) {
    std::uint32_t u = units[i];
    if (is_high(u) && i + 1 < units.size() && is_low(units[i + 1])) {
      utf8(d.bytes, 0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00));
      ++i;
    } else {
      utf8(d.bytes, is_high(u) || is_low(u) ? 0xFFFD : u);
    }
  }
  if (in.size() % 2 != 0) utf8(d.bytes, 0xFFFD);
  return d;
}

decoded reference(const std::string& input) {
  const magic* m = classify(input);
  switch (m ? m->k : kind::text) {
    case kind::gzip: return ref_gzip(input);
    case kind::zstd: return ref_zstd(input);
    case kind::xz: return ref_xz(input);
    case kind::bzip2: return ref_bzip2(input);
    case kind::utf16le: return ref_utf16(input, false);
    case kind::utf16be: return ref_utf16(input, true);
    case kind::text: break;
  }
  return {input, false, false};
}

bool exact(const std::string& input) {
  const magic* m = classify(input);
  return !m || (m->k != kind::xz && m->k != kind::bzip2);
}

// Neither output contradicts the other (the source may have ended a cut line with '\n').
bool agree(std::string_view a, std::string_view b) {
  auto common = [](std::string_view x, std::string_view y) {
    std::size_t n = std::min(x.size(), y.size());
    return x.substr(0, n) == y.substr(0, n);
  };
  return common(a, b) || (a.ends_with('\n') && common(a.substr(0, a.size() - 1), b));
}

bool plain_text(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r'; });
}

// The source showed what the reference recovered (at least its sure part), perhaps then one
// newline ending the line the damage cut.
bool recovered(std::string_view got, const decoded& ref) {
  auto fits = [&](std::string_view shown) {
    return shown.size() >= std::min(ref.sure, ref.bytes.size()) && std::string_view(ref.bytes).starts_with(shown);
  };
  if (fits(got)) return true;
  if (!got.ends_with('\n')) return false;
  std::string_view shown = got.substr(0, got.size() - 1);
  return !shown.empty() && !shown.ends_with('\n') && fits(shown);
}

void check_against_reference(const std::string& input, const decoded& got, const decoded& ref) {
  if (got.capped || ref.capped) {
    std::size_t n = std::min(got.bytes.size(), ref.bytes.size());
    if (got.bytes.compare(0, n, ref.bytes, 0, n) != 0) fuzz::fail("the output differs from the reference");
    return;
  }
  if (!ref.failed) {
    if (got.failed) fuzz::fail("a failure the reference does not see");
    if (got.bytes != ref.bytes) fuzz::fail("the output differs from the reference");
    return;
  }
  bool as_text = !got.failed && got.bytes == input;
  if (ref.bytes.empty() || (ref.sure == 0 && as_text)) {
    // Rejected before any output: damaged archive (an error) or mislabelled text (as it is).
    const magic* m = classify(input);
    bool reported = got.failed && (got.bytes.empty() || !exact(input));
    if (!as_text && !reported) fuzz::fail("a rejected input is neither reported nor read as text");
    // Text after the magic, or text that is the magic alone ("BZh"; gzip's is an archive cut).
    std::string_view after = std::string_view(input).substr(m->bytes.size());
    bool text = after.empty() ? plain_text(m->bytes) : plain_text(after) && !bzip2_header_cut(input);
    if (!as_text && text) fuzz::fail("plain text after magic bytes is not read as text");
    return;
  }
  if (!got.failed) fuzz::fail("damage the reference sees is not reported");
  if (!exact(input)) {
    if (!agree(got.bytes, ref.bytes)) fuzz::fail("the output before the damage differs from the reference");
    return;
  }
  if (!recovered(got.bytes, ref)) fuzz::fail("the output before the damage differs from the reference");
}

// Compressed UTF-16 text: its mark comes out of the decompressor.
bool utf16_inside(const std::string& input, const decoded& ref) {
  const magic* m = classify(input);
  return m && m->k != kind::utf16le && m->k != kind::utf16be &&
         (ref.bytes.starts_with("\xFF\xFE") || ref.bytes.starts_with("\xFE\xFF"));
}

// Two decodings agree but for their last few characters (a cut's half unit and line end).
bool agree_but_the_end(std::string_view a, std::string_view b) {
  std::size_t n = std::min(a.size(), b.size());
  n = n > 8 ? n - 8 : 0;
  return a.substr(0, n) == b.substr(0, n);
}

void check_utf16_inside(const std::string& input, const decoded& got, const decoded& whole, const decoded& ref) {
  decoded text = ref_utf16(ref.bytes, ref.bytes[0] == '\xFE');
  // Where the reference knows exactly what was recovered: that text, a half unit at the cut as
  // U+FFFD, then one newline ending the cut line.
  if (ref.failed && exact(input) && ref.sure == std::string::npos && !text.bytes.empty() && !text.bytes.ends_with('\n'))
    text.bytes += '\n';
  const bool strict = !ref.failed || (exact(input) && ref.sure == std::string::npos);
  if (!got.capped && !whole.capped && (got.failed != whole.failed || !agree_but_the_end(got.bytes, whole.bytes)))
    fuzz::fail("chunking changed the output");
  for (const decoded* d : {&got, &whole}) {
    if (d->capped || ref.capped) continue;
    if (!ref.failed && (d->failed || d->bytes != text.bytes))
      fuzz::fail("compressed UTF-16 not decoded as the reference");
    if (ref.failed && (!d->failed || !(strict ? d->bytes == text.bytes : agree_but_the_end(d->bytes, text.bytes))))
      fuzz::fail("damaged compressed UTF-16 differs from the reference");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first two bytes choose the input chunk and the read size, the rest is the input.
  std::size_t in_chunk = data[0] % 64 + 1, read_size = std::size_t{1} << (data[1] % 18);
  std::string input(reinterpret_cast<const char*>(data + 2), size - 2);
  decoded got = through_source(input, in_chunk, read_size);
  decoded whole = through_source(input, input.size() + 1, std::size_t{1} << 17);
  decoded ref = reference(input);
  if (utf16_inside(input, ref)) {
    check_utf16_inside(input, got, whole, ref);
    return 0;
  }
  if (!got.capped && !whole.capped) {
    // Where the decoder may show part of a failed block, how much depends on the chunks it got.
    bool strict = (exact(input) && ref.sure == std::string::npos) || !got.failed;
    bool same = strict ? got.bytes == whole.bytes : agree(got.bytes, whole.bytes) || agree(whole.bytes, got.bytes);
    if (!same || got.failed != whole.failed) fuzz::fail("chunking changed the output");
  }
  check_against_reference(input, whole, ref);
  if (!got.capped) check_against_reference(input, got, ref);
  return 0;
}
