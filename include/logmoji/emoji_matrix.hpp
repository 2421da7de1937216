#pragma once
// --emoji-matrix: every active table as readable text, like the library's matrix display.

#include <string>

#include "logmoji/options.hpp"

namespace logmoji {

/// Appends the user's logger prefixes, foundation's prefix table, the hash palette (when the
/// hash is in use) and every event set (the user's included) with its mappings, values,
/// markers, defaults and metadata.
void write_emoji_matrix(std::string& out, const enrich_options& options);

}  // namespace logmoji
