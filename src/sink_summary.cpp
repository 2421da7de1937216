// -c/--count and --stats.
#include <bit>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>

#include "logmoji/json_writer.hpp"
#include "logmoji/level.hpp"
#include "logmoji/sink_summary.hpp"
#include "logmoji/text_escape.hpp"
#include "logmoji/text_width.hpp"
#include "logmoji/timestamp.hpp"

namespace logmoji {
namespace {

void row(std::string& buf, std::string_view label, std::string_view value, std::size_t indent = 0) {
  buf.append(indent, ' ');
  std::size_t start = buf.size();
  append_escaped(buf, label, keep_controls::none);
  // The column is measured on what is shown, in terminal cells as the console pads: an escaped
  // control takes several, a CJK character or an emoji two.
  std::size_t width = display_width(std::string_view(buf).substr(start)) + indent;
  buf.append(width < 24 ? 24 - width : 1, ' ');
  buf += value;
  buf.push_back('\n');
}

// RFC 3339 in UTC with all nine digits: "2026-11-24T10:00:00.123456789Z".
void json_time(std::string& buf, epoch_ns t) {
  buf += '"';
  format_time(buf, t, "%Y-%m-%dT%H:%M:%S", naive_zone::utc);
  char frac[16];
  std::snprintf(frac, sizeof frac, ".%09dZ\"", static_cast<int>(t.nanos));
  buf += frac;
}

void count_rows(std::string& buf, const std::map<std::string, std::uint64_t, std::less<>>& counts) {
  for (const auto& [name, n] : counts) row(buf, name, std::to_string(n), 2);
}

// splitmix64's finaliser: every bit of the string hash moves the register index and the rank.
std::uint64_t mix(std::uint64_t h) {
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9;
  h = (h ^ (h >> 27)) * 0x94d049bb133111eb;
  return h ^ (h >> 31);
}

}  // namespace

void distinct_estimate::add(std::string_view s) {
  std::uint64_t h = mix(std::hash<std::string_view>{}(s));
  std::size_t index = static_cast<std::size_t>(h >> (64 - index_bits));
  // The rank: where the first 1 bit is in what the index leaves (a sentinel bit caps it).
  auto rank =
      static_cast<std::uint8_t>(std::countl_zero((h << index_bits) | (std::uint64_t{1} << (index_bits - 1))) + 1);
  registers_[index] = std::max(registers_[index], rank);
}

// HyperLogLog's harmonic mean; with registers still empty, linear counting, which is far more
// accurate for small numbers (Flajolet et al. 2007, Heule et al. 2013).
std::uint64_t distinct_estimate::value() const {
  constexpr double m = static_cast<double>(std::size_t{1} << index_bits);
  double sum = 0;
  std::size_t zeros = 0;
  for (std::uint8_t r : registers_) {
    sum += std::ldexp(1.0, -r);
    zeros += r == 0;
  }
  double estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
  if (estimate <= 2.5 * m && zeros > 0) estimate = m * std::log(m / static_cast<double>(zeros));
  return static_cast<std::uint64_t>(std::llround(estimate));
}

void count_sink::add_input(std::string_view name, std::uint64_t selected) {
  if (layout_.per_input) inputs_.emplace_back(name, selected);
}

void count_sink::finish(const line_counts& counts, output& out) {
  std::string& buf = out.buffer();
  if (layout_.format == summary_format::json) {
    finish_json(counts, buf);
    out.commit();
    return;
  }
  if (!layout_.per_input) {
    buf += std::to_string(counts.selected);
    buf.push_back('\n');
  }
  // A name is data: escaped like every other name that reaches a terminal.
  for (const auto& [name, n] : inputs_) {
    append_escaped(buf, name, keep_controls::none);
    buf += ':' + std::to_string(n) + '\n';
  }
  out.commit();
}

// The same key as --stats' "selected", so a script may ask either; the total is there with
// several inputs too, and the inputs are a list (a name may be given twice).
void count_sink::finish_json(const line_counts& counts, std::string& buf) const {
  buf += "{\"selected\":" + std::to_string(counts.selected);
  if (layout_.per_input) {
    buf += ",\"inputs\":[";
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
      buf += i ? ",{\"name\":" : "{\"name\":";
      append_json_string(buf, inputs_[i].first);
      buf += ",\"selected\":" + std::to_string(inputs_[i].second) + '}';
    }
    buf += ']';
  }
  buf += "}\n";
}

void stats_sink::write_event(const event& ev, output&) {
  const node* level = ev.role.level ? &ev.at(ev.role.level) : nullptr;
  ++levels_[event_level(level, rules_)];
  std::string_view logger = "(none)";
  if (ev.role.logger && ev.at(ev.role.logger).kind == value_kind::string) logger = ev.at(ev.role.logger).text;
  auto g = loggers_.find(logger);
  if (g != loggers_.end()) {
    ++g->second;
  } else if (loggers_.size() < logger_rows_) {
    loggers_.emplace(std::string(logger), 1);
  } else {
    ++other_events_;
    other_loggers_.add(logger);
  }
  if (ev.role.time) {
    if (auto t = event_time(ev, ev.role.time, zone_)) {
      if (!first_ || *t < *first_) first_ = t;
      if (!last_ || *t > *last_) last_ = t;
    }
  }
}

void stats_sink::finish(const line_counts& counts, output& out) {
  if (format_ == summary_format::json)
    finish_json(counts, out.buffer());
  else
    finish_text(counts, out.buffer());
  out.commit();
}

void stats_sink::finish_text(const line_counts& counts, std::string& buf) const {
  row(buf, "lines", std::to_string(counts.read));
  row(buf, "events selected", std::to_string(counts.selected));
  row(buf, "events filtered out", std::to_string(counts.filtered));
  row(buf, "invalid lines", std::to_string(counts.invalid));
  row(buf, "raw lines", std::to_string(counts.raw));
  row(buf, "blank lines", std::to_string(counts.blank));
  // Raw and blank lines that the pretty output would not show: with a hidden event, or before
  // an input's first event under --raw hide.
  row(buf, "hidden raw/blank lines", std::to_string(counts.hidden));
  std::string when;
  if (first_) format_time(when, *first_, "%Y-%m-%d %H:%M:%S.%f %z", zone_);
  row(buf, "first timestamp", first_ ? when : "-");
  when.clear();
  if (last_) format_time(when, *last_, "%Y-%m-%d %H:%M:%S.%f %z", zone_);
  row(buf, "last timestamp", last_ ? when : "-");
  buf += "by level\n";
  for (const auto& [rank, n] : levels_) row(buf, level_name(rank), std::to_string(n), 2);
  if (other_events_ == 0) {
    buf += "by logger\n";
    count_rows(buf, loggers_);
  } else {
    buf += "by logger (the first " + std::to_string(logger_rows_) + " seen; the rest under (others))\n";
    count_rows(buf, loggers_);
    row(buf, "(others)",
        std::to_string(other_events_) + " (about " + std::to_string(other_loggers_.value()) + " more loggers)", 2);
  }
}

// One object, keys in a fixed order; times in UTC with nanoseconds whatever --local says, so
// two machines' summaries compare as text.
void stats_sink::finish_json(const line_counts& counts, std::string& buf) const {
  const std::pair<std::string_view, std::uint64_t> line_fields[] = {
      {"lines", counts.read},      {"selected", counts.selected}, {"filtered", counts.filtered},
      {"invalid", counts.invalid}, {"blank", counts.blank},       {"raw", counts.raw},
      {"hidden", counts.hidden},
  };
  char sep = '{';
  for (const auto& [key, n] : line_fields) {
    buf += sep;
    buf += '"';
    buf += key;
    buf += "\":" + std::to_string(n);
    sep = ',';
  }
  for (auto [key, t] : {std::pair{"first_timestamp", first_}, std::pair{"last_timestamp", last_}}) {
    buf += ",\"";
    buf += key;
    buf += "\":";
    if (t)
      json_time(buf, *t);
    else
      buf += "null";
  }
  buf += ",\"levels\":";
  sep = '{';
  for (const auto& [rank, n] : levels_) {
    buf += sep;
    append_json_string(buf, level_name(rank));
    buf += ':' + std::to_string(n);
    sep = ',';
  }
  buf += levels_.empty() ? "{}" : "}";
  buf += ",\"loggers\":";
  sep = '{';
  for (const auto& [name, n] : loggers_) {
    buf += sep;
    append_json_string(buf, name);
    buf += ':' + std::to_string(n);
    sep = ',';
  }
  buf += loggers_.empty() ? "{}" : "}";
  buf += ",\"other_loggers\":";
  if (other_events_ == 0)
    buf += "null";
  else
    buf += "{\"events\":" + std::to_string(other_events_) +
           ",\"estimated_loggers\":" + std::to_string(other_loggers_.value()) + "}";
  buf += "}\n";
}

}  // namespace logmoji
