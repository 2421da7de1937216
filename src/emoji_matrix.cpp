// --emoji-matrix: prints the active tables.
#include "logmoji/emoji_matrix.hpp"

#include <string_view>

#include "logmoji/emoji_tables.hpp"
#include "logmoji/enrich_event_sets.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/text_width.hpp"

namespace logmoji {
namespace {

// Left-justifies by the cells a terminal draws, as the console does outside --foundation: by code
// points an emoji with a variation selector took a cell less than its neighbours.
void cell(std::string& out, std::string_view text, std::size_t width) {
  out += text;
  std::size_t n = display_width(text);
  out.append(n < width ? width - n : 1, ' ');
}

void write_metadata(std::string& out, std::span<const metadata_field> fields) {
  bool first = true;
  for (const auto& f : fields) {
    out += first ? "  + " : ", ";
    first = false;
    out += f.key;
    out += '=';
    if (f.kind == metadata_kind::true_value)
      out += "true";
    else if (f.kind == metadata_kind::false_value)
      out += "false";
    else
      out += f.text;
  }
}

void write_mapping(std::string& out, const marker_mapping& m) {
  out += "  ";
  out += m.name;
  out += '\n';
  for (const auto& vm : m.markers) {
    out += "    ";
    cell(out, vm.value, 22);
    cell(out, vm.marker, 12);
    for (const auto& md : m.metadata)
      if (md.value == vm.value) write_metadata(out, md.fields);
    out += '\n';
  }
  // Values with metadata but no marker of their own (2xx, completion, kafka, success).
  for (const auto& md : m.metadata) {
    bool listed = false;
    for (const auto& vm : m.markers) listed = listed || vm.value == md.value;
    if (listed) continue;
    out += "    ";
    cell(out, md.value, 22);
    cell(out, m.default_marker.empty() ? std::string_view("(none)") : m.default_marker, 12);
    write_metadata(out, md.fields);
    out += '\n';
  }
  out += "    ";
  cell(out, "(default)", 22);
  out += m.default_marker.empty() ? std::string_view("(no marker)") : m.default_marker;
  out += '\n';
}

// One row of a prefix table: the emoji, then the prefix (the user's may hold anything).
void write_prefix(std::string& out, std::string_view emoji, std::string_view prefix) {
  out += "  ";
  cell(out, emoji, 3);
  append_escaped(out, prefix, keep_controls::none);
  out += '\n';
}

}  // namespace

void write_emoji_matrix(std::string& out, const enrich_options& options) {
  if (!options.logger_prefixes.empty()) {
    out += "Your logger prefixes (checked first)\n";
    for (const auto& row : options.logger_prefixes) write_prefix(out, row.emoji, row.prefix);
    out += '\n';
  }
  out += "Logger-name prefixes (plain string prefix, longest first)\n";
  for (const auto& row : logger_prefixes()) write_prefix(out, row.emoji, row.prefix);
  write_prefix(out, default_logger_emoji(), "(any other name)");
  if (options.logger_emoji == logger_emoji_mode::hash) {
    out += "\nLogger-family hash palette (FNV-1a of the text before the first '.', modulo ";
    out += std::to_string(hash_palette().size());
    out += ")\n";
    std::size_t i = 0;
    for (auto emoji : hash_palette()) {
      out += i % 16 == 0 ? "  " : " ";
      out += emoji;
      if (++i % 16 == 0) out += '\n';
    }
    if (i % 16 != 0) out += '\n';
  }
  const auto& registry = options.event_sets ? *options.event_sets : event_set_registry::builtin();
  for (const auto& set : registry.sets()) {
    out += "\nEvent set ";
    out += set.name;
    out += " (priority ";
    out += std::to_string(set.priority);
    out += ")\n";
    for (const auto& m : set.mappings) write_mapping(out, m);
  }
}

}  // namespace logmoji
