#pragma once
// The console sink: structlog's key=value layout as foundation configures it.

#include <array>
#include <string>
#include <string_view>

#include "logmoji/render_stack.hpp"
#include "logmoji/sink.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji {

/// structlog 25.5's ConsoleRenderer as foundation configures it
/// (docs/foundation.md#console-layout), with logmoji's terminal safety.
class console_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = true;
  console_sink(const sink_options& options, bool color, bool redact_dicts);
  void write_event(const event& ev, output& out);
  /// A line that is not an event: escaped, dim when coloured.
  void write_raw(std::string_view bytes, output& out);
  void write_blank(output& out);

private:
  /// Top-level fields the columns and the trailer print, found in one pass over the keys.
  struct named_fields {
    std::uint32_t logger = no_node;
    std::uint32_t logger_name = no_node;
    std::uint32_t stack = no_node;
    std::uint32_t exception = no_node;
  };
  void find_named(const event& ev);
  void append_columns(const event& ev, std::string& line);
  void append_message(const event& ev, std::string& line);
  bool place_field(const event& ev, std::uint32_t i, text_bits& bits);
  [[nodiscard]] bool is_role(std::uint32_t i) const;
  [[nodiscard]] bool holds_role(std::uint32_t first, std::uint32_t end) const;
  void append_below(const event& ev, std::string& line);
  void append_below_item(const event& ev, const below_item& item, std::string& line);
  void append_time(const event& ev, std::string& line);
  void append_pairs(const event& ev, std::string& line);
  void append_trailer(const event& ev, std::string& line);
  /// Appends what `fill` writes in the style `sgr` (when colouring), followed by its reset.
  template <class Fill>
  void styled(std::string& line, std::string_view sgr, Fill&& fill);

  sink_options options_;
  bool color_;
  bool redact_dicts_;
  // A pair's fixed bytes, joined once: a space and the key's style; reset, '=' and the value's
  // style; reset.
  std::string pair_open_;
  std::string key_close_;
  std::string value_close_;
  struct sort_key {
    std::uint64_t prefix;  // the key's first bytes, for quick comparisons
    std::uint32_t index;
    text_bits bits;  // scan_text of a string value, found while placing it
  };
  std::vector<sort_key> pairs_;    // reused: the fields printed as key=value
  std::string scratch_;            // reused: one value's text before escaping
  std::size_t line_start_ = 0;     // where the event's line begins in the output buffer
  std::string_view message_rest_;  // a multi-line message's later lines (not --foundation)
  named_fields named_;
  std::array<std::uint32_t, 5> roles_{};  // the event's role nodes (field_roles.hpp shown_by_role)
  below_collector below_;                 // reused: what goes below the event (not --foundation)
};

static_assert(sink<console_sink>);

}  // namespace logmoji
