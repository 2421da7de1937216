// Masking patterns (RE2, linear time) and the redacted-key list.
#include "logmoji/sanitize.hpp"

#include <array>
#include <vector>

#include <re2/re2.h>

namespace logmoji {
namespace {

// Python's \s for str patterns is Unicode whitespace (str.isspace()); RE2's \s is ASCII only
// and lacks \v, so the class is spelled out wherever a pattern below says \s.
constexpr std::string_view python_space =
    "\\t\\n\\x{0b}\\f\\r\\x{1c}-\\x{1f} \\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
    "\\x{202f}\\x{205f}\\x{3000}";

struct mask_pattern {
  std::string_view regex;    // Python's pattern
  std::string_view literal;  // lower-case text every match contains: the pattern is skipped without it
};

// The library's patterns, in the library's order; each is applied to the previous result.
constexpr std::array<mask_pattern, 22> patterns{{
    {"(password[=:\\s]+)([^\\s]+)", "password"},
    {"(passwd[=:\\s]+)([^\\s]+)", "passwd"},
    {"(pwd[=:\\s]+)([^\\s]+)", "pwd"},
    {"(token[=:\\s]+)([^\\s]+)", "token"},
    {"(api[_-]?key[=:\\s]+)([^\\s]+)", "key"},
    {"(api[_-]?token[=:\\s]+)([^\\s]+)", "token"},
    {"(access[_-]?key[=:\\s]+)([^\\s]+)", "key"},
    {"(secret[_-]?key[=:\\s]+)([^\\s]+)", "key"},
    {"(secret[=:\\s]+)([^\\s]+)", "secret"},
    {"(auth[=:\\s]+)([^\\s]+)", "auth"},
    {"(credentials?[=:\\s]+)([^\\s]+)", "credential"},
    {"(--password[=\\s]+)([^\\s]+)", "--password"},
    {"(--token[=\\s]+)([^\\s]+)", "--token"},
    {"(--api-key[=\\s]+)([^\\s]+)", "--api-key"},
    {"(--api-token[=\\s]+)([^\\s]+)", "--api-token"},
    {"(--secret[=\\s]+)([^\\s]+)", "--secret"},
    {"(--auth[=\\s]+)([^\\s]+)", "--auth"},
    {"(-p\\s+)([^\\s]+)", "-p"},
    {"([A-Z_]+PASSWORD[=:])([^\\s]+)", "password"},
    {"([A-Z_]+TOKEN[=:])([^\\s]+)", "token"},
    {"([A-Z_]+KEY[=:])([^\\s]+)", "key"},
    {"([A-Z_]+SECRET[=:])([^\\s]+)", "secret"},
}};

constexpr std::array<std::string_view, 18> redacted_keys{
    "authorization", "x-api-key", "x-auth-token", "cookie", "set-cookie", "x-csrf-token",
    "x-session-token", "proxy-authorization", "token", "key", "password", "secret",
    "apikey", "api_key", "access_token", "refresh_token", "auth", "credentials"};

// Rewrites each \s for RE2: inside a bracket class it becomes the class's content, outside it
// a class of its own.
std::string expand_space_class(std::string_view regex) {
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < regex.size(); ++i) {
    if (regex.substr(i, 2) == "\\s") {
      out += in_class ? std::string(python_space) : "[" + std::string(python_space) + "]";
      ++i;
      continue;
    }
    if (regex[i] == '[') in_class = true;
    if (regex[i] == ']') in_class = false;
    out += regex[i];
  }
  return out;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool contains_ignore_case(std::string_view text, std::string_view lower_literal) {
  if (text.size() < lower_literal.size()) return false;
  for (std::size_t i = 0; i + lower_literal.size() <= text.size(); ++i) {
    std::size_t k = 0;
    while (k < lower_literal.size() && ascii_lower(text[i + k]) == lower_literal[k]) ++k;
    if (k == lower_literal.size()) return true;
  }
  return false;
}

// Case-insensitive matching folds U+017F (ſ) to s and U+212A (Kelvin sign) to k, so a text
// holding either may match a pattern whose ASCII literal it lacks: check it fully.
bool has_folding_letters(std::string_view text) {
  return text.find("\xC5\xBF") != std::string_view::npos || text.find("\xE2\x84\xAA") != std::string_view::npos;
}

}  // namespace

struct secret_masker::impl {
  std::vector<std::unique_ptr<RE2>> compiled;
};

secret_masker::secret_masker() : impl_(std::make_unique<impl>()) {
  RE2::Options opts;
  opts.set_case_sensitive(false);
  opts.set_log_errors(false);
  for (const auto& p : patterns) impl_->compiled.push_back(std::make_unique<RE2>(expand_space_class(p.regex), opts));
}

secret_masker::~secret_masker() = default;

bool secret_masker::mask(std::string_view in, std::string& out) const {
  bool folding = has_folding_letters(in);
  bool changed = false;
  for (std::size_t k = 0; k < patterns.size(); ++k) {
    std::string_view current = changed ? std::string_view(out) : in;
    if (!folding && !contains_ignore_case(current, patterns[k].literal)) continue;
    if (!RE2::PartialMatch(current, *impl_->compiled[k])) continue;
    if (!changed) out.assign(in);
    RE2::GlobalReplace(&out, *impl_->compiled[k], "\\1[MASKED]");
    changed = true;
  }
  return changed;
}

bool is_redacted_key(std::string_view key) noexcept {
  for (auto candidate : redacted_keys) {
    if (candidate.size() != key.size()) continue;
    std::size_t i = 0;
    while (i < key.size() && ascii_lower(key[i]) == candidate[i]) ++i;
    if (i == key.size()) return true;
  }
  return false;
}

}  // namespace logmoji
