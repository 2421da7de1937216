#pragma once
// -k/--keys and -x/--hide: which fields an output shows. A name is a top-level key or, as in
// --query, a dotted path into nested objects (http.method).

#include <array>
#include <string>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/python_repr.hpp"

namespace logmoji {

class field_selection {
public:
  /// `keep_columns` (the console): the fields shown as columns stay unless -x names them.
  /// `nest` (JSON outputs): a kept path keeps its nesting, {"http":{"method":"GET"}}; otherwise
  /// it becomes a field of its own named by the path, http.method=GET, as hl shows it.
  /// `redact` (the run's redaction of keys inside objects, docs: Secrets): a flattened path
  /// that passes through a key it replaces shows '[REDACTED]', as the object it comes from would.
  field_selection(std::vector<std::string> keep, std::vector<std::string> hide, bool keep_columns, bool nest = false,
                  redaction redact = redaction::none);
  [[nodiscard]] bool active() const { return !keep_.empty() || !hide_.empty(); }
  /// Applies the selection to ev.fields. Nested selections add trimmed copies of the objects to
  /// the tape (reused capacity: no allocation once warm). Inline: asked of every event, and most
  /// runs select nothing.
  void apply(event& ev) const {
    if (active()) select(ev);
  }

private:
  void select(event& ev) const;
  // The dotted paths as a tree of segments; node 0 is the root.
  struct trie_node {
    std::string segment;
    bool terminal = false;  // the path ends here: this whole value is kept (or hidden)
    std::vector<std::size_t> children;
    std::string path = {};  // terminal: the path as given (a flattened field's name)
  };

  [[nodiscard]] bool listed(const std::vector<std::string>& names, std::string_view key) const;
  [[nodiscard]] bool is_column(const event& ev, std::uint32_t i) const;
  [[nodiscard]] std::array<bool, 4> roles_named(const std::vector<std::string>& names, const event& ev) const;
  [[nodiscard]] static bool holds_named_role(const std::array<bool, 4>& named, const event& ev, std::uint32_t i);
  static void add_path(std::vector<trie_node>& trie, std::string_view dotted);
  static const trie_node* child(const std::vector<trie_node>& trie, const trie_node& t, std::string_view segment);
  static const trie_node* descend(const std::vector<trie_node>& trie, const trie_node& t, std::string_view key);
  static std::uint32_t copy_subtree(event& ev, std::uint32_t src, std::string_view key);
  std::uint32_t copy_object(event& ev, std::uint32_t src, const std::vector<trie_node>& trie, const trie_node& t,
                            bool keeping) const;
  void keep_flattened(event& ev, std::uint32_t at, const std::vector<trie_node>& trie, const trie_node& t,
                      bool redacted, std::vector<std::uint32_t>& out) const;
  [[nodiscard]] std::uint32_t hide_nested(event& ev, std::uint32_t i, const std::vector<trie_node>& hide_trie) const;
  static const std::vector<trie_node>& unshadowed(const event& ev, const std::vector<std::string>& names,
                                                  const std::vector<trie_node>& trie, std::vector<trie_node>& own);

  std::vector<std::string> keep_;
  std::vector<std::string> hide_;
  std::vector<trie_node> keep_trie_{1};
  std::vector<trie_node> hide_trie_{1};
  bool keep_columns_;
  bool nest_;
  bool (*redacted_key_)(std::string_view);  // redacted_key_test: null when nothing is redacted
};

/// Splits "a,b,c" into its non-empty, trimmed items.
std::vector<std::string> split_list(const std::vector<std::string>& values);

}  // namespace logmoji
