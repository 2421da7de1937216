// The CLI11 app: every option grouped, with full help, filling `options`.
#include "logmoji/cli.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <tuple>
#include <string>

#include <CLI/CLI.hpp>
#include <unistd.h>

#include "logmoji/config_file.hpp"
#include "logmoji/config_print.hpp"
#include "logmoji/diagnostics.hpp"
#include "logmoji/emoji_matrix.hpp"
#include "logmoji/field_selection.hpp"
#include "logmoji/filter.hpp"
#include "logmoji/foundation_env.hpp"
#include "logmoji/level.hpp"
#include "logmoji/option_names.hpp"
#include "logmoji/query.hpp"
#include "logmoji/run.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/time_expression.hpp"
#include "logmoji/timestamp.hpp"

#include "cli_options.hpp"

#ifndef LOGMOJI_VERSION
#define LOGMOJI_VERSION "unknown"
#endif

namespace logmoji {
namespace {

constexpr const char* group_input = "Input";
constexpr std::uint64_t default_tail_lines = 10;
constexpr const char* group_enrich = "Enrichment";
constexpr const char* group_filter = "Filtering";
constexpr const char* group_output = "Output";
constexpr const char* group_config = "Configuration";
/// -B keeps this many events at most: a typo of a huge N must not reserve gigabytes.
constexpr std::uint32_t max_context = 100000;

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
  std::string grep;
  std::string module_levels;
  logger_emoji_mode logger_emoji = logger_emoji_mode::hash;
  bool no_mask = false;
  bool no_markers = false;
  bool omit_timestamp = false;
  std::vector<std::string> logger_prefixes;
  std::vector<std::string> fields;
  std::string since;
  std::string until;
  std::string tail;
  bool utc = false;
  bool local = false;
  bool count = false;
  bool stats = false;
  bool quiet = false;
  std::uint32_t context = 0;
  std::string theme = "foundation";
  std::string config;
  bool no_config = false;
  bool print_config = false;
};

// CLI11 checks each new option's names against those of every option before it, in copies of
// their name lists: 0.76 M instructions a run (38 a line over 20,000 lines). The names are
// checked once instead, where the documents are generated (names_clash: tests/cli manpage and
// completions): each option is added to an app that seems to hold none, then joins the others.
class option_app : public CLI::App {
public:
  using CLI::App::App;

  template <class Add>
  CLI::Option* add_unchecked(Add add) {
    std::vector<CLI::Option_p> earlier;
    options_.swap(earlier);
    CLI::Option* opt = add(static_cast<CLI::App&>(*this));
    for (auto& o : options_) earlier.push_back(std::move(o));
    options_.swap(earlier);
    return opt;
  }

  // The same for the option the table's entry `doc` describes.
  template <class Add>
  CLI::Option* add_documented(const option_doc& doc, Add add) {
    CLI::Option* opt = add_unchecked(add);
    documented_.emplace_back(&doc, opt);
    return opt;
  }

  /// How often the option named `name` was given: CLI::App::count parses and copies every
  /// option's names to find it (16 K instructions a call); this compares table entries.
  [[nodiscard]] std::size_t given(std::string_view name) const {
    const option_doc* doc = &option_doc_for(name);
    for (const auto& [d, opt] : documented_)
      if (d == doc) return opt->count();
    std::fprintf(stderr, "logmoji: internal error: option %.*s was not added\n", static_cast<int>(name.size()),
                 name.data());
    std::abort();
  }

  /// The option a CLI11 message is about (it starts with "NAME: "), with its table entry.
  [[nodiscard]] std::pair<const option_doc*, const CLI::Option*> about(std::string_view message) const {
    for (const auto& [doc, opt] : documented_)
      if (message.starts_with(opt->get_name() + ": ")) return {doc, opt};
    return {nullptr, nullptr};
  }

private:
  std::vector<std::pair<const option_doc*, CLI::Option*>> documented_;
};

// An option as the table describes it: its names, value name, --help line and group.
template <typename T>
CLI::Option* add_value(option_app& app, std::string_view name, T& target) {
  const option_doc& doc = option_doc_for(name);
  return app
      .add_documented(doc,
                      [&](CLI::App& a) { return a.add_option(std::string(doc.names), target, std::string(doc.help)); })
      ->option_text(std::string(doc.value))
      ->group(std::string(doc.group));
}

// A repeatable option: each occurrence takes one value.
CLI::Option* add_list(option_app& app, std::string_view name, std::vector<std::string>& target) {
  return add_value(app, name, target)
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

CLI::Option* add_switch(option_app& app, std::string_view name, bool& target) {
  const option_doc& doc = option_doc_for(name);
  return app
      .add_documented(doc,
                      [&](CLI::App& a) { return a.add_flag(std::string(doc.names), target, std::string(doc.help)); })
      ->group(std::string(doc.group));
}

CLI::Option* add_switch(option_app& app, std::string_view name, std::function<void()> action) {
  const option_doc& doc = option_doc_for(name);
  return app
      .add_documented(doc,
                      [&](CLI::App& a) {
                        return a.add_flag_callback(std::string(doc.names), std::move(action), std::string(doc.help));
                      })
      ->group(std::string(doc.group));
}

void add_config_options(option_app& app, raw_values& raw) {
  auto* config = add_value(app, "--config", raw.config)->configurable(false);
  add_switch(app, "--no-config", raw.no_config)->excludes(config)->configurable(false);
  add_switch(app, "--print-config", raw.print_config)->configurable(false);
  add_value(app, "--theme", raw.theme);
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

// A whole number from `low` to `high`, said in logmoji's words (CLI::Range's are "Value  not in
// range 1 to 256" for an empty value).
template <typename T>
CLI::Validator number_in(T low, T high) {
  return CLI::Validator(
      [low, high](std::string& value) -> std::string {
        T n{};
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (!value.empty() && ec == std::errc{} && end == value.data() + value.size() && n >= low && n <= high)
          return {};
        return "expected a number from " + std::to_string(low) + " to " + std::to_string(high) + ", got " +
               quoted(std::string_view(value));
      },
      "");
}

// Units a size may carry, in any case: the binary ones, as the help writes "128 MiB".
constexpr std::array<std::pair<std::string_view, std::uint64_t>, 8> size_units{{
    {"", 1},
    {"b", 1},
    {"k", std::uint64_t{1} << 10},
    {"kib", std::uint64_t{1} << 10},
    {"m", std::uint64_t{1} << 20},
    {"mib", std::uint64_t{1} << 20},
    {"g", std::uint64_t{1} << 30},
    {"gib", std::uint64_t{1} << 30},
}};

// A number of bytes with an optional unit (64K, 128 MiB) -> its decimal digits, for CLI11's
// integer reading and range check. Hex and other forms CLI11 would read are refused.
CLI::Validator byte_size() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        std::size_t digits = 0;
        while (digits < value.size() && std::isdigit(static_cast<unsigned char>(value[digits]))) ++digits;
        std::string unit = value.substr(digits);
        unit.erase(0, unit.find_first_not_of(' '));
        for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::uint64_t n = 0;
        bool read =
            digits > 0 && digits <= 12 && std::from_chars(value.data(), value.data() + digits, n).ec == std::errc{};
        for (const auto& [name, factor] : size_units)
          if (read && name == unit && n <= UINT64_MAX / factor)
            return value = std::to_string(n * factor), std::string();
        std::string msg = "'";
        append_escaped(msg, value, keep_controls::none);
        return msg + "' is no size (bytes, or with K, M, G or KiB, MiB, GiB)";
      },
      "");
}

// A -k/-x value: names or dotted paths, separated by commas. One that names none ('', ',') or a
// path with an empty part ('.', 'a.', 'a..b') would keep or hide nothing, silently.
CLI::Validator key_paths() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        auto names = split_list({value});
        if (names.empty()) return quoted(std::string_view(value)) + " names no key";
        for (const auto& name : names)
          if (name.front() == '.' || name.back() == '.' || name.find("..") != std::string::npos)
            return quoted(std::string_view(name)) + " has an empty part: a path is keys joined by dots (http.method)";
        return {};
      },
      "");
}

// A --logger/--exclude-logger value: every name starts with an empty prefix, so '' would select
// every event (those without a logger too) or none, silently.
CLI::Validator logger_prefix() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        return value.empty() ? quoted(std::string_view(value)) + " names no logger" : "";
      },
      "");
}

// An empty --time-format would have fallen back to the default one without a word. A
// conversion's width is strftime's to pad to: %1000000Y asked for a megabyte a line, and past
// the room strftime is given the column came out empty, also without a word.
CLI::Validator time_format_text() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (value.empty()) return "an empty format shows no time; to leave the time out, use --omit-timestamp";
        for (std::size_t i = 0; i + 1 < value.size(); ++i) {
          if (value[i] != '%') continue;
          strftime_conversion c = read_conversion(value, i + 1);
          if (c.width > widest_conversion)
            return "a conversion's width is at most " + std::to_string(widest_conversion);
          i = c.end - 1;  // past the conversion's letter (or a %% pair's second %)
        }
        return "";
      },
      "");
}

void add_input_options(option_app& app, options& opts, raw_values& raw) {
  add_value(app, "files", opts.source.files);
  add_value(app, "--input", opts.source.input)->transform(one_of(input_names));
  add_value(app, "--max-line-size", opts.source.max_line_size)
      ->transform(byte_size())
      ->check(number_in(std::size_t{16}, std::size_t{1} << 32));
  add_switch(app, "--merge", opts.source.merge);
  add_switch(app, "--follow", [&opts] { opts.source.follow = follow_mode::descriptor; });
  add_switch(app, "-F", [&opts] { opts.source.follow = follow_mode::name; });
  add_value(app, "--tail", raw.tail);
  auto* label = add_switch(app, "--label", [&opts] { opts.sink.label = label_mode::always; });
  add_switch(app, "--no-label", [&opts] { opts.sink.label = label_mode::never; })->excludes(label);
  add_value(app, "--threads", opts.threads)->check(number_in(1u, 256u));
  add_switch(app, "--strict", opts.strict);
  // For the tests: polling instead of inotify, and its interval.
  app.add_unchecked([&](CLI::App& a) { return a.add_flag("--poll", opts.source.poll, ""); })->group("");
  app.add_unchecked([&](CLI::App& a) { return a.add_option("--poll-interval", opts.source.poll_interval_ms, ""); })
      ->group("");
}

void add_enrich_options(option_app& app, options& opts, raw_values& raw) {
  add_switch(app, "--foundation", opts.foundation);
  add_value(app, "--logger-emoji", raw.logger_emoji)->transform(one_of(logger_emoji_names));
  add_list(app, "--logger-prefix", raw.logger_prefixes);
  add_list(app, "--field", raw.fields);
  add_switch(app, "--no-mask", raw.no_mask);
  add_switch(app, "--no-markers", raw.no_markers);
  add_switch(app, "--emoji-matrix", opts.emoji_matrix)->configurable(false);
}

void add_filter_options(option_app& app, options& opts, raw_values& raw) {
  add_value(app, "--level", raw.level);
  add_value(app, "--module-levels", raw.module_levels);
  add_list(app, "--query", opts.filter.queries);
  add_list(app, "--logger", opts.filter.loggers)->check(logger_prefix());
  add_list(app, "--exclude-logger", opts.filter.exclude_loggers)->check(logger_prefix());
  add_value(app, "--grep", raw.grep);
  add_switch(app, "--ignore-case", opts.filter.ignore_case);
  add_value(app, "--since", raw.since);
  add_value(app, "--until", raw.until);
  add_switch(app, "--invert-match", opts.filter.invert);
  add_value(app, "--raw", opts.filter.raw)->transform(one_of(raw_names));
  auto context_range = number_in(std::uint32_t{0}, max_context);
  add_value(app, "--after-context", opts.filter.after)->check(context_range);
  add_value(app, "--before-context", opts.filter.before)->check(context_range);
  add_value(app, "--context", raw.context)->check(context_range);
  auto* utc = add_switch(app, "--utc", raw.utc);
  add_switch(app, "--local", raw.local)->excludes(utc);
}

void add_output_options(option_app& app, options& opts, raw_values& raw) {
  add_value(app, "--output", opts.sink.output)->transform(one_of(output_names));
  add_list(app, "--keys", opts.sink.keys)->check(key_paths());
  add_list(app, "--hide", opts.sink.hide)->check(key_paths());
  add_value(app, "--time-format", opts.sink.time_format)->check(time_format_text());
  auto* paging = add_value(app, "--paging", opts.sink.paging)->transform(one_of(paging_names));
  add_switch(app, "-P", [&opts] { opts.sink.paging = paging_mode::never; })->excludes(paging);
  auto* count = add_switch(app, "--count", raw.count);
  auto* stats = add_switch(app, "--stats", raw.stats)->excludes(count);
  add_switch(app, "--quiet", raw.quiet)->excludes(count)->excludes(stats);
  add_switch(app, "--no-messages", opts.no_messages);
  add_value(app, "--color", opts.sink.color)->transform(one_of(color_names));
  add_switch(app, "--omit-timestamp", raw.omit_timestamp);
}

CLI::Option* add_help_options(option_app& app, std::string& generate) {
  // The app's own -h,--help went first (parse_command_line): this one is added without a check.
  const option_doc& help = option_doc_for("--help");
  app.add_unchecked([&](CLI::App& a) { return a.set_help_flag(std::string(help.names), std::string(help.help)); })
      ->group(std::string(help.group))
      ->configurable(false);
  const option_doc& version = option_doc_for("--version");
  app.add_unchecked([&](CLI::App& a) {
       return a.set_version_flag(std::string(version.names), std::string("logmoji ") + LOGMOJI_VERSION,
                                 std::string(version.help));
     })
      ->group(std::string(version.group))
      ->configurable(false);
  // The maintainers' way to rewrite the man page's options and the completions (tests/cli).
  return app.add_unchecked([&](CLI::App& a) { return a.add_option("--generate", generate, ""); })
      ->configurable(false)
      ->group("");
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

// An option the configuration file can set: not a hidden one, not an operand, not one that
// directs the run itself (--config, --help).
bool settable(const CLI::Option* opt) {
  return opt && !opt->get_group().empty() && opt->get_configurable() && !opt->get_positional() &&
         !opt->get_lnames().empty();
}

// The long option name closest to `word` within a few edits, or "".
std::string closest_option(const CLI::App& app, std::string_view word) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const CLI::Option* opt : app.get_options()) {
    if (!settable(opt)) continue;
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

// "-n N", "-n +K", "-n all": tail(1)'s forms. CLI11 would read -1 as "every line" and '' as
// nothing, so the text is read here. Following with no -n starts at the last 10 lines, as tail does.
bool apply_tail(const option_app& app, const raw_values& raw, const config_file& config, options& opts) {
  source_options& src = opts.source;
  if (!app.given("--tail")) {
    if (src.follow != follow_mode::none) src.tail_lines = default_tail_lines;
    return true;
  }
  if (raw.tail == "all") return true;
  bool from_start = raw.tail.starts_with('+');
  std::string_view digits = std::string_view(raw.tail).substr(from_start ? 1 : 0);
  std::uint64_t lines = 0;
  auto [stop, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), lines);
  if (!digits.empty() && ec == std::errc() && stop == digits.data() + digits.size()) {
    if (from_start)
      src.from_line = std::max<std::uint64_t>(lines, 1);  // tail -n +0 is +1
    else
      src.tail_lines = lines;
    return true;
  }
  report(config.origin("tail") + "-n/--tail: expected N, +K or all, got " + quoted(raw.tail));
  return false;
}

bool apply_times(const option_app& app, const raw_values& raw, const config_file& config, options& opts) {
  naive_zone zone = raw.utc ? naive_zone::utc : naive_zone::local;
  opts.filter.zone = opts.sink.zone = zone;
  epoch_ns now = clock_now();
  // The tests' fixed "now" (docs/testing.md), so that clock times and offsets are checked
  // without racing the wall clock.
  if (const char* fixed = std::getenv("LOGMOJI_TEST_NOW"); fixed && *fixed) {
    if (auto t = parse_timestamp(fixed, naive_zone::utc)) now = *t;
  }
  for (auto [text, target, name] :
       {std::tuple{&raw.since, &opts.filter.since, "--since"}, std::tuple{&raw.until, &opts.filter.until, "--until"}}) {
    if (!app.given(name)) continue;
    *target = parse_time_expression(*text, zone, now);
    if (!*target) {
      report(config.origin(name + 2) + name + ": cannot read " + quoted(*text) +
             " as a time (try 2026-11-24T10:00:00Z, '2026-11-24 10:00', today, 10:00, 'yesterday 18:00', "
             "'1 hour ago', 1h30m, 90min)");
      return false;
    }
  }
  return true;
}

// -C N means -A N -B N, but an -A or -B keeps its own number when it comes from the same place
// as -C or from a stronger one: the command line beats the configuration file.
bool keeps_own_context(const option_app& app, const config_file& config, const std::string& side) {
  if (!app.given("--" + side)) return false;
  return config.origin(side).empty() || !config.origin("context").empty();
}

// Validates the selection options whose syntax CLI11 does not know; the expressions (--query,
// --grep) are compiled once, when the plan is built.
bool apply_selection(const option_app& app, const raw_values& raw, const config_file& config, options& opts) {
  if (!apply_times(app, raw, config, opts) || !apply_tail(app, raw, config, opts)) return false;
  opts.sink.summary = raw.count   ? summary_kind::count
                      : raw.stats ? summary_kind::stats
                      : raw.quiet ? summary_kind::quiet
                                  : summary_kind::none;
  // An empty pattern is a selection too: it matches every message, as grep '' matches every line.
  if (app.given("--grep")) opts.filter.grep = raw.grep;
  if (!opts.filter.queries.empty() || !opts.filter.loggers.empty() || !opts.filter.exclude_loggers.empty() ||
      opts.filter.grep || opts.filter.since || opts.filter.until || opts.filter.invert)
    opts.filter.selection = true;
  if (app.given("--context")) {
    if (!keeps_own_context(app, config, "after-context")) opts.filter.after = raw.context;
    if (!keeps_own_context(app, config, "before-context")) opts.filter.before = raw.context;
  }
  return true;
}

// The command line's prefixes first: on an equal prefix they win over the configuration's.
bool apply_logger_prefixes(const raw_values& raw, const config_file& config, options& opts) {
  for (const auto& item : raw.logger_prefixes) {
    auto eq = item.find('=');
    std::string emoji = eq == std::string::npos ? std::string() : item.substr(eq + 1);
    if (eq == std::string::npos || eq == 0 || !valid_logger_emoji(emoji)) {
      report("--logger-prefix: expected PREFIX=EMOJI, got " + quoted(item));
      return false;
    }
    opts.enrich.logger_prefixes.push_back({item.substr(0, eq), emoji});
  }
  auto& prefixes = opts.enrich.logger_prefixes;
  prefixes.insert(prefixes.end(), config.logger_prefixes.begin(), config.logger_prefixes.end());
  return true;
}

// --field ROLE=NAME first, then the configuration's [fields]: the command line is tried first.
bool apply_fields(const raw_values& raw, const config_file& config, options& opts) {
  for (const auto& item : raw.fields) {
    auto eq = item.find('=');
    auto* names = eq == std::string::npos ? nullptr : field_names_of(opts.fields, std::string_view(item).substr(0, eq));
    std::string name = eq == std::string::npos ? std::string() : item.substr(eq + 1);
    if (!names || name.empty() || has_unsafe_character(name, keep_controls::none)) {
      report("--field: expected ROLE=NAME with ROLE time, level, message, logger or stack, got " + quoted(item));
      return false;
    }
    names->push_back(std::move(name));
  }
  for (auto role : {"time", "level", "message", "logger", "stack"}) {
    auto* to = field_names_of(opts.fields, role);
    auto* from = field_names_of(config.fields, role);
    to->insert(to->end(), from->begin(), from->end());
  }
  return true;
}

bool apply_theme(const raw_values& raw, const config_file& config, options& opts) {
  // The configuration's themes first: a user's theme may take a built-in name.
  for (const auto* themes : {&config.themes, &builtin_themes()})
    for (const auto& t : *themes)
      if (t.name == raw.theme) {
        opts.sink.colors = t;
        return true;
      }
  std::string msg = config.origin("theme") + "--theme: unknown theme " + quoted(raw.theme);
  msg += " (themes: ";
  for (const auto* themes : {&builtin_themes(), &config.themes})
    for (const auto& t : *themes) {
      append_escaped(msg, t.name, keep_controls::none);
      msg += ", ";
    }
  msg.resize(msg.size() - 2);
  report(msg + ")");
  return false;
}

bool apply_raw(const option_app& app, const raw_values& raw, const config_file& config, options& opts) {
  if (!apply_logger_prefixes(raw, config, opts) || !apply_fields(raw, config, opts) || !apply_theme(raw, config, opts))
    return false;
  if (!config.event_sets.empty()) opts.enrich.event_sets = std::make_shared<event_set_registry>(config.event_sets);
  if (app.given("--logger-emoji")) opts.enrich.logger_emoji = raw.logger_emoji;
  if (raw.no_mask) opts.enrich.mask = opts.enrich.redact_dicts = opts.enrich.redact_keys = false;
  if (raw.no_markers) opts.enrich.markers = false;
  if (raw.omit_timestamp) opts.sink.omit_timestamp = true;
  if (app.given("--level")) {
    auto level = parse_level_option(raw.level);
    if (!level) {
      std::string msg = config.origin("level") + "--level: unknown level " + quoted(raw.level);
      // The suggestion -q gives for the same word in a query.
      if (auto best = closest_level_name(raw.level); !best.empty())
        msg += ": did you mean " + quoted(std::string_view(best)) + "?";
      msg += " (valid: trace, debug, info, warning, warn, error, critical, fatal, or another name of docs/levels.md)";
      report(msg);
      return false;
    }
    opts.filter.min_level = *level;
    opts.filter.selection = true;
  }
  if (app.given("--module-levels")) {
    std::string problem;
    opts.filter.module_levels = parse_module_levels(raw.module_levels, level_rules::extended, &problem);
    if (!problem.empty()) {
      report(config.origin("module-levels") + "--module-levels: " + problem);
      return false;
    }
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

// A `false` switch is the switch left out, and an empty list the key left out: `logger = []`
// selects no logger, as no --logger does.
bool sets_something(const config_default& d) {
  return !d.values.empty() && !(d.is_boolean && d.values.front() == "false");
}

// An earlier setting of the file that `opt` cannot go with, as the command line refuses them
// together: an option it excludes (count, stats), or itself by its other name (colour). The
// file is refused whatever the command line gives: it says two things.
std::optional<std::string> clash_in_file(const CLI::App& app, const CLI::Option& opt, const config_default& d,
                                         const std::vector<config_default>& settings) {
  for (const auto& earlier : settings) {
    if (&earlier == &d) break;
    if (!sets_something(earlier)) continue;
    const CLI::Option* other = app.get_option_no_throw("--" + earlier.name);
    std::string where = " (line " + std::to_string(earlier.line) + ")";
    if (other == &opt) return "'" + d.name + "' sets the same as '" + earlier.name + "'" + where;
    if (std::ranges::any_of(opt.get_excludes(), [other](const CLI::Option* o) { return o == other; }))
      return "'" + d.name + "' and '" + earlier.name + "'" + where + " exclude each other, as on the command line";
  }
  return std::nullopt;
}

// A setting of the configuration file acts as if its flag were given, unless the command line
// gave it (or an option it excludes).
std::optional<std::string> apply_config_default(CLI::App& app, config_default& d,
                                                const std::vector<config_default>& settings) {
  CLI::Option* opt = app.get_option_no_throw("--" + d.name);
  if (!settable(opt)) {
    std::string best = closest_option(app, d.name);
    return "unknown setting '" + d.name + "'" + (best.empty() ? "" : "; did you mean '" + best + "'?");
  }
  bool is_flag = opt->get_expected_min() == 0;
  if (is_flag != d.is_boolean)
    return "'" + d.name + "' " +
           (is_flag ? "is a switch: write " + d.name + " = true" : "takes a value, not true or false");
  if (!sets_something(d)) return std::nullopt;
  if (auto clash = clash_in_file(app, *opt, d, settings)) return clash;
  // Counted once the clashes are out: what set the option or one it excludes is the command line.
  if (given_on_command_line(*opt)) return std::nullopt;
  if (d.values.size() > 1 && opt->get_multi_option_policy() != CLI::MultiOptionPolicy::TakeAll)
    return "'" + d.name + "' takes one value, not a list of " + std::to_string(d.values.size());
  d.applied = true;
  try {
    if (is_flag)
      opt->add_result(opt->get_flag_value(d.name, "true"));
    else
      opt->add_result(d.values);
    opt->run_callback();
  } catch (const CLI::Error& e) {
    return e.what();  // CLI11 names the option
  }
  return std::nullopt;
}

std::optional<config_file> read_config(CLI::App& app, const raw_values& raw) {
  config_file config;
  if (raw.no_config) return config;
  // An empty --config names no file: it must not fall back to the default places.
  if (raw.config.empty() && app.count("--config") > 0) {
    report("--config: an empty path names no file (--no-config reads none)");
    return std::nullopt;
  }
  auto where = locate_config(raw.config);
  if (!where) return config;
  std::string error;
  auto loaded = load_config(*where, error);
  if (!loaded) {
    report(error);
    return std::nullopt;
  }
  for (auto& d : loaded->defaults) {
    if (auto problem = apply_config_default(app, d, loaded->defaults)) {
      std::string text;
      append_escaped(text, *problem, keep_controls::none);
      report_at(loaded->path, d.line, text);
      return std::nullopt;
    }
  }
  return loaded;
}

bool apply_foundation(const option_app& app, const raw_values& raw, options& opts) {
  if (!opts.foundation) return true;
  apply_foundation_preset(opts);
  explicit_flags given{app.given("--level") > 0,
                       app.given("--module-levels") > 0,
                       app.given("--logger-emoji") > 0,
                       raw.no_markers,
                       raw.omit_timestamp,
                       raw.no_mask};
  std::string error;
  if (apply_foundation_env(opts, given, error)) return true;
  report(error);
  return false;
}

// A setting is kept as UTF-8: TOML, and so --print-config and the configuration file, cannot
// hold other bytes, and no event field can match them. File names are not settings.
bool check_settings_utf8(const CLI::App& app) {
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_positional() || !opt->get_configurable()) continue;
    for (const auto& value : opt->results()) {
      if (valid_utf8(value)) continue;
      report(opt->get_name() + ": " + quoted(value) + " is not UTF-8 text");
      return false;
    }
  }
  return true;
}

// What --print-config writes as the user's: every option the file can set and whether it was
// set (a setting of the file counts as given), and the texts that stay as written.
user_settings settings_given(const option_app& app, const raw_values& raw) {
  user_settings user;
  for (const CLI::Option* opt : app.get_options())
    if (settable(opt))
      user.settings.push_back({opt->get_lnames().front(), opt->get_expected_min() == 0, opt->count() > 0});
  for (auto [text, target, name] :
       {std::tuple{&raw.since, &user.since, "--since"}, std::tuple{&raw.until, &user.until, "--until"},
        std::tuple{&raw.tail, &user.tail, "--tail"}})
    if (app.given(name)) *target = *text;
  return user;
}

// CLI11's count errors ("At Most 1 required but received 2", "1 required TEXT missing") in
// logmoji's words, naming the option as --help does: "-o/--output given twice".
std::string count_error(const option_app& app, const CLI::ParseError& e) {
  auto [doc, opt] = app.about(e.what());
  if (!doc || e.get_name() != "ArgumentMismatch") return e.what();
  std::string name(doc->names);
  std::replace(name.begin(), name.end(), ',', '/');
  if (opt->count() > 1)
    return name + " given " + (opt->count() == 2 ? "twice" : std::to_string(opt->count()) + " times");
  return name + " needs a value (" + std::string(doc->value) + ")";
}

// --help, --version and --generate print a document; a write error must show in the status.
int print_requested(const CLI::App& app, const CLI::ParseError& e) {
  if (e.get_name() == "CallForHelp") return write_document(app.help());
  if (e.get_name() == "CallForVersion") return write_document(std::string(e.what()) + "\n");
  return app.exit(e);
}

// Two options sharing a name, which CLI11 would have refused as they were added (option_app).
std::string names_clash(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& s : opt->get_snames()) names.push_back("-" + s);
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
  }
  std::sort(names.begin(), names.end());
  auto twice = std::adjacent_find(names.begin(), names.end());
  return twice == names.end() ? std::string() : *twice;
}

int generate(const CLI::App& app, const std::string& kind) {
  if (auto clash = names_clash(app); !clash.empty()) {
    report("internal error: two options are named " + clash);
    return 2;
  }
  if (auto text = generate_document(kind, app)) return write_document(*text);
  report("--generate: unknown kind " + quoted(kind) + " (choose man, bash, zsh, fish)");
  return 2;
}

}  // namespace

std::optional<int> parse_command_line(int argc, char** argv, std::unique_ptr<const plan>& out) {
  options opts;
  option_app app{"logmoji: render and filter JSON-lines logs with provide.foundation's emoji and layout", "logmoji"};
  app.set_help_flag();  // while it is alone: add_help_options adds it again, unchecked, in its place
  app.footer(examples);
  app.option_defaults()->always_capture_default(false);
  raw_values raw;
  std::string generate_kind;
  add_input_options(app, opts, raw);
  add_enrich_options(app, opts, raw);
  add_filter_options(app, opts, raw);
  add_output_options(app, opts, raw);
  add_config_options(app, raw);
  const CLI::Option* generate_option = add_help_options(app, generate_kind);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return print_requested(app, e);
    std::string msg;
    append_escaped(msg, count_error(app, e), keep_controls::none);
    for (const auto& extra : app.remaining()) msg += suggestion(app, extra);
    if (msg.starts_with("--query") || msg.starts_with("-q/--query"))
      msg += "; to print nothing, as grep -q does, use --quiet";
    report(msg + " (see logmoji --help)");
    return 2;
  }
  if (generate_option->count() > 0) return generate(app, generate_kind);
  if (!check_settings_utf8(app)) return 2;
  auto config = read_config(app, raw);
  if (!config || !apply_foundation(app, raw, opts) || !apply_raw(app, raw, *config, opts) ||
      !apply_selection(app, raw, *config, opts))
    return 2;
  if (raw.print_config || opts.emoji_matrix) {
    std::string text;
    if (raw.print_config)
      write_config(text, opts, *config, settings_given(app, raw));
    else
      write_emoji_matrix(text, opts.enrich);
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
