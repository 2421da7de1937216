#pragma once
// The line sinks: -o logfmt and -o raw.

#include <string>

#include "logmoji/sink.hpp"

namespace logmoji {

/// -o logfmt: key=value per field, quoted where needed.
class logfmt_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  explicit logfmt_sink(bool redact_dicts) : redact_dicts_(redact_dicts) {}
  void write_event(const event& ev, output& out);

private:
  bool redact_dicts_;
  std::string scratch_;
};

/// -o raw: the message only, one line per event.
class message_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  void write_event(const event& ev, output& out);
  /// grep's "--" between groups of context: messages are read as lines, as grep's are.
  void write_separator(output& out) {
    out.buffer() += "--\n";
    out.commit();
  }

private:
  std::string scratch_;
};

static_assert(sink<logfmt_sink> && sink<message_sink>);

}  // namespace logmoji
