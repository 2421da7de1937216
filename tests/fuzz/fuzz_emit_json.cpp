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

// Each sink with the options that choose it in a real run: -o json alone reads nothing but the
// line, -k or -x makes it re-serialise, -o json-enriched enriches and masks. --input json: the
// oracle is about JSON lines (an envelope or logfmt line is not JSON, and still makes an event).
options json_options() {
  options o;
  o.source.input = input_format::json;
  o.sink.output = output_kind::json;
  return o;
}

// -o json to a terminal: terminal-unsafe characters are escaped, the value stays the same.
options terminal_options() {
  options o = json_options();
  o.sink.stdout_tty = true;
  return o;
}

options keys_options() {
  options o = json_options();
  o.sink.hide = {"-"};  // a key hardly any line has: nearly every field is re-serialised
  return o;
}

options enriched_options() {
  options o;
  o.source.input = input_format::json;
  o.sink.output = output_kind::json_enriched;
  return o;
}

// --input json still drops json-seq's RS and a joined file's BOM before a line, in any order
// and number: the event is what follows them.
std::string_view after_leading_marks(std::string_view line) {
  for (;;) {
    if (line.starts_with('\x1e'))
      line.remove_prefix(1);
    else if (line.starts_with("\xEF\xBB\xBF"))
      line.remove_prefix(3);
    else
      return line;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string line = fuzz::as_line(data, size);
  event_parser parser;
  event ev;
  bool valid = parser.parse(after_leading_marks(line), ev).kind == line_kind::event;
  static test::pipeline_run passthrough(json_options(), json_sink(json_options().sink));
  static test::pipeline_run to_terminal(terminal_options(), json_sink(terminal_options().sink));
  static test::pipeline_run reserialised(keys_options(), json_sink(keys_options().sink));
  static test::pipeline_run enriched(enriched_options(), json_enriched_sink(redaction::deep));
  check(fuzz::run_line(passthrough, line), valid);
  std::string shown = fuzz::run_line(to_terminal, line);
  check(shown, valid);
  if (has_unsafe_character(shown, keep_controls::tab_newline))
    fuzz::fail("-o json sent a control character to a terminal");
  check(fuzz::run_line(reserialised, line), valid);
  check(fuzz::run_line(enriched, line), valid);
  return 0;
}
