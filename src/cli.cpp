// The CLI11 app: every option grouped, with full help, filling `options`.
#include "logmoji/cli.hpp"

#include <algorithm>
#include <tuple>
#include <string>

#include <CLI/CLI.hpp>
#include <unistd.h>

#include "logmoji/config_file.hpp"
#include "logmoji/config_print.hpp"
#include "logmoji/diagnostics.hpp"
#include "logmoji/emoji_matrix.hpp"
#include "logmoji/filter.hpp"
#include "logmoji/foundation_env.hpp"
#include "logmoji/level.hpp"
#include "logmoji/option_names.hpp"
#include "logmoji/run.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/timestamp.hpp"

#ifndef LOGMOJI_VERSION
#define LOGMOJI_VERSION "unknown"
#endif

namespace logmoji {
namespace {

constexpr const char* group_input = "Input";
constexpr const char* group_enrich = "Enrichment";
constexpr const char* group_filter = "Filtering";
constexpr const char* group_output = "Output";
constexpr const char* group_config = "Configuration";

constexpr const char* examples = R"(Examples:
  python app.py 2>&1 | logmoji            render a program's JSON logs
  logmoji -l warning app.jsonl            only warnings and worse
  logmoji -o json -l error --logger payment --since 1h app.jsonl
                                          the payment service's errors of the last hour, as JSON
  logmoji -c -q 'http.status_code>=500' app.jsonl   count server errors
  logmoji --foundation app.jsonl          behave exactly like provide.foundation
  logmoji --emoji-matrix                  show every emoji table

Exit status: 0 done (and something matched a selection), 1 a selection matched
nothing, 2 an error. See man logmoji.)";

// Values given on the command line, before they are layered over the presets.
struct raw_values {
  std::string level;
  std::string module_levels;
  logger_emoji_mode logger_emoji = logger_emoji_mode::hash;
  bool no_mask = false;
  bool no_markers = false;
  bool omit_timestamp = false;
  std::vector<std::string> logger_prefixes;
  std::string since;
  std::string until;
  bool utc = false;
  bool local = false;
  bool count = false;
  bool stats = false;
  bool quiet = false;
  std::string theme = "foundation";
  std::string config;
  bool no_config = false;
  bool print_config = false;
};

void add_config_options(CLI::App& app, raw_values& raw) {
  auto* config = app.add_option("--config", raw.config,
                                "Read this configuration file instead of $LOGMOJI_CONFIG or "
                                "$XDG_CONFIG_HOME/logmoji/config.toml")
                     ->type_name("PATH")
                     ->configurable(false)
                     ->group(group_config);
  app.add_flag("--no-config", raw.no_config, "Read no configuration file")
      ->excludes(config)
      ->configurable(false)
      ->group(group_config);
  app.add_flag("--print-config", raw.print_config, "Print the effective configuration as TOML and exit")
      ->configurable(false)
      ->group(group_config);
  app.add_option("--theme", raw.theme, "Colour theme: foundation (the default), plain, or one from the configuration file")
      ->type_name("NAME")
      ->group(group_config);
}

// One word of a name table, in any case; CLI11 then reads the enum from its number.
template <typename E, std::size_t N>
CLI::Validator one_of(const name_table<E, N>& table) {
  std::string words;
  for (const auto& entry : table) words += (words.empty() ? "" : ", ") + std::string(entry.first);
  return CLI::Validator(
      [&table, words](std::string& value) -> std::string {
        std::string lower = value;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const auto& [name, v] : table)
          if (name == lower) return value = std::to_string(static_cast<int>(v)), std::string();
        std::string msg = "unknown value '";
        append_escaped(msg, value, keep_controls::none);
        return msg + "' (choose " + words + ")";
      },
      "");
}

void add_input_options(CLI::App& app, options& opts) {
  app.add_option("files", opts.source.files, "JSON-lines files to read; none or '-' reads standard input")
      ->type_name("FILE")
      ->group(group_input);
  app.add_option("--max-line-size", opts.source.max_line_size,
                 "Longest line read whole, in bytes; longer lines are reported and shown cut (default 128 MiB)")
      ->check(CLI::Range(std::size_t{16}, std::size_t{1} << 32))
      ->option_text("BYTES")
      ->group(group_input);
}

void add_enrich_options(CLI::App& app, options& opts, raw_values& raw) {
  app.add_flag("--foundation", opts.foundation,
               "Behave exactly like provide.foundation: table emoji, level WARNING, module levels "
               "asyncio:INFO, PROVIDE_LOG_* variables read, logger_name not shown")
      ->group(group_enrich);
  app.add_option("--logger-emoji", raw.logger_emoji,
                 "Logger-name emoji: hash (foundation's table, then a stable emoji per logger family), "
                 "table (foundation's table only), off")
      ->transform(one_of(logger_emoji_names))
      ->option_text("hash|table|off")
      ->group(group_enrich);
  app.add_option("--logger-prefix", raw.logger_prefixes,
                 "Give loggers whose name starts with PREFIX this EMOJI, before foundation's table and the hash; repeatable")
      ->option_text("PREFIX=EMOJI")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(group_enrich);
  app.add_flag("--no-mask", raw.no_mask, "Do not mask secrets in values nor redact secret keys inside objects")
      ->group(group_enrich);
  app.add_flag("--no-markers", raw.no_markers, "Do not add event-set markers ([🔑][➡️]) nor their metadata keys")
      ->group(group_enrich);
  app.add_flag("--emoji-matrix", opts.emoji_matrix, "Print every active emoji table and exit")
      ->configurable(false)
      ->group(group_enrich);
}

void add_selection_options(CLI::App& app, options& opts, raw_values& raw) {
  app.add_option("-q,--query", opts.filter.queries,
                 "Select events matching EXPR, e.g. 'level>=error && http.status_code>=500'; repeat to "
                 "require several (see man logmoji, QUERY LANGUAGE)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("EXPR")
      ->group(group_filter);
  app.add_option("--logger", opts.filter.loggers, "Only loggers whose name starts with PREFIX; repeatable")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("PREFIX")
      ->group(group_filter);
  app.add_option("--exclude-logger", opts.filter.exclude_loggers, "Leave out loggers whose name starts with PREFIX; repeatable")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("PREFIX")
      ->group(group_filter);
  app.add_option("-g,--grep", opts.filter.grep, "Only events whose message matches REGEX (RE2 syntax; (?i) ignores case)")
      ->type_name("REGEX")
      ->group(group_filter);
  app.add_option("--since", raw.since,
                 "Only events at or after TIME: RFC 3339, 'YYYY-MM-DD HH:MM:SS', a date, now, today, yesterday, "
                 "or an offset into the past such as 3h, 30m, 2d")
      ->type_name("TIME")
      ->group(group_filter);
  app.add_option("--until", raw.until, "Only events before TIME (same forms as --since)")->type_name("TIME")->group(group_filter);
  auto* utc = app.add_flag("--utc", raw.utc, "Read timestamps without a zone as UTC and show times in UTC")->group(group_filter);
  app.add_flag("--local", raw.local, "Read timestamps without a zone as local time and show local times (the default)")
      ->excludes(utc)
      ->group(group_filter);
}

void add_filter_options(CLI::App& app, raw_values& raw) {
  app.add_option("-l,--level", raw.level,
                 "Minimum level: trace, debug, info, warning (warn), error, critical (fatal); any case")
      ->type_name("LEVEL")
      ->group(group_filter);
  app.add_option("--module-levels", raw.module_levels,
                 "Per-logger minimum levels, 'prefix:LEVEL,prefix2:LEVEL'; the longest matching prefix "
                 "wins; bad items are skipped as the library does")
      ->type_name("SPEC")
      ->group(group_filter);
}

void add_output_options(CLI::App& app, options& opts, raw_values& raw) {
  app.add_option("--color,--colour", opts.sink.color,
                 "Colours: auto (a terminal, TERM not dumb, NO_COLOR unset; FORCE_COLOR forces), always, never")
      ->transform(one_of(color_names))
      ->option_text("auto|always|never")
      ->group(group_output);
  app.add_flag("--omit-timestamp", raw.omit_timestamp, "Do not show the timestamp column")->group(group_output);
  app.add_option("--paging", opts.sink.paging,
                 "Page the output with $PAGER (default less -R): auto (a terminal, not following), always, never")
      ->transform(one_of(paging_names))
      ->option_text("auto|always|never")
      ->group(group_output);
  app.add_option("-o,--output", opts.sink.output,
                 "pretty (the console layout), json (selected lines exactly as read), json-enriched "
                 "(foundation's JSON layout, enriched and masked), logfmt, raw (the message only)")
      ->transform(one_of(output_names))
      ->option_text("pretty|json|json-enriched|logfmt|raw")
      ->group(group_output);
  app.add_option("-k,--keys", opts.sink.keys, "Show only these fields (comma-separated top-level keys)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("KEYS")
      ->group(group_output);
  app.add_option("-x,--hide", opts.sink.hide, "Do not show these fields (comma-separated top-level keys)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("KEYS")
      ->group(group_output);
  app.add_option("--time-format", opts.sink.time_format,
                 "Show times with this strftime FORMAT (%f microseconds, %L milliseconds)")
      ->type_name("FORMAT")
      ->group(group_output);
  auto* count = app.add_flag("-c,--count", raw.count, "Print only the number of selected events")->group(group_output);
  auto* stats = app.add_flag("--stats", raw.stats,
                             "Print counts per level and per logger, the first and last timestamp and the line accounting")
                    ->excludes(count)
                    ->group(group_output);
  app.add_flag("--quiet", raw.quiet, "Print nothing; exit 0 at the first selected event, 1 if there is none")
      ->excludes(count)
      ->excludes(stats)
      ->group(group_output);
  app.add_flag_callback("-f,--follow", [&opts] { opts.source.follow = follow_mode::descriptor; },
                        "Keep reading the files as they grow (the open file: renames do not matter)")
      ->group(group_input);
  app.add_flag_callback("-F", [&opts] { opts.source.follow = follow_mode::name; },
                        "Follow the files by name: survive rotation, truncation, deletion and re-creation")
      ->group(group_input);
  app.add_option("-n,--tail", opts.source.tail_lines, "When following, start at the last N lines of each file")
      ->option_text("N")
      ->group(group_input);
  app.add_flag("--merge", opts.source.merge,
               "Interleave the inputs by timestamp (each assumed in order), e.g. one service's logs from several hosts")
      ->group(group_input);
  app.add_flag("--poll", opts.source.poll, "")->group("");
  app.add_option("--poll-interval", opts.source.poll_interval_ms, "")->group("");
  app.add_option("--threads", opts.threads, "Worker threads (default: one per core); 1 processes on the main thread")
      ->check(CLI::Range(1u, 256u))
      ->option_text("N")
      ->group(group_input);
  app.add_flag("--strict", opts.strict, "Treat invalid and over-long lines as errors: report each, exit 2")
      ->group(group_input);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The long option name closest to `word` within a few edits, or "".
std::string closest_option(const CLI::App& app, std::string_view word) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty() || !opt->get_configurable()) continue;
    for (const auto& name : opt->get_lnames()) {
      std::size_t d = edit_distance(word, name);
      if (d < best_distance) {
        best_distance = d;
        best = name;
      }
    }
  }
  return best;
}

// "did you mean --color?" for a mistyped long option.
std::string suggestion(const CLI::App& app, std::string_view unknown) {
  std::string_view word = unknown.substr(0, unknown.find('='));
  if (!word.starts_with("--")) return {};
  std::string best = closest_option(app, word.substr(2));
  return best.empty() ? std::string() : "; did you mean --" + best + "?";
}

// Validates the selection options whose syntax CLI11 does not know.
bool apply_selection(const raw_values& raw, const config_file& config, options& opts) {
  naive_zone zone = raw.utc ? naive_zone::utc : naive_zone::local;
  opts.filter.zone = opts.sink.zone = zone;
  epoch_ns now = clock_now();
  for (auto [text, target, name] : {std::tuple{&raw.since, &opts.filter.since, "--since"},
                                    std::tuple{&raw.until, &opts.filter.until, "--until"}}) {
    if (text->empty()) continue;
    *target = parse_time_option(*text, zone, now);
    if (!*target) {
      std::string msg = config.origin(name + 2) + name + ": cannot read '";
      append_escaped(msg, *text, keep_controls::none);
      report(msg + "' as a time (try 2026-11-24T10:00:00Z, '2026-11-24 10:00', today, 3h, 30m)");
      return false;
    }
  }
  opts.sink.summary = raw.count ? summary_kind::count : raw.stats ? summary_kind::stats
                    : raw.quiet ? summary_kind::quiet : summary_kind::none;
  if (!opts.filter.queries.empty() || !opts.filter.loggers.empty() || !opts.filter.exclude_loggers.empty() ||
      !opts.filter.grep.empty() || opts.filter.since || opts.filter.until)
    opts.filter.selection = true;
  return true;
}

// The command line's prefixes first: on an equal prefix they win over the configuration's.
bool apply_logger_prefixes(const raw_values& raw, const config_file& config, options& opts) {
  for (const auto& item : raw.logger_prefixes) {
    auto eq = item.find('=');
    std::string emoji = eq == std::string::npos ? std::string() : item.substr(eq + 1);
    if (eq == std::string::npos || eq == 0 || !valid_logger_emoji(emoji)) {
      std::string msg = "--logger-prefix: expected PREFIX=EMOJI, got '";
      append_escaped(msg, item, keep_controls::none);
      report(msg + "'");
      return false;
    }
    opts.enrich.logger_prefixes.push_back({item.substr(0, eq), emoji});
  }
  auto& prefixes = opts.enrich.logger_prefixes;
  prefixes.insert(prefixes.end(), config.logger_prefixes.begin(), config.logger_prefixes.end());
  return true;
}

bool apply_theme(const raw_values& raw, const config_file& config, options& opts) {
  // The configuration's themes first: a user's theme may take a built-in name.
  for (const auto* themes : {&config.themes, &builtin_themes()})
    for (const auto& t : *themes)
      if (t.name == raw.theme) return opts.sink.colors = t, true;
  std::string msg = config.origin("theme") + "--theme: unknown theme '";
  append_escaped(msg, raw.theme, keep_controls::none);
  msg += "' (themes: ";
  for (const auto* themes : {&builtin_themes(), &config.themes})
    for (const auto& t : *themes) {
      append_escaped(msg, t.name, keep_controls::none);
      msg += ", ";
    }
  msg.resize(msg.size() - 2);
  report(msg + ")");
  return false;
}

bool apply_raw(CLI::App& app, const raw_values& raw, const config_file& config, options& opts) {
  if (!apply_logger_prefixes(raw, config, opts) || !apply_theme(raw, config, opts)) return false;
  if (!config.event_sets.empty()) opts.enrich.event_sets = std::make_shared<event_set_registry>(config.event_sets);
  if (app.count("--logger-emoji")) opts.enrich.logger_emoji = raw.logger_emoji;
  if (raw.no_mask) opts.enrich.mask = opts.enrich.redact_dicts = false;
  if (raw.no_markers) opts.enrich.markers = false;
  if (raw.omit_timestamp) opts.sink.omit_timestamp = true;
  if (app.count("--level")) {
    auto level = parse_level_option(raw.level);
    if (!level) {
      std::string msg = config.origin("level") + "--level: unknown level '";
      append_escaped(msg, raw.level, keep_controls::none);
      msg += "' (valid: trace, debug, info, warning, warn, error, critical, fatal)";
      report(msg);
      return false;
    }
    opts.filter.min_level = *level;
    opts.filter.selection = true;
  }
  if (app.count("--module-levels")) {
    opts.filter.module_levels = parse_module_levels(raw.module_levels);
    opts.filter.selection = true;
  }
  return true;
}

bool given_on_command_line(const CLI::Option& opt) {
  if (opt.count() > 0) return true;
  for (const CLI::Option* other : opt.get_excludes())
    if (other->count() > 0) return true;
  return false;
}

// A setting of the configuration file acts as if its flag were given, unless the command line
// gave it (or an option it excludes).
std::optional<std::string> apply_config_default(CLI::App& app, config_default& d) {
  CLI::Option* opt = app.get_option_no_throw("--" + d.name);
  if (!opt || opt->get_group().empty() || !opt->get_configurable() || opt->get_positional()) {
    std::string best = closest_option(app, d.name);
    return "unknown setting '" + d.name + "'" + (best.empty() ? "" : "; did you mean '" + best + "'?");
  }
  if (given_on_command_line(*opt)) return std::nullopt;
  bool is_flag = opt->get_expected_min() == 0;
  if (is_flag != d.is_boolean)
    return "'" + d.name + "' " + (is_flag ? "is a switch: write " + d.name + " = true" : "takes a value, not true or false");
  if (is_flag && d.values.front() == "false") return std::nullopt;
  d.applied = true;
  try {
    if (is_flag) opt->add_result(opt->get_flag_value(d.name, "true"));
    else opt->add_result(d.values);
    opt->run_callback();
  } catch (const CLI::Error& e) {
    return e.what();  // CLI11 names the option
  }
  return std::nullopt;
}

std::optional<config_file> read_config(CLI::App& app, const raw_values& raw) {
  config_file config;
  if (raw.no_config) return config;
  auto where = locate_config(raw.config);
  if (!where) return config;
  std::string error;
  auto loaded = load_config(*where, error);
  if (!loaded) return report(error), std::nullopt;
  for (auto& d : loaded->defaults) {
    if (auto problem = apply_config_default(app, d)) {
      std::string msg;
      append_escaped(msg, loaded->path, keep_controls::none);
      std::string text;
      append_escaped(text, *problem, keep_controls::none);
      report(msg + ":" + std::to_string(d.line) + ": " + text);
      return std::nullopt;
    }
  }
  return loaded;
}

bool apply_foundation(CLI::App& app, const raw_values& raw, options& opts) {
  if (!opts.foundation) return true;
  apply_foundation_preset(opts);
  explicit_flags given{app.count("--level") > 0, app.count("--module-levels") > 0, app.count("--logger-emoji") > 0,
                       raw.no_markers, raw.omit_timestamp, raw.no_mask};
  std::string error;
  if (apply_foundation_env(opts, given, error)) return true;
  report(error);
  return false;
}

}  // namespace

std::optional<int> parse_command_line(int argc, char** argv, std::unique_ptr<const plan>& out) {
  options opts;
  CLI::App app{"logmoji: render and filter JSON-lines logs with provide.foundation's emoji and layout", "logmoji"};
  app.set_version_flag("-V,--version", std::string("logmoji ") + LOGMOJI_VERSION);
  app.footer(examples);
  app.option_defaults()->always_capture_default(false);
  raw_values raw;
  add_input_options(app, opts);
  add_enrich_options(app, opts, raw);
  add_filter_options(app, raw);
  add_selection_options(app, opts, raw);
  add_output_options(app, opts, raw);
  add_config_options(app, raw);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::string msg;
    append_escaped(msg, e.what(), keep_controls::none);
    for (const auto& extra : app.remaining()) msg += suggestion(app, extra);
    report(msg + " (see logmoji --help)");
    return 2;
  }
  auto config = read_config(app, raw);
  if (!config || !apply_foundation(app, raw, opts) || !apply_raw(app, raw, *config, opts) || !apply_selection(raw, *config, opts))
    return 2;
  if (raw.print_config || opts.emoji_matrix) {
    std::string text;
    if (raw.print_config) write_config(text, opts, *config);
    else write_emoji_matrix(text, opts.enrich);
    return write_document(text);
  }
  // The colour decision looks at the terminal, not at a pager's pipe started later.
  opts.sink.stdout_tty = ::isatty(STDOUT_FILENO) == 1;
  std::string error, setting;
  out = plan::build(opts, error, &setting);
  if (!out) {
    report(config->origin(setting) + error);
    return 2;
  }
  return std::nullopt;
}

}  // namespace logmoji
