#pragma once
// Test helper: what the framer handed out, as comparable values.

#include <cstdint>
#include <string>
#include <vector>

#include "logmoji/framer.hpp"

namespace logmoji::test {

struct framed {
  std::string bytes;
  std::uint64_t number;
  bool truncated;
  bool operator==(const framed&) const = default;
};

/// Feeds `data` to a framer in chunks of the given sizes (cycled; none = all at once) and
/// collects every line, the unterminated tail included.
inline std::vector<framed> frame_chunks(const std::string& data, const std::vector<std::size_t>& chunks,
                                        std::size_t max_line) {
  line_framer f(max_line);
  std::vector<framed> out;
  std::size_t pos = 0, k = 0;
  line l;
  for (;;) {
    while (f.next(l)) out.push_back({std::string(l.bytes), l.number, l.truncated});
    if (pos >= data.size()) break;
    std::size_t size = chunks.empty() ? data.size() : chunks[k++ % chunks.size()];
    std::size_t take = size < data.size() - pos ? size : data.size() - pos;
    f.feed(std::string_view(data).substr(pos, take));
    pos += take;
  }
  if (f.finish(l)) out.push_back({std::string(l.bytes), l.number, l.truncated});
  return out;
}

}  // namespace logmoji::test
