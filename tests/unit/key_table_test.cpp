// Key ids: the same key text gets the same id on every line and by both parse paths, other keys
// other ids; a stage's key_memo computes once per id and never mixes two key spaces.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "logmoji/framer.hpp"
#include "logmoji/key_memo.hpp"
#include "logmoji/key_table.hpp"
#include "logmoji/parser.hpp"

using namespace logmoji;

namespace {

const node& member(const event& ev, std::string_view key) {
  for (const node& n : ev.tape)
    if (n.key == key && n.key.data() != nullptr) return n;
  FAIL("no member " << key);
  return ev.tape[0];
}

}  // namespace

TEST_CASE("the same key gets the same id on every line, nested keys too", "[key_table]") {
  event_parser parser;
  event a;
  event b;
  REQUIRE(parser.parse(R"({"level":"info","user":{"id":1,"name":"x"},"tags":["a",{"k":2}]})", a).kind ==
          line_kind::event);
  std::vector<std::uint16_t> first;
  for (auto key : {"level", "user", "id", "name", "tags", "k"}) first.push_back(member(a, key).key_id);
  REQUIRE(parser.parse(R"({"k":0,"tags":[],"name":"y","id":"z","user":null,"level":"warn"})", b).kind ==
          line_kind::event);
  std::size_t at = 0;
  for (auto key : {"level", "user", "id", "name", "tags", "k"}) {
    CHECK(member(b, key).key_id == first[at]);
    CHECK(first[at] != no_key_id);
    ++at;
  }
  CHECK(a.key_space == b.key_space);
  std::sort(first.begin(), first.end());
  CHECK(std::adjacent_find(first.begin(), first.end()) == first.end());  // all different
  // Array elements and the root have no key, so no id.
  CHECK(a.tape[0].key_id == no_key_id);
  for (const node& n : a.tape)
    if (n.key.data() == nullptr) CHECK(n.key_id == no_key_id);
}

TEST_CASE("the block path and the line path give the same ids", "[key_table]") {
  std::string input = R"({"a":1,"b":"x\"y","c":{"a":2}})"
                      "\n"
                      R"({"c":3,"d\u0041":4,"b":5})"
                      "\n";
  event_parser blocky;
  event_parser alone;
  line_framer framer(std::size_t{1} << 20, 256);
  framer.reset();
  framer.feed(input);
  line l;
  event eb;
  event ea;
  int lines = 0;
  while (framer.next(l)) {
    REQUIRE(blocky.parse(l.bytes, eb, framer.block()).kind == line_kind::event);
    REQUIRE(alone.parse(l.bytes, ea).kind == line_kind::event);
    REQUIRE(eb.tape.size() == ea.tape.size());
    for (std::size_t i = 0; i < eb.tape.size(); ++i) CHECK(eb.tape[i].key_id == ea.tape[i].key_id);
    ++lines;
  }
  CHECK(lines == 2);
  CHECK(member(eb, "dA").key_id != member(eb, "c").key_id);  // escaped keys are interned unescaped
}

TEST_CASE("parsers that share one table give one space, each reading its own blocks", "[key_table]") {
  // --merge's inputs: a parser each, their framers' blocks apart, their events through one
  // renderer whose memos by id must not start again at every change of input.
  event_parser owner;
  event_parser first;
  event_parser second;
  event_parser apart;
  first.share_keys_with(owner);
  second.share_keys_with(owner);
  line_framer framer_a(std::size_t{1} << 20, 256);
  line_framer framer_b(std::size_t{1} << 20, 256);
  framer_a.reset();
  framer_b.reset();
  framer_a.feed(R"({"time":1,"x":{"y":2}})"
                "\n"
                R"({"x":3,"z\u0041":"a\"b"})"
                "\n");
  framer_b.feed(R"({"zA":4,"x":5})"
                "\n"
                R"({"time":6,"y":7})"
                "\n");
  std::map<std::string, std::uint16_t> ids;  // every key's id in the shared space
  auto note = [&ids](const event& ev) {
    for (const node& n : ev.tape) {
      if (n.key.data() == nullptr) continue;
      auto [at, added] = ids.emplace(std::string(n.key), n.key_id);
      CHECK(at->second == n.key_id);  // one key, one id, whichever parser read it
    }
  };
  line la;
  line lb;
  event ea;
  event eb;
  event ec;
  for (int k = 0; k < 2; ++k) {
    REQUIRE(framer_a.next(la));
    REQUIRE(framer_b.next(lb));
    REQUIRE(first.parse(la.bytes, ea, framer_a.block(), la.backslash).kind == line_kind::event);
    REQUIRE(second.parse(lb.bytes, eb, framer_b.block(), lb.backslash).kind == line_kind::event);
    REQUIRE(apart.parse(lb.bytes, ec).kind == line_kind::event);
    note(ea);
    note(eb);
    CHECK(ea.key_space == eb.key_space);
    CHECK(ec.key_space != ea.key_space);  // its ids are its own: the memos start again
  }
  CHECK(ids.size() == 4);  // time, x, y and zA (escaped on one line)
  std::set<std::uint16_t> distinct;
  for (const auto& [key, id] : ids) {
    CHECK(id != no_key_id);
    distinct.insert(id);
  }
  CHECK(distinct.size() == ids.size());
}

TEST_CASE("keys that differ only in trailing NUL bytes get ids of their own", "[key_table]") {
  // Short keys are hashed without their size: such keys share a hash, never an id.
  key_table keys;
  keys.begin_line();
  std::vector<std::uint16_t> ids;
  for (std::size_t size = 0; size <= 17; ++size) {
    std::string key = "k" + std::string(size, '\0');
    ids.push_back(keys.intern(key));
    CHECK(keys.intern(key) == ids.back());
  }
  std::vector<std::uint16_t> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("a full table starts again under a new key space", "[key_table]") {
  key_table keys;
  std::uint32_t space = keys.space();
  for (std::size_t i = 0; i < key_table::capacity; ++i) REQUIRE(keys.intern("k" + std::to_string(i)) == i);
  CHECK(keys.intern("one more") == no_key_id);
  CHECK(keys.intern("k7") == 7);  // known keys keep their ids until the table starts again
  keys.begin_line();
  CHECK(keys.space() != space);
  CHECK(keys.intern("one more") == 0);
  CHECK(keys.intern(std::string(key_table::longest_key + 1, 'x')) == no_key_id);
  CHECK(keys.intern(std::string(key_table::longest_key, 'x')) == 1);
}

TEST_CASE("key_memo computes once per id and forgets another space's ids", "[key_table]") {
  event_parser one;
  event_parser other;
  event ev;
  key_memo<std::string> memo;
  int made = 0;
  auto upper = [&](std::string_view key) {
    ++made;
    std::string s(key);
    for (char& c : s) c = static_cast<char>(c & ~0x20);
    return s;
  };
  for (int line = 0; line < 3; ++line) {
    REQUIRE(one.parse(R"({"ab":1,"cd":2})", ev).kind == line_kind::event);
    CHECK(memo.get(ev, ev.tape[ev.fields[0]], upper) == "AB");
    CHECK(memo.get(ev, ev.tape[ev.fields[1]], upper) == "CD");
  }
  CHECK(made == 2);
  // The other parser's first id is 0 too, for another key: the memo must not answer "AB".
  REQUIRE(other.parse(R"({"xy":1})", ev).kind == line_kind::event);
  CHECK(memo.get(ev, ev.tape[ev.fields[0]], upper) == "XY");
  CHECK(made == 3);
  // A synthesized field has no id: computed every time.
  std::uint32_t added = ev.append_field("zz", value_kind::string, "v");
  CHECK(memo.get(ev, ev.tape[added], upper) == "ZZ");
  CHECK(memo.get(ev, ev.tape[added], upper) == "ZZ");
  CHECK(made == 5);
}
