// Minimum level, module levels (longest prefix wins), logger prefixes, time range, --grep and
// --query.
#include "logmoji/filter.hpp"

#include <algorithm>
#include <unordered_map>

#include <re2/re2.h>
#include <sys/stat.h>

#include "logmoji/diagnostics.hpp"
#include "logmoji/text_width.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/text_strip.hpp"

namespace logmoji {
namespace {

RE2::Options quiet_options() {
  RE2::Options o;
  o.set_log_errors(false);
  return o;
}

std::string_view logger_name(const event& ev) {
  if (ev.role.logger && ev.at(ev.role.logger).kind == value_kind::string) return ev.at(ev.role.logger).text;
  return unnamed_filter_target;
}

bool any_prefix(const std::vector<std::string>& prefixes, std::string_view name) {
  return std::any_of(prefixes.begin(), prefixes.end(), [name](const std::string& p) { return name.starts_with(p); });
}

// grep's -q is logmoji's --quiet: `logmoji -q app.log` names a file, not an expression.
void append_quiet_hint(std::string& error, const std::string& text) {
  struct stat st {};
  if (::stat(text.c_str(), &st) != 0) return;
  error += "\n  ";
  error += quoted(text);
  error += " is a file: -q is --query; to print nothing, as grep -q does, use --quiet";
}

}  // namespace

event_filter::event_filter(const filter_options& options)
    : by_length_(options.module_levels),
      min_level_(options.min_level),
      rules_(options.rules),
      loggers_(options.loggers),
      exclude_loggers_(options.exclude_loggers),
      since_(options.since),
      until_(options.until),
      zone_(options.zone),
      level_only_(options.module_levels.empty() && options.loggers.empty() && options.exclude_loggers.empty() &&
                  !options.since && !options.until && !options.grep),
      accepts_every_(level_only_ && options.min_level <= level_number::notset) {
  std::stable_sort(by_length_.begin(), by_length_.end(),
                   [](const module_level& a, const module_level& b) { return a.prefix.size() > b.prefix.size(); });
}

std::unique_ptr<event_filter> event_filter::build(const filter_options& options, std::string& error,
                                                  std::string* setting, redaction redact) {
  std::unique_ptr<event_filter> f(new event_filter(options));
  f->redact_ = redact;
  for (const auto& text : options.queries) {
    query q;
    query_error err;
    if (!q.compile(text, err, options.ignore_case)) {
      // The expression is shown escaped, with a caret under the column: as many cells in as
      // the escaped text before it takes (a tab shows as \t, a wide character takes two). The
      // column counts characters, as a reader counts them.
      std::string_view before = std::string_view(text).substr(0, err.column > 0 ? err.column - 1 : 0);
      error = "--query: " + err.message + " at column " + std::to_string(count_code_points(before) + 1);
      if (!err.hint.empty()) error += ": " + err.hint;
      error += "\n  ";
      append_escaped(error, text, keep_controls::none);
      std::string shown_before;
      append_escaped(shown_before, before, keep_controls::none);
      error += "\n  " + std::string(display_width(shown_before), ' ') + "^";
      append_quiet_hint(error, text);
      if (setting) *setting = "query";
      return nullptr;
    }
    f->queries_.push_back(std::move(q));
  }
  if (options.grep) {
    RE2::Options grep_options = quiet_options();
    grep_options.set_case_sensitive(!options.ignore_case);
    f->grep_ = std::make_unique<RE2>(*options.grep, grep_options);
    if (!f->grep_->ok()) {
      error = "--grep: ";
      append_escaped(error, f->grep_->error(), keep_controls::none);
      if (setting) *setting = "grep";
      return nullptr;
    }
  }
  return f;
}

event_filter::~event_filter() = default;

int event_filter::threshold(std::string_view logger) const {
  for (const auto& m : by_length_)
    if (logger.starts_with(m.prefix)) return m.level;
  return min_level_;
}

prefilter_rules event_filter::prefilter(const std::vector<std::string>& user_level_fields,
                                        bool logger_texts_change) const {
  prefilter_rules r;
  r.min_threshold = r.max_threshold = min_level_;
  for (const auto& m : by_length_) {
    r.min_threshold = std::min(r.min_threshold, m.level);
    r.max_threshold = std::max(r.max_threshold, m.level);
  }
  r.rules = rules_;
  r.may_select = loggers_.empty() && exclude_loggers_.empty() && !since_ && !until_ && !grep_ && queries_.empty();
  // An event without a logger is tested as "": an empty prefix lets every line through.
  if (!logger_texts_change && !any_prefix(loggers_, {})) r.logger_prefixes = loggers_;
  r.level_keys = numeric_level_keys(user_level_fields);
  r.user_level_fields = !user_level_fields.empty();
  return r;
}

bool event_filter::accepts_logger(std::string_view logger) const {
  if (!loggers_.empty() && !any_prefix(loggers_, logger)) return false;
  return !any_prefix(exclude_loggers_, logger);
}

// An event whose time is missing or unreadable is outside every time range.
bool event_filter::accepts_time(const event& ev) const {
  if (!since_ && !until_) return true;
  if (!ev.role.time) return false;
  auto t = event_time(ev, ev.role.time, zone_);
  if (!t) return false;
  return (!since_ || *t >= *since_) && (!until_ || *t < *until_);
}

bool event_filter::accepts_event(const event& ev) const {
  const node* level = ev.role.level ? &ev.at(ev.role.level) : nullptr;
  // No rank is below NOTSET: without -l the level need not be ranked at all.
  if (level_only_) return min_level_ <= level_number::notset || event_level(level, rules_) >= min_level_;
  return accepts_all(ev, level);
}

// accepts() the long way: every criterion in turn.
bool event_filter::accepts_all(const event& ev, const node* level) const {
  std::string_view logger = logger_name(ev);
  if (event_level(level, rules_) < threshold(logger)) return false;
  if (!accepts_logger(ev.role.logger ? logger : std::string_view{})) return false;
  if (!accepts_time(ev)) return false;
  return !grep_ || grep_matches(ev);
}

// The message the query's `message` reads, as the same text (docs/query.md): a number, a
// literal or a container as the console shows it.
bool event_filter::grep_matches(const event& ev) const {
  const std::uint32_t message = role_field(ev, ev.role.message, "message");
  thread_local std::string scratch;  // the filter is shared by the workers
  return message != no_node && RE2::PartialMatch(message_text(ev, message, redact_, scratch), *grep_);
}

bool event_filter::accepts_queries(const event& ev, std::uint32_t original_message) const {
  return std::all_of(queries_.begin(), queries_.end(),
                     [&](const query& q) { return q.matches(ev, original_message, rules_, redact_); });
}

namespace {

// A module level's rank: the library's names for its environment variable, -l's for ours.
std::optional<int> module_level_rank(std::string_view name, level_rules names) {
  return names == level_rules::foundation ? parse_foundation_level(name) : parse_level_option(name);
}

// Why a module level item is skipped, in words for the command line.
std::string skipped_item(std::string_view item, std::string_view module, std::string_view level, level_rules names) {
  std::string what = quoted(item);
  if (module.empty() && level.empty() && item.find(':') == std::string_view::npos) return what + " is not PREFIX:LEVEL";
  if (module.empty()) return what + " names no logger prefix before its ':'";
  std::string msg = what + " has an unknown level " + quoted(level);
  if (auto best = closest_level_name(level); !best.empty() && module_level_rank(best, names))
    msg += ": did you mean " + quoted(std::string_view(best)) + "?";
  return msg + " (valid: trace, debug, info, warning, warn, error, critical, fatal, or another name of docs/levels.md)";
}

}  // namespace

std::vector<module_level> parse_module_levels(std::string_view text, level_rules names, std::string* problem) {
  std::vector<module_level> out;
  // Where each module is in `out`: looking through `out` for each item took quadratic time
  // (90,000 prefixes in a 1 MiB configuration: 15 s). The keys are views into `text`.
  std::unordered_map<std::string_view, std::size_t> place;
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string_view item = strip(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    auto colon = item.find(':');
    std::string_view module = colon == std::string_view::npos ? std::string_view{} : strip(item.substr(0, colon));
    std::string_view level_text = colon == std::string_view::npos ? std::string_view{} : strip(item.substr(colon + 1));
    auto level = colon == std::string_view::npos ? std::nullopt : module_level_rank(level_text, names);
    if (module.empty() || !level) {
      // An empty item (a trailing comma) says nothing wrong.
      if (problem && problem->empty() && !item.empty()) *problem = skipped_item(item, module, level_text, names);
      continue;
    }
    // A dict in the library: a repeated module keeps its first place and takes the last level.
    auto [at, added] = place.try_emplace(module, out.size());
    if (added)
      out.push_back({std::string(module), *level});
    else
      out[at->second].level = *level;
  }
  return out;
}

}  // namespace logmoji
