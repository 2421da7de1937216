// The TOML configuration file: read with toml++, checked, turned into logmoji's own structures.
#include "logmoji/config_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include <sys/stat.h>

#include <toml++/toml.h>

#include "logmoji/diagnostics.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji {
namespace {

// A configuration is a page of settings; more than this is a wrong file (--config /dev/zero).
constexpr std::size_t max_config_size = std::size_t{1} << 20;

// A failed check: the line it concerns and what is wrong.
struct problem {
  std::size_t line;
  std::string what;
};

std::size_t line_of(const toml::node& n) { return n.source().begin.line; }

std::optional<problem> printable(const toml::node& n, std::string_view text, std::string_view what) {
  if (text.empty() || has_unsafe_character(text, keep_controls::none))
    return problem{line_of(n), std::string(what) + " must be printable text, got " + quoted(text)};
  return std::nullopt;
}

const toml::table* as_table(const toml::node& n, std::string_view what, std::optional<problem>& p) {
  if (const auto* t = n.as_table()) return t;
  p = problem{line_of(n), std::string(what) + " must be a table"};
  return nullptr;
}

std::optional<std::string> as_text(const toml::node& n, std::string_view what, std::optional<problem>& p) {
  if (auto s = n.value_exact<std::string>()) return s;
  p = problem{line_of(n), std::string(what) + " must be a string"};
  return std::nullopt;
}

// A string that goes to the terminal as it is (a name, a marker): it must be printable.
std::optional<std::string> printable_text(const toml::node& n, std::string_view what, std::optional<problem>& p) {
  auto text = as_text(n, what, p);
  if (!text) return std::nullopt;
  if ((p = printable(n, *text, what))) return std::nullopt;
  return text;
}

std::string lowered(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// --- key paths -------------------------------------------------------------------------------

// toml++ follows a dotted key or a table header with one recursion per part: 250,000 parts
// overflow the stack. Its own limit, TOML_MAX_NESTED_VALUES (256), already bounds `[[[`…`]]]` and
// inline tables; a key path gets the same bound here, before toml++ sees the text.
constexpr std::size_t max_key_parts = 256;

bool bare_key_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// The index just past the string opening at `i`: a dot inside it is no separator. Escapes
// matter only in basic strings; `line` counts the newlines a multi-line string spans. An
// unterminated string ends the text, which toml++ then reports.
std::size_t string_end(std::string_view text, std::size_t i, std::size_t& line) {
  const char quote = text[i];
  const std::size_t width = text.find_first_not_of(quote, i) - i >= 3 ? 3 : 1;
  const std::string close(width, quote);
  for (i += width; i < text.size(); ++i) {
    if (text[i] == '\n' && width == 1) return i;
    if (text[i] == '\n') {
      ++line;
    } else if (text[i] == '\\' && quote == '"' && i + 1 < text.size()) {
      if (text[++i] == '\n') ++line;  // a line-ending backslash of a multi-line string
    } else if (text.compare(i, width, close) == 0) {
      return i + width;
    }
  }
  return text.size();
}

// The first key path with more than max_key_parts parts: parts (bare words or quoted strings)
// joined by dots, with blanks allowed around them. Counting runs rather than telling keys from
// values is enough: no value outside a string has a run of more than two parts (1.5).
std::optional<problem> overlong_key_path(std::string_view text) {
  std::size_t line = 1, parts = 0, start = 1;
  bool after_dot = false;
  auto part = [&] {
    if (!after_dot) {
      parts = 0;
      start = line;
    }
    after_dot = false;
    return ++parts > max_key_parts;
  };
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      i = string_end(text, i, line);
      if (part()) break;
    } else if (bare_key_character(c)) {
      while (i < text.size() && bare_key_character(text[i])) ++i;
      if (part()) break;
    } else if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '.' && parts > 0 && !after_dot) {
      after_dot = true;
      ++i;
    } else {
      if (c == '#') i = std::min(text.find('\n', i), text.size());
      if (i < text.size() && text[i] == '\n') ++line;
      parts = 0;
      after_dot = false;
      ++i;
    }
  }
  if (parts <= max_key_parts) return std::nullopt;
  return problem{start, "a key path of more than " + std::to_string(max_key_parts) + " dotted parts"};
}

// --- option defaults -------------------------------------------------------------------------

std::optional<problem> read_default(const toml::key& key, const toml::node& value, config_file& out) {
  config_default d{std::string(key.str()), {}, false, line_of(value)};
  auto word = [&d](const toml::node& n) -> bool {
    if (auto s = n.value_exact<std::string>()) {
      d.values.push_back(*s);
      return true;
    }
    if (auto i = n.value_exact<std::int64_t>()) {
      d.values.push_back(std::to_string(*i));
      return true;
    }
    return false;
  };
  if (auto b = value.value_exact<bool>()) {
    d.is_boolean = true;
    d.values.push_back(*b ? "true" : "false");
  } else if (const auto* array = value.as_array()) {
    for (const auto& item : *array)
      if (!word(item)) return problem{line_of(item), quoted(d.name) + ": list items must be strings or integers"};
  } else if (!word(value)) {
    return problem{d.line, quoted(d.name) + " must be a string, an integer, a boolean or a list"};
  }
  out.defaults.push_back(std::move(d));
  return std::nullopt;
}

// --- [logger-prefixes] -----------------------------------------------------------------------

std::optional<problem> read_logger_prefixes(const toml::node& node, config_file& out) {
  std::optional<problem> p;
  const auto* table = as_table(node, "[logger-prefixes]", p);
  if (!table) return p;
  for (const auto& [key, value] : *table) {
    auto emoji = as_text(value, "a logger prefix's emoji", p);
    if (!emoji) return p;
    if (!valid_logger_emoji(*emoji))
      return problem{line_of(value),
                     "the emoji of " + quoted(key.str()) + " must be one printable word, got " + quoted(*emoji)};
    out.logger_prefixes.push_back({std::string(key.str()), *emoji});
  }
  return std::nullopt;
}

// --- [fields] --------------------------------------------------------------------------------

// `time = "when"` or `time = ["when", "at"]`: field names for a role, ahead of the built-ins.
std::optional<problem> read_fields(const toml::node& node, config_file& out) {
  std::optional<problem> p;
  const auto* table = as_table(node, "[fields]", p);
  if (!table) return p;
  for (const auto& [key, value] : *table) {
    auto* names = field_names_of(out.fields, key.str());
    if (!names)
      return problem{line_of(value),
                     "[fields]: unknown role " + quoted(key.str()) + " (time, level, message, logger, stack)"};
    auto add = [&](const toml::node& item) {
      auto name = printable_text(item, "a field name", p);
      if (name) names->push_back(std::move(*name));
      return name.has_value();
    };
    if (const auto* array = value.as_array()) {
      for (const auto& item : *array)
        if (!add(item)) return p;
    } else if (!add(value)) {
      return p;
    }
  }
  return std::nullopt;
}

// --- [themes.NAME] ---------------------------------------------------------------------------

std::optional<problem> read_style(theme& t, std::string_view element, const toml::node& value) {
  style* target = t.element(element);
  if (!target)
    return problem{line_of(value), "unknown theme element " + quoted(element) +
                                       " (timestamp, message, logger, key, value, raw, levels.NAME)"};
  std::optional<problem> p;
  auto spec = as_text(value, "a style", p);
  if (!spec) return p;
  std::string error;
  auto parsed = parse_style(*spec, error);
  if (!parsed) return problem{line_of(value), error};
  *target = std::move(*parsed);
  return std::nullopt;
}

std::optional<problem> read_theme(std::string_view name, const toml::table& table, config_file& out) {
  theme t = default_theme();
  t.name = name;
  for (const auto& [key, value] : table) {
    if (key.str() == "levels") {
      std::optional<problem> p;
      const auto* levels = as_table(value, "levels", p);
      if (!levels) return p;
      for (const auto& [level, style_value] : *levels)
        if (auto q = read_style(t, "levels." + lowered(std::string(level.str())), style_value)) return q;
    } else if (auto q = read_style(t, key.str(), value)) {
      return q;
    }
  }
  out.themes.push_back(std::move(t));
  return std::nullopt;
}

std::optional<problem> read_themes(const toml::node& node, config_file& out) {
  std::optional<problem> p;
  const auto* table = as_table(node, "[themes]", p);
  if (!table) return p;
  for (const auto& [name, value] : *table) {
    const auto* body = as_table(value, "a theme", p);
    if (!body) return p;
    if (auto q = read_theme(name.str(), *body, out)) return q;
  }
  return std::nullopt;
}

// --- [[event-sets]] --------------------------------------------------------------------------

std::optional<problem> read_metadata(const toml::table& table, custom_event_set::mapping& m) {
  std::optional<problem> p;
  for (const auto& [value, fields_node] : table) {
    const auto* fields = as_table(fields_node, "metadata for a value", p);
    if (!fields) return p;
    custom_event_set::value_fields md{lowered(std::string(value.str())), {}};
    if (auto q = printable(fields_node, md.value, "a value")) return q;
    for (const auto& [key, field] : *fields) {
      if (auto q = printable(field, key.str(), "a metadata key")) return q;
      if (auto b = field.value_exact<bool>())
        md.fields.push_back({std::string(key.str()), *b ? metadata_kind::true_value : metadata_kind::false_value, {}});
      else if (auto s = field.value_exact<std::string>(); s && !has_unsafe_character(*s, keep_controls::none))
        md.fields.push_back({std::string(key.str()), metadata_kind::string, *s});
      else
        return problem{line_of(field), "metadata values must be printable strings or booleans"};
    }
    m.metadata.push_back(std::move(md));
  }
  return std::nullopt;
}

std::optional<problem> read_mapping(const toml::table& table, custom_event_set& set) {
  custom_event_set::mapping m;
  std::optional<problem> p;
  for (const auto& [key, value] : table) {
    std::string_view k = key.str();
    if (k == "name") {
      auto name = printable_text(value, "a mapping's name", p);
      if (!name) return p;
      m.name = *name;
    } else if (k == "default") {
      auto marker = printable_text(value, "a marker", p);
      if (!marker) return p;
      m.default_marker = *marker;
    } else if (k == "markers") {
      const auto* markers = as_table(value, "markers", p);
      if (!markers) return p;
      for (const auto& [v, marker_node] : *markers) {
        auto marker = printable_text(marker_node, "a marker", p);
        if (!marker) return p;
        if (auto q = printable(marker_node, v.str(), "a value")) return q;
        m.markers.push_back({lowered(std::string(v.str())), *marker});
      }
    } else if (k == "metadata") {
      const auto* metadata = as_table(value, "metadata", p);
      if (!metadata) return p;
      if (auto q = read_metadata(*metadata, m)) return q;
    } else {
      return problem{line_of(value), "unknown key " + quoted(k) + " in a mapping (name, markers, default, metadata)"};
    }
  }
  if (m.name.empty()) return problem{table.source().begin.line, "a mapping needs a name (the field it reads)"};
  set.mappings.push_back(std::move(m));
  return std::nullopt;
}

std::optional<problem> read_event_set(const toml::table& table, config_file& out) {
  custom_event_set set;
  std::optional<problem> p;
  for (const auto& [key, value] : table) {
    std::string_view k = key.str();
    if (k == "name") {
      auto name = printable_text(value, "an event set's name", p);
      if (!name) return p;
      set.name = *name;
    } else if (k == "priority") {
      auto priority = value.value_exact<std::int64_t>();
      if (!priority || *priority < -1000000 || *priority > 1000000)
        return problem{line_of(value), "priority must be an integer (foundation's sets use 0 to 100)"};
      set.priority = static_cast<int>(*priority);
    } else if (k == "mappings") {
      const auto* mappings = value.as_array();
      if (!mappings) return problem{line_of(value), "mappings must be an array of tables ([[event-sets.mappings]])"};
      for (const auto& m : *mappings) {
        const auto* body = as_table(m, "a mapping", p);
        if (!body) return p;
        if (auto q = read_mapping(*body, set)) return q;
      }
    } else {
      return problem{line_of(value), "unknown key " + quoted(k) + " in an event set (name, priority, mappings)"};
    }
  }
  if (set.name.empty()) return problem{table.source().begin.line, "an event set needs a name"};
  out.event_sets.push_back(std::move(set));
  return std::nullopt;
}

std::optional<problem> read_event_sets(const toml::node& node, config_file& out) {
  const auto* sets = node.as_array();
  if (!sets) return problem{line_of(node), "event-sets must be an array of tables ([[event-sets]])"};
  std::optional<problem> p;
  for (const auto& s : *sets) {
    const auto* body = as_table(s, "an event set", p);
    if (!body) return p;
    if (auto q = read_event_set(*body, out)) return q;
  }
  return std::nullopt;
}

// --- the whole file --------------------------------------------------------------------------

struct section {
  std::string_view name;
  std::optional<problem> (*read)(const toml::node&, config_file&);
};

constexpr section sections[] = {
    {"logger-prefixes", read_logger_prefixes},
    {"themes", read_themes},
    {"event-sets", read_event_sets},
    {"fields", read_fields},
};

std::optional<problem> read_document(const toml::table& doc, config_file& out) {
  for (const auto& [key, value] : doc) {
    const section* s = nullptr;
    for (const auto& candidate : sections)
      if (candidate.name == key.str()) s = &candidate;
    auto p = s ? s->read(value, out) : read_default(key, value, out);
    if (p) return p;
  }
  // toml++ keeps a table's keys sorted: restore the file's order, so errors come first-first.
  std::stable_sort(out.defaults.begin(), out.defaults.end(),
                   [](const config_default& a, const config_default& b) { return a.line < b.line; });
  return std::nullopt;
}

// Debian's toml++ library is built with exceptions: the one throw stays inside this function.
std::optional<problem> parse_document(std::string_view text, const std::string& path, config_file& out) {
  toml::table doc;
  try {
    doc = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    std::string what;
    append_escaped(what, e.description(), keep_controls::none);
    return problem{e.source().begin.line, what};
  }
  return read_document(doc, out);
}

}  // namespace

std::string config_file::origin(std::string_view name) const {
  for (const auto& d : defaults)
    if (d.applied && d.name == name) return place(path, d.line) + ": ";
  return {};
}

bool valid_logger_emoji(std::string_view emoji) {
  return !emoji.empty() && !has_unsafe_character(emoji, keep_controls::none) &&
         emoji.find(' ') == std::string_view::npos;
}

std::optional<config_location> locate_config(const std::string& explicit_path) {
  if (!explicit_path.empty()) return config_location{explicit_path, true};
  if (const char* env = std::getenv("LOGMOJI_CONFIG"); env && *env) return config_location{env, true};
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
    return config_location{std::string(xdg) + "/logmoji/config.toml", false};
  if (const char* home = std::getenv("HOME"); home && *home)
    return config_location{std::string(home) + "/.config/logmoji/config.toml", false};
  return std::nullopt;
}

std::optional<config_file> load_config(const config_location& where, std::string& error) {
  config_file out;
  out.path = where.path;
  struct stat st {};
  // The default place may hold nothing, or lie where we cannot look (sudo -u nobody with
  // another user's HOME): no configuration. A file that is there must be readable.
  if (::stat(where.path.c_str(), &st) != 0 && !where.required &&
      (errno == ENOENT || errno == ENOTDIR || errno == EACCES))
    return out;
  std::ifstream in(where.path, std::ios::binary);
  if (!in || S_ISDIR(st.st_mode)) {
    int e = S_ISDIR(st.st_mode) ? EISDIR : errno;
    error = place(where.path, 0) + ": cannot read the configuration: " + std::strerror(e);
    return std::nullopt;
  }
  // One byte more than allowed, so that a longer file shows.
  std::string text(max_config_size + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    error = place(where.path, 0) + ": cannot read the configuration: " + std::strerror(errno);
    return std::nullopt;
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_config_size) {
    error = place(where.path, 0) + ": the configuration is larger than 1 MiB";
    return std::nullopt;
  }
  auto p = overlong_key_path(text);
  if (!p) p = parse_document(text, where.path, out);
  if (p) {
    error = place(where.path, p->line) + ": " + p->what;
    return std::nullopt;
  }
  return out;
}

}  // namespace logmoji
