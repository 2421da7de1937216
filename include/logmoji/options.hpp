#pragma once
// Options: a plain aggregate the command line fills, grouped by pipeline stage.

#include <cstdint>
#include <string>
#include <vector>

#include "logmoji/colors.hpp"
#include "logmoji/level.hpp"

namespace logmoji {

enum class logger_emoji_mode { hash, table, off };

/// One `prefix:LEVEL` item of --module-levels.
struct module_level {
  std::string prefix;
  int level = level_number::info;
};

struct source_options {
  std::vector<std::string> files;  ///< empty = standard input
  std::size_t max_line_size = std::size_t{128} << 20;
};

struct enrich_options {
  bool mask = true;            ///< regex masking of top-level strings
  bool redact_dicts = true;    ///< key redaction inside objects
  logger_emoji_mode logger_emoji = logger_emoji_mode::hash;
  bool markers = true;         ///< event-set markers and their metadata keys
};

struct filter_options {
  int min_level = level_number::trace;
  std::vector<module_level> module_levels;  ///< as given; the filter sorts them
  level_rules rules = level_rules::extended;
  bool selection = false;  ///< the user asked for a selection (exit 1 when nothing matched)
};

struct sink_options {
  color_mode color = color_mode::automatic;
  bool omit_timestamp = false;
  bool strip_logger_name = false;  ///< foundation never renders logger_name
};

struct options {
  source_options source;
  enrich_options enrich;
  filter_options filter;
  sink_options sink;
  bool foundation = false;
  bool emoji_matrix = false;
};

}  // namespace logmoji
