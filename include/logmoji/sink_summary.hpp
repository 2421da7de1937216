#pragma once
// The summary sinks: -c/--count, --quiet and --stats.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "logmoji/sink.hpp"

namespace logmoji {

/// A summary as text (aligned rows, NAME:COUNT) or, with -o json, as one JSON object
/// (docs/outputs.md): a script that asks for JSON gets JSON whatever it counts.
enum class summary_format { text, json };

/// The summary format an output kind asks for: JSON for the JSON outputs.
inline summary_format summary_format_for(output_kind kind) {
  return kind == output_kind::json || kind == output_kind::json_enriched ? summary_format::json : summary_format::text;
}

/// How -c prints its counts: the total alone or one per input, as text or JSON.
struct count_layout {
  bool per_input = false;
  summary_format format = summary_format::text;
};

/// -c/--count: the number of selected events; `per_input`: one NAME:COUNT line per input, as
/// grep -c prints them for several files (the run loop tells each input's count). As JSON, one
/// object: {"selected":N} and, per input, "inputs":[{"name":…,"selected":N},…] in input order.
class count_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  explicit count_sink(count_layout layout = {}) : layout_(layout) {}
  void write_event(const event&, output&) {}
  /// The count of one input, in input order.
  void add_input(std::string_view name, std::uint64_t selected);
  void finish(const line_counts& counts, output& out);

private:
  void finish_json(const line_counts& counts, std::string& buf) const;
  count_layout layout_;
  std::vector<std::pair<std::string, std::uint64_t>> inputs_;
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
  stats_sink(level_rules rules, naive_zone zone, summary_format format = summary_format::text,
             std::size_t logger_rows = default_logger_rows)
      : rules_(rules), zone_(zone), format_(format), logger_rows_(logger_rows) {}
  void write_event(const event& ev, output& out);
  void finish(const line_counts& counts, output& out);

private:
  void finish_text(const line_counts& counts, std::string& buf) const;
  void finish_json(const line_counts& counts, std::string& buf) const;

  level_rules rules_;
  naive_zone zone_;
  summary_format format_;
  std::size_t logger_rows_;
  std::map<int, std::uint64_t> levels_;  // by rank, so they print from trace to critical
  std::map<std::string, std::uint64_t, std::less<>> loggers_;
  std::uint64_t other_events_ = 0;
  distinct_estimate other_loggers_;
  std::optional<epoch_ns> first_;
  std::optional<epoch_ns> last_;
};

static_assert(sink<count_sink> && sink<quiet_sink> && sink<stats_sink>);

}  // namespace logmoji
