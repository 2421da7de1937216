// JSON output oracle: what -o json and -o json-enriched emit parses again as an event (RFC 8259
// plus Python's NaN/Infinity, which the library writes), and invalid input emits nothing.
#include "fuzz_support.hpp"
#include "logmoji/text_escape.hpp"

using namespace logmoji;

namespace {

void check(const std::string& out, bool input_valid) {
  if (!input_valid) {
    if (!out.empty()) fuzz::fail("an invalid line reached JSON output");
    return;
  }
  if (out.empty() || out.back() != '\n') fuzz::fail("JSON output does not end with a newline");
  static event_parser reparser;
  event ev;
  if (reparser.parse(std::string_view(out).substr(0, out.size() - 1), ev).kind != line_kind::event)
    fuzz::fail("emitted JSON does not parse");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string line = fuzz::as_line(data, size);
  event_parser parser;
  event ev;
  bool valid = parser.parse(line, ev).kind == line_kind::event;
  options opts;
  json_sink passthrough(opts.sink);
  check(fuzz::run_line(passthrough, opts, line), valid);
  sink_options terminal = opts.sink;
  terminal.stdout_tty = true;
  json_sink to_terminal(terminal);
  std::string shown = fuzz::run_line(to_terminal, opts, line);
  check(shown, valid);
  if (has_unsafe_character(shown, keep_controls::tab_newline)) fuzz::fail("-o json sent a control character to a terminal");
  sink_options kept = opts.sink;
  kept.hide = {"x"};
  json_sink reserialised(kept);
  check(fuzz::run_line(reserialised, opts, line), valid);
  json_enriched_sink enriched(true);
  check(fuzz::run_line(enriched, opts, line), valid);
  return 0;
}
