// The -B ring: what it keeps, in what order, what it drops, and that a full ring recycles its
// strings instead of growing.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "logmoji/context_window.hpp"

using logmoji::context_window;

namespace {

// The replay as one string: "E<unit>:<line>" for events, "  <line>" for continuation lines.
std::string replayed(context_window& w) {
  std::string out;
  w.replay([&](std::string_view line, std::uint64_t unit,
               const logmoji::window_source&) { out += "E" + std::to_string(unit) + ":" + std::string(line) + "\n"; },
           [&](std::string_view line) { out += "  " + std::string(line) + "\n"; });
  return out;
}

}  // namespace

TEST_CASE("context_window replays events with their continuation lines, oldest first", "[context_window]") {
  context_window w(3);
  CHECK(w.push("{a}", 1) == 0);
  CHECK(w.append("Traceback"));
  CHECK(w.append(""));  // a blank line is kept as an empty one
  CHECK(w.push("{b}", 2) == 0);
  CHECK(w.size() == 2);
  CHECK(replayed(w) == "E1:{a}\n  Traceback\n  \nE2:{b}\n");
  CHECK(w.size() == 0);
  CHECK(replayed(w).empty());
}

TEST_CASE("context_window gives each replayed event the prefix source it was pushed with", "[context_window]") {
  context_window w(2);
  w.push("{0}", 1, {"gone", "source", 9});
  w.push("{a}", 2, {"web-1", "source", 6});
  w.append("Traceback");
  w.push("{b}", 3);  // no source; the recycled entry forgets the one it held
  std::string out;
  w.replay(
      [&](std::string_view line, std::uint64_t unit, const logmoji::window_source& s) {
        out += std::string(line) + " " + std::to_string(unit) + " [" + std::string(s.source) + "|" +
               std::string(s.key) + "|" + std::to_string(s.width) + "]\n";
      },
      [&](std::string_view line) { out += "  " + std::string(line) + "\n"; });
  CHECK(out == "{a} 2 [web-1|source|6]\n  Traceback\n{b} 3 [||0]\n");
}

TEST_CASE("context_window keeps the last N events and counts the lines that leave", "[context_window]") {
  context_window w(2);
  w.push("{1}", 1);
  w.append("one");
  w.append("two");
  w.push("{2}", 2);
  w.append("three");
  CHECK(w.push("{3}", 3) == 2);  // {1} left with its two lines
  CHECK(w.push("{4}", 4) == 1);  // {2} left with one
  CHECK(replayed(w) == "E3:{3}\nE4:{4}\n");
}

TEST_CASE("context_window: clear counts the continuation lines it drops", "[context_window]") {
  context_window w(4);
  w.push("{1}", 1);
  w.append("x");
  w.push("{2}", 2);
  w.append("y");
  w.append("z");
  CHECK(w.clear() == 3);
  CHECK(w.size() == 0);
  CHECK_FALSE(w.append("orphan"));  // no event to belong to
}

TEST_CASE("context_window of capacity 0 keeps nothing", "[context_window]") {
  context_window w(0);
  CHECK(w.push("{1}", 1) == 0);
  CHECK(w.size() == 0);
  CHECK_FALSE(w.append("x"));
}

TEST_CASE("context_window caps the continuation bytes of one entry", "[context_window]") {
  context_window w(1);
  w.push("{1}", 1);
  std::string big(context_window::max_entry_bytes / 2, 'x');
  CHECK(w.append(big));
  CHECK_FALSE(w.append(big));  // over the cap: not kept, the caller counts it hidden
  CHECK(w.append("small"));
  CHECK(w.clear() == 2);
}

TEST_CASE("context_window wraps around without losing order", "[context_window]") {
  context_window w(3);
  std::string expected;
  for (std::uint64_t u = 1; u <= 10; ++u) w.push("{" + std::to_string(u) + "}", u);
  CHECK(replayed(w) == "E8:{8}\nE9:{9}\nE10:{10}\n");
  w.push("{11}", 11);
  CHECK(replayed(w) == "E11:{11}\n");
}
