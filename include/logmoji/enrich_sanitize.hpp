#pragma once
// Secret masking and key redaction, exactly as provide.foundation sanitizes
// (docs/foundation.md#sanitization).

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace logmoji {

/// The replacement texts.
inline constexpr std::string_view masked_text = "[MASKED]";
inline constexpr std::string_view redacted_text = "[REDACTED]";

/// foundation's 22 masking patterns (docs/foundation.md#sanitization), each compiled with RE2
/// on first use (linear time: no log line can make them slow). Which of them a string needs is
/// decided from its literals and what precedes them, so only those run. Safe for concurrent use
/// after construction.
class secret_masker {
public:
  secret_masker();
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

/// True when a key inside a sanitized object is redacted: its lower-cased form equals one of
/// foundation's keys (authorization, cookie, token, password, api_key, …).
bool is_redacted_key(std::string_view key) noexcept;

/// True when a top-level key names a secret (logmoji's default, not the library's): its last
/// dot-separated segment, ASCII lower-cased and with '-' read as '_', is one of secret_key_names
/// (password, token, api_key, authorization, cookie, private_key, session, …). No allocation.
bool is_secret_key(std::string_view key) noexcept;

/// The names is_secret_key knows, sorted (for the documentation and the tests).
std::span<const std::string_view> secret_key_names() noexcept;

}  // namespace logmoji
