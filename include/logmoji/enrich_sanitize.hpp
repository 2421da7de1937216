#pragma once
// Secret masking and key redaction: exactly as provide.foundation sanitizes under --foundation
// (docs/foundation.md#sanitization), by logmoji's reading outside it (README: Secrets).

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace logmoji {

/// The replacement texts.
inline constexpr std::string_view masked_text = "[MASKED]";
inline constexpr std::string_view redacted_text = "[REDACTED]";

/// Which reading of the 22 patterns a masker applies.
enum class pattern_set {
  /// foundation's, as written (--foundation): no word boundaries, whitespace is a separator,
  /// `-p x` masks `x` (`token expired` becomes `token [MASKED]`).
  library,
  /// logmoji's (README: Secrets): a keyword (password … credentials) starts a word and is
  /// followed by `=` or `:`, then optional spaces; a flag (`--token`) starts a word and keeps
  /// spaces as a separator; `-p` is no pattern; an environment-style name starts a word and puts
  /// `_` before its keyword (`DB_PASSWORD=`, not `MONKEY=`).
  words,
};

/// foundation's 22 masking patterns (docs/foundation.md#sanitization), read as `set` says, each
/// compiled with RE2 on first use (linear time: no log line can make them slow). Which of them
/// a string needs is decided from its literals and what precedes them, so only those run. Safe
/// for concurrent use after construction.
class secret_masker {
public:
  explicit secret_masker(pattern_set set);
  ~secret_masker();
  secret_masker(const secret_masker&) = delete;
  secret_masker& operator=(const secret_masker&) = delete;

  /// Applies the patterns in order, each to the previous one's result, like Python's
  /// re.sub(pattern, r"\1[MASKED]", s, flags=re.IGNORECASE). Returns false and leaves `out`
  /// alone when nothing matched (the common case, decided by a cheap literal check), else
  /// true with the masked text in `out`.
  bool mask(std::string_view in, std::string& out) const;
  /// The same result, one RE2 search per pattern: the reference the tests compare mask() with.
  bool mask_per_pattern(std::string_view in, std::string& out) const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// The literals the masking patterns need that occur in `text` (one bit each; all bits when
/// the text holds a character that case folding turns into one): patterns whose literals are
/// absent are skipped. The vectorised scan and the byte-by-byte one (from position `from`)
/// must agree; the tests compare them.
unsigned masking_literals(std::string_view text) noexcept;
unsigned masking_literals_scalar(std::string_view text, std::size_t from = 0) noexcept;

/// True when a key inside a sanitized object is redacted under --foundation: its lower-cased form
/// equals one of foundation's keys (authorization, cookie, token, key, password, api_key, …).
bool is_redacted_key(std::string_view key) noexcept;

/// True when a key names a secret outside --foundation, at the top level and inside objects
/// (logmoji's list, not the library's): its last
/// dot-separated segment, ASCII lower-cased and with '-' read as '_', is one of secret_key_names
/// (password, token, api_key, authorization, cookie, private_key, session, …). No allocation.
bool is_secret_key(std::string_view key) noexcept;

/// The names is_secret_key knows, sorted (for the documentation and the tests).
std::span<const std::string_view> secret_key_names() noexcept;

}  // namespace logmoji
