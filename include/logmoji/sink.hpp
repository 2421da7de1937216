#pragma once
// Sinks: where selected events and raw lines go. The set is closed and chosen once per run; the
// run loop is a template over the sink, so there is no virtual call per line.

#include <array>
#include <concepts>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/options.hpp"
#include "logmoji/output.hpp"

namespace logmoji {

/// What the pipeline counted; every line read is exactly one of these (nothing is lost).
struct line_counts {
  std::uint64_t selected = 0;
  std::uint64_t filtered = 0;
  std::uint64_t invalid = 0;  ///< not a JSON object, or over-long
  std::uint64_t blank = 0;
  [[nodiscard]] std::uint64_t lines() const { return selected + filtered + invalid + blank; }
};

/// What the run loop needs from a sink.
template <class S>
concept sink = requires(S s, const event& ev, std::string_view bytes, output& out, const line_counts& counts) {
  { S::shows_raw_lines } -> std::convertible_to<bool>;
  s.write_event(ev, out);
  s.write_raw(bytes, out);
  s.write_blank(out);
  s.finish(counts, out);
  { s.done() } -> std::convertible_to<bool>;
};

/// No-op defaults for sinks that ignore raw lines or have nothing to say at the end.
struct sink_defaults {
  void write_raw(std::string_view, output&) {}
  void write_blank(output&) {}
  void finish(const line_counts&, output&) {}
  [[nodiscard]] bool done() const { return false; }
};

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
  std::string scratch_;       // reused: one value's text before escaping
  std::string scratch_line_;  // reused: the line before trailing spaces are stripped
};

/// -o json: selected lines exactly as read; with -k/-x, the kept fields as compact JSON. To a
/// terminal, characters that must not reach it raw are escaped (\u202e): the same JSON value.
class json_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  explicit json_sink(const sink_options& options)
      : reserialise_(!options.keys.empty() || !options.hide.empty()), to_terminal_(options.stdout_tty) {}
  void write_event(const event& ev, output& out);

private:
  bool reserialise_;
  bool to_terminal_;
};

/// -o json-enriched: foundation's JSON formatter layout (docs/foundation.md#json-layout) of the
/// enriched, masked event.
class json_enriched_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  explicit json_enriched_sink(bool redact_dicts) : redact_dicts_(redact_dicts) {}
  void write_event(const event& ev, output& out);

private:
  bool redact_dicts_;
};

/// -o logfmt: key=value per field, quoted where needed.
class logfmt_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  explicit logfmt_sink(bool redact_dicts) : redact_dicts_(redact_dicts) {}
  void write_event(const event& ev, output& out);

private:
  bool redact_dicts_;
  std::string scratch_;
};

/// -o raw: the message only, one line per event.
class message_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  void write_event(const event& ev, output& out);

private:
  std::string scratch_;
};

/// -c/--count: the number of selected events.
class count_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  void write_event(const event&, output&) {}
  void finish(const line_counts& counts, output& out);
};

/// --quiet: nothing printed; stops at the first selected event (grep -q).
class quiet_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  void write_event(const event&, output&) { done_ = true; }
  [[nodiscard]] bool done() const { return done_; }

private:
  bool done_ = false;
};

/// How many distinct strings were added, estimated in 16 KiB however many there are
/// (HyperLogLog with 16,384 registers: typically within 1%, nearly exact below a few thousand).
class distinct_estimate {
public:
  void add(std::string_view s);
  [[nodiscard]] std::uint64_t value() const;

private:
  static constexpr int index_bits = 14;
  std::array<std::uint8_t, std::size_t{1} << index_bits> registers_{};
};

/// --stats: counts per level and per logger, first and last timestamp, line accounting. The
/// first `logger_rows` distinct loggers get a row each; later ones are counted together under
/// "(others)" (events exactly, names estimated), so memory stays bounded whatever the names.
class stats_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  static constexpr std::size_t default_logger_rows = 1000;
  stats_sink(level_rules rules, naive_zone zone, std::size_t logger_rows = default_logger_rows)
      : rules_(rules), zone_(zone), logger_rows_(logger_rows) {}
  void write_event(const event& ev, output& out);
  void finish(const line_counts& counts, output& out);

private:
  level_rules rules_;
  naive_zone zone_;
  std::size_t logger_rows_;
  std::map<int, std::uint64_t> levels_;  // by rank, so they print from trace to critical
  std::map<std::string, std::uint64_t, std::less<>> loggers_;
  std::uint64_t other_events_ = 0;
  distinct_estimate other_loggers_;
  std::optional<epoch_ns> first_;
  std::optional<epoch_ns> last_;
};

static_assert(sink<console_sink> && sink<json_sink> && sink<json_enriched_sink> && sink<logfmt_sink> &&
              sink<message_sink> && sink<count_sink> && sink<quiet_sink> && sink<stats_sink>);

}  // namespace logmoji
