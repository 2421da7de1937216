#pragma once
// Options: a plain aggregate the command line fills, grouped by pipeline stage.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "logmoji/colors.hpp"
#include "logmoji/enrich_event_sets.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/level.hpp"
#include "logmoji/pager.hpp"
#include "logmoji/theme.hpp"
#include "logmoji/timestamp.hpp"

namespace logmoji {

enum class logger_emoji_mode { hash, table, off };

/// One `prefix:LEVEL` item of --module-levels.
struct module_level {
  std::string prefix;
  int level = level_number::info;
};

/// -f follows the open file, -F the name (rotation, deletion, re-creation).
enum class follow_mode { none, descriptor, name };

/// --input: how lines are read (docs/envelopes.md); `automatic` tells per line.
enum class input_format { automatic, json, logfmt, docker, cri, journald, otlp };

struct source_options {
  std::vector<std::string> files;  ///< empty = standard input
  input_format input = input_format::automatic;
  std::size_t max_line_size = std::size_t{128} << 20;
  follow_mode follow = follow_mode::none;
  /// -n N: each input from its last N lines (following starts at the last 10 when -n is not
  /// given); unset: from `from_line`.
  std::optional<std::uint64_t> tail_lines;
  std::uint64_t from_line = 1;  ///< -n +K: each input from its line K
  bool merge = false;           ///< --merge: interleave inputs by timestamp
  bool poll = false;            ///< hidden --poll: no inotify (tests)
  int poll_interval_ms = 1000;
};

/// --logger-prefix PREFIX=EMOJI: a logger emoji of the user's own.
struct logger_prefix_option {
  std::string prefix;
  std::string emoji;
};

struct enrich_options {
  bool mask = true;           ///< regex masking of top-level strings
  bool mask_nested = true;    ///< and of strings inside objects and lists; never in --foundation
  bool word_patterns = true;  ///< the patterns as logmoji reads them (pattern_set::words); never in --foundation
  bool redact_dicts = true;   ///< key redaction inside objects
  /// and inside lists, top-level ones included, at any depth, by logmoji's secret names
  /// (is_secret_key) instead of the library's list (redaction::deep); never in --foundation
  bool redact_lists = true;
  bool redact_keys = true;  ///< top-level secret keys (is_secret_key); never in --foundation
  logger_emoji_mode logger_emoji = logger_emoji_mode::hash;
  std::vector<logger_prefix_option> logger_prefixes;  ///< checked before foundation's table
  bool markers = true;                                ///< event-set markers and their metadata keys
  /// The user's event sets with foundation's; null = foundation's alone.
  std::shared_ptr<const event_set_registry> event_sets;
};

/// --raw: what becomes of non-JSON lines before the first event of an input.
enum class raw_mode { automatic, show, hide };

struct filter_options {
  int min_level = level_number::notset;     ///< without -l every event shows, one ranked NOTSET too
  std::vector<module_level> module_levels;  ///< as given; the filter sorts them
  level_rules rules = level_rules::extended;
  std::vector<std::string> queries;          ///< --query, all must match
  std::vector<std::string> loggers;          ///< --logger prefixes, any may match
  std::vector<std::string> exclude_loggers;  ///< --exclude-logger prefixes
  std::optional<std::string> grep;           ///< --grep, on the message ("" matches every message)
  bool ignore_case = false;                  ///< -i: --grep and the query's ~ ignore case
  std::optional<epoch_ns> since;
  std::optional<epoch_ns> until;
  naive_zone zone = naive_zone::local;  ///< how timestamps without a zone are read
  bool selection = false;               ///< the user asked for a selection (exit 1 when nothing matched)
  bool invert = false;                  ///< -v: select the events the filters do not accept
  raw_mode raw = raw_mode::automatic;   ///< automatic: hidden while a selection is active
  std::uint32_t before = 0;             ///< -B: events shown before each selected event
  std::uint32_t after = 0;              ///< -A: events shown after each selected event
};

/// -o/--output.
enum class output_kind { pretty, json, json_enriched, logfmt, raw };

/// --label / --no-label: the file-name column in front of each output line; automatic = on for
/// several inputs in the pretty and raw outputs (machine formats stay parseable).
enum class label_mode { automatic, always, never };

/// Summary modes replace the per-event output.
enum class summary_kind { none, count, stats, quiet };

struct sink_options {
  output_kind output = output_kind::pretty;
  summary_kind summary = summary_kind::none;
  color_mode color = color_mode::automatic;
  bool omit_timestamp = false;
  bool strip_logger_name = false;  ///< foundation never renders logger_name
  bool library_bytes = false;      ///< --foundation: the library's bytes even where logmoji tidies
                                   ///< (a style left open across a message's newline)
  std::vector<std::string> keys;   ///< -k: only these fields
  std::vector<std::string> hide;   ///< -x: not these fields
  std::string time_format;         ///< --time-format (strftime, plus %f and %L)
  bool stdout_tty = false;         ///< standard output was a terminal (before any pager)
  paging_mode paging = paging_mode::automatic;
  naive_zone zone = naive_zone::local;  ///< --utc / --local: the zone times are shown in
  theme colors = default_theme();       ///< --theme: the styles when colours are on
  label_mode label = label_mode::automatic;
};

struct options {
  source_options source;
  enrich_options enrich;
  filter_options filter;
  sink_options sink;
  field_names fields;  ///< --field and [fields]: the user's names per role, the flags' first
  bool foundation = false;
  bool emoji_matrix = false;
  bool strict = false;       ///< invalid and over-long lines are errors (exit 2)
  bool no_messages = false;  ///< -s: no messages about single lines, in any mode
  unsigned threads = 0;      ///< worker threads; 0 = one per core
};

/// True when messages about the lines read (invalid JSON, over-long, characters a decoder
/// replaced) go to standard error: not under -s, and in the summaries (-c, --stats, --quiet)
/// only when --strict makes invalid lines errors.
inline bool line_messages(const options& opts) {
  return !opts.no_messages && (opts.sink.summary == summary_kind::none || opts.strict);
}

}  // namespace logmoji
