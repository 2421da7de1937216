// foundation's ANSI codes; the NO_COLOR / FORCE_COLOR / TERM=dumb decision.
#include "logmoji/colors.hpp"

#include <array>
#include <cstdlib>
#include <string>

namespace logmoji {
namespace {

struct level_color {
  std::string_view name;
  std::string_view style;
};

// structlog's level styles are a colour followed by BRIGHT.
constexpr std::array<level_color, 8> level_colors{{
    {"critical", "\x1b[31m\x1b[1m"},
    {"exception", "\x1b[31m\x1b[1m"},
    {"error", "\x1b[31m\x1b[1m"},
    {"warn", "\x1b[33m\x1b[1m"},
    {"warning", "\x1b[33m\x1b[1m"},
    {"info", "\x1b[32m\x1b[1m"},
    {"debug", "\x1b[32m\x1b[1m"},
    {"notset", "\x1b[41m\x1b[1m"},
}};

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v && *v;
}

// FORCE_COLOR=0 / false asks for no forcing, as in Node.js and many Python tools.
bool env_forces(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return false;
  std::string s(v);
  return s != "0" && s != "false";
}

}  // namespace

std::string_view level_style(std::string_view level) {
  for (const auto& c : level_colors)
    if (c.name == level) return c.style;
  return {};
}

bool use_color(color_mode mode, bool stdout_is_tty) {
  if (mode != color_mode::automatic) return mode == color_mode::always;
  if (env_set("NO_COLOR")) return false;
  if (env_forces("FORCE_COLOR") || env_forces("CLICOLOR_FORCE")) return true;
  if (!stdout_is_tty) return false;
  const char* term = std::getenv("TERM");
  return !(term && std::string_view(term) == "dumb");
}

}  // namespace logmoji
