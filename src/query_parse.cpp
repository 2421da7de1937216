// --query lexer and recursive-descent parser, producing the flat AST of query_ast.hpp.
#include "logmoji/query.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "logmoji/level.hpp"
#include "logmoji/parser.hpp"
#include "logmoji/text_escape.hpp"
#include "query_ast.hpp"

namespace logmoji {
namespace {

using namespace query_ast;

enum class tok { end, lparen, rparen, comma, not_, and_, or_, cmp, match, not_match, word, string };

struct token {
  tok type = tok::end;
  std::string text;
  op cmp = op::eq;
  std::size_t column = 0;
  std::string_view spelling;  // as written in the expression (an operator's messages name it)
};

constexpr int max_nesting = 256;  // parentheses and not: the evaluator recurses this deep at most

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80 ||
         std::string_view("_.@-:/+*$#%^?[]{}").find(c) != std::string_view::npos;
}

// Messages quote the expression's words and characters: escaped, as they may be anything.
query_error error_at(std::size_t column, std::string_view message) {
  query_error e{column, {}, {}};
  append_escaped(e.message, message, keep_controls::none);
  return e;
}

class lexer {
public:
  explicit lexer(std::string_view text) : s_(text) {}

  bool next(token& t, query_error& err) {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    t = token{};
    t.column = i_ + 1;
    if (i_ >= s_.size()) return true;
    char c = s_[i_];
    auto two = s_.substr(i_, 2);
    if (c == '(') return single(t, tok::lparen);
    if (c == ')') return single(t, tok::rparen);
    if (c == ',') return single(t, tok::comma);
    if (two == "&&") return pair(t, tok::and_);
    if (two == "||") return pair(t, tok::or_);
    if (two == "!~") return pair(t, tok::not_match);
    if (two == "!=") return comparison(t, op::ne, 2);
    if (two == "==") return comparison(t, op::eq, 2);
    if (two == "<=") return comparison(t, op::le, 2);
    if (two == ">=") return comparison(t, op::ge, 2);
    if (c == '!') return single(t, tok::not_);
    if (c == '~') return single(t, tok::match);
    if (c == '=') return comparison(t, op::eq, 1);
    if (c == '<') return comparison(t, op::lt, 1);
    if (c == '>') return comparison(t, op::gt, 1);
    if (c == '"' || c == '\'') return quoted(t, err);
    if (word_char(c)) {
      std::size_t start = i_;
      while (i_ < s_.size() && word_char(s_[i_])) ++i_;
      t.type = tok::word;
      t.text = s_.substr(start, i_ - start);
      return true;
    }
    err = error_at(i_ + 1, std::string("unexpected character '") + c + "'");
    return false;
  }

private:
  bool single(token& t, tok type) {
    t.type = type;
    t.spelling = s_.substr(i_++, 1);
    return true;
  }
  bool pair(token& t, tok type) {
    t.type = type;
    t.spelling = s_.substr(i_, 2);
    i_ += 2;
    return true;
  }
  bool comparison(token& t, op o, std::size_t len) {
    t.type = tok::cmp;
    t.cmp = o;
    t.spelling = s_.substr(i_, len);
    i_ += len;
    return true;
  }
  bool quoted(token& t, query_error& err) {
    char q = s_[i_];
    std::size_t start = i_++;
    t.type = tok::string;
    // A backslash escapes the quote and a backslash, as in a shell's double quotes; any other
    // stays, so that a regular expression's `\d` or `\.` and a Windows path mean what they say
    // (they lost it: `\d` matched "d"). A value may end in a backslash: "C:\\".
    while (i_ < s_.size() && s_[i_] != q) {
      if (s_[i_] == '\\' && i_ + 1 < s_.size() && (s_[i_ + 1] == q || s_[i_ + 1] == '\\')) ++i_;
      t.text += s_[i_++];
    }
    if (i_ >= s_.size()) {
      err = error_at(start + 1, "unterminated string");
      return false;
    }
    ++i_;
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// Optimal string alignment distance: a swap of two neighbours (tarce) is one edit.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

bool keyword(const token& t, std::string_view word) {
  if (t.type != tok::word || t.text.size() != word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(t.text[i])) != word[i]) return false;
  return true;
}

literal make_literal(std::string text, bool bare) {
  literal l{std::move(text), false, 0};
  if (bare) {
    // `+5` is a number too (from_chars takes no plus sign).
    const char* start = l.text.data() + (l.text.size() > 1 && l.text[0] == '+' && l.text[1] != '-' ? 1 : 0);
    auto [end, ec] = std::from_chars(start, l.text.data() + l.text.size(), l.number);
    l.is_number = (ec == std::errc() || ec == std::errc::result_out_of_range) && end == l.text.data() + l.text.size();
    // 1e400 is a number too, read as a field's value is: infinity.
    if (ec == std::errc::result_out_of_range) l.number = number_value({start, l.text.data() + l.text.size()});
  }
  return l;
}

class parser {
public:
  parser(std::string_view text, query::impl& out, query_error& err, bool ignore_case)
      : lex_(text), out_(out), err_(err), ignore_case_(ignore_case) {}

  bool run() {
    if (!advance()) return false;
    if (cur_.type == tok::end) return fail("empty expression");
    int root = parse_or(0);
    if (root < 0) return false;
    if (cur_.type != tok::end) return fail("unexpected " + describe() + " after a complete expression");
    out_.root = root;
    return true;
  }

private:
  bool advance() { return lex_.next(cur_, err_); }

  bool fail(std::string message) {
    if (err_.message.empty()) err_ = error_at(cur_.column, message);
    return false;
  }

  // The token at hand for a message: quoted as written (an operator by its spelling).
  std::string describe() const {
    if (cur_.type == tok::end) return "end of expression";
    return "'" + (cur_.type == tok::word || cur_.type == tok::string ? cur_.text : std::string(cur_.spelling)) + "'";
  }

  int add(expr e) {
    out_.nodes.push_back(std::move(e));
    return static_cast<int>(out_.nodes.size() - 1);
  }

  // A chain of `||` (or `&&`) is one node with a child per term, not a term nested in the one
  // before: the evaluator recurses once per nesting level, and a generated list of 50,000
  // alternatives must not be 50,000 levels deep.
  int parse_or(int depth) { return parse_chain(depth, kind::any_of, tok::or_, "or", &parser::parse_and); }
  int parse_and(int depth) { return parse_chain(depth, kind::all_of, tok::and_, "and", &parser::parse_unary); }

  int parse_chain(int depth, kind k, tok t, std::string_view word, int (parser::*term)(int)) {
    int first = (this->*term)(depth);
    if (first < 0 || (cur_.type != t && !keyword(cur_, word))) return first;
    std::vector<int> terms{first};
    while (cur_.type == t || keyword(cur_, word)) {
      if (!advance()) return -1;
      int next = (this->*term)(depth);
      if (next < 0) return -1;
      terms.push_back(next);
    }
    return add(expr{k, std::move(terms), {}, op::eq, {}, nullptr, false});
  }

  int parse_unary(int depth) {
    if (depth > max_nesting) return fail("expression nested too deeply"), -1;
    if (cur_.type == tok::not_ || keyword(cur_, "not")) {
      if (!advance()) return -1;
      int inner = parse_unary(depth + 1);
      if (inner < 0) return -1;
      return add(expr{kind::negate, {inner}, {}, op::eq, {}, nullptr, false});
    }
    if (cur_.type == tok::lparen) {
      if (!advance()) return -1;
      int inner = parse_or(depth + 1);
      if (inner < 0) return -1;
      if (cur_.type != tok::rparen) return fail("expected ')'"), -1;
      if (!advance()) return -1;
      return inner;
    }
    return parse_test();
  }

  int parse_exists() {
    if (!advance()) return -1;
    if (cur_.type != tok::lparen) return fail("expected '(' after exists"), -1;
    if (!advance()) return -1;
    if (cur_.type != tok::word && cur_.type != tok::string) return fail("expected a field name"), -1;
    std::string path = cur_.text;
    if (!advance()) return -1;
    if (cur_.type != tok::rparen) return fail("expected ')'"), -1;
    if (!advance()) return -1;
    return add(expr{kind::exists, {}, std::move(path), op::eq, {}, nullptr, false});
  }

  bool parse_value(literal& out) {
    if (cur_.type != tok::word && cur_.type != tok::string) return fail("expected a value, found " + describe());
    out = make_literal(cur_.text, cur_.type == tok::word);
    return advance();
  }

  // The level role compares by rank: a name the level table does not know would silently
  // compare as text, so it is refused with the nearest known name.
  bool parse_level_value(const expr& e, literal& out) {
    std::size_t column = cur_.column;
    if (!parse_value(out)) return false;
    if (e.path != "level" || out.is_number || parse_level_option(out.text)) return true;
    err_ = error_at(column, "unknown level '" + out.text + "'");
    if (auto best = closest_level_name(out.text); !best.empty()) err_.hint = "did you mean '" + best + "'?";
    return false;
  }

  int parse_in(expr e) {
    if (!advance()) return -1;
    if (cur_.type != tok::lparen) return fail("expected '(' after in"), -1;
    if (!advance()) return -1;
    for (;;) {
      literal l;
      if (!parse_level_value(e, l)) return -1;
      e.values.push_back(std::move(l));
      if (cur_.type == tok::rparen) break;
      if (cur_.type != tok::comma) return fail("expected ',' or ')' in the list"), -1;
      if (!advance()) return -1;
    }
    if (!advance()) return -1;
    e.type = kind::in_list;
    return add(std::move(e));
  }

  int parse_match(expr e, bool negated) {
    if (!advance()) return -1;
    std::size_t column = cur_.column;  // the pattern's: where what is wrong with it starts
    literal l;
    if (!parse_value(l)) return -1;
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_case_sensitive(!ignore_case_);
    e.pattern = std::make_shared<RE2>(l.text, opts);
    if (!e.pattern->ok()) {
      err_ = error_at(column, "bad regular expression: " + e.pattern->error());
      return -1;
    }
    e.type = kind::regex;
    e.negated = negated;
    return add(std::move(e));
  }

  int parse_test() {
    if (keyword(cur_, "exists")) return parse_exists();
    if (cur_.type != tok::word && cur_.type != tok::string)
      return fail("expected a field name, found " + describe()), -1;
    expr e;
    e.path = cur_.text;
    if (!advance()) return -1;
    if (cur_.type == tok::match || cur_.type == tok::not_match)
      return parse_match(std::move(e), cur_.type == tok::not_match);
    if (keyword(cur_, "in")) return parse_in(std::move(e));
    if (cur_.type != tok::cmp) return fail("expected an operator (= != < <= > >= ~ !~ in) after '" + e.path + "'"), -1;
    e.type = kind::compare;
    e.cmp = cur_.cmp;
    if (!advance()) return -1;
    literal l;
    if (!parse_level_value(e, l)) return -1;
    e.values.push_back(std::move(l));
    return add(std::move(e));
  }

  lexer lex_;
  query::impl& out_;
  query_error& err_;
  bool ignore_case_;
  token cur_;
};

}  // namespace

query::query() : impl_(std::make_unique<impl>()) {}
query::~query() = default;
query::query(query&&) noexcept = default;
query& query::operator=(query&&) noexcept = default;

bool query::compile(std::string_view text, query_error& error, bool ignore_case) {
  impl_ = std::make_unique<impl>();
  error = {};
  parser p(text, *impl_, error, ignore_case);
  return p.run();
}

std::string closest_level_name(std::string_view word) {
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // One edit in three letters at most: "errror" finds error, "xyz" finds nothing.
  std::size_t best_distance = std::max<std::size_t>(1, lower.size() / 3) + 1;
  std::string best;
  // The level table's names, so a suggestion is always a name -l and queries accept; NOTSET is
  // a row but no level to select.
  for (const level_entry& e : level_table()) {
    if (!parse_level_option(e.name)) continue;
    std::string name(e.name);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t d = edit_distance(lower, name);
    if (d < best_distance) {
      best_distance = d;
      best = std::move(name);
    }
  }
  return best;
}

}  // namespace logmoji
