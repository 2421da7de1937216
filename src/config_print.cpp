// --print-config: options back to TOML, one `name = value` per setting.
#include "logmoji/config_print.hpp"

#include <cstdio>

#include "logmoji/level.hpp"
#include "logmoji/option_names.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji {
namespace {

// A TOML basic string. Quotes and backslashes are escaped; so is every character that must not
// reach a terminal raw, as \uXXXX. Settings are UTF-8 (the command line refuses other bytes), so
// only the configuration file's name, a comment, can hold bytes TOML cannot: they become U+FFFD.
void append_toml_string(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    std::int32_t cp = decode_utf8(text, i);
    std::string_view unit = text.substr(start, i - start);
    if (cp == '"' || cp == '\\') {
      out += '\\';
      out += unit;
    } else if (cp < 0 || has_unsafe_character(unit, keep_controls::none)) {
      char buf[12];
      std::snprintf(buf, sizeof buf, "\\u%04x", cp < 0 ? 0xfffd : static_cast<unsigned>(cp));
      out += buf;
    } else {
      out += unit;
    }
  }
  out += '"';
}

void setting(std::string& out, std::string_view name, std::string_view text) {
  out += name;
  out += " = ";
  append_toml_string(out, text);
  out += '\n';
}

// `table."key" = "value"`: a setting whose key is data (a prefix, a level, a value), quoted.
void quoted_setting(std::string& out, std::string_view table, std::string_view key, std::string_view value) {
  out += table;
  append_toml_string(out, key);
  out += " = ";
  append_toml_string(out, value);
  out += '\n';
}

// [fields]: each role's names as a list, in the order they are tried.
void write_fields(std::string& out, const field_names& fields) {
  if (fields.empty()) return;
  out += "\n[fields]\n";
  for (auto role : {"time", "level", "message", "logger", "stack"}) {
    const auto* names = field_names_of(fields, role);
    if (names->empty()) continue;
    out += role;
    out += " = [";
    for (std::size_t i = 0; i < names->size(); ++i) {
      if (i) out += ", ";
      append_toml_string(out, (*names)[i]);
    }
    out += "]\n";
  }
}

void setting(std::string& out, std::string_view name, bool value) {
  out += name;
  out += value ? " = true\n" : " = false\n";
}

void setting(std::string& out, std::string_view name, std::uint64_t value) {
  out += name;
  out += " = " + std::to_string(value) + '\n';
}

void setting(std::string& out, std::string_view name, const std::vector<std::string>& values) {
  out += name;
  out += " = [";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    append_toml_string(out, values[i]);
  }
  out += "]\n";
}

std::string module_levels_text(const std::vector<module_level>& items) {
  std::string text;
  for (const auto& m : items) {
    if (!text.empty()) text += ',';
    text += m.prefix + ':' + std::string(level_name(m.level));
  }
  return text;
}

// A switch is true exactly when it was given: false is what leaving it out gives.
void write_switches(std::string& out, const user_settings& user) {
  for (const auto& s : user.settings)
    if (s.is_switch) setting(out, s.name, s.given);
}

// --foundation's preset and PROVIDE_LOG_* decide these unless the user did: a value they gave
// would be frozen by writing it down, so only the user's is written.
void write_enrichment(std::string& out, const options& opts, const user_settings& user) {
  if (opts.foundation)
    out += "# --foundation: its preset and the PROVIDE_LOG_* variables decide what is not set here\n";
  if (user.given("logger-emoji")) setting(out, "logger-emoji", name_of(logger_emoji_names, opts.enrich.logger_emoji));
  if (user.given("level")) setting(out, "level", level_name(opts.filter.min_level));
  if (user.given("module-levels")) setting(out, "module-levels", module_levels_text(opts.filter.module_levels));
}

// Selections are written only when set: an empty query is not a query.
void write_selection(std::string& out, const options& opts, const user_settings& user) {
  const auto& f = opts.filter;
  if (!f.queries.empty()) setting(out, "query", f.queries);
  if (!f.loggers.empty()) setting(out, "logger", f.loggers);
  if (!f.exclude_loggers.empty()) setting(out, "exclude-logger", f.exclude_loggers);
  if (f.grep) setting(out, "grep", *f.grep);
  for (auto [text, name] : {std::pair{&user.since, "since"}, std::pair{&user.until, "until"}})
    if (!text->empty()) setting(out, name, *text);
  // The automatic choice has no name: it is what no setting gives.
  if (f.raw != raw_mode::automatic) setting(out, "raw", name_of(raw_names, f.raw));
  setting(out, "before-context", std::uint64_t{f.before});
  setting(out, "after-context", std::uint64_t{f.after});
}

void write_output(std::string& out, const options& opts) {
  const auto& s = opts.sink;
  setting(out, "output", name_of(output_names, s.output));
  setting(out, "color", name_of(color_names, s.color));
  setting(out, "paging", name_of(paging_names, s.paging));
  setting(out, "theme", s.colors.name);
  if (!s.time_format.empty()) setting(out, "time-format", s.time_format);
  if (!s.keys.empty()) setting(out, "keys", s.keys);
  if (!s.hide.empty()) setting(out, "hide", s.hide);
}

void write_input(std::string& out, const options& opts, const user_settings& user) {
  setting(out, "input", name_of(input_names, opts.source.input));
  setting(out, "max-line-size", std::uint64_t{opts.source.max_line_size});
  if (!user.tail.empty()) setting(out, "tail", user.tail);
  if (opts.source.follow == follow_mode::name)
    out += "# -F (following by name) is no setting: follow = true follows the open file\n";
  if (opts.threads)
    setting(out, "threads", std::uint64_t{opts.threads});
  else
    out += "# threads: one per core\n";
}

void write_theme(std::string& out, const theme& t) {
  out += "\n[themes.";
  append_toml_string(out, t.name);
  out += "]\n";
  for (const auto& e : theme_elements()) setting(out, e.name, (t.*e.member).spec);
  for (const auto& [level, s] : t.levels) quoted_setting(out, "levels.", level, s.spec);
}

void write_metadata(std::string& out, const custom_event_set::value_fields& md) {
  out += "metadata.";
  append_toml_string(out, md.value);
  out += " = { ";
  for (std::size_t i = 0; i < md.fields.size(); ++i) {
    const auto& f = md.fields[i];
    if (i) out += ", ";
    append_toml_string(out, f.key);
    out += " = ";
    if (f.kind == metadata_kind::string)
      append_toml_string(out, f.text);
    else
      out += f.kind == metadata_kind::true_value ? "true" : "false";
  }
  out += " }\n";
}

void write_event_set(std::string& out, const custom_event_set& set) {
  out += "\n[[event-sets]]\n";
  setting(out, "name", set.name);
  out += "priority = " + std::to_string(set.priority) + '\n';
  for (const auto& m : set.mappings) {
    out += "\n[[event-sets.mappings]]\n";
    setting(out, "name", m.name);
    if (!m.default_marker.empty()) setting(out, "default", m.default_marker);
    for (const auto& vm : m.markers) quoted_setting(out, "markers.", vm.value, vm.emoji);
    for (const auto& md : m.metadata) write_metadata(out, md);
  }
}

}  // namespace

bool user_settings::given(std::string_view name) const {
  for (const auto& s : settings)
    if (s.name == name) return s.given;
  return false;
}

void write_config(std::string& out, const options& opts, const config_file& config, const user_settings& user) {
  out += "# logmoji's effective configuration: built-in defaults, then ";
  out += config.path.empty() ? std::string("no configuration file") : "the configuration file";
  out += ", then the command line.\n# Saved as config.toml it gives the same settings.\n";
  if (!config.path.empty()) {
    out += "# configuration file: ";
    append_toml_string(out, config.path);
    out += '\n';
  }
  out += '\n';
  write_switches(out, user);
  write_enrichment(out, opts, user);
  write_selection(out, opts, user);
  write_output(out, opts);
  write_input(out, opts, user);
  if (!opts.enrich.logger_prefixes.empty()) {
    out += "\n[logger-prefixes]\n";
    for (const auto& p : opts.enrich.logger_prefixes) quoted_setting(out, "", p.prefix, p.emoji);
  }
  write_fields(out, opts.fields);
  write_theme(out, opts.sink.colors);
  for (const auto& set : config.event_sets) write_event_set(out, set);
}

}  // namespace logmoji
