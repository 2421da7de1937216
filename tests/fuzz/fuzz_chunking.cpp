// Line framing oracle: any chunking of the input gives the same lines as one whole read, and
// there is one line per newline (plus one for an unterminated tail).
#include <algorithm>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "logmoji/framer.hpp"

using namespace logmoji;

namespace {

struct framed {
  std::string bytes;
  std::uint64_t number;
  bool truncated;
  bool operator==(const framed&) const = default;
};

std::vector<framed> frame(const std::string& data, const std::vector<std::size_t>& chunks) {
  line_framer f(64);
  std::vector<framed> out;
  std::size_t pos = 0, k = 0;
  line l;
  for (;;) {
    while (f.next(l)) out.push_back({std::string(l.bytes), l.number, l.truncated});
    if (pos >= data.size()) break;
    std::size_t take = std::min(chunks.empty() ? data.size() : chunks[k++ % chunks.size()], data.size() - pos);
    f.feed(std::string_view(data).substr(pos, take));
    pos += take;
  }
  if (f.finish(l)) out.push_back({std::string(l.bytes), l.number, l.truncated});
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first bytes choose the chunk sizes, the rest is the input.
  std::size_t n = std::min<std::size_t>(data[0] % 8 + 1, size - 1);
  std::vector<std::size_t> chunks;
  for (std::size_t i = 1; i <= n; ++i) chunks.push_back(data[i] % 17 + 1);
  std::string input(reinterpret_cast<const char*>(data + n + 1), size - n - 1);
  auto whole = frame(input, {});
  if (frame(input, chunks) != whole) fuzz::fail("chunking changed the lines");
  std::size_t newlines = static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n'));
  bool tail = !input.empty() && input.back() != '\n';
  // Over-long lines (64 bytes here) are cut once and their rest skipped: still one line each.
  if (whole.size() != newlines + (tail ? 1 : 0)) fuzz::fail("line count differs from newline count");
  return 0;
}
