#pragma once
// --query: a small expression language over event fields (docs/query.md).
//
//   expr  := or ;  or := and ('||' | 'or') and … ;  and := unary ('&&' | 'and') unary …
//   unary := ('!' | 'not') unary | '(' expr ')' | 'exists' '(' path ')' | test
//   test  := path op value | path ('~' | '!~') value | path 'in' '(' value, … ')'
//   op    := '=' | '==' | '!=' | '<' | '<=' | '>' | '>='
// Paths are dotted field names (top-level dotted keys and nested objects alike) or the roles
// level, message, logger, time. Values are quoted ("…", '…') or bare words. A comparison on the
// level role takes a level name or a number: an unknown name is an error, not a text comparison.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/level.hpp"
#include "logmoji/python_repr.hpp"

namespace logmoji {

/// Where and why an expression failed to compile.
struct query_error {
  std::size_t column = 0;  ///< 1-based
  std::string message;
  std::string hint;  ///< e.g. "did you mean 'error'?", or empty
};

/// The level name that parse_level_option accepts closest to `word` (a few edits away, any
/// case), or empty when none is close.
std::string closest_level_name(std::string_view word);

/// The text -q's `message` and --grep read in field `i`: a string as it is, anything else as the
/// console shows it, Python's str() (42, True, None, {'a': 1}), keys inside it redacted as
/// `redact` (query_redaction: at any depth, docs/query.md) says. `scratch` holds a repr.
std::string_view message_text(const event& ev, std::uint32_t i, redaction redact, std::string& scratch);

class query {
public:
  query();
  ~query();
  query(query&&) noexcept;
  query& operator=(query&&) noexcept;

  /// Compiles `text`; on failure returns false and fills `error`. `ignore_case` (-i) makes the
  /// regular expressions (~, !~) ignore case; = and the other comparisons stay exact.
  bool compile(std::string_view text, query_error& error, bool ignore_case = false);
  /// Evaluates against an event. `original_message` is the message as the application logged
  /// it (masked, but without the emoji and markers enrichment put before it). `redact`
  /// (query_redaction): a key inside an object that the outputs redact reads as '[REDACTED]',
  /// at any depth through lists (docs: Secrets). `message` is role_field's, read as message_text.
  [[nodiscard]] bool matches(const event& ev, std::uint32_t original_message, level_rules rules,
                             redaction redact = redaction::none) const;

  struct impl;

private:
  std::unique_ptr<impl> impl_;
};

}  // namespace logmoji
