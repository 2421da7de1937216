// -c/--count and --stats.
#include <string>

#include "logmoji/level.hpp"
#include "logmoji/sink.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/timestamp.hpp"

namespace logmoji {
namespace {

void row(std::string& buf, std::string_view label, std::string_view value, std::size_t indent = 0) {
  buf.append(indent, ' ');
  append_escaped(buf, label, keep_controls::none);
  std::size_t width = count_code_points(label) + indent;
  buf.append(width < 24 ? 24 - width : 1, ' ');
  buf += value;
  buf.push_back('\n');
}

void count_rows(std::string& buf, const std::map<std::string, std::uint64_t, std::less<>>& counts) {
  for (const auto& [name, n] : counts) row(buf, name, std::to_string(n), 2);
}

}  // namespace

void count_sink::finish(const line_counts& counts, output& out) {
  out.buffer() += std::to_string(counts.selected);
  out.buffer().push_back('\n');
  out.commit();
}

void stats_sink::write_event(const event& ev, output&) {
  const node* level = ev.role.level ? &ev.at(ev.role.level) : nullptr;
  ++levels_[event_level(level, rules_)];
  std::string_view logger = "(none)";
  if (ev.role.logger && ev.at(ev.role.logger).kind == value_kind::string) logger = ev.at(ev.role.logger).text;
  auto g = loggers_.find(logger);
  if (g == loggers_.end()) loggers_.emplace(std::string(logger), 1);
  else ++g->second;
  if (ev.role.time) {
    if (auto t = node_time(ev.at(ev.role.time), zone_)) {
      if (!first_ || *t < *first_) first_ = t;
      if (!last_ || *t > *last_) last_ = t;
    }
  }
}

void stats_sink::finish(const line_counts& counts, output& out) {
  std::string& buf = out.buffer();
  row(buf, "lines", std::to_string(counts.lines()));
  row(buf, "events selected", std::to_string(counts.selected));
  row(buf, "events filtered out", std::to_string(counts.filtered));
  row(buf, "invalid lines", std::to_string(counts.invalid));
  row(buf, "blank lines", std::to_string(counts.blank));
  std::string when;
  if (first_) format_time(when, *first_, "%Y-%m-%d %H:%M:%S.%f %z", zone_);
  row(buf, "first timestamp", first_ ? when : "-");
  when.clear();
  if (last_) format_time(when, *last_, "%Y-%m-%d %H:%M:%S.%f %z", zone_);
  row(buf, "last timestamp", last_ ? when : "-");
  buf += "by level\n";
  for (const auto& [rank, n] : levels_) row(buf, level_name(rank), std::to_string(n), 2);
  buf += "by logger\n";
  count_rows(buf, loggers_);
  out.commit();
}

}  // namespace logmoji
