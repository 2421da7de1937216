// Parses a line with simdjson On-Demand and records every value on the event's tape.
#include "logmoji/parser.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <new>
#include <vector>

#include <simdjson.h>

namespace logmoji {
namespace od = simdjson::ondemand;

namespace {

constexpr std::string_view json_space = " \t\n\r";

std::string_view trim_space(std::string_view s) {
  while (!s.empty() && json_space.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t skip_digits(std::string_view t, std::size_t i) {
  while (i < t.size() && is_digit(t[i])) ++i;
  return i;
}

// Maps a scalar token to its kind. Python's json module writes bare NaN, Infinity and
// -Infinity, and the library really emits them, so they are accepted; anything else that is
// not a JSON literal makes the line invalid.
bool classify_scalar(std::string_view tok, value_kind& kind) {
  if (tok == "true")
    kind = value_kind::true_value;
  else if (tok == "false")
    kind = value_kind::false_value;
  else if (tok == "null")
    kind = value_kind::null_value;
  else if (tok == "NaN")
    kind = value_kind::nan_value;
  else if (tok == "Infinity")
    kind = value_kind::pos_inf;
  else if (tok == "-Infinity")
    kind = value_kind::neg_inf;
  else if (is_json_number(tok))
    kind = value_kind::number;
  else
    return false;
  return true;
}

// One byte of a key, enough to tell most keys of an event apart.
std::uint8_t key_hash(std::string_view key) {
  if (key.empty()) return 0;
  auto byte = [&key](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(key[i])); };
  return static_cast<std::uint8_t>(key.size() * 31 + byte(0) * 7 + byte(key.size() / 2) * 3 + byte(key.size() - 1));
}

// True when two top-level fields share a key. A 256-bit set of key hashes answers most lines in
// one pass; only a hash seen before compares that key with the earlier ones of the same hash.
bool has_duplicate_key(const event& ev) {
  constexpr std::size_t remembered = 64;
  std::array<std::uint64_t, 4> seen{};
  std::array<std::uint8_t, remembered> hashes{};
  for (std::size_t k = 0; k < ev.fields.size(); ++k) {
    std::string_view key = ev.tape[ev.fields[k]].key;
    std::uint8_t h = key_hash(key);
    std::uint64_t bit = std::uint64_t{1} << (h & 63);
    if (seen[h >> 6] & bit)
      for (std::size_t j = 0; j < k; ++j)
        if ((j >= remembered || hashes[j] == h) && ev.tape[ev.fields[j]].key == key) return true;
    seen[h >> 6] |= bit;
    if (k < remembered) hashes[k] = h;
  }
  return false;
}

// JSON.parse and Python's json keep one member per key: the first one's place, the last one's
// value. Roles, filters and every output then see that member alone. Nested objects keep their
// repeats (docs/fields.md).
void keep_last_of_duplicates(event& ev) {
  if (!has_duplicate_key(ev)) return;
  auto& fields = ev.fields;
  std::size_t kept = 0;
  for (std::size_t k = 0; k < fields.size(); ++k) {
    std::uint32_t i = fields[k];
    auto earlier = std::find_if(fields.begin(), fields.begin() + static_cast<std::ptrdiff_t>(kept),
                                [&](std::uint32_t j) { return ev.tape[j].key == ev.tape[i].key; });
    if (earlier != fields.begin() + static_cast<std::ptrdiff_t>(kept))
      *earlier = i;
    else
      fields[kept++] = i;
  }
  fields.resize(kept);
}

}  // namespace

bool is_json_number(std::string_view t) noexcept {
  std::size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  if (i >= t.size()) return false;
  if (t[i] == '0')
    ++i;
  else if (is_digit(t[i]))
    i = skip_digits(t, i);
  else
    return false;
  if (i < t.size() && t[i] == '.') {
    std::size_t j = skip_digits(t, i + 1);
    if (j == i + 1) return false;
    i = j;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    std::size_t j = skip_digits(t, i);
    if (j == i) return false;
    i = j;
  }
  return i == t.size();
}

struct event_parser::impl {
  // simdjson keeps per-depth state in an array sized by its max_depth and only asserts (in debug
  // builds) against going past it: leave room for the root object and the deepest container we
  // accept, so our own cap always trips first.
  od::parser parser;

  impl() { reset(); }

  // iterate() re-allocates with the depth set here.
  void reset() {
    parser = od::parser{};
    if (parser.allocate(std::size_t{1} << 16, static_cast<std::size_t>(max_depth) + 2)) throw std::bad_alloc();
  }

  // simdjson keeps its index (about 5 bytes per input byte) sized for the largest line seen:
  // after a huge line, the next ordinary one gives that memory back.
  void shrink_after_huge_line(std::size_t next_size) {
    constexpr std::size_t huge = std::size_t{16} << 20;
    if (padded.size() <= huge || next_size >= huge / 16) return;
    padded = std::vector<char>();
    reset();
  }
  std::vector<char> padded;
  std::string_view reason;

  bool fail(std::string_view why) {
    reason = why;
    return false;
  }

  bool walk_value(od::value v, std::string_view key, event& ev, int depth);
  bool walk_object(od::object o, event& ev, int depth);
  bool walk_array(od::array a, event& ev, int depth);
  bool walk_scalar(od::value& v, od::json_type type, std::string_view key, event& ev);
};

bool event_parser::impl::walk_object(od::object o, event& ev, int depth) {
  for (auto field : o) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return fail("bad object key");
    od::value v;
    if (field.value().get(v)) return fail("bad object member");
    if (!walk_value(v, key, ev, depth)) return false;
  }
  return true;
}

bool event_parser::impl::walk_array(od::array a, event& ev, int depth) {
  for (auto element : a) {
    od::value v;
    if (element.get(v)) return fail("bad array element");
    if (!walk_value(v, {}, ev, depth)) return false;
  }
  return true;
}

bool event_parser::impl::walk_scalar(od::value& v, od::json_type type, std::string_view key, event& ev) {
  if (type == od::json_type::string) {
    std::string_view s;
    if (v.get_string().get(s)) return fail("bad string");
    ev.tape.push_back(node{value_kind::string, 0, key, s});
    return true;
  }
  std::string_view tok = trim_space(v.raw_json_token());
  value_kind kind{};
  if (!classify_scalar(tok, kind)) return fail("bad literal");
  ev.tape.push_back(node{kind, 0, key, kind == value_kind::number ? tok : std::string_view{}});
  return true;
}

bool event_parser::impl::walk_value(od::value v, std::string_view key, event& ev, int depth) {
  auto index = static_cast<std::uint32_t>(ev.tape.size());
  od::json_type type{};
  if (v.type().get(type)) {
    // NaN and Infinity are not JSON: simdjson cannot type them, the token tells.
    std::string_view tok = trim_space(v.raw_json_token());
    value_kind kind{};
    if (!classify_scalar(tok, kind) || kind == value_kind::number) return fail("unexpected character");
    ev.tape.push_back(node{kind, index + 1, key, {}});
    return true;
  }
  if (type == od::json_type::object || type == od::json_type::array) {
    if (depth >= max_depth) return fail("nesting too deep");
    bool is_object = type == od::json_type::object;
    ev.tape.push_back(node{is_object ? value_kind::object : value_kind::array, 0, key, {}});
    bool ok = true;
    if (is_object) {
      od::object o;
      ok = !v.get_object().get(o) && walk_object(o, ev, depth + 1);
    } else {
      od::array a;
      ok = !v.get_array().get(a) && walk_array(a, ev, depth + 1);
    }
    if (!ok) return reason.empty() ? fail("bad structure") : false;
    ev.tape[index].end = static_cast<std::uint32_t>(ev.tape.size());
    return true;
  }
  if (!walk_scalar(v, type, key, ev)) return false;
  ev.tape[index].end = index + 1;
  return true;
}

event_parser::event_parser() : impl_(std::make_unique<impl>()) {}
event_parser::~event_parser() = default;

parse_outcome event_parser::parse(std::string_view line, event& ev) {
  ev.clear();
  std::string_view body = trim_space(line);
  while (!body.empty() && json_space.find(body.front()) != std::string_view::npos) body.remove_prefix(1);
  if (body.empty()) return {line_kind::blank, {}};
  if (body.front() != '{') {
    // Only objects are events; other valid JSON is shown as a raw line either way.
    return {line_kind::not_object, "not a JSON object"};
  }
  impl& p = *impl_;
  p.reason = {};
  p.shrink_after_huge_line(body.size());
  // Our own zeroed padding: simdjson may read past the end, and must never see the next line.
  std::size_t need = body.size() + simdjson::SIMDJSON_PADDING;
  if (p.padded.size() < need) p.padded.resize(need);
  std::memcpy(p.padded.data(), body.data(), body.size());
  std::memset(p.padded.data() + body.size(), 0, simdjson::SIMDJSON_PADDING);

  od::document doc;
  if (p.parser.iterate(p.padded.data(), body.size(), p.padded.size()).get(doc))
    return {line_kind::invalid, "malformed JSON"};
  od::object root;
  if (doc.get_object().get(root)) return {line_kind::invalid, "malformed JSON"};
  ev.tape.push_back(node{value_kind::object, 0, {}, {}});
  if (!p.walk_object(root, ev, 1)) return {line_kind::invalid, p.reason.empty() ? "malformed JSON" : p.reason};
  ev.tape[0].end = static_cast<std::uint32_t>(ev.tape.size());
  // At the end of the document current_location() reports an error; a location means more
  // content follows the object (`{"a":1}{"b":2}`).
  const char* rest = nullptr;
  if (!doc.current_location().get(rest)) return {line_kind::invalid, "trailing content after the object"};
  for (std::uint32_t i = 1; i < ev.tape.size(); i = ev.tape[i].end) ev.fields.push_back(i);
  keep_last_of_duplicates(ev);
  return {line_kind::event, {}};
}

}  // namespace logmoji
