// The level table: every family's names and numbers ranked on foundation's scale.
#include "logmoji/level.hpp"
#include "logmoji/text_strip.hpp"
#include "logmoji/unaligned.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

namespace logmoji {
namespace {

namespace ln = level_number;

// foundation's own names: the only ones --foundation knows.
constexpr std::array<level_entry, 7> foundation_levels{{
    {"CRITICAL", ln::critical},
    {"ERROR", ln::error},
    {"WARNING", ln::warning},
    {"INFO", ln::info},
    {"DEBUG", ln::debug},
    {"TRACE", ln::trace},
    {"NOTSET", ln::notset},
}};

// Every family's names (docs/levels.md). The first row of a rank names it in --stats. Sources:
// syslog (notice, alert, emerg), winston (http, verbose, silly), zap (dpanic, panic),
// java.util.logging (severe, config, fine, finer, finest), Serilog (Information), loguru
// (success, its 25 between info and warning), Go and others (fatal, panic, err, crit), log15
// and go-ethereum's four-letter names (trce, dbug, eror; its crit and warn are above).
constexpr std::array<level_entry, 30> all_levels{{
    {"TRACE", ln::trace},      {"SILLY", ln::trace},    {"FINEST", ln::trace},      {"TRCE", ln::trace},
    {"FINER", ln::finer},      {"DEBUG", ln::debug},    {"FINE", ln::debug},        {"DBUG", ln::debug},
    {"VERBOSE", ln::verbose},  {"CONFIG", ln::verbose}, {"HTTP", ln::http},         {"INFO", ln::info},
    {"INFORMATION", ln::info}, {"NOTICE", ln::notice},  {"SUCCESS", ln::notice},    {"WARNING", ln::warning},
    {"WARN", ln::warning},     {"ERROR", ln::error},    {"ERR", ln::error},         {"EROR", ln::error},
    {"SEVERE", ln::error},     {"DPANIC", ln::dpanic},  {"CRITICAL", ln::critical}, {"CRIT", ln::critical},
    {"FATAL", ln::critical},   {"PANIC", ln::critical}, {"ALERT", ln::alert},       {"EMERGENCY", ln::emergency},
    {"EMERG", ln::emergency},  {"NOTSET", ln::notset},
}};

// Go's log/slog writes a level between its four named ones as the named level at or below it
// plus the distance on slog's own scale (`INFO+2`, `ERROR+4`; below DEBUG, `DEBUG-4`).
struct slog_entry {
  std::string_view name;
  int number;
};
constexpr std::array<slog_entry, 4> slog_names{{{"DEBUG", -4}, {"INFO", 0}, {"WARN", 4}, {"ERROR", 8}}};
// The longest offset read: more than slog's int range needs no rank of its own, and the sum
// cannot overflow. Its digits are all an offset may have (leading zeros included), which the
// selection prefilter knows from level_offset_names.
constexpr int slog_offset_max = 1'000'000;
constexpr std::size_t slog_offset_digits = [] {
  std::size_t n = 1;
  for (int v = slog_offset_max; v >= 10; v /= 10) ++n;
  return n;
}();

// slog's numbers as ranks, from the top: a number takes the first floor it reaches. Between two
// named levels it stays at the one below (INFO+2 is info, as slog's own handlers filter it). slog
// has nothing above ERROR or below DEBUG; programs that add one (slog's own documentation shows
// how) write 12 for fatal or emergency, which is ERROR+4, and -8 for trace, which is DEBUG-4.
struct slog_floor {
  int number;
  int rank;
};
constexpr std::array<slog_floor, 5> slog_ranks{{
    {12, ln::critical},
    {8, ln::error},
    {4, ln::warning},
    {0, ln::info},
    {-4, ln::debug},
}};

struct pino_entry {
  std::string_view number;
  std::string_view name;
  int rank;
};

constexpr std::array<pino_entry, 6> pino_levels{{
    {"10", "trace", ln::trace},
    {"20", "debug", ln::debug},
    {"30", "info", ln::info},
    {"40", "warning", ln::warning},
    {"50", "error", ln::error},
    {"60", "critical", ln::critical},
}};

// syslog severities 0 (emergency) to 7 (debug), RFC 5424.
constexpr std::array<int, 8> syslog_ranks{ln::emergency, ln::alert,  ln::critical, ln::error,
                                          ln::warning,   ln::notice, ln::info,     ln::debug};

// OpenTelemetry severityNumber: six ranges of four, TRACE 1–4 to FATAL 21–24.
constexpr std::array<int, 6> otel_ranks{ln::trace, ln::debug, ln::info, ln::warning, ln::error, ln::critical};

// The colour family of each rank, from the top: a rank takes the first whose floor it reaches.
constexpr std::array<level_entry, 5> colour_families{{
    {"critical", ln::critical},
    {"error", ln::error},
    {"warning", ln::warning},
    {"info", ln::info},
    {"debug", 0},
}};

// ASCII only, as Python's str.upper() is for these names; no locale lookup per byte.
bool iequals(std::string_view a, std::string_view upper) {
  if (a.size() != upper.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i] >= 'a' && a[i] <= 'z' ? static_cast<char>(a[i] - 'a' + 'A') : a[i];
    if (c != upper[i]) return false;
  }
  return true;
}

// all_levels by a hash of a name's length and its first letter in either case: every name is
// found with one bucket and at most two comparisons, instead of a walk over the table.
constexpr std::size_t level_bucket(std::string_view name) {
  return (name.size() * 11 + (static_cast<unsigned char>(name.front()) | 0x20U)) & 63;
}

struct level_index {
  std::array<std::array<std::int8_t, 2>, 64> buckets{};
};

constexpr level_index build_level_index() {
  level_index index;
  for (auto& b : index.buckets) b.fill(-1);
  for (std::size_t i = 0; i < all_levels.size(); ++i) {
    auto& b = index.buckets[level_bucket(all_levels[i].name)];
    auto free = std::find(b.begin(), b.end(), -1);
    // A new name that collides: not a constant expression, so the build fails; change level_bucket.
    if (free == b.end()) throw "level bucket overflow";
    *free = static_cast<std::int8_t>(i);
  }
  return index;
}

constexpr level_index level_names = build_level_index();

constexpr bool is_foundation_name(std::string_view upper) {
  return std::any_of(foundation_levels.begin(), foundation_levels.end(),
                     [upper](const level_entry& e) { return e.name == upper; });
}

// Per all_levels row: whether --foundation knows the name too.
constexpr std::array<bool, all_levels.size()> foundation_row = [] {
  std::array<bool, all_levels.size()> rows{};
  for (std::size_t i = 0; i < all_levels.size(); ++i) rows[i] = is_foundation_name(all_levels[i].name);
  return rows;
}();
static_assert(static_cast<std::size_t>(std::count(foundation_row.begin(), foundation_row.end(), true)) ==
                  foundation_levels.size(),
              "every foundation name is a row of all_levels");

// The rank of a slog level with an offset (`ERROR+4`, any case as slog reads it), if `name` is one.
std::optional<int> slog_offset_level(std::string_view name) {
  std::size_t sign = name.find_first_of("+-");
  if (sign == std::string_view::npos || sign + 1 == name.size()) return std::nullopt;
  auto base = std::find_if(slog_names.begin(), slog_names.end(),
                           [&](const slog_entry& e) { return iequals(name.substr(0, sign), e.name); });
  if (base == slog_names.end()) return std::nullopt;
  int offset = 0;
  const char* digits = name.data() + sign + 1;
  auto [end, ec] = std::from_chars(digits, name.data() + name.size(), offset);
  // Digits only after the sign, and few enough that the sum cannot overflow.
  if (ec != std::errc() || end != name.data() + name.size() || *digits == '-' || offset > slog_offset_max ||
      name.size() - sign - 1 > slog_offset_digits)
    return std::nullopt;
  int number = base->number + (name[sign] == '-' ? -offset : offset);
  for (const auto& f : slog_ranks)
    if (number >= f.number) return f.rank;
  return ln::trace;
}

// The rank of a level name in any case: every name of all_levels (and slog's offsets), or only
// foundation's.
std::optional<int> lookup_level(std::string_view name, bool foundation_only) {
  if (name.empty()) return std::nullopt;
  for (std::int8_t row : level_names.buckets[level_bucket(name)]) {
    if (row < 0) break;
    auto r = static_cast<std::size_t>(row);
    if (iequals(name, all_levels[r].name)) {
      if (foundation_only && !foundation_row[r]) return std::nullopt;
      return all_levels[r].rank;
    }
  }
  if (foundation_only) return std::nullopt;
  return slog_offset_level(name);
}

std::optional<int> foundation_number(std::string_view text) {
  for (const auto& p : pino_levels)
    if (p.number == text) return p.rank;
  return std::nullopt;
}

// The rank of a numeric level by the extended rules, if the number is one.
std::optional<int> extended_number(const node& level) {
  long long n = 0;
  auto [end, ec] = std::from_chars(level.text.data(), level.text.data() + level.text.size(), n);
  if (ec != std::errc() || end != level.text.data() + level.text.size() || n < 0) return std::nullopt;
  if (number_read_by_key(level)) {
    if (n < 1 || n > 24) return std::nullopt;
    return otel_ranks[static_cast<std::size_t>((n - 1) / 4)];
  }
  if (n < 8) return syslog_ranks[static_cast<std::size_t>(n)];
  if (n < 10) return std::nullopt;
  // pino's custom levels sit between its own: one rounds down to the level below it.
  std::size_t step = n >= 60 ? 5 : static_cast<std::size_t>(n / 10 - 1);
  return pino_levels[step].rank;
}

// True when `lower` is, in lower case, the first row of its rank in all_levels: the row that
// names the rank (level_name).
constexpr bool names_its_rank(const level_entry& lower) {
  auto first = std::find_if(all_levels.begin(), all_levels.end(),
                            [&](const level_entry& row) { return row.rank == lower.rank; });
  if (first == all_levels.end() || first->name.size() != lower.name.size()) return false;
  for (std::size_t i = 0; i < lower.name.size(); ++i)
    if (first->name[i] != static_cast<char>(lower.name[i] - 'a' + 'A')) return false;
  return true;
}

}  // namespace

std::span<const level_entry> level_table() { return all_levels; }

std::span<const level_offset_name> level_offset_names() {
  static constexpr std::array<level_offset_name, slog_names.size()> names = [] {
    std::array<level_offset_name, slog_names.size()> out{};
    for (std::size_t i = 0; i < slog_names.size(); ++i)
      out[i] = {slog_names[i].name, slog_offset_digits, ln::trace, slog_ranks.front().rank};
    return out;
  }();
  return names;
}

namespace {

// A level's rank, the same value line after line: remembered by the value's bytes, its size
// and what else decides (`tag`, never 0) in a small table per thread (event_level is asked of
// every line). Two ways per set: a log's few level names in a direct-mapped table of dozens
// already collide, and two colliding names seen in turn would miss on every line. `text` has 1
// to 8 bytes.
template <class Compute>
int remembered(std::string_view text, std::uint32_t tag, Compute&& compute) {
  struct slot {
    std::uint64_t word = 0;
    std::uint32_t tag = 0;  // 0: empty
    int rank = 0;
  };
  thread_local std::array<slot, 64> memo{};
  const std::uint64_t word = load_up_to_8(text.data(), text.size());
  const auto set = static_cast<std::size_t>((word ^ tag) * 0x9E3779B97F4A7C15u >> 59) * 2;
  slot& first = memo[set];
  if (first.tag == tag && first.word == word) return first.rank;
  slot& second = memo[set + 1];
  if (second.tag == tag && second.word == word) return second.rank;
  // The newest first; the one it displaces becomes the set's second way.
  int rank = compute();
  second = first;
  first = {word, tag, rank};
  return rank;
}

[[gnu::noinline]] int string_rank(std::string_view text, bool foundation_only) {
  return lookup_level(strip(text), foundation_only).value_or(ln::info);
}

[[gnu::noinline]] int number_rank(const node& level, level_rules rules) {
  auto rank = rules == level_rules::extended ? extended_number(level) : foundation_number(level.text);
  return rank.value_or(ln::info);
}

}  // namespace

int event_level(const node* level, level_rules rules) {
  if (!level || (level->kind != value_kind::number && level->kind != value_kind::string)) return ln::info;
  const std::string_view text = level->text;
  const bool foundation = rules == level_rules::foundation;
  if (level->kind == value_kind::string) {
    if (text.empty() || text.size() > 8) return string_rank(text, foundation);
    return remembered(text, static_cast<std::uint32_t>(text.size() << 3 | (foundation ? 1U : 0U)),
                      [&] { return string_rank(text, foundation); });
  }
  if (text.empty() || text.size() > 8) return number_rank(*level, rules);
  // A number's rank also depends on its key: OpenTelemetry's severityNumber has a scale of its own.
  const bool otel = !foundation && number_read_by_key(*level);
  return remembered(text, static_cast<std::uint32_t>(text.size() << 3 | 4U | (otel ? 2U : 0U) | (foundation ? 1U : 0U)),
                    [&] { return number_rank(*level, rules); });
}

int event_level_unmemoized(const node* level, level_rules rules) {
  if (!level) return ln::info;
  if (level->kind == value_kind::string) return string_rank(level->text, rules == level_rules::foundation);
  if (level->kind == value_kind::number) return number_rank(*level, rules);
  return ln::info;
}

std::optional<int> parse_level_option(std::string_view name) {
  if (iequals(name, "NOTSET")) return std::nullopt;
  return lookup_level(name, false);
}

std::optional<int> parse_foundation_level(std::string_view name) {
  if (iequals(name, "NOTSET")) return std::nullopt;
  return lookup_level(name, true);
}

std::string_view pino_level_name(std::string_view number) {
  for (const auto& p : pino_levels)
    if (p.number == number) return p.name;
  return {};
}

std::string_view number_level_name(const node& level) {
  if (level.kind != value_kind::number) return {};
  // A custom pino level (35, 70) ranks by the standard one below it but is no such level: it
  // keeps its number, as pino-pretty keeps it apart (USERLVL).
  if (!number_read_by_key(level) && level.text.size() > 1 && pino_level_name(level.text).empty()) return {};
  auto rank = extended_number(level);
  return rank ? level_name(*rank) : std::string_view{};
}

std::optional<int> number_level_rank(const node& level) {
  return level.kind == value_kind::number ? extended_number(level) : std::nullopt;
}

std::string_view level_name(int rank) {
  // The table's names are upper case; these are the lower-case spellings of each rank's first.
  static constexpr std::array<level_entry, 13> names{{
      {"trace", ln::trace},
      {"finer", ln::finer},
      {"debug", ln::debug},
      {"verbose", ln::verbose},
      {"http", ln::http},
      {"info", ln::info},
      {"notice", ln::notice},
      {"warning", ln::warning},
      {"error", ln::error},
      {"dpanic", ln::dpanic},
      {"critical", ln::critical},
      {"alert", ln::alert},
      {"emergency", ln::emergency},
  }};
  static_assert(std::all_of(names.begin(), names.end(), names_its_rank),
                "level_name spells each rank as the first row of all_levels");
  static_assert(
      names.size() + 1 ==
          [] {
            std::array<bool, ln::emergency + 1> seen{};
            for (const auto& row : all_levels) seen[static_cast<std::size_t>(row.rank)] = true;
            return static_cast<std::size_t>(std::count(seen.begin(), seen.end(), true));
          }(),
      "level_name names every rank of all_levels but notset");
  // Indexed by rank: one load per event for pino's numbers.
  static constexpr auto by_rank = [] {
    std::array<std::string_view, ln::emergency + 1> table{};
    table.fill("notset");
    for (const auto& e : names) table[static_cast<std::size_t>(e.rank)] = e.name;
    return table;
  }();
  return rank >= 0 && rank <= ln::emergency ? by_rank[static_cast<std::size_t>(rank)] : "notset";
}

std::string_view level_colour_name(int rank) {
  for (const auto& f : colour_families)
    if (rank >= f.rank) return f.name;
  return "debug";
}

}  // namespace logmoji
