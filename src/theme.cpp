// Themes: style words to SGR sequences; foundation's colours as the default theme.
#include "logmoji/theme.hpp"

#include <array>
#include <charconv>

#include "logmoji/diagnostics.hpp"
#include "logmoji/text_escape.hpp"

namespace logmoji {
namespace {

struct attribute {
  std::string_view word;
  int code;
};

constexpr std::array<attribute, 7> attributes{
    {{"reset", 0}, {"bold", 1}, {"bright", 1}, {"dim", 2}, {"italic", 3}, {"underline", 4}, {"reverse", 7}}};

constexpr std::array<std::string_view, 8> colour_names{"black", "red",     "green", "yellow",
                                                       "blue",  "magenta", "cyan",  "white"};

void append_sgr(std::string& out, std::string_view params) {
  out += "\x1b[";
  out += params;
  out += 'm';
}

std::optional<int> small_number(std::string_view s) {
  int n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || n < 0 || n > 255) return std::nullopt;
  return n;
}

// A colour word after its on_ prefix, as SGR parameters for the foreground (base 30) or the
// background (base 40).
std::optional<std::string> colour_params(std::string_view word, int base) {
  bool bright = word.starts_with("bright_");
  std::string_view name = bright ? word.substr(7) : word;
  for (std::size_t i = 0; i < colour_names.size(); ++i)
    if (colour_names[i] == name) return std::to_string(base + (bright ? 60 : 0) + static_cast<int>(i));
  if (bright) return std::nullopt;
  std::string extended = std::to_string(base + 8);
  if (auto n = small_number(word)) return extended + ";5;" + std::to_string(*n);
  if (word.size() == 7 && word[0] == '#') {
    std::string rgb = extended + ";2";
    for (std::size_t i = 1; i < 7; i += 2) {
      int v = 0;
      auto [end, ec] = std::from_chars(word.data() + i, word.data() + i + 2, v, 16);
      if (ec != std::errc() || end != word.data() + i + 2) return std::nullopt;
      rgb += ';' + std::to_string(v);
    }
    return rgb;
  }
  return std::nullopt;
}

bool append_word(std::string& sgr, std::string_view word) {
  for (const auto& a : attributes)
    if (a.word == word) {
      append_sgr(sgr, std::to_string(a.code));
      return true;
    }
  bool background = word.starts_with("on_");
  auto params = colour_params(background ? word.substr(3) : word, background ? 40 : 30);
  if (!params) return false;
  append_sgr(sgr, *params);
  return true;
}

style must_parse(std::string_view spec) {
  std::string error;
  return *parse_style(spec, error);
}

theme foundation_theme() {
  theme t{"foundation",       must_parse("dim"),     must_parse("bold"), must_parse("reset bold blue"),
          must_parse("cyan"), must_parse("magenta"), must_parse("dim"),  {}};
  // structlog's level styles: a colour, then BRIGHT.
  for (auto [name, spec] : {std::pair{"critical", "red bold"},
                            {"exception", "red bold"},
                            {"error", "red bold"},
                            {"warn", "yellow bold"},
                            {"warning", "yellow bold"},
                            {"info", "green bold"},
                            {"debug", "green bold"},
                            {"notset", "on_red bold"}})
    t.levels.emplace_back(name, must_parse(spec));
  return t;
}

theme plain_theme() {
  theme t = foundation_theme();
  t.name = "plain";
  t.timestamp = t.key = t.value = t.raw = style{};
  t.logger = must_parse("bold");
  for (auto& level : t.levels) level.second = must_parse("bold");
  return t;
}

}  // namespace

std::optional<style> parse_style(std::string_view spec, std::string& error) {
  style s{std::string(spec), {}};
  std::size_t pos = 0;
  while (pos < spec.size()) {
    auto end = spec.find(' ', pos);
    std::string_view word = spec.substr(pos, end == std::string_view::npos ? spec.npos : end - pos);
    pos = end == std::string_view::npos ? spec.size() : end + 1;
    if (word.empty()) continue;
    if (!append_word(s.sgr, word)) {
      error = "unknown style word " + quoted(word);
      error +=
          " (use bold, dim, italic, underline, reverse, reset, a colour such as red, bright_blue, 208 or "
          "#ff8800, or on_COLOUR)";
      return std::nullopt;
    }
  }
  return s;
}

std::string_view theme::level_sgr(std::string_view level) const noexcept {
  for (const auto& [level_name, s] : levels)
    if (level_name == level) return s.sgr;
  return {};
}

style* theme::element(std::string_view element_name) {
  if (element_name.starts_with("levels.")) {
    std::string_view level = element_name.substr(7);
    if (level.empty()) return nullptr;
    for (auto& [n, s] : levels)
      if (n == level) return &s;
    return &levels.emplace_back(std::string(level), style{}).second;
  }
  for (const auto& e : theme_elements())
    if (e.name == element_name) return &(this->*e.member);
  return nullptr;
}

const std::vector<theme>& builtin_themes() {
  static const std::vector<theme> themes{foundation_theme(), plain_theme()};
  return themes;
}

const theme& default_theme() { return builtin_themes().front(); }

std::span<const theme_element> theme_elements() noexcept {
  static constexpr theme_element elements[] = {{"timestamp", &theme::timestamp}, {"message", &theme::message},
                                               {"logger", &theme::logger},       {"key", &theme::key},
                                               {"value", &theme::value},         {"raw", &theme::raw}};
  return elements;
}

}  // namespace logmoji
