// -k/--keys and -x/--hide, with dotted paths into nested objects.
#include "logmoji/field_selection.hpp"

#include <algorithm>
#include <array>

#include "logmoji/enrich_sanitize.hpp"

namespace logmoji {

field_selection::field_selection(std::vector<std::string> keep, std::vector<std::string> hide, bool keep_columns,
                                 bool nest, redaction redact)
    : keep_(std::move(keep)),
      hide_(std::move(hide)),
      keep_columns_(keep_columns),
      nest_(nest),
      redacted_key_(redacted_key_test(redact)) {
  for (const auto& k : keep_)
    if (k.find('.') != std::string::npos) add_path(keep_trie_, k);
  for (const auto& h : hide_)
    if (h.find('.') != std::string::npos) add_path(hide_trie_, h);
}

void field_selection::add_path(std::vector<trie_node>& trie, std::string_view dotted) {
  std::size_t at = 0;
  for (std::size_t start = 0; start <= dotted.size();) {
    std::size_t dot = std::min(dotted.find('.', start), dotted.size());
    std::string_view segment = dotted.substr(start, dot - start);
    const trie_node* found = child(trie, trie[at], segment);
    std::size_t next = found ? static_cast<std::size_t>(found - trie.data()) : trie.size();
    if (!found) {
      trie.push_back({std::string(segment), false, {}});
      trie[at].children.push_back(next);
    }
    at = next;
    start = dot + 1;
  }
  trie[at].terminal = true;
  trie[at].path = dotted;
}

const field_selection::trie_node* field_selection::child(const std::vector<trie_node>& trie, const trie_node& t,
                                                         std::string_view segment) {
  for (auto c : t.children)
    if (trie[c].segment == segment) return &trie[c];
  return nullptr;
}

// Where a member's key leads from `t`: its dot-separated segments in turn, so that a key that
// itself holds dots ({"attributes": {"http.method": …}}) is reached by the path the query takes
// to it (attributes.http.method); nullptr when the paths do not go through the whole key.
const field_selection::trie_node* field_selection::descend(const std::vector<trie_node>& trie, const trie_node& t,
                                                           std::string_view key) {
  const trie_node* at = &t;
  for (std::size_t start = 0; at;) {
    std::size_t dot = key.find('.', start);
    at = child(trie, *at, key.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return at;
    start = dot + 1;
  }
  return nullptr;
}

bool field_selection::listed(const std::vector<std::string>& names, std::string_view key) const {
  return std::find(names.begin(), names.end(), key) != names.end();
}

bool field_selection::is_column(const event& ev, std::uint32_t i) const {
  std::string_view key = ev.at(i).key;
  return i == ev.role.time || i == ev.role.level || i == ev.role.message || key == "logger" || key == "logger_name";
}

// A role's name names the top-level field that holds the role, whatever its key, as it does in
// the query: -k message keeps structlog's `event` and pino's `msg`. An event's own key of that
// name wins, as a top-level key wins over a dotted path. Asked before the fields are chosen: a
// hidden key of that name is gone from them afterwards.
std::array<bool, 4> field_selection::roles_named(const std::vector<std::string>& names, const event& ev) const {
  std::array<bool, 4> named{};
  for (std::size_t k = 0; k < role_names.size(); ++k)
    named[k] = listed(names, role_names[k].first) && ev.find(role_names[k].first) == no_node;
  return named;
}

// Whether field `i` holds a role `named` (roles_named) names.
bool field_selection::holds_named_role(const std::array<bool, 4>& named, const event& ev, std::uint32_t i) {
  for (std::size_t k = 0; k < role_names.size(); ++k)
    if (named[k] && ev.role.*role_names[k].second == i) return true;
  return false;
}

// Appends a copy of the value at `src` under a new key; its descendants' `end` indexes move with it.
std::uint32_t field_selection::copy_subtree(event& ev, std::uint32_t src, std::string_view key) {
  auto root = static_cast<std::uint32_t>(ev.tape.size());
  std::uint32_t end = ev.tape[src].end;
  for (std::uint32_t j = src; j < end; ++j) {
    node n = ev.tape[j];
    n.end = n.end - src + root;
    ev.tape.push_back(n);
  }
  ev.tape[root].key = key;
  return root;
}

// A copy of the object at `src` holding only the members the trie keeps (keeping) or all but
// those it hides; returns no_node when keeping leaves it empty.
std::uint32_t field_selection::copy_object(event& ev, std::uint32_t src, const std::vector<trie_node>& trie,
                                           const trie_node& t, bool keeping) const {
  auto root = static_cast<std::uint32_t>(ev.tape.size());
  ev.tape.push_back(node{value_kind::object, 0, ev.tape[src].key, {}});
  bool any = false;
  for (std::uint32_t m = src + 1; m < ev.tape[src].end; m = ev.tape[m].end) {
    const trie_node* c = descend(trie, t, ev.tape[m].key);
    bool whole = keeping ? c && c->terminal : !c;
    if (whole) {
      copy_subtree(ev, m, ev.tape[m].key);
      any = true;
    } else if (c && !c->terminal && ev.tape[m].kind == value_kind::object) {
      any = copy_object(ev, m, trie, *c, keeping) != no_node || any;
    } else if (!keeping && !c->terminal) {
      copy_subtree(ev, m, ev.tape[m].key);  // a path through a non-object hides nothing
    }
  }
  ev.tape[root].end = static_cast<std::uint32_t>(ev.tape.size());
  if (keeping && !any) {
    ev.tape.resize(root);
    return no_node;
  }
  return root;
}

// The kept paths at and below the value at `at` (trie node `t`), each as a field of its own
// named by the path. `redacted`: the walk passed a key the outputs redact inside objects.
void field_selection::keep_flattened(event& ev, std::uint32_t at, const std::vector<trie_node>& trie,
                                     const trie_node& t, bool redacted, std::vector<std::uint32_t>& out) const {
  if (t.terminal) {
    if (redacted) {
      auto root = static_cast<std::uint32_t>(ev.tape.size());
      ev.tape.push_back(node{value_kind::string, root + 1, t.path, redacted_text});
      out.push_back(root);
    } else {
      out.push_back(copy_subtree(ev, at, t.path));
    }
  }
  if (ev.tape[at].kind != value_kind::object) return;
  for (std::uint32_t m = at + 1; m < ev.tape[at].end; m = ev.tape[m].end)
    if (const trie_node* c = descend(trie, t, ev.tape[m].key))
      keep_flattened(ev, m, trie, *c, redacted || (redacted_key_ && redacted_key_(ev.tape[m].key)), out);
}

std::uint32_t field_selection::hide_nested(event& ev, std::uint32_t i, const std::vector<trie_node>& hide_trie) const {
  const trie_node* c = descend(hide_trie, hide_trie[0], ev.tape[i].key);
  if (!c || c->terminal || ev.tape[i].kind != value_kind::object) return i;
  return copy_object(ev, i, hide_trie, *c, false);
}

// A dotted name that is also a top-level key of the event names that key alone: the key wins,
// as in --query (docs/query.md), and the path reaches into no object. Rare: for such an event
// the names' trie is built again without it, into `own`.
const std::vector<field_selection::trie_node>& field_selection::unshadowed(const event& ev,
                                                                           const std::vector<std::string>& names,
                                                                           const std::vector<trie_node>& trie,
                                                                           std::vector<trie_node>& own) {
  auto shadowed = [&ev](const std::string& name) {
    return name.find('.') != std::string::npos && ev.find(name) != no_node;
  };
  if (std::none_of(names.begin(), names.end(), shadowed)) return trie;
  own.assign(1, trie_node{});
  for (const auto& name : names)
    if (name.find('.') != std::string::npos && !shadowed(name)) add_path(own, name);
  return own;
}

void field_selection::select(event& ev) const {
  // Per thread (the plan's selection is shared by the workers), reused from line to line.
  thread_local std::vector<std::uint32_t> out;
  thread_local std::vector<trie_node> own_keep, own_hide;
  out.clear();
  const std::array<bool, 4> role_kept = roles_named(keep_, ev), role_hidden = roles_named(hide_, ev);
  const std::vector<trie_node>& keep_trie = unshadowed(ev, keep_, keep_trie_, own_keep);
  const std::vector<trie_node>& hide_trie = unshadowed(ev, hide_, hide_trie_, own_hide);
  for (auto i : ev.fields) {
    std::string_view key = ev.at(i).key;
    if (listed(hide_, key) || holds_named_role(role_hidden, ev, i)) continue;
    const bool kept_as_role = holds_named_role(role_kept, ev, i);
    i = hide_nested(ev, i, hide_trie);
    if (keep_.empty() || listed(keep_, key) || kept_as_role || (keep_columns_ && is_column(ev, i))) {
      out.push_back(i);
      continue;
    }
    const trie_node* c = descend(keep_trie, keep_trie[0], key);
    if (!c) continue;
    if (!nest_) {
      keep_flattened(ev, i, keep_trie, *c, false, out);
    } else if (ev.tape[i].kind == value_kind::object) {
      if (auto copy = copy_object(ev, i, keep_trie, *c, true)) out.push_back(copy);
    }
  }
  ev.fields.assign(out.begin(), out.end());
  // A hidden column disappears from the console too, hidden by its key or its role's name.
  for (std::size_t k = 0; k < role_names.size(); ++k)
    if (std::uint32_t& r = ev.role.*role_names[k].second; r && (listed(hide_, ev.at(r).key) || role_hidden[k]))
      r = no_node;
}

std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      std::size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string item = v.substr(start, comma - start);
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      if (!item.empty()) out.push_back(item);
      start = comma + 1;
    }
  }
  return out;
}

}  // namespace logmoji
