#pragma once
// The line sinks: -o logfmt and -o raw.

#include <string>

#include "logmoji/python_repr.hpp"
#include "logmoji/sink.hpp"

namespace logmoji {

/// -o logfmt: key=value per field, quoted where needed.
class logfmt_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  explicit logfmt_sink(redaction redact) : redact_(redact) {}
  void write_event(const event& ev, output& out);

private:
  redaction redact_;  // run_redaction
  std::string scratch_;
};

/// -o raw: the message only, one line per event.
class message_sink : public sink_defaults {
public:
  static constexpr bool shows_raw_lines = false;
  /// `redact`: run_redaction, for a message that is no string.
  explicit message_sink(redaction redact = redaction::none) : redact_(message_redaction(redact)) {}
  void write_event(const event& ev, output& out);
  /// grep's "--" between groups of context: messages are read as lines, as grep's are.
  void write_separator(output& out) {
    out.buffer() += "--\n";
    out.commit();
  }

private:
  redaction redact_;
  std::string scratch_;
};

static_assert(sink<logfmt_sink> && sink<message_sink>);

}  // namespace logmoji
