#pragma once
// Timestamps: parse what logs write (foundation's local "YYYY-MM-DD HH:MM:SS.ffffff", RFC 3339,
// epoch numbers) and what users type (--since/--until), and format them for display.

#include <array>
#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "logmoji/event.hpp"
#include "logmoji/unaligned.hpp"

namespace logmoji {

/// An instant in UTC to the nanosecond: whole seconds since the Unix epoch (rounded down) and
/// the nanoseconds past them. One 64-bit count of nanoseconds ends in 1677 and 2262; this holds
/// every time a log can write, the years 1 to 9999, without losing a digit of the input.
struct epoch_ns {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;  ///< 0 to 999,999,999
  friend constexpr auto operator<=>(const epoch_ns&, const epoch_ns&) = default;
};

/// The first and last instants of the years 1 to 9999: what timestamps parse to, and where
/// --since/--until offsets stop.
inline constexpr epoch_ns earliest_time{-62135596800, 0};          // 0001-01-01T00:00:00Z
inline constexpr epoch_ns latest_time{253402300799, 999'999'999};  // 9999-12-31T23:59:59.999999999Z

/// How a timestamp without a zone is read.
enum class naive_zone { local, utc };

/// Parses a log timestamp: `YYYY-MM-DD[ T]HH:MM[:SS[.fraction]][Z|±HH[:]MM]`, a date
/// `YYYY-MM-DD`, or epoch seconds / milliseconds / microseconds / nanoseconds (chosen by
/// magnitude) as a number or a digit string. Years outside 1..9999 are rejected.
std::optional<epoch_ns> parse_timestamp(std::string_view text, naive_zone zone);
/// Days in month `month` (1–12) of proleptic Gregorian year `year`.
int days_in_month(int year, int month);

/// A date and time of day, proleptic Gregorian, any year.
struct wall_clock {
  std::int64_t year = 0;
  int month = 0, day = 0, hour = 0, minute = 0, second = 0;
};
/// The UTC date and time `seconds` after the epoch.
wall_clock wall_from_seconds(std::int64_t seconds);

/// The time of a tape value (string or number), if it is one.
std::optional<epoch_ns> node_time(const node& n, naive_zone zone);

/// The time of the event's node `i`: node_time, and GCP's {"seconds": …, "nanos": …} or log4j2's
/// {"epochSecond": …, "nanoOfSecond": …} object (what resolve_roles leaves in roles::time for it).
std::optional<epoch_ns> event_time(const event& ev, std::uint32_t i, naive_zone zone);

/// Whether object node `i` is shaped as a time event_time reads: it names the seconds.
bool time_object(const event& ev, std::uint32_t i);

/// True when the time at node `i` names one instant wherever it is read: an epoch number (or a
/// string of digits, OpenTelemetry's timeUnixNano), a time with a zone (Z, +02:00), a GCP
/// object. Such times are shown in one format and one zone; others as written (docs/fields.md).
bool time_is_absolute(const event& ev, std::uint32_t i);

/// parse_epoch's answer for the common epoch number, 1 to 18 plain digits, in one loop; nullopt
/// for every other text (node_time then decides). Where it answers, node_time agrees.
std::optional<epoch_ns> plain_epoch_time(std::string_view digits) noexcept;

/// plain_epoch_time for a column of epoch numbers, remembering the last one's second: a number
/// in the same second (the same length and digits but for the unit's, 3 for milliseconds) costs
/// two words compared and its fraction's digits read as one word. Answers what plain_epoch_time
/// answers, for every text.
class epoch_second_memo {
public:
  std::optional<epoch_ns> read(std::string_view digits) noexcept;
  /// Whether read(digits) would answer from the remembered second, its fraction's digits being
  /// digits; then `last` holds the text's last 8 bytes, the fraction's digits (`fraction_digits()`
  /// of them: 0, 3 or 6) in its top bytes.
  bool same_second(std::string_view digits, std::uint64_t& last) const noexcept {
    if (!same_head(digits, last)) return false;
    // The fraction's bytes less '0' are below 10 each exactly when they are digits.
    const std::uint64_t fraction = (last ^ every_byte('0')) & fraction_;
    return (((fraction + every_byte(0x76)) | fraction) & every_byte(0x80)) == 0;
  }
  [[nodiscard]] unsigned fraction_digits() const noexcept {
    return static_cast<unsigned>(std::popcount(fraction_)) / 8;
  }

private:
  // Whether `digits` has the remembered text's size and every byte of it but the fraction's
  // (whatever those hold); `last` gets the text's last 8 bytes.
  bool same_head(std::string_view digits, std::uint64_t& last) const noexcept {
    if (digits.size() != size_) return false;
    last = load8(digits.data() + size_ - 8);
    return load8(digits.data()) == first_ && (last & ~fraction_) == last_;
  }
  [[gnu::noinline]] std::optional<epoch_ns> learn(std::string_view digits) noexcept;  // a new second
  // The last text read, of 8 to 16 digits (two words hold every byte): its first 8 bytes, and
  // its last 8 with the fraction's bytes cleared; `fraction_` has 0xFF where those stand.
  std::uint64_t first_ = 0, last_ = 0, fraction_ = 0;
  static constexpr std::size_t none = ~std::size_t{0};  // no text has this size
  std::size_t size_ = none;                             // none: no text of 8 to 16 digits remembered
  std::int32_t nanos_per_unit_ = 0;
  std::int64_t seconds_ = 0;
};

/// Parses a --since/--until value: a timestamp as above, `now`, `today`, `yesterday`, or a
/// relative offset into the past (`3h`, `-3h`, `30m`, `2d`, `1w`, `45s`). An offset reaching
/// before the year 1 means earliest_time: no log holds an earlier time.
std::optional<epoch_ns> parse_time_option(std::string_view text, naive_zone zone, epoch_ns now);

/// One remembered time text, and whether another is laid out like it: the same length and the
/// same bytes, except that a digit may be any other digit. What a timestamp's layout alone decides
/// (whether it names a zone, whether it needs escaping) holds for every text laid out alike, so a
/// column can reuse that answer instead of deciding it per line. Only texts of 16 to 32 bytes
/// (every `YYYY-MM-DD HH:MM:SS...`) are remembered: four 8-byte words cover them.
class time_layout_memo {
public:
  void remember(std::string_view text) noexcept;
  void forget() noexcept { size_ = 0; }
  bool same_layout(std::string_view text) const noexcept;

private:
  std::array<std::uint64_t, 4> words_{};  // the text's bytes at word_offsets
  std::array<std::uint64_t, 4> fixed_{};  // per byte: 0xFF must match, 0xF0 a digit (high nibble 3)
  std::array<std::uint64_t, 4> digit_{};  // per byte: 0x10 where a digit stands
  std::size_t size_ = 0;                  // 0: nothing remembered
};

/// Current time.
epoch_ns clock_now();

/// strftime-style formatting in local time or UTC, with %f for microseconds and %L for
/// milliseconds added; %Y (and %F's year) always has four digits (0001), as ISO 8601 writes it.
/// A format of any length works.
void format_time(std::string& out, epoch_ns t, std::string_view format, naive_zone zone);

/// One strftime conversion as written after its '%': glibc's flags (`_-0^#`), a width (read up
/// to widest_conversion + 1), the letter (none at the format's end), and the index after it.
struct strftime_conversion {
  std::string_view flags;
  std::size_t width = 0;
  char letter = '\0';
  std::size_t end = 0;
};
inline constexpr std::size_t widest_conversion = 64;  ///< --time-format refuses a wider one
strftime_conversion read_conversion(std::string_view format, std::size_t after_percent);

/// format_time for a column that shows one time per line in one format and zone. The format is
/// compiled once, whether its text can need escaping is decided once, and the text of the last
/// second is kept: a line within the same second costs its fraction's digits.
class time_formatter {
public:
  time_formatter(std::string_view format, naive_zone zone);
  ~time_formatter();
  time_formatter(const time_formatter& other);  // a copied sink (one per worker) gets its own
  time_formatter& operator=(const time_formatter& other);
  time_formatter(time_formatter&&) noexcept;
  time_formatter& operator=(time_formatter&&) noexcept;

  /// Appends what format_time(out, t, format, zone) appends and returns true, when that text is
  /// printable ASCII by construction (digits and the format's printable literals, written
  /// without strftime); else leaves `out` alone and returns false.
  bool append_plain(std::string& out, epoch_ns t);
  /// The text append_plain appends, valid until the next call; nullopt where it returns false.
  std::optional<std::string_view> plain_text(epoch_ns t);
  /// plain_text of plain_epoch_time(digits) (nullopt where either is), for a column of epoch
  /// numbers: a number in the same second as the last one asked has its fraction's digits copied
  /// into the second's text as they are written, without being read as a number.
  std::optional<std::string_view> plain_epoch_text(std::string_view digits);

private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace logmoji
