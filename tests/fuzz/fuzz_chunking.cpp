// Line framing oracle: any chunking of the input gives the same lines as one whole read, and
// there is one line per newline (plus one for an unterminated tail).
#include <algorithm>
#include <string>
#include <vector>

#include "../support/framing.hpp"
#include "fuzz_support.hpp"

using namespace logmoji;
using test::frame_chunks;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first bytes choose the chunk sizes, the rest is the input.
  std::size_t n = std::min<std::size_t>(data[0] % 8 + 1, size - 1);
  std::vector<std::size_t> chunks;
  for (std::size_t i = 1; i <= n; ++i) chunks.push_back(data[i] % 17 + 1);
  std::string input(reinterpret_cast<const char*>(data + n + 1), size - n - 1);
  auto whole = frame_chunks(input, {}, 64);
  if (frame_chunks(input, chunks, 64) != whole) fuzz::fail("chunking changed the lines");
  std::size_t newlines = static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n'));
  bool tail = !input.empty() && input.back() != '\n';
  // Over-long lines (64 bytes here) are cut once and their rest skipped: still one line each.
  if (whole.size() != newlines + (tail ? 1 : 0)) fuzz::fail("line count differs from newline count");
  return 0;
}
