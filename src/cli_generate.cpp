// --generate: the man page's OPTIONS section and the bash, zsh and fish completions, written
// from the option table and the CLI11 app built from it, so that none of them is kept by hand.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli_options.hpp"

namespace logmoji {
namespace {

// No option name in it: the tests compare the names the documents mention with --help's.
const char* const generated_note = "generated from the option table, src/cli_options.cpp: do not edit";

std::vector<std::string_view> split_names(std::string_view names) {
  std::vector<std::string_view> out;
  while (!names.empty()) {
    auto comma = names.find(',');
    out.push_back(names.substr(0, comma));
    names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
  }
  return out;
}

bool is_operand(const option_doc& doc) { return !doc.names.starts_with('-'); }

std::string roff_dashes(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

// ".BI \-o ", " \-\-output " FORMAT"": names bold, the separators and the value italic.
void man_heading(std::string& out, const option_doc& doc) {
  out += doc.value.empty() ? (doc.names.find(',') == std::string_view::npos ? ".B" : ".BR") : ".BI";
  bool first = true;
  for (auto name : split_names(doc.names)) {
    if (!first) out += " \", \"";
    out += ' ' + roff_dashes(name);
    first = false;
  }
  if (!doc.value.empty()) out += " \" " + roff_dashes(doc.value) + '"';
  out += '\n';
}

std::string man_options() {
  std::string out = ".SH OPTIONS\n.\\\" " + std::string(generated_note) + "\n";
  std::string_view group;
  for (const auto& doc : option_docs()) {
    if (doc.man.empty()) continue;
    if (doc.group != group) out += ".SS " + std::string(group = doc.group) + '\n';
    out += ".TP\n";
    man_heading(out, doc);
    out += std::string(doc.man) + '\n';
  }
  return out;
}

std::string joined(const std::vector<std::string_view>& words, std::string_view separator) {
  std::string out;
  for (auto w : words) out += (out.empty() ? "" : std::string(separator)) + std::string(w);
  return out;
}

std::string bash_completion() {
  std::string cases, silent, all;
  for (const auto& doc : option_docs()) {
    if (is_operand(doc)) continue;
    std::string pattern = joined(split_names(doc.names), " | ");
    for (auto name : split_names(doc.names))
      if (name.starts_with("--") || doc.names.find("--") == std::string_view::npos) all += ' ' + std::string(name);
    if (doc.words)
      cases +=
          "    " + pattern + ") COMPREPLY=($(compgen -W '" + joined(doc.words(), " ") + "' -- \"$cur\")); return ;;\n";
    else if (doc.file_value)
      cases +=
          "    " + pattern + ") COMPREPLY=($(compgen -f -- \"$cur\")); compopt -o filenames 2>/dev/null; return ;;\n";
    else if (!doc.value.empty())
      silent += (silent.empty() ? "" : " | ") + pattern;
  }
  return "# bash completion for logmoji                                   -*- shell-script -*-\n# " +
         std::string(generated_note) +
         "\n\n_logmoji() {\n"
         "  local cur prev\n"
         "  cur=${COMP_WORDS[COMP_CWORD]}\n"
         "  prev=${COMP_WORDS[COMP_CWORD-1]}\n"
         "  case $prev in\n" +
         cases + "    " + silent +
         ") return ;;\n"
         "  esac\n"
         "  if [[ $cur == -* ]]; then\n"
         "    COMPREPLY=($(compgen -W '" +
         all.substr(1) +
         "' -- \"$cur\"))\n"
         "    return\n"
         "  fi\n"
         "  COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "  compopt -o filenames 2>/dev/null\n"
         "}\n"
         "complete -F _logmoji logmoji\n";
}

// Text inside a single-quoted zsh _arguments spec: the quote closed and reopened, and the
// characters _arguments gives a meaning to escaped.
std::string zsh_quoted(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else if (c == ']' || c == ':' || c == '\\' || c == '[')
      out += std::string("\\") + c;
    else
      out += c;
  }
  return out;
}

std::string option_names_of(const CLI::Option& opt) {
  std::string out;
  for (const auto& s : opt.get_snames()) out += " -" + s;
  for (const auto& l : opt.get_lnames()) out += " --" + l;
  return out;
}

// "(-o --output)": what may not follow once this option is given.
std::string zsh_exclusions(const option_doc& doc, const CLI::App& app) {
  const CLI::Option* opt = app.get_option_no_throw(std::string(split_names(doc.names).front()));
  if (!opt) return {};
  if (opt == app.get_help_ptr() || opt == app.get_version_ptr()) return "(- *)";
  std::string out;
  // _arguments offers an option once; its other spellings must go too.
  if (opt->get_multi_option_policy() != CLI::MultiOptionPolicy::TakeAll && split_names(doc.names).size() > 1)
    out += option_names_of(*opt);
  for (const CLI::Option* other : opt->get_excludes()) out += option_names_of(*other);
  return out.empty() ? out : "(" + out.substr(1) + ")";
}

std::string zsh_action(const option_doc& doc) {
  if (doc.value.empty()) return {};
  std::string message;
  for (char c : doc.value) message += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string out = ":" + zsh_quoted(message) + ":";
  if (doc.words)
    out += "(" + joined(doc.words(), " ") + ")";
  else if (doc.file_value)
    out += "_files";
  else
    out += " ";
  return out;
}

std::string zsh_completion(const CLI::App& app) {
  std::string out = "#compdef logmoji\n# " + std::string(generated_note) + "\n\n_arguments -s -S \\\n";
  for (const auto& doc : option_docs()) {
    if (is_operand(doc)) continue;
    const CLI::Option* opt = app.get_option_no_throw(std::string(split_names(doc.names).front()));
    bool repeatable = opt && opt->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
    std::string prefix = zsh_exclusions(doc, app);
    for (auto name : split_names(doc.names)) {
      std::string_view takes = doc.value.empty() ? "" : name.starts_with("--") ? "=" : "+";
      out += "  '" + std::string(repeatable ? "*" : "") + prefix + std::string(name) + std::string(takes) + "[" +
             zsh_quoted(short_help(doc)) + "]" + zsh_action(doc) + "' \\\n";
    }
  }
  return out + "  '*:log file:_files'\n";
}

std::string fish_quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  return out + "'";
}

std::string fish_completion() {
  std::string out = "# fish completion for logmoji: " + std::string(generated_note) + "\n";
  for (const auto& doc : option_docs()) {
    if (is_operand(doc)) continue;
    out += "complete -c logmoji";
    for (auto name : split_names(doc.names))
      out += (name.starts_with("--") ? " -l " : " -s ") + std::string(name.substr(name.find_first_not_of('-')));
    if (doc.words)
      out += " -x -a " + fish_quoted(joined(doc.words(), " "));
    else if (doc.file_value)
      out += " -r -F";
    else if (!doc.value.empty())
      out += " -x";
    out += " -d " + fish_quoted(short_help(doc)) + '\n';
  }
  return out;
}

struct generator {
  std::string_view kind;
  std::string (*write)(const CLI::App&);
};

constexpr generator generators[] = {
    {"man", [](const CLI::App&) { return man_options(); }},
    {"bash", [](const CLI::App&) { return bash_completion(); }},
    {"zsh", zsh_completion},
    {"fish", [](const CLI::App&) { return fish_completion(); }},
};

}  // namespace

std::optional<std::string> generate_document(std::string_view kind, const CLI::App& app) {
  for (const auto& g : generators)
    if (g.kind == kind) return g.write(app);
  return std::nullopt;
}

}  // namespace logmoji
