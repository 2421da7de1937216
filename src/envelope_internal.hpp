#pragma once
// What the envelope readers (envelope_*.cpp) share: the stage's buffers, the builder of event
// texts and a few tape helpers. Every buffer is reused from line to line.

#include <array>
#include <cstdint>
#include <forward_list>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "logmoji/envelope.hpp"
#include "logmoji/event.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/parser.hpp"

namespace logmoji::envelope_detail {

/// The keys one object has been given, so that it is given none twice: of two members with one
/// key, every JSON reader keeps one and hides the other (docs/envelopes.md, "Names").
class key_log {
public:
  /// A new object; it extends `inner` (an envelope's inner event, written first) when given.
  void start(const event* inner = nullptr);
  /// `key`, or when the object has it already `key_<origin>`, and when that is taken too
  /// `key_<origin>_2`, `_3`, …; valid until the next start(). Without an origin, `key` as it is:
  /// an envelope's own keys, distinct by construction or reserved.
  std::string_view give(std::string_view key, std::string_view origin);
  /// Takes `key` for a member the envelope writes later, ahead of those renamed before it.
  void reserve(std::string_view key) { add(key); }
  /// Takes the aliases that would outrank `key` in `aliases` (a role's, in priority order), so
  /// that no member written later takes the role from it; none when `key` is no alias there.
  void reserve_outranking(std::span<const std::string_view> aliases, std::string_view key);
  /// Takes the aliases before `end` (all of them when it is aliases.end()).
  void reserve_all_before(std::span<const std::string_view> aliases, std::span<const std::string_view>::iterator end);
  [[nodiscard]] bool taken(std::string_view key);
  /// A key that must outlive the object's text (a decoded one).
  std::string_view keep(std::string_view key) { return made_.emplace_front(key); }

private:
  void add(std::string_view key);
  // Every lookup is bounded on hostile input: the first keys in place and past them a hash set;
  // a large inner event's keys in a hash set too; a renamed key's next number remembered.
  static constexpr std::size_t inner_scanned = 64;
  const event* inner_ = nullptr;
  std::unordered_set<std::string_view> inner_keys_;  // when inner_ has more than inner_scanned
  std::array<std::string_view, 32> first_{};
  std::size_t count_ = 0;
  std::unordered_set<std::string_view> more_;
  std::unordered_map<std::string_view, unsigned> numbered_;  // key_<origin> -> its last number
  std::forward_list<std::string> made_;                      // renamed and decoded keys
};

/// The members written, as a parse of the text would read them: each key as a view (valid until
/// the key log's next start), its value's kind, and where its text lies in the text, an offset.
/// `plain` while every member was a scalar written as it is (a string with nothing escaped).
struct placed_members {
  struct placed {
    std::string_view key;
    value_kind kind;
    std::size_t value, value_size;
  };
  std::vector<placed> at;
  bool plain = true;
  void clear() {
    at.clear();
    plain = true;
  }
};

/// Writes the members of a JSON object, commas included; with a key_log, no key twice.
class members {
public:
  explicit members(std::string& out, bool first = true, key_log* log = nullptr) : out_(out), first_(first), log_(log) {}
  /// Notes each member written from now on in `placed`.
  void note_members(placed_members* placed) { placed_ = placed; }
  /// What a key the object has already is renamed after, from now on (key_log::give).
  void origin(std::string_view o) { origin_ = o; }
  /// Writes `k` (or its new name) and the colon; returns the name written.
  std::string_view key(std::string_view k);
  /// Writes a string member; returns its key as written.
  std::string_view string(std::string_view k, std::string_view v);
  void json(std::string_view k, std::string_view json_text);
  /// Members already written as JSON text (`"a":1,"b":2`, by `members`), possibly none.
  void fragment(std::string_view text);
  /// A role's member: under `preferred`, or when the object has it the first of the role's
  /// `aliases` it lacks; then the aliases that would outrank it are reserved (key_log).
  void role(std::string_view preferred, std::span<const std::string_view> aliases, std::string_view value);
  /// An envelope's time beside an event's own time `own` (its key) that cannot be read as one.
  void time_over(std::string_view own, std::string_view value);
  /// A role's member under key `k`, then the aliases that would outrank it reserved.
  void role_member(std::string_view k, std::span<const std::string_view> aliases, std::string_view value);
  /// role_member() for a value that is no string: writes the key, reserves the aliases that
  /// would outrank it; the caller writes the value's JSON text.
  void role_key(std::string_view k, std::span<const std::string_view> aliases);

private:
  // The first undotted alias the object lacks; empty when it has them all.
  [[nodiscard]] std::string_view free_alias(std::span<const std::string_view> aliases) const;
  // `quoted`: k as JSON text already, written as it is unless renamed.
  std::string_view key(std::string_view k, std::string_view quoted);
  std::string& out_;
  bool first_;
  key_log* log_;
  std::string_view origin_;
  placed_members* placed_ = nullptr;
  // Notes the member `given` whose value's JSON text `value` starts at out_[at].
  void place(std::string_view given, std::size_t at, std::string_view value);
};

/// What an envelope adds to its inner event: roles it fills only when the inner event has none,
/// and fields it always adds (JSON members text).
struct wrapping {
  std::string_view time, level, logger;
  std::string_view fields;
  std::string_view origin;         ///< "docker": what its fields are renamed after (key_log)
  std::string_view source = {};    ///< a prefix's source: a field, and a column in pretty output
  std::uint32_t source_width = 0;  ///< the cells the producer padded `source` to
  std::string_view stream = {};    ///< a container runtime's stream, the first of the fields
};

/// Adds `w`'s time, level and logger (those it has) as members, in that order; with `inner`,
/// only the roles the inner event lacks, and the time too when the inner event's own cannot be
/// read as one. Every envelope names its roles through here.
void add_roles(members& m, const wrapping& w, const event* inner = nullptr);

/// A Docker or CRI line split by its runtime, waiting for its last part.
struct split_line {
  // The input a part came from: its name, and where the name's bytes lie, since two inputs may
  // have one name (--merge a.log a.log) and each is named by its own source for all its lines.
  std::string name;
  const char* name_at = nullptr;
  [[nodiscard]] bool of(std::string_view input) const { return name_at == input.data() && name == input; }
  std::uint64_t first = 0;  // line number of its first part
  std::uint64_t next = 0;   // line number its next part must have
  input_format kind = input_format::docker;
  std::string stream, time, extra, text;
  bool waiting = false;
};

/// What a `{"text": …, "record": …}` line is: no loguru record, one whose parts have other types
/// than loguru writes (`why` says which), or an event.
enum class loguru_read { not_loguru, malformed, event };

struct stage_state {
  input_format format;
  std::size_t max_line;
  event_parser outer;  // the envelope record itself
  event outer_ev;
  event_parser probe;  // the inner event, to learn which roles it has
  event probe_ev;
  std::uint64_t probe_parses = 0;  // how many probe_ev has held: a span's event is there while
                                   // its `parsed` is the last
  placed_members placed;           // emit_wrapped's members, from the start of its text
  std::string_view probe_text;     // the text probe_ev was parsed from (emit_wrapped's inner)
  role_resolver probe_roles;       // what its keys mean, remembered by key id
  key_log keys;                    // of the event text being written
  line_block block;                // the framer block the line being read lies in (envelope_stage::unwrap)
  std::string texts;               // every item's text and shown bytes, back to back
  struct span {
    std::size_t text, text_size, shown, shown_size;
    std::string_view problem;
    std::uint64_t line;
    std::size_t source = 0, source_size = 0;
    std::string_view source_key = {};
    std::uint32_t source_width = 0;
    std::uint64_t parsed = 0;  // the probe parse holding the text's event (probe_parses), or 0
  };
  std::vector<span> spans;
  std::vector<envelope_item> items;
  std::string message, logfmt, fields, scratch, scratch2;
  std::string inner_copy;  // an event outside the line's block, padded: a block of its own
  // A loguru record inside another envelope (Docker, CRI, journald, a prefix): read apart from
  // the outer record, whose views the wrapping still holds; its event text, padded.
  event_parser nested;
  event nested_ev;
  std::string nested_text, nested_scratch;
  loguru_read unwrap_nested_loguru(std::string_view& inner, line_block& in, std::string_view& why);
  std::vector<split_line> splits;

  /// After the last item of a line: the texts get a block's padding and a new serial, so that
  /// the parser may read them as a block (envelope_stage::items_block).
  void seal() {
    sealed_size = texts.size();
    texts.append(block_padding, '\0');
    serial = new_block_serial();
  }
  std::size_t sealed_size = 0;
  std::uint64_t serial = 0;

  /// Adds an event text made by `build(std::string&)` appending to `texts`.
  template <class Build>
  void emit(std::uint64_t line, Build build) {
    std::size_t start = texts.size();
    build(texts);
    spans.push_back({start, texts.size() - start, start, texts.size() - start, {}, line});
  }
  /// Adds a rejected item that shows `shown`.
  void reject(std::uint64_t line, std::string_view shown, std::string_view why);
  /// Adds the event of `inner` (a JSON object or a logfmt line) with the envelope's wrapping;
  /// false when `inner` is neither (nothing added).
  bool emit_wrapped(std::uint64_t line, std::string_view inner, const wrapping& w);
  void hand_on_parse(std::string_view inner);
  /// probe_ev, moved onto the text the last emit_wrapped wrote at `text` (hand_on_parse).
  void move_probe_to(std::string_view text);
  /// emit_wrapped, or a rejected item showing `inner` when it is no event.
  void emit_or_reject(std::uint64_t line, std::string_view inner, const wrapping& w);
  split_line& split_of(std::string_view name);
};

// Readers: each returns false when the line is not its format (nothing added).
bool read_docker(stage_state& s, std::string_view name, std::string_view bytes, std::uint64_t number);
bool read_cri(stage_state& s, std::string_view name, std::string_view bytes, std::uint64_t number);
bool read_journald(stage_state& s, std::string_view bytes, std::uint64_t number);
bool read_otlp(stage_state& s, std::string_view bytes, std::uint64_t number);
bool read_loguru(stage_state& s, std::string_view bytes, std::uint64_t number);

/// Whether a JSON line starts as loguru's `serialize=True` records do (`{"text":`): a few byte
/// compares before a parse.
inline bool loguru_shaped(std::string_view s) { return s.size() > 8 && s[2] == 't' && s.starts_with(R"({"text":)"); }
/// Parses `bytes` into `ev` and tells whether it is a loguru `serialize=True` record.
loguru_read read_loguru_record(event_parser& parser, event& ev, const line_block& block, std::string_view bytes,
                               std::string_view& why);
/// Appends the event of the record read_loguru_record() found in `ev` to `out` as a JSON object
/// text; `scratch` is any buffer the caller does not hold a view of.
void write_loguru_event(const event& ev, key_log& keys, std::string& scratch, std::string& out);
bool read_prefixed(stage_state& s, std::string_view bytes, std::uint64_t number);
/// Adds a split part; hands the whole line on when `last`.
void add_split_part(stage_state& s, std::string_view name, std::uint64_t number, input_format kind,
                    std::string_view stream, std::string_view time, std::string_view extra, std::string_view part,
                    bool last);

/// logfmt -> a JSON object text in `out`. `strict` (auto-detection): keys must look like
/// identifiers, every word must be a pair and there must be at least two. False: not logfmt.
bool logfmt_to_json(std::string_view line, std::string& out, bool strict);

/// The quoted string starting at s[i] (JSON's or Go's escapes), decoded into `value`; the index
/// after its closing quote, npos when it is not closed.
std::size_t read_quoted(std::string_view s, std::size_t i, std::string& value);

/// `s` without leading blanks and trailing blanks or line ends.
std::string_view trim(std::string_view s);

// Tape helpers.
/// The first member `key` of object node `object`; no_node when there is none or `object` is
/// no_node (an absent parent: no_node is node 0, the line's own object, which top_member reads).
std::uint32_t member(const event& ev, std::uint32_t object, std::string_view key);
/// The first member `key` of the line's own object.
std::uint32_t top_member(const event& ev, std::string_view key);
/// Node `i`'s text when it is a string, else empty.
std::string_view string_at(const event& ev, std::uint32_t i);
/// Whether node `i` is present and of `kind`.
bool kind_is(const event& ev, std::uint32_t i, value_kind kind);
/// Whether node `i` is absent or null (as protobuf's JSON parser reads a null member).
bool absent(const event& ev, std::uint32_t i);
/// Absent, null, or of `kind`: a member an envelope may leave out.
bool absent_or(const event& ev, std::uint32_t i, value_kind kind);
std::string_view string_member(const event& ev, std::uint32_t object, std::string_view key);
/// Appends the JSON text of tape value i.
void append_value(std::string& out, const event& ev, std::uint32_t i);
/// RFC 3339 UTC with `digits` fraction digits (0, 3, 6 or 9).
void append_utc_time(std::string& out, std::int64_t seconds, std::uint32_t nanos, int digits);
/// Whether `digits` is a count append_epoch_digits reads: 1 to 19 ASCII digits.
bool epoch_digits(std::string_view digits);
/// A decimal number of `unit`-ths of a second (a string of digits) as RFC 3339; false if it is
/// not one (and nothing is written).
bool append_epoch_digits(std::string& out, std::string_view digits, std::int64_t per_second, int shown_digits);
/// `YYYY-MM-DD?HH:MM:SS` at the start of `t`: digits and separators where they go, the byte
/// between date and time any (the callers tell `T` from a space).
bool date_time_digits(std::string_view t);
/// Where such a time's seconds end, after their fraction (`.digits`) if any: its zone starts
/// there. npos for a dot without digits.
std::size_t seconds_end(std::string_view t);
/// `YYYY-MM-DDTHH:MM:SS[.frac](Z|±hh:mm)`: the shape only, which telling formats apart needs.
bool is_rfc3339(std::string_view s);
/// The level table's name (docs/levels.md) for a numeric level written under `key` (journald's
/// PRIORITY, OpenTelemetry's severityNumber); empty when the table has no such number.
std::string_view level_of_number(std::string_view key, std::string_view digits);

}  // namespace logmoji::envelope_detail
