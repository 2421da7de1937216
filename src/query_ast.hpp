#pragma once
// The compiled form of a --query expression: a flat vector of nodes, children by index.

#include <memory>
#include <string>
#include <vector>

#include <re2/re2.h>

namespace logmoji::query_ast {

enum class kind { all_of, any_of, negate, exists, compare, regex, in_list };
enum class op { eq, ne, lt, le, gt, ge };

/// A literal, with its number form when it is one.
struct literal {
  std::string text;
  bool is_number = false;
  double number = 0;
};

struct expr {
  kind type = kind::all_of;
  std::vector<int> children;
  std::string path;
  op cmp = op::eq;
  std::vector<literal> values;
  std::shared_ptr<RE2> pattern;
  bool negated = false;  // !~
};

}  // namespace logmoji::query_ast

namespace logmoji {
struct query::impl {
  std::vector<query_ast::expr> nodes;
  int root = -1;
};
}  // namespace logmoji
