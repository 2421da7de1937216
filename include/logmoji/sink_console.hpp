#pragma once
// The console sink: structlog's key=value layout as foundation configures it.

#include <string>
#include <string_view>

#include "logmoji/render_stack.hpp"
#include "logmoji/sink.hpp"

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
  void append_columns(const event& ev, std::string& line);
  void append_message(const event& ev, std::string& line);
  bool place_field(const event& ev, std::uint32_t i);
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
  struct sort_key {
    std::uint64_t prefix;  // the key's first bytes, for quick comparisons
    std::uint32_t index;
  };
  std::vector<sort_key> pairs_;  // reused: the fields printed as key=value
  std::string scratch_;          // reused: one value's text before escaping
  std::string scratch_line_;     // reused: the line before trailing spaces are stripped
  std::string message_rest_;     // reused: a multi-line message's later lines (not --foundation)
  below_collector below_;        // reused: what goes below the event (not --foundation)
};

static_assert(sink<console_sink>);

}  // namespace logmoji
