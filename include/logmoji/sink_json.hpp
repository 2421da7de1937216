#pragma once
// The JSON sinks: -o json (lines as read) and -o json-enriched (the library's layout).

#include <string>
#include <string_view>

#include "logmoji/python_repr.hpp"
#include "logmoji/sink.hpp"

namespace logmoji {

/// -o json: selected lines exactly as read; with -k/-x, the kept fields as compact JSON. To a
/// terminal, characters that must not reach it raw are escaped (\u202e): the same JSON value.
class json_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  explicit json_sink(const sink_options& options)
      : reserialise_(!options.keys.empty() || !options.hide.empty()), to_terminal_(options.stdout_tty) {}
  void write_event(const event& ev, output& out);
  /// Whether write_event needs nothing of an event but its line: then the pipeline may hand a
  /// line the prefilter selected to write_line unparsed.
  [[nodiscard]] bool writes_lines_as_read() const { return !reserialise_; }
  /// Whether write_event shows the event's fields as logged, unmasked and undecorated, which
  /// the pipeline then hands it even when the query or --grep needed it masked.
  [[nodiscard]] bool wants_event_as_logged() const { return reserialise_; }
  /// The line as write_event writes an event of it (writes_lines_as_read() only).
  void write_line(std::string_view line, output& out);

private:
  bool reserialise_;
  bool to_terminal_;
};

/// -o json-enriched: foundation's JSON formatter layout (docs/foundation.md#json-layout) of the
/// enriched, masked event. `library_keys` (--foundation): exc_info is dropped as the library
/// drops it; otherwise it is kept, since a string exc_info is a traceback.
class json_enriched_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  explicit json_enriched_sink(redaction redact, bool library_keys = true)
      : redact_(redact), library_keys_(library_keys) {}
  void write_event(const event& ev, output& out);

private:
  redaction redact_;  // run_redaction
  bool library_keys_;
};

static_assert(sink<json_sink> && sink<json_enriched_sink>);

}  // namespace logmoji
