// The NO_COLOR / FORCE_COLOR / TERM=dumb decision.
#include "logmoji/colors.hpp"

#include <cstdlib>
#include <string>

namespace logmoji {
namespace {

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

bool use_color(color_mode mode, bool stdout_is_tty) {
  if (mode != color_mode::automatic) return mode == color_mode::always;
  if (env_set("NO_COLOR")) return false;
  if (env_forces("FORCE_COLOR") || env_forces("CLICOLOR_FORCE")) return true;
  if (!stdout_is_tty) return false;
  const char* term = std::getenv("TERM");
  return !(term && std::string_view(term) == "dumb");
}

}  // namespace logmoji
