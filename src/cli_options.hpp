#pragma once
// The option table: every option of the command line described once. cli.cpp builds the CLI11
// app from it (names, value name, --help line, group); `logmoji --generate=man|bash|zsh|fish`
// writes the man page's OPTIONS section and the shell completions from it and from that app.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace logmoji {

struct option_doc {
  std::string_view names;  ///< as CLI11 takes them: "-o,--output"; "files" for the operands
  std::string_view value;  ///< the value's name ("FORMAT"); empty for a switch
  std::string_view group;  ///< the --help heading and the man page's subsection
  /// The --help line. Up to its first ": ", "; " or " (" it describes the option in completions.
  std::string_view help;
  std::string_view man;  ///< the man page's paragraph, roff; empty: not in the OPTIONS section
  /// The values a shell offers (nullptr: none); the enumerated ones come from the parser's tables.
  std::vector<std::string_view> (*words)() = nullptr;
  bool file_value = false;  ///< the value is a file name
};

/// Every documented option, in the man page's order.
std::span<const option_doc> option_docs();

/// The entry whose names include `name` ("--output", "-F", "files"); terminates on a name the
/// table lacks, which is a programming error caught by every run.
const option_doc& option_doc_for(std::string_view name);

/// The description a completion shows: the help line up to its first ": ", "; " or " (".
std::string_view short_help(const option_doc& doc);

/// The man page's OPTIONS section (kind "man") or a completion script ("bash", "zsh", "fish")
/// for `app`, built from the table; nullopt for an unknown kind.
std::optional<std::string> generate_document(std::string_view kind, const CLI::App& app);

}  // namespace logmoji
