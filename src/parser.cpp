// Parses lines into the event tape: a block of lines through one simdjson stage 1 and our own
// reading of its structural index, anything unusual through simdjson On-Demand, line by line.
#include "logmoji/parser.hpp"
#include "logmoji/unaligned.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <cstdint>
#include <cstring>
#include <new>
#include <vector>

#include <simdjson.h>

#include "logmoji/key_table.hpp"

namespace logmoji {
namespace od = simdjson::ondemand;

namespace {

// JSON's whitespace.
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::string_view trim_space(std::string_view s) {
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::size_t skip_digits(std::string_view t, std::size_t i) {
  while (i < t.size() && is_digit(t[i])) ++i;
  return i;
}

// RFC 8259's number grammar; inline in the block reader's loop, where most scalars are numbers.
inline bool json_number(std::string_view t) {
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
  else if (json_number(tok))
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

// Up to this many top-level fields, repeated keys are found by comparing pairs (a hash set
// rules most pairs out); a longer line's keys are sorted instead: pairwise, 100,000 keys took
// seconds, and such a line is hostile input (docs/reliability.md).
constexpr std::size_t pairwise_fields = 64;

// A line of more than pairwise_fields: its fields' positions sorted once by key and, among
// equal keys, by position; each run of one key then leaves its first position with its last
// member, and the other positions go. One buffer of each per thread, grown, never freed.
void keep_last_of_duplicates_sorted(event& ev) {
  auto& fields = ev.fields;
  auto key = [&ev, &fields](std::uint32_t k) { return ev.tape[fields[k]].key; };
  thread_local std::vector<std::uint32_t> order;
  order.resize(fields.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    std::string_view x = key(a), y = key(b);
    return x < y || (x == y && a < b);
  });
  bool repeated = false;
  for (std::size_t i = 1; i < order.size() && !repeated; ++i) repeated = key(order[i - 1]) == key(order[i]);
  if (!repeated) return;
  constexpr std::uint32_t no_field = ~std::uint32_t{0};
  thread_local std::vector<std::uint32_t> member;
  member.assign(fields.begin(), fields.end());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i + 1;
    while (j < order.size() && key(order[i]) == key(order[j])) member[order[j++]] = no_field;
    if (j - i > 1) member[order[i]] = fields[order[j - 1]];
    i = j;
  }
  std::size_t kept = 0;
  for (std::uint32_t m : member)
    if (m != no_field) fields[kept++] = m;
  fields.resize(kept);
}

// True when two of a line's (at most pairwise_fields) top-level fields share a key. A 256-bit
// set of key hashes answers most lines in one pass; only a hash seen before compares that key
// with the earlier ones of the same hash.
bool has_duplicate_key(const event& ev) {
  std::array<std::uint64_t, 4> seen{};
  std::array<std::uint8_t, pairwise_fields> hashes{};
  for (std::size_t k = 0; k < ev.fields.size(); ++k) {
    std::string_view key = ev.tape[ev.fields[k]].key;
    std::uint8_t h = key_hash(key);
    std::uint64_t bit = std::uint64_t{1} << (h & 63);
    if (seen[h >> 6] & bit)
      for (std::size_t j = 0; j < k; ++j)
        if (hashes[j] == h && ev.tape[ev.fields[j]].key == key) return true;
    seen[h >> 6] |= bit;
    hashes[k] = h;
  }
  return false;
}

// JSON.parse and Python's json keep one member per key: the first one's place, the last one's
// value. Roles, filters and every output then see that member alone. Nested objects keep their
// repeats (docs/fields.md).
void keep_last_of_duplicates(event& ev) {
  auto& fields = ev.fields;
  if (fields.size() > pairwise_fields) return keep_last_of_duplicates_sorted(ev);
  if (!has_duplicate_key(ev)) return;
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

// Scalars by their first byte: numbers are the common case and need no literal comparison.
bool classify_token(std::string_view tok, value_kind& kind) {
  char c = tok.front();
  if (is_digit(c) || (c == '-' && tok != "-Infinity")) {
    kind = value_kind::number;
    return json_number(tok);
  }
  return classify_scalar(tok, kind);
}

// The end of the integer or plain decimal (-?digits, .digits) at `s`, or null when the token
// starts otherwise or goes on like no such number (a leading zero, an exponent, a dot without
// digits): json_number then decides. A scalar ends where whitespace or a structural begins, so
// the digit scans stop inside the line without a bound.
inline const char* plain_number_end(const char* s) {
  const char* d = s + (*s == '-');
  const char* first = d;
  d = digits_end(d);
  if (d == first || (*first == '0' && d - first > 1)) return nullptr;
  if (*d == '.') {
    const char* fraction = ++d;
    while (is_digit(*d)) ++d;  // a fraction's few digits: cheaper byte by byte than digits_end
    if (d == fraction) return nullptr;
  }
  return *d == 'e' || *d == 'E' ? nullptr : d;
}

// The first backslash in [s, end), or end.
const char* find_backslash(const char* s, const char* end) {
  const auto* hit = static_cast<const char*>(std::memchr(s, '\\', static_cast<std::size_t>(end - s)));
  return hit ? hit : end;
}

// Reads the lines of a block from one simdjson stage 1 over many of them. The structural index
// of a stretch of lines is, inside each line that starts with a structural '{', the index a
// stage 1 of that line alone would give: stage 1's state at a line start depends only on whether
// a string is open, and a '{' inside an open string is never structural. So a line whose first
// structural is its '{' is read from the shared index; anything else, and anything the reading
// below is not sure of, returns false and takes the line-by-line path, which decides and words
// every failure.
class block_reader {
public:
  // Reads `body` (trimmed, starting with '{') into `ev`; false: not decided here.
  bool read(std::string_view body, const line_block& block, key_table& keys, event& ev, const char* backslash) {
    if (!locate(body, block)) return false;
    if (strings_.size() < body.size() + simdjson::SIMDJSON_PADDING)
      strings_.resize(body.size() + simdjson::SIMDJSON_PADDING);
    auto e = static_cast<std::uint32_t>(body.data() + body.size() - base_);
    // Each node starts at a structural of its own, a byte of the line: a short line's nodes
    // fit in room for as many as it has bytes, and its walk checks the room for none of them.
    if (body.size() <= unchecked_bytes) return walk<false>(e, std::max(body.size(), usual_nodes), keys, ev, backslash);
    return walk<true>(e, usual_nodes, keys, ev, backslash);
  }

  /// Whether the last read decoded an escape into a string inside an object or a list (the
  /// top-level strings' places are looked at anyway).
  [[nodiscard]] bool unescaped_nested() const { return nested_unescaped_; }

  // The index of `body` (trimmed, starting with '{'), without reading it.
  bool structure(std::string_view body, const line_block& block, line_structure& out, const char* backslash) {
    if (!locate(body, block)) return false;
    out = {base_, stage1_->structural_indexes.get() + next_,
           static_cast<std::uint32_t>(body.data() + body.size() - base_), backslash};
    return true;
  }

  // A reader of structure()'s view found where the line's entries end (`past`, the first one at
  // or after its end): the next line is looked for from there, not galloped to.
  /// A line of `block` that is not an object (a traceback, a print): from now on the block's
  /// stretches end before such lines (stretch_end).
  void saw_other_line(const line_block& block) { careful_serial_ = block.serial; }

  void passed(const std::uint32_t* past) {
    if (!stage1_) return;
    const std::uint32_t* ix = stage1_->structural_indexes.get();
    if (past >= ix + next_ && past <= ix + count_) next_ = static_cast<std::uint32_t>(past - ix);
  }

private:
  // Moves the cursor to `body`'s first structural, indexing a new stretch when it is not indexed.
  // Inline: on every line its tests cost less than the call did (8 to 12 instructions a line).
  // The usual line lies in the stretch indexed from this block and starts where the line before
  // ended; everything else is out of line, so that the callers need few registers for it.
  [[gnu::always_inline]] bool locate(std::string_view body, const line_block& block) {
    const char* b = body.data();
    if (block.serial == serial_ && b >= base_ && b + body.size() <= base_ + size_ && body.size() <= max_window &&
        stage1_->structural_indexes[next_] == static_cast<std::uint32_t>(b - base_)) [[likely]]
      return true;
    return relocate(body, block);
  }

  // locate() for any other line: one the cursor is behind, past the stretch, or in a new block.
  [[gnu::noinline]] bool relocate(std::string_view body, const line_block& block) {
    const char* b = body.data();
    const char* e = b + body.size();
    if (body.size() > max_window || b < block.bytes.data() || e > block.bytes.data() + block.bytes.size()) return false;
    bool same = block.serial == serial_;
    if (!same || b < base_ || e > base_ + size_ || !found_at(b)) {
      // Past the end of what was indexed, the stretch was worth it: the next one is longer.
      // Anywhere else (a new buffer, a line read again, a string left open by an earlier line)
      // it starts small.
      window_ = same && b >= base_ + size_ ? std::clamp(window_ * 2, min_window, max_window) : first_window;
      serial_ = block.serial;
      if (!index_from(b, e, block) || !found_at(b)) return false;
    }
    return true;
  }

  static constexpr std::size_t min_window = std::size_t{1} << 10;
  static constexpr std::size_t first_window = std::size_t{4} << 10;
  static constexpr std::size_t max_window = std::size_t{256} << 10;
  static constexpr std::size_t max_nesting = 64;

  // Moves the cursor to the line starting at `b`; true when its first structural is there.
  // Lines a reader without a tape looked at (structure()) leave the cursor behind: it gallops
  // over them, then searches the last step.
  [[gnu::always_inline]] bool found_at(const char* b) {
    auto at = static_cast<std::uint32_t>(b - base_);
    const std::uint32_t* ix = stage1_->structural_indexes.get();
    // Lines read in order: the line before ended where this one starts. (next_ <= count_, and
    // the index holds end marks past count_, never equal to a line's start.)
    return ix[next_] == at || gallop_to(at);
  }

  // found_at for a line the cursor is behind (out of line: most lines start where it is).
  [[gnu::noinline]] bool gallop_to(std::uint32_t at) {
    const std::uint32_t* ix = stage1_->structural_indexes.get();
    std::uint32_t step = 16;
    while (next_ + step < count_ && ix[next_ + step] < at) {
      next_ += step;
      step *= 2;
    }
    const std::uint32_t* last = ix + std::min(next_ + step, count_);
    next_ = static_cast<std::uint32_t>(std::lower_bound(ix + next_, last, at) - ix);
    return next_ < count_ && ix[next_] == at;
  }

  // Runs stage 1 from the line at [b, e) over the whole lines of `block` after it, about
  // window_ bytes of them. A line that cannot be an object (a traceback, a print) ends the
  // stretch: it is never read from the index, and a quote it leaves open would fail the stage 1
  // of all of it. When the stretch fails (invalid UTF-8 or a control character in a string
  // somewhere in it), the line is indexed alone, and the stretches start again from one line:
  // a failure never costs more than the work done since the last one.
  bool index_from(const char* b, const char* e, const line_block& block) {
    if (!stage1_ &&
        simdjson::get_active_implementation()->create_dom_parser_implementation(max_window, max_nesting + 2, stage1_))
      return false;
    base_ = b;
    size_ = static_cast<std::size_t>(stretch_end(b, e, block) - b);
    if (run_stage1()) return true;
    careful_serial_ = block.serial;  // the bytes that failed it may well be a raw line's
    window_ = 0;
    size_ = static_cast<std::size_t>(e - b);
    return run_stage1();
  }

  // The end of the whole lines from [b, e) on that one stretch takes.
  const char* stretch_end(const char* b, const char* e, const line_block& block) const {
    // Never scanned past the longest stretch: a long line further on costs nothing here.
    const char* scan_end = std::min(block.bytes.data() + block.bytes.size(), b + max_window);
    const char* limit = std::min(scan_end, b + window_);
    // Until the block shows a line that is not an object, its lines are taken whole up to the
    // window's last newline, unseen: no scan per line. A raw line in the stretch after all can
    // leave a string open (the next lines are not found at their '{', and indexed again, now
    // with care) or fail the stretch's stage 1 (the line is then indexed alone): what the
    // careful scan saves, once per block.
    if (careful_serial_ != block.serial) {
      if (e >= limit) return e;
      const auto* nl = static_cast<const char*>(memrchr(e, '\n', static_cast<std::size_t>(limit - e)));
      return nl ? nl + 1 : e;
    }
    const char* stop = e;
    const auto* nl = static_cast<const char*>(std::memchr(e, '\n', static_cast<std::size_t>(scan_end - e)));
    while (nl && nl + 1 < limit) {
      const char* next = nl + 1;
      while (next < scan_end && (*next == ' ' || *next == '\t' || *next == '\r')) ++next;
      if (next == scan_end || (*next != '{' && *next != '\n')) break;
      nl = static_cast<const char*>(std::memchr(next, '\n', static_cast<std::size_t>(scan_end - next)));
      if (nl) stop = nl + 1;
    }
    return stop;
  }

  bool run_stage1() {
    next_ = 0;
    count_ = 0;
    if (size_ > max_window ||
        stage1_->stage1(reinterpret_cast<const std::uint8_t*>(base_), size_, simdjson::stage1_mode::regular)) {
      size_ = 0;
      return false;
    }
    count_ = stage1_->n_structural_indexes;
    // The end marks structure() promises (the index has room for them).
    for (std::uint32_t k = count_; k < count_ + 3; ++k)
      stage1_->structural_indexes[k] = static_cast<std::uint32_t>(size_);
    return true;
  }

  // The body at `s` up to its closing quote, a string holding a backslash, unescaped into
  // strings_. Stage 1 succeeded over the stretch, so the body needs no check of its own: a
  // quote in it unescaped would have closed the string and made a structural before the one
  // after it; a raw control byte fails stage 1; an odd backslash run at its end would have
  // escaped the closing quote; and a line whose start stage 1 saw inside a string is never read
  // from the index (found_at).
  [[gnu::noinline]] bool unescape(const char* s, std::string_view& out) {
    auto* dst = reinterpret_cast<std::uint8_t*>(strings_.data() + used_);
    std::uint8_t* stop = stage1_->parse_string(reinterpret_cast<const std::uint8_t*>(s), dst);
    if (!stop) return false;
    out = {strings_.data() + used_, static_cast<std::size_t>(stop - dst)};
    used_ += out.size();
    return true;
  }

  // The scalar starting at offset `p`, the next structural at `q`.
  bool scalar_at(std::uint32_t p, std::uint32_t q, value_kind& kind, std::string_view& tok) const {
    const char* s = base_ + p;
    const char* end = base_ + q;
    if (const char* n = plain_number_end(s); n && (n == end || is_space(*n))) [[likely]] {
      kind = value_kind::number;
      tok = {s, static_cast<std::size_t>(n - s)};
      return true;
    }
    while (is_space(end[-1])) --end;
    tok = {s, static_cast<std::size_t>(end - s)};
    return classify_token(tok, kind);
  }

public:
  /// What walk() found of the line's top-level keys: keep_last_of_duplicates is needed when two
  /// share an id. One key text has one id all through a line, and that includes no_key_id (a key
  /// too long, or one the full table has no room for): a repeat always shares its id.
  bool maybe_repeated = false;

private:
  // Reads the object at the cursor, ending at offset `e`, onto the tape and its top-level
  // fields; the line must hold nothing after it. One loop over the structurals: each label is
  // what the next structural may be, so that no state is looked up between them. The tape is
  // given room for `room_nodes`; past them, a `checked` walk grows it. `first_backslash`: the
  // line's first backslash as the framer found it (null: not known).
  template <bool checked>
  bool walk(std::uint32_t e, std::size_t room_nodes, key_table& keys, event& ev, const char* first_backslash) {
    const std::uint32_t* ix = stage1_->structural_indexes.get();
    const char* base = base_;
    std::array<std::uint32_t, max_nesting> open;
    std::uint64_t objects = 0;  // bit d: the container open at depth d is an object
    bool in_object = false;     // the innermost one is
    std::size_t depth = 0;
    const std::uint32_t* q = ix + next_;  // the structural being read
    std::uint32_t p = 0;
    char c = 0;
    std::string_view key;
    std::uint16_t key_id = no_key_id;
    // Nodes are written straight into the tape's room and taken in at the end: the room is
    // checked (if at all) once per node against a local bound, never through the tape.
    auto& tape = ev.tape;
    auto size = static_cast<std::uint32_t>(tape.size());
    node* nodes = tape.room(room_nodes);
    nodes -= size;
    auto room_end = static_cast<std::uint32_t>(tape.capacity());
    auto add = [&](const node& n) {
      if constexpr (checked) {
        if (size == room_end) [[unlikely]] {
          tape.commit(size);
          nodes = tape.room(size) - size;  // doubles it
          room_end = static_cast<std::uint32_t>(tape.capacity());
        }
      }
      nodes[size++] = n;
    };
    // Top-level keys by id in a 128-bit set; a bit seen twice is confirmed against the ids.
    std::array<std::uint64_t, 2> ids_seen{};
    maybe_repeated = false;
    used_ = 0;
    nested_unescaped_ = false;
    const char* line_end = base + e;
    const char* backslash = first_backslash;  // the line's first backslash not before the string being read
    // The body of the string whose opening quote is at offset `quote`, the next structural at
    // `after` (its end is where that structural's whitespace begins).
    auto string_at = [&](std::uint32_t quote, std::uint32_t after, std::string_view& out) {
      const char* s = base + quote + 1;
      const char* end = base + after;
      if (end[-1] != '"') [[unlikely]] {
        while (is_space(end[-1])) --end;
        if (end[-1] != '"') return false;
      }
      if (--end < s) return false;
      // Stage 1 succeeded, so no string holds a raw control character; and in a body without a
      // backslash the first quote closes the string, with nothing but whitespace between it and
      // the next structural: a body free of backslashes is its own text. The line's backslashes
      // are found lazily, once over the line in all.
      if (backslash < s) backslash = find_backslash(s, line_end);
      if (backslash >= end) [[likely]] {
        out = {s, static_cast<std::size_t>(end - s)};
        return true;
      }
      // The quote must close the string. Stage 1 vouches for that over a whole line, but a view
      // that is only a line's start (cut at --max-line-size) can end inside a string, on an
      // escaped quote: parse_string would then read on past the view, and write more than the
      // room sized for it.
      const char* escapes = end;
      while (escapes > s && escapes[-1] == '\\') --escapes;
      if ((end - escapes) % 2 != 0) [[unlikely]]
        return false;
      nested_unescaped_ = nested_unescaped_ || depth > 1;
      return unescape(s, out);
    };
    // The structural at q, which must lie in the line.
    auto at = [&]() {
      p = *q;
      if (p >= e) return false;
      c = base[p];
      return true;
    };
    if (!at()) return false;
    goto value;

  member:  // at a key
    if (c == '"') [[likely]] {
      // The common member: a key without an escape, its quote right before the colon, read
      // from its structurals in one step; and its value too when that is a plain string or
      // number with a ',' or '}' right after it. Other values (a container, a literal, an
      // escape, whitespace before the separator) go on at `value` with the key read; other
      // keys by the general path below from the same q. The structural after a string's
      // opening quote lies past its closing quote, so a key is never shorter than nothing.
      std::uint32_t colon = q[1];
      std::uint32_t v = q[2];
      const char* ks = base + p + 1;
      const char* ke = base + colon - 1;
      std::uint16_t quote_colon;
      std::memcpy(&quote_colon, ke, 2);
      if (v < e && quote_colon == ('"' | ':' << 8)) {
        if (backslash < ks) backslash = find_backslash(ks, line_end);
        if (backslash >= ke) [[likely]] {
          auto key_size = static_cast<std::size_t>(ke - ks);
          std::uint16_t id = keys.intern_padded(ks, key_size);
          if (depth == 1) note_field(ev, nodes, size, id, ids_seen);
          std::uint32_t after = q[3];
          const char* vs = base + v;
          const char* ve = base + after;
          q += 2;
          // No backslash before the separator: neither is the value escaped nor can a number
          // end in one.
          if (after < e && backslash >= ve) [[likely]] {
            value_kind kind = value_kind::string;
            if (*vs == '"') {
              ++vs;
              --ve;
              if (*ve != '"') ve = nullptr;
            } else {
              const char* n = plain_number_end(vs);
              ve = n && (n == ve || is_space(*n)) ? n : nullptr;
              kind = value_kind::number;
            }
            if (ve) [[likely]] {
              add(node{kind, size + 1, {ks, key_size}, {vs, static_cast<std::size_t>(ve - vs)}, id});
              ++q;
              c = base[after];
              if (c == '}') goto close;
              if (c != ',') return false;
              ++q;
              if (!at()) return false;
              goto member;
            }
          }
          key = {ks, key_size};
          key_id = id;
          p = v;
          c = base[v];
          goto value;
        }
      }
    }
    if (c != '"' || q[1] >= e || base[q[1]] != ':' || !string_at(p, q[1], key)) return false;
    key_id = keys.intern_padded(key.data(), key.size());
    if (depth == 1) note_field(ev, nodes, size, key_id, ids_seen);
    q += 2;
    if (!at()) return false;

  value:
    // Strings first: most values are.
    if (c == '"') {
      std::string_view text;
      if (!string_at(p, std::min(q[1], e), text)) return false;
      add(node{value_kind::string, size + 1, key, text, key_id});
    } else if (c == '{' || c == '[') {
      if (depth == max_nesting) return false;
      in_object = c == '{';
      open[depth] = size;
      add(node{in_object ? value_kind::object : value_kind::array, 0, key, {}, key_id});
      key = {};
      key_id = no_key_id;
      objects = (objects & ~(std::uint64_t{1} << depth)) | std::uint64_t{in_object} << depth;
      ++depth;
      ++q;
      if (!at()) return false;
      if (c == (in_object ? '}' : ']')) goto close;
      if (in_object) goto member;
      goto element;
    } else if (c == '}' || c == ']' || c == ',' || c == ':') {
      return false;
    } else {
      value_kind kind{};
      std::string_view tok;
      if (!scalar_at(p, std::min(q[1], e), kind, tok)) return false;
      add(node{kind, size + 1, key, kind == value_kind::number ? tok : std::string_view{}, key_id});
    }
    key_id = no_key_id;

  next:  // after a value
    ++q;
    if (!at()) return false;
    if (c == ',') {
      ++q;
      if (!at()) return false;
      if (in_object) goto member;
      goto element;
    }
    if (c != (in_object ? '}' : ']')) return false;

  close:  // a container closes at structural q
    nodes[open[--depth]].end = size;
    if (depth != 0) {
      in_object = (objects >> (depth - 1) & 1U) != 0;
      key = {};
      goto next;
    }
    ++q;
    if (*q < e) return false;  // more after the object
    next_ = static_cast<std::uint32_t>(q - ix);
    tape.commit(size);
    return true;

  element:  // at an array element; the key is empty
    // A plain string or number followed by ',' or ']', read from its two structurals in one
    // step; anything else by the general path (value) from the same q.
    if (c == '"') [[likely]] {
      std::uint32_t after = q[1];
      std::string_view text;
      if (after >= e || !string_at(p, after, text)) return false;
      add(node{value_kind::string, size + 1, {}, text});
      c = base[after];
    } else if (const char* n = plain_number_end(base + p); n && q[1] < e && (n == base + q[1] || is_space(*n))) {
      add(node{value_kind::number, size + 1, {}, {base + p, static_cast<std::size_t>(n - base - p)}});
      c = base[q[1]];
    } else {
      goto value;
    }
    ++q;
    if (c == ',') {
      ++q;
      if (!at()) return false;
      goto element;
    }
    if (c == ']') goto close;
    return false;
  }

  // Room the tape is given before a line, enough for most lines' nodes.
  static constexpr std::size_t usual_nodes = 256;
  // Lines up to this long are walked without a room check: the tape's room for one such line
  // is 160 KiB at most.
  static constexpr std::size_t unchecked_bytes = 4096;

  // A top-level member's value is the next node: one of the line's fields.
  void note_field(event& ev, const node* nodes, std::uint32_t field, std::uint16_t id,
                  std::array<std::uint64_t, 2>& ids_seen) {
    std::uint64_t bit = std::uint64_t{1} << (id & 63);
    std::uint64_t& word = ids_seen[id >> 6 & 1];
    if (word & bit) [[unlikely]] {
      for (std::uint32_t f : ev.fields) maybe_repeated = maybe_repeated || nodes[f].key_id == id;
    }
    word |= bit;
    ev.fields.push_back(field);
  }

  std::unique_ptr<simdjson::internal::dom_parser_implementation> stage1_;
  std::uint64_t serial_ = 0;
  std::uint64_t careful_serial_ = 0;  // the block whose stretches are scanned line by line
  const char* base_ = nullptr;        // the indexed stretch of whole lines
  std::size_t size_ = 0;
  std::uint32_t count_ = 0;  // its structurals
  std::uint32_t next_ = 0;   // the first structural not read yet
  std::size_t window_ = first_window;
  std::vector<char> strings_;  // the current line's unescaped strings
  std::size_t used_ = 0;
  bool nested_unescaped_ = false;  // a string below the top level held an escape (unescaped_nested)
};

// Line order of the top-level fields, and JSON.parse's one member per key: two members with one
// key have one id, so a set of the ids seen finds most lines without a repeat in one pass. Fields
// without a key id (a key too long for the table, or none left) leave the question to the key
// comparison. (The block path asks the same as it reads, confirming a repeated bit by the ids.)
void finish_event(event& ev) {
  std::array<std::uint64_t, 2> ids_seen{};
  bool maybe_repeated = false;
  for (std::uint32_t i = 1; i < ev.tape.size(); i = ev.tape[i].end) {
    ev.fields.push_back(i);
    std::uint16_t id = ev.tape[i].key_id;
    std::uint64_t bit = std::uint64_t{1} << (id & 63);
    std::uint64_t& word = ids_seen[id >> 6 & 1];
    maybe_repeated = maybe_repeated || id == no_key_id || (word & bit) != 0;
    word |= bit;
  }
  if (maybe_repeated) keep_last_of_duplicates(ev);
}

}  // namespace

bool is_json_number(std::string_view t) noexcept { return json_number(t); }

bool scalar_kind(std::string_view token, value_kind& kind) noexcept { return classify_scalar(token, kind); }

double number_value(std::string_view t) noexcept {
  double value = 0;
  if (t.empty() || std::from_chars(t.data(), t.data() + t.size(), value).ec != std::errc::result_out_of_range)
    return value;
  // Beyond double's range (from_chars leaves `value` alone): the power of ten of the first
  // significant digit says which way.
  const bool negative = t.front() == '-';
  std::string_view digits = t.substr(negative ? 1 : 0);
  std::size_t e = digits.find_first_of("eE");
  std::string_view mantissa = digits.substr(0, e);
  std::size_t dot = std::min(mantissa.find('.'), mantissa.size());
  std::size_t first = mantissa.find_first_of("123456789");
  long long power = first < dot ? static_cast<long long>(dot - first) - 1 : -static_cast<long long>(first - dot);
  if (e != std::string_view::npos) {
    std::string_view exponent = digits.substr(e + 1);
    const bool down = !exponent.empty() && exponent.front() == '-';
    if (!exponent.empty() && (exponent.front() == '-' || exponent.front() == '+')) exponent.remove_prefix(1);
    long long n = 0;
    for (char c : exponent) n = std::min(n * 10 + (c - '0'), 1'000'000'000LL);  // no overflow
    power += down ? -n : n;
  }
  const double magnitude = power > 0 ? std::numeric_limits<double>::infinity() : 0.0;
  return negative ? -magnitude : magnitude;
}

struct event_parser::impl {
  // simdjson keeps per-depth state in an array sized by its max_depth and only asserts (in debug
  // builds) against going past it: leave room for the root object and the deepest container we
  // accept, so our own cap always trips first.
  od::parser parser;

  // Allocated on the first line parsed alone, not when built: a worker holds three parsers (its
  // own and the envelope stage's two), most of which never parse a line alone, and at 32 workers
  // the eager 64 KiB indexes cost about 35 MB of resident memory.
  bool allocated = false;

  // iterate() re-allocates with the depth set here.
  void reset() {
    parser = od::parser{};
    if (parser.allocate(std::size_t{1} << 16, static_cast<std::size_t>(max_depth) + 2)) throw std::bad_alloc();
    allocated = true;
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

  block_reader block;
  key_table own_keys;
  key_table* keys = &own_keys;  // another parser's with share_keys_with()

  parse_outcome parse_alone(std::string_view body, event& ev);
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
    auto at = ev.tape.size();
    if (!walk_value(v, key, ev, depth)) return false;
    ev.tape[at].key_id = keys->intern(key);
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

void event_parser::share_keys_with(event_parser& owner) { impl_->keys = owner.impl_->keys; }

std::uint16_t event_parser::intern_key(std::string_view key) { return impl_->keys->intern(key); }

namespace {

// decided_by_first_byte for a line with whitespace around it, or none of an object's braces.
[[gnu::noinline]] bool decided_after_trimming(std::string_view line, std::string_view& body, parse_outcome& outcome) {
  body = trim_space(line);
  while (!body.empty() && is_space(body.front())) body.remove_prefix(1);
  if (body.empty()) {
    outcome = {line_kind::blank, {}};
    return true;
  }
  if (body.front() != '{') {
    // Only objects are events; other valid JSON is shown as a raw line either way.
    outcome = {line_kind::not_object, "not a JSON object"};
    return true;
  }
  return false;
}

// Blank and non-object lines are told by their first byte; `body` is the line without the
// whitespace around it. Inline: the common line, an object with nothing around it, is its own
// body after two byte tests, without a call.
inline bool decided_by_first_byte(std::string_view line, std::string_view& body, parse_outcome& outcome) {
  if (!line.empty() && line.front() == '{' && line.back() == '}') [[likely]] {
    body = line;
    return false;
  }
  return decided_after_trimming(line, body, outcome);
}

}  // namespace

parse_outcome event_parser::parse(std::string_view line, event& ev) {
  ev.clear();
  std::string_view body;
  parse_outcome outcome;
  if (decided_by_first_byte(line, body, outcome)) return outcome;
  impl_->keys->begin_line();
  ev.key_space = impl_->keys->space();
  return impl_->parse_alone(body, ev);
}

parse_outcome event_parser::parse(std::string_view line, event& ev, const line_block& block, const char* backslash) {
  ev.clear();
  std::string_view body;
  parse_outcome outcome;
  if (decided_by_first_byte(line, body, outcome)) {
    if (outcome.kind == line_kind::not_object) impl_->block.saw_other_line(block);
    return outcome;
  }
  impl_->keys->begin_line();
  ev.key_space = impl_->keys->space();
  if (block.serial != 0 && impl_->block.read(body, block, *impl_->keys, ev, backslash)) {
    if (impl_->block.maybe_repeated) keep_last_of_duplicates(ev);
    ev.unescaped = impl_->block.unescaped_nested();
    // Null (not looked for) is below every line's end.
    ev.strings_in_line =
        reinterpret_cast<std::uintptr_t>(backslash) >= reinterpret_cast<std::uintptr_t>(line.data() + line.size());
    return {line_kind::event, {}};
  }
  ev.clear();
  ev.key_space = impl_->keys->space();
  return impl_->parse_alone(body, ev);
}

bool event_parser::structure(std::string_view line, const line_block& block, line_structure& out,
                             const char* backslash) {
  // The common line is its own body: no outcome to build, and the rest out of line.
  if (!line.empty() && line.front() == '{' && line.back() == '}') [[likely]]
    return block.serial != 0 && impl_->block.structure(line, block, out, backslash);
  return structure_trimmed(line, block, out, backslash);
}

bool event_parser::structure_trimmed(std::string_view line, const line_block& block, line_structure& out,
                                     const char* backslash) {
  std::string_view body;
  parse_outcome outcome;
  if (decided_after_trimming(line, body, outcome)) {
    if (outcome.kind == line_kind::not_object) impl_->block.saw_other_line(block);
    return false;
  }
  return block.serial != 0 && impl_->block.structure(body, block, out, backslash);
}

void event_parser::structure_passed(const std::uint32_t* past) { impl_->block.passed(past); }

parse_outcome event_parser::impl::parse_alone(std::string_view body, event& ev) {
  reason = {};
  if (!allocated) reset();
  shrink_after_huge_line(body.size());
  // Our own zeroed padding: simdjson may read past the end, and must never see the next line.
  std::size_t need = body.size() + simdjson::SIMDJSON_PADDING;
  if (padded.size() < need) padded.resize(need);
  std::memcpy(padded.data(), body.data(), body.size());
  std::memset(padded.data() + body.size(), 0, simdjson::SIMDJSON_PADDING);

  od::document doc;
  if (parser.iterate(padded.data(), body.size(), padded.size()).get(doc)) return {line_kind::invalid, "malformed JSON"};
  od::object root;
  if (doc.get_object().get(root)) return {line_kind::invalid, "malformed JSON"};
  ev.tape.push_back(node{value_kind::object, 0, {}, {}});
  if (!walk_object(root, ev, 1)) return {line_kind::invalid, reason.empty() ? "malformed JSON" : reason};
  ev.tape[0].end = static_cast<std::uint32_t>(ev.tape.size());
  // At the end of the document current_location() reports an error; a location means more
  // content follows the object (`{"a":1}{"b":2}`).
  const char* rest = nullptr;
  if (!doc.current_location().get(rest)) return {line_kind::invalid, "trailing content after the object"};
  finish_event(ev);
  ev.unescaped = true;  // every string lies in simdjson's buffer, none in the line
  return {line_kind::event, {}};
}

}  // namespace logmoji
