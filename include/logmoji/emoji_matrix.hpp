#pragma once
// --emoji-matrix: every active table as readable text, like the library's matrix display.

#include <string>

namespace logmoji {

/// Appends the logger prefix table, the hash palette (when the hash is in use) and every event
/// set with its mappings, values, markers, defaults and metadata.
void write_emoji_matrix(std::string& out, bool include_palette);

}  // namespace logmoji
