// Logger emoji: foundation's prefix table, then the FNV-1a family hash into the palette.
#include "logmoji/enrich_logger_emoji.hpp"

#include "logmoji/emoji_tables.hpp"

namespace logmoji {
namespace {

bool emoji_then_space_or_end(std::string_view text, std::string_view emoji) {
  return text.starts_with(emoji) && (text.size() == emoji.size() || text[emoji.size()] == ' ');
}

}  // namespace

std::string_view logger_emoji_table_match(std::string_view name) noexcept {
  for (const auto& row : logger_prefixes())
    if (name.starts_with(row.prefix)) return row.emoji;
  return {};
}

std::string_view logger_emoji_from_table(std::string_view name) noexcept {
  std::string_view hit = logger_emoji_table_match(name);
  return hit.empty() ? default_logger_emoji() : hit;
}

std::uint32_t logger_family_hash(std::string_view name) noexcept {
  std::string_view family = name.substr(0, name.find('.'));
  std::uint32_t h = 2166136261u;
  for (char c : family) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

std::string_view logger_emoji_from_hash(std::string_view name) noexcept {
  auto palette = hash_palette();
  return palette[logger_family_hash(name) % palette.size()];
}

bool starts_with_logger_emoji(std::string_view text) noexcept {
  // Cheap reject: every logger emoji starts with a byte of 0xE2 or above.
  if (text.empty() || static_cast<unsigned char>(text[0]) < 0xE2) return false;
  if (emoji_then_space_or_end(text, default_logger_emoji())) return true;
  for (const auto& row : logger_prefixes())
    if (emoji_then_space_or_end(text, row.emoji)) return true;
  for (auto emoji : hash_palette())
    if (emoji_then_space_or_end(text, emoji)) return true;
  return false;
}

}  // namespace logmoji
