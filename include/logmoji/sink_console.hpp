#pragma once
// The console sink: structlog's key=value layout as foundation configures it.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/key_memo.hpp"
#include "logmoji/render_stack.hpp"
#include "logmoji/sink.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/timestamp.hpp"

namespace logmoji {

struct family_layout;

/// structlog 25.5's ConsoleRenderer as foundation configures it
/// (docs/foundation.md#console-layout), with logmoji's terminal safety.
class console_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = true;
  console_sink(const sink_options& options, bool color, redaction redact);
  void write_event(const event& ev, output& out);
  /// A line that is not an event: escaped, dim when coloured.
  void write_raw(std::string_view bytes, output& out);
  /// grep's "--" between groups of context, styled as a raw line.
  void write_separator(output& out) { write_raw("--", out); }
  void write_blank(output& out);
  /// Off: every value takes the general path (python_repr.hpp), the reference the differential
  /// tests and the render fuzzer compare the fast paths with.
  void use_fast_paths(bool on) { fast_paths_ = on; }

private:
  /// Top-level fields the columns and the trailer print, found in one pass over the keys.
  struct named_fields {
    std::uint32_t logger = no_node;
    std::uint32_t logger_name = no_node;
    std::uint32_t stack = no_node;
    std::uint32_t exception = no_node;
  };
  /// What a line needs of one key: its rendered pair head and member key, and its facts.
  struct key_view {
    std::uint32_t head = 0;  // where arena_ holds ` <key style>key<reset>=<value style>`
    std::uint32_t head_size = 0;
    std::uint32_t member = 0;  // where arena_ holds the key's repr and `: `, as a member of a dict
    std::uint32_t member_size = 0;
    std::uint32_t flags = 0;  // key_flag bits
  };
  /// One key's view, found once and reused while the key repeats, with what finds it by its bytes.
  struct key_entry {
    std::uint64_t first = 0;          // the key's first eight bytes, zero-padded (little-endian load)
    std::uint64_t last = 0;           // its last eight bytes when longer than eight, else 0
    std::uint32_t size = UINT32_MAX;  // the key's length; UINT32_MAX: an empty slot
    std::uint32_t text = 0;           // a key over sixteen bytes: where arena_ holds it whole
    key_view view;
  };
  /// What the line needs of one top-level field, copied from its key_view (a later key of the
  /// same line may take the entry's slot).
  struct field_info {
    std::uint32_t head;
    std::uint32_t head_size;
    text_bits bits;            // scan_text of a string value, found while placing it
    std::uint32_t value;       // a container written while placing it: where vals_ holds it
    std::uint32_t value_size;  // its size; no_value: not written (set for containers alone)
  };
  static constexpr std::uint32_t no_value = UINT32_MAX;
  const key_view& key_facts(std::string_view key);
  void read_fields(const event& ev);
  void append_columns(const event& ev, std::string& line);
  std::size_t append_message(const event& ev, std::string& line);
  [[gnu::noinline]] void append_message_repr(const event& ev, std::string& line);
  std::size_t append_expanding_tabs(std::string& line, std::string_view text);
  bool known_message(const event& ev, std::string_view& first_line, std::size_t& cells);
  const std::string* known_level(const node& lv) const;
  void append_level(const event& ev, const node& lv, std::string& line);
  [[nodiscard]] const node* implicit_level(const event& ev) const;
  struct logger_entry;
  logger_entry* logger_slot(const node& n, bool& found);
  void append_logger(const event& ev, std::uint32_t i, std::string& line, logger_entry* slot);
  /// Bytes of the line held in raw_ (from its start) and appended to it at once: the columns'
  /// common pieces, then the pairs. Anything written to the line itself releases them first.
  /// hold() takes a column: a space when anything precedes it on the line, then its pieces.
  template <class... Pieces>
  void hold(const std::string& line, Pieces... pieces);
  void release(std::string& line);
  std::size_t message_cells(std::string_view text);
  bool place_field(const event& ev, std::uint32_t i, std::uint32_t flags, field_info& info);
  bool place_value(const event& ev, std::uint32_t i, std::uint32_t flags, field_info& info);
  static std::uint32_t member_flags(std::uint32_t flags);
  [[gnu::noinline]] bool place_usual(const event& ev, std::uint32_t i, std::uint32_t flags, field_info& info);
  [[gnu::noinline]] bool place_by_layout(const event& ev, std::uint32_t i, std::uint32_t flags, field_info& info);
  bool flatten(const event& ev, std::uint32_t field);
  bool place_trimmed(const event& ev, std::uint32_t field, std::uint32_t flags, field_info& info);
  [[gnu::noinline]] void add_flattened(const event& ev);
  bool place_other(const event& ev, std::uint32_t i, std::uint32_t flags, field_info& info);
  std::string_view pair_value(const event& ev, std::uint32_t i, const field_info& info);
  bool write_flat_container(const event& ev, std::uint32_t i, field_info& info);
  [[nodiscard]] bool is_role(std::uint32_t i) const;
  [[nodiscard]] bool holds_role(std::uint32_t first, std::uint32_t end) const;
  void append_below(const event& ev, std::string& line);
  void append_below_item(const event& ev, const below_item& item, bool labelled, std::string& line);
  void append_label(std::string_view label, std::string& line);
  void append_time(const event& ev, std::string& line);
  std::optional<std::string_view> epoch_text(const node& t);
  // Inline: the epoch column asks on every line; the formatter is made on first use.
  time_formatter& formatter() { return time_formatter_ ? *time_formatter_ : make_formatter(); }
  [[gnu::noinline]] time_formatter& make_formatter();
  void append_pairs(const event& ev, std::string& line);
  /// What goes below the line: the message's later lines, the below items, a stack and an
  /// exception (write_trailer reads nothing else). Most events have none: no call for them.
  void append_trailer(const event& ev, std::string& line) {
    if (named_.stack || named_.exception || !message_rest_.empty() || !below_.items.empty()) write_trailer(ev, line);
  }
  void write_trailer(const event& ev, std::string& line);
  /// Appends what `fill` writes in the style `sgr` (when colouring), followed by its reset.
  template <class Fill>
  void styled(std::string& line, std::string_view sgr, Fill&& fill);

  sink_options options_;
  bool color_;
  std::uint32_t redacted_flag_;  // the key_flag of a member key redact_ replaces; 0 for none
  // A pair's fixed bytes, joined once: a space and the key's style; reset, '=' and the value's
  // style; reset.
  std::string pair_open_;
  std::string key_close_;
  std::string value_close_;
  struct sort_key {
    std::uint64_t prefix;  // the key's first bytes, for quick comparisons
    std::uint32_t index;
    std::uint32_t field;
  };
  // Reused: the ordinals (in ev.fields, for infos_) of the fields printed as key=value, in field
  // order, then in print order.
  std::vector<std::uint32_t> pairs_;
  std::size_t pair_count_ = 0;       // how many of pairs_ this line has
  std::vector<sort_key> sort_keys_;  // reused by sort_by_text

  // Sorting by rank: each key id's place in byte order among the first max_ranked keys the run
  // has seen, so a line whose keys all have one is sorted by marking its ranks in one word (a
  // service's logs have a few dozen top-level keys; a line with others is sorted by text).
  static constexpr std::size_t max_ranked = 64;
  static constexpr std::uint16_t rank_unknown = 0xFFFF;  // not asked yet
  static constexpr std::uint16_t rank_none = 0xFFFE;     // no id, a full table, or a text twice
  struct ranked_key {
    std::string text;
    std::uint64_t prefix;  // the text's first bytes, as sort_key's
    std::uint16_t id;      // no_key_id: a key met without an id (rank_of_text)
  };
  struct rank_place {
    std::vector<ranked_key>::iterator at;
    bool found;
  };
  rank_place find_rank(std::string_view key);
  std::uint16_t learn_rank(const node& n);
  std::uint16_t rank_of_text(std::string_view key);
  void insert_rank(std::vector<ranked_key>::iterator at, std::string_view key, std::uint16_t id);
  bool sort_pairs(const event& ev);
  void sort_by_text(const event& ev);
  std::vector<std::uint16_t> rank_of_id_;            // by key id, every id up to no_key_id (rank_none)
  std::vector<ranked_key> ranked_;                   // in byte order of the text
  std::uint32_t rank_space_ = 0;                     // the key space rank_of_id_ belongs to
  std::uint64_t rank_bits_ = 0;                      // this line's ranks
  std::array<std::uint32_t, max_ranked> by_rank_{};  // this line's pairs (field ordinals) by rank
  bool by_rank_ok_ = true;                           // every pair of this line has a rank learnt before it
  // rank_of_text's last answers, by the address of the key's bytes: the enricher's keys (a
  // mapping's metadata) lie where they lay on the line before. Confirmed by the rank's text.
  static constexpr std::size_t text_rank_slots = 8;  // a power of two
  std::array<std::uint16_t, text_rank_slots> text_rank_{};

  std::vector<field_info> infos_;  // reused: per top-level field, in ev.fields order, then flattened members

  // A family's layout (field_roles.hpp family_layout), asked once a line and only of a line with
  // a key of one. Flattened members are pairs after the top-level fields: fields_view_ is then
  // fields_ext_, ev.fields and flat_ after it, whose infos follow in infos_.
  const family_layout* layout_ = nullptr;
  bool layout_asked_ = false;
  const std::uint32_t* fields_view_ = nullptr;  // the node of each field ordinal a pair names
  std::vector<std::uint32_t> fields_ext_;
  std::vector<std::uint32_t> flat_;         // this line's flattened members shown as pairs
  std::vector<field_info> flat_infos_;      // and their infos
  std::vector<std::uint32_t> left_;         // a trimmed wrapper's members left out
  std::vector<std::string_view> top_keys_;  // the line's top-level keys, sorted, while flattening
  std::vector<key_entry> keys_;             // direct-mapped by a hash of the key's bytes
  key_memo<key_view> by_id_;                // the same views by key id, for keys the parser interned
  std::string arena_;                       // pair heads and long keys of keys_, append-only up to a limit
  struct level_entry {
    value_kind kind;
    std::uint64_t first;  // the text's first eight bytes, zero-padded (load_up_to_8)
    std::string text;     // the level as written
    std::string column;   // its column's bytes, `[` to `]`
  };
  static constexpr std::size_t max_levels = 16;
  std::vector<level_entry> levels_;
  struct logger_entry {
    std::string text;    // a logger's name as written
    std::string column;  // its column's bytes, `[` to the reset after `]`
  };
  static constexpr std::size_t logger_slots = 128;  // a power of two: sets of two ways
  std::vector<logger_entry> loggers_;               // append_logger's, by a hash of the name
  struct width_entry {
    std::string text;
    std::uint64_t hash = 0;  // width_slot's hash of `text`, compared first
    std::size_t cells = 0;
    bool as_is = false;  // a message whose first line is `text` shows as `text`, unescaped
  };
  struct width_lookup {
    width_entry* entry;
    bool found;  // entry holds the text; else it is the entry to fill
    std::uint64_t hash;
  };
  width_lookup width_slot(std::string_view text);
  std::vector<width_entry> widths_;         // message_cells' cache: width_sets sets of two ways
  std::vector<std::uint8_t> width_recent_;  // per set: the way last filled or found
  std::string raw_;                         // the held bytes, written through a pointer; size() is capacity
  std::size_t held_ = 0;                    // how many of raw_'s bytes are held for the line
  std::string scratch_;                     // reused: one value's text before escaping
  std::string vals_;               // reused: the line's containers written by write_flat_container; size() is capacity
  std::size_t vals_used_ = 0;      // how much of vals_ this line's containers take
  std::size_t line_start_ = 0;     // where the event's line begins in the output buffer
  std::string_view message_rest_;  // a multi-line message's later lines (not --foundation)
  named_fields named_;
  std::array<std::uint32_t, 5> roles_{};  // the event's role nodes (field_roles.hpp shown_by_role)
  std::uint64_t role_bits_ = 0;           // bit r % 64 of each role node r: is_role's quick no
  below_collector below_;                 // reused: what goes below the event (not --foundation)
  bool fast_paths_ = true;

  // append_time's, made on first use.
  std::optional<time_formatter> time_formatter_;
  time_layout_memo verbatim_time_;  // the last time shown as written, printable ASCII
  redaction redact_;                // run_redaction
};

static_assert(sink<console_sink>);

}  // namespace logmoji
