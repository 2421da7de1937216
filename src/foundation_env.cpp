// --foundation: reads PROVIDE_LOG_* with the library's parsing rules.
#include "logmoji/foundation_env.hpp"

#include <array>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <optional>

#include "logmoji/filter.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/text_strip.hpp"

namespace logmoji {
namespace {

// A value the way the library's own messages quote it (Python repr), not diagnostics' quoted().
std::string repr_quoted(std::string_view value) {
  std::string out;
  append_repr_string(out, value);
  return out;
}

// A file:// value is a setting, not data: more than this is a mistake (file:///dev/zero).
constexpr std::size_t max_file_value = std::size_t{1} << 20;

// Up to max_file_value + 1 bytes of the file, so that a longer one shows; nullopt when unreadable.
std::optional<std::string> read_capped(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content(max_file_value + 1, '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  if (in.bad()) return std::nullopt;
  content.resize(static_cast<std::size_t>(in.gcount()));
  return content;
}

// The library replaces a value starting with file:// by the trimmed content of that file.
bool read_env(const char* name, std::optional<std::string>& value, std::string& error) {
  const char* raw = std::getenv(name);
  if (!raw) return true;
  std::string v = raw;
  if (v.starts_with("file://")) {
    auto content = read_capped(v.substr(7));
    if (content && content->size() > max_file_value) {
      error = std::string(name) + ": " + repr_quoted(v) + " holds more than 1 MiB, too much for a setting";
      return false;
    }
    std::string text(content ? strip(*content) : std::string_view());
    if (text.empty()) {
      error = std::string(name) + ": cannot read a value from " + repr_quoted(v);
      return false;
    }
    v = text;
  }
  value = v;
  return true;
}

struct bool_setting {
  const char* variable;
  bool explicit_flags::*given;
  void (*apply)(options&, bool);
};

constexpr std::array<bool_setting, 6> bool_settings{{
    {"PROVIDE_LOG_LOGGER_NAME_EMOJI_ENABLED", &explicit_flags::logger_emoji,
     [](options& o, bool on) { o.enrich.logger_emoji = on ? logger_emoji_mode::table : logger_emoji_mode::off; }},
    {"PROVIDE_LOG_DAS_EMOJI_ENABLED", &explicit_flags::markers, [](options& o, bool on) { o.enrich.markers = on; }},
    {"PROVIDE_LOG_OMIT_TIMESTAMP", &explicit_flags::omit_timestamp,
     [](options& o, bool on) { o.sink.omit_timestamp = on; }},
    {"PROVIDE_LOG_SANITIZATION_ENABLED", &explicit_flags::mask,
     [](options& o, bool on) {
       if (!on) o.enrich.mask = o.enrich.redact_dicts = false;
     }},
    {"PROVIDE_LOG_SANITIZATION_MASK_PATTERNS", &explicit_flags::mask,
     [](options& o, bool on) { o.enrich.mask = o.enrich.mask && on; }},
    {"PROVIDE_LOG_SANITIZATION_SANITIZE_DICTS", &explicit_flags::mask,
     [](options& o, bool on) { o.enrich.redact_dicts = o.enrich.redact_dicts && on; }},
}};

}  // namespace

bool parse_bool_extended(std::string_view value) {
  std::string v(strip(value));
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "true" || v == "yes" || v == "1" || v == "on";
}

void apply_foundation_preset(options& opts) {
  opts.enrich.logger_emoji = logger_emoji_mode::table;
  opts.enrich.redact_keys = false;    // the library never redacts a top-level key by name
  opts.enrich.mask_nested = false;    // nor masks a string inside an object or a list
  opts.enrich.redact_lists = false;   // nor redacts a key in a top-level list, or in a list in a list
  opts.enrich.word_patterns = false;  // and its patterns know no word
  opts.filter.min_level = level_number::warning;
  opts.filter.module_levels = {{"asyncio", level_number::info}};
  opts.filter.rules = level_rules::foundation;
  opts.sink.strip_logger_name = true;
  opts.sink.library_bytes = true;
}

bool apply_foundation_env(options& opts, const explicit_flags& given, std::string& error) {
  std::optional<std::string> value;
  if (!given.level) {
    if (!read_env("PROVIDE_LOG_LEVEL", value, error)) return false;
    if (value) {
      auto level = parse_foundation_level(*value);
      if (!level) {
        error = "PROVIDE_LOG_LEVEL: invalid level " + repr_quoted(*value) +
                " (valid: TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL)";
        return false;
      }
      opts.filter.min_level = *level;
      opts.filter.selection = true;
    }
  }
  if (!given.module_levels) {
    value.reset();
    if (!read_env("PROVIDE_LOG_MODULE_LEVELS", value, error)) return false;
    if (value && !value->empty()) {
      opts.filter.module_levels = parse_module_levels(*value, level_rules::foundation);
      opts.filter.selection = true;
    }
  }
  for (const auto& s : bool_settings) {
    if (given.*s.given) continue;
    value.reset();
    if (!read_env(s.variable, value, error)) return false;
    if (value) s.apply(opts, parse_bool_extended(*value));
  }
  return true;
}

}  // namespace logmoji
