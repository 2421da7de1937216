#include <catch2/catch.hpp>

#include "logmoji/emoji_tables.hpp"
#include "logmoji/enrich_logger_emoji.hpp"

using namespace logmoji;

TEST_CASE("every table row matches its own prefix", "[enrich_logger_emoji]") {
  for (const auto& row : logger_prefixes()) CHECK(logger_emoji_from_table(row.prefix) == row.emoji);
}

TEST_CASE("prefixes are plain string prefixes, not dot-aware", "[enrich_logger_emoji]") {
  CHECK(logger_emoji_from_table("service.betamax") == "🇧");
  CHECK(logger_emoji_from_table("unknownfoo") == "❓");
  CHECK(logger_emoji_from_table("service.beta.child.x") == "👶");
  CHECK(logger_emoji_from_table("provide.foundation.logger.configx") == "🔩");
  CHECK(logger_emoji_from_table("foundation") == "🔹");
  CHECK(logger_emoji_from_table("default") == "🔹");
  CHECK(logger_emoji_table_match("api.handlers").empty());
}

TEST_CASE("the family hash is FNV-1a of the text before the first dot", "[enrich_logger_emoji]") {
  CHECK(logger_family_hash("") == 2166136261u);
  CHECK(logger_family_hash("worker") == 2513319767u);
  CHECK(logger_family_hash("worker.alpha") == 2513319767u);
  CHECK(logger_family_hash("main") == 3935363592u);
}

TEST_CASE("similar names share an emoji, pinned forever", "[enrich_logger_emoji]") {
  CHECK(logger_emoji_from_hash("worker.alpha") == logger_emoji_from_hash("worker.bravo"));
  CHECK(logger_emoji_from_hash("worker.bravo") == logger_emoji_from_hash("worker.charlie"));
  CHECK(logger_emoji_from_hash("worker.alpha") == "🐊");
  CHECK(logger_emoji_from_hash("main") == "🐌");
  CHECK(logger_emoji_from_hash("app.orders") == "🍪");
  CHECK(logger_emoji_from_hash("main") != logger_emoji_from_hash("worker"));
}

TEST_CASE("recognising a message that already starts with a logger emoji", "[enrich_logger_emoji]") {
  CHECK(starts_with_logger_emoji("🔹 x"));
  CHECK(starts_with_logger_emoji("🔹"));
  CHECK(starts_with_logger_emoji("❓ y"));
  CHECK(starts_with_logger_emoji("🛠️ Setup step"));
  CHECK(starts_with_logger_emoji("🐊 Work complete"));
  CHECK_FALSE(starts_with_logger_emoji("🔹x"));
  CHECK_FALSE(starts_with_logger_emoji("hello"));
  CHECK_FALSE(starts_with_logger_emoji("[x] 🔹"));
  CHECK_FALSE(starts_with_logger_emoji(""));
}
