// Block parser oracle: each line of a fuzzed block, parsed through the shared structural index
// of its block, gives the line kind, reason and tape the line-by-line parser gives it.
#include <cstdint>
#include <string_view>

#include "../support/block_parse.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  // The first byte chooses the feeding chunk and how often a line is parsed again.
  std::size_t chunk = data[0] & 0x0f ? std::size_t{1} << (data[0] & 0x0f) : 0;
  std::size_t reparse = data[0] >> 4;
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  auto r = logmoji::test::check_block(input, chunk, reparse);
  if (!r.difference.empty()) logmoji::fuzz::fail(r.difference.c_str());
  return 0;
}
