#pragma once
// JSON event parser. Lines framed from one buffer share one simdjson stage 1 (the structural
// index) and are read from it straight into the event's tape; a line that path is not sure of
// (anything but a plain valid object) goes through one reused simdjson On-Demand parser that
// walks and so validates the whole line (On-Demand alone only validates what it touches:
// `{"level":"info","x":NaN}` would pass). Both give the same outcome and the same tape.

#include <cstdint>
#include <memory>
#include <string_view>

#include "logmoji/event.hpp"
#include "logmoji/framer.hpp"

namespace logmoji {

/// What a line turned out to be.
enum class line_kind {
  event,       ///< a JSON object
  blank,       ///< empty or only whitespace
  not_object,  ///< valid JSON, but not an object (42, "s", [1], null)
  invalid,     ///< not valid JSON
};

struct parse_outcome {
  line_kind kind = line_kind::invalid;
  std::string_view reason;  ///< why a line is invalid or not an object, for messages
};

/// Deepest nesting accepted; deeper lines are raw lines (as simdjson's DOM parser does).
inline constexpr int max_depth = 1024;

/// A line's part of the structural index its block shares (simdjson stage 1 over many lines), for
/// readers that need no tape (the selection prefilter). Offsets are from `base`; `at[0]` is the
/// line's '{'. The entries go on past the line (later lines' structurals, then three entries
/// past the indexed stretch), so a reader stops at the first entry >= `end`, the line's end, and
/// may look three entries past one before it.
struct line_structure {
  const char* base = nullptr;
  const std::uint32_t* at = nullptr;
  std::uint32_t end = 0;
  const char* backslash = nullptr;  ///< line::backslash, passed on
};

class event_parser {
public:
  event_parser();
  ~event_parser();
  event_parser(const event_parser&) = delete;
  event_parser& operator=(const event_parser&) = delete;

  /// From now on, key ids come from `owner`'s table (which must outlive this parser): the
  /// events of both are in one key space, so that the stages' memos by id (key_memo.hpp) hold
  /// across them. For parsers that take turns on the lines of one run (--merge's inputs).
  void share_keys_with(event_parser& owner);
  /// The id of `key` in this parser's key table (no_key_id when the table has no room), for a
  /// node added to an event the parser read: it is then as if the parser had read it there.
  std::uint16_t intern_key(std::string_view key);

  /// Parses one line into `ev` (cleared first). Views in `ev` stay valid until the next call.
  parse_outcome parse(std::string_view line, event& ev);
  /// The same for a line that may lie in `block` (line_framer::block()): the lines of one
  /// block, parsed in order, share one structural index. A line outside it is parsed alone.
  /// `backslash`: the framer's line::backslash (null: not known).
  parse_outcome parse(std::string_view line, event& ev, const line_block& block, const char* backslash = nullptr);
  /// The structural index of a line of `block` (trimmed, starting with '{'), indexed with the
  /// block's lines after it; false when it has none: not an object, outside the block, or bytes
  /// stage 1 refuses. A parse(line, ev, block) of the same line then reads the same index. The
  /// view lasts until the next call to parse() or structure().
  bool structure(std::string_view line, const line_block& block, line_structure& out, const char* backslash = nullptr);
  /// After a reader of structure()'s view has decided its line without parse(): `past` is the
  /// first entry at or after the line's end, where the next line's search starts.
  void structure_passed(const std::uint32_t* past);

private:
  // structure() for a line with whitespace around it or no object's braces (out of line).
  [[gnu::noinline]] bool structure_trimmed(std::string_view line, const line_block& block, line_structure& out,
                                           const char* backslash);

  struct impl;
  std::unique_ptr<impl> impl_;
};

/// True when `token` is a number literal by RFC 8259's grammar.
bool is_json_number(std::string_view token) noexcept;
/// The kind a parse gives the scalar `token` (a number, true, false, null, NaN, ±Infinity);
/// false when it is none of them.
bool scalar_kind(std::string_view token, value_kind& kind) noexcept;
/// The value of a number token (`scalar_kind` gave value_kind::number) as a double: beyond
/// double's range ±infinity, too small for it ±0, as Python's float() reads it (from_chars
/// would leave such a number 0).
double number_value(std::string_view token) noexcept;

}  // namespace logmoji
