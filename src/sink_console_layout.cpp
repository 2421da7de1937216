// The console's part of a logger family's layout (field_roles.hpp family_layout): wrappers whose
// members are the event's pairs, twins and empty containers left out. Only lines with a key of
// some layout come here; a file of its own, so that sink_console.cpp's hot path is compiled as
// it was (GCC's inlining there changes with the file's size).
#include <algorithm>
#include <cstring>

#include "logmoji/field_roles.hpp"
#include "logmoji/python_repr.hpp"
#include "logmoji/sink_console.hpp"

namespace logmoji {

// A field whose key some family's layout names: what the line's family makes of it
// (field_roles.hpp family_treatment), else the usual rules.
bool console_sink::place_by_layout(const event& ev, std::uint32_t i, std::uint32_t flags, field_info& info) {
  if (!layout_asked_) {
    layout_asked_ = true;
    layout_ = family_layout_of(ev);
    flat_.clear();
    flat_infos_.clear();
  }
  family_treatment how = layout_ ? treat_field(*layout_, ev, i) : family_treatment::shown;
  if (how == family_treatment::left_out) return false;
  if (how == family_treatment::flattened && flatten(ev, i)) return false;
  if (how == family_treatment::trimmed) return place_trimmed(ev, i, flags, info);
  return place_usual(ev, i, flags, info);
}

// A flattened wrapper's members, each placed as a top-level field of its key would be (its
// pair, or below the event), but for what other columns show. False, and nothing placed, when
// a member's pair could be mistaken or redacted otherwise: its key is also a top-level key
// (neither may hide the other), or a key the run redacts (a top-level field of that name is
// replaced by the enricher, which the member is not); the wrapper is then shown whole.
bool console_sink::flatten(const event& ev, std::uint32_t field) {
  std::uint32_t object = flattened_object(*layout_, ev, field);
  // An empty wrapper is shown as written, unless its family writes it empty (left_out_empty).
  if (!object || ev.at(object).end == object + 1) return false;
  auto facts = [this](std::string_view key) { return key_facts(key); };
  const node* tape = ev.tape.data();
  // The top-level keys, sorted once: a member is looked up in them, so that a line of many
  // keys costs (keys + members) log keys, not keys × members.
  top_keys_.clear();
  for (std::uint32_t f : ev.fields) top_keys_.push_back(tape[f].key);
  std::ranges::sort(top_keys_);
  for (std::uint32_t c = object + 1; c < tape[object].end; c = tape[c].end) {
    if (member_shown_elsewhere(*layout_, ev, object, c)) continue;
    if (by_id_.get_used(tape[c], facts).flags & redacted_flag_) return false;
    if (std::ranges::binary_search(top_keys_, tape[c].key)) return false;
  }
  for (std::uint32_t c = object + 1; c < tape[object].end; c = tape[c].end) {
    if (member_shown_elsewhere(*layout_, ev, object, c)) continue;
    const key_view& e = by_id_.get_used(tape[c], facts);
    field_info info{e.head, e.head_size, 0, 0, no_value};
    std::uint32_t flags = member_flags(e.flags);
    if (place_usual(ev, c, flags, info)) {
      flat_.push_back(c);
      flat_infos_.push_back(info);
    }
  }
  return true;
}

// A wrapper's pair without the members other columns show; no pair when they are all it holds.
bool console_sink::place_trimmed(const event& ev, std::uint32_t field, std::uint32_t flags, field_info& info) {
  left_.clear();
  std::size_t members = 0;
  for (std::uint32_t c = field + 1; c < ev.at(field).end; c = ev.at(c).end, ++members)
    if (member_shown_elsewhere(*layout_, ev, field, c)) left_.push_back(c);
  if (left_.size() == members) return false;
  if (!place_usual(ev, field, flags, info)) return false;
  if (left_.empty()) return true;
  scratch_.clear();
  append_console_value_without(scratch_, ev, field, field_redaction(redact_, ev.at(field).kind), left_);
  // What is left all went below (place_usual put it there): no pair, as for any such object.
  if (scratch_ == "{}" || scratch_ == "[]") return false;
  if (vals_.size() < vals_used_ + scratch_.size())
    vals_.resize(std::max(vals_.size() * 2, vals_used_ + scratch_.size() + 256));
  std::memcpy(vals_.data() + vals_used_, scratch_.data(), scratch_.size());
  info.value = static_cast<std::uint32_t>(vals_used_);
  info.value_size = static_cast<std::uint32_t>(scratch_.size());
  vals_used_ += scratch_.size();
  return true;
}

// The flattened members' pairs after the top-level fields' (a line with them is sorted by text).
void console_sink::add_flattened(const event& ev) {
  std::size_t count = ev.fields.size();
  std::size_t m = flat_.size();
  fields_ext_.assign(ev.fields.begin(), ev.fields.end());
  fields_ext_.insert(fields_ext_.end(), flat_.begin(), flat_.end());
  if (infos_.size() < count + m) infos_.resize(count + m);
  if (pairs_.size() < pair_count_ + m) pairs_.resize(pair_count_ + m);
  for (std::size_t j = 0; j < m; ++j) {
    infos_[count + j] = flat_infos_[j];
    pairs_[pair_count_++] = static_cast<std::uint32_t>(count + j);
  }
  fields_view_ = fields_ext_.data();
  by_rank_ok_ = false;
}

}  // namespace logmoji
