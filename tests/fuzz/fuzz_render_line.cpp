// Terminal rendering oracle: whatever a line holds, the output is valid UTF-8, ends with a
// newline, carries no control character but newline and tab, no C1 or bidi control, and every
// ESC starts one of our own SGR sequences; its size is bounded; no coloured line leaves its
// style open. The input's bytes, taken as a text, also get the same answer from every fast
// path of text_escape as from its slow path, and the console sink prints the same with its fast
// paths as without them.
#include <simdjson.h>

#include <vector>

#include "fuzz_support.hpp"

using namespace logmoji;

namespace {

bool own_sgr(std::string_view s, std::size_t i) {
  if (s.substr(i, 2) != "\x1b[") return false;
  std::size_t j = i + 2;
  while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';')) ++j;
  return j < s.size() && s[j] == 'm';
}

// `line` with every number outside its strings written as 0. JSON sets no bound on a number,
// and logmoji keeps a number as its text, but simdjson's DOM refuses one beyond a double
// (`81e415`) and Python's bare NaN and ±Infinity, which logmoji reads: the batch's shape is
// judged without them.
std::string numbers_as_zero(std::string_view line) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < line.size())
        out += line[++i];
      else if (c == '"')
        in_string = false;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      while (i + 1 < line.size() && std::string_view("0123456789+-.eE").find(line[i + 1]) != std::string_view::npos)
        ++i;
      if (line.substr(i + 1).starts_with("Infinity")) i += 8;  // -Infinity
      out += '0';
    } else if (line.substr(i).starts_with("NaN") || line.substr(i).starts_with("Infinity")) {
      i += line[i] == 'N' ? 2U : 7U;
      out += '0';
    } else {
      out += c;
      in_string = c == '"';
    }
  }
  return out;
}

// Whether `line` is an OTLP batch of no log record, read apart from the envelope stage (simdjson's
// DOM): the one line that shows nothing (docs/envelopes.md). A batch whose parts have other
// types than OTLP's is shown whole, so it is not one.
bool empty_otlp_batch(std::string_view line) {
  using namespace simdjson;
  static dom::parser parser;
  dom::object doc;
  error_code parsed = parser.parse(line.data(), line.size()).get(doc);
  std::string zeroed;
  if (parsed != SUCCESS) {
    zeroed = numbers_as_zero(line);
    parsed = parser.parse(zeroed).get(doc);
  }
  if (parsed != SUCCESS) return false;
  if (doc.begin() == doc.end() || doc.begin().key() != "resourceLogs") return false;
  // An array of objects, or absent or null (then `out` stays empty).
  auto objects = [](simdjson_result<dom::element> found, std::vector<dom::object>& out) {
    out.clear();
    dom::element e;
    if (found.get(e) != SUCCESS || e.is_null()) return true;
    dom::array a;
    if (e.get(a) != SUCCESS) return false;
    for (dom::element m : a) {
      dom::object o;
      if (m.get(o) != SUCCESS) return false;
      out.push_back(o);
    }
    return true;
  };
  // (A batch that gives a key twice is shown whole: which of its values is read here is moot.)
  std::vector<dom::object> batches, scopes, records;
  if (doc["resourceLogs"].is_null() || !objects(doc["resourceLogs"], batches)) return false;
  for (dom::object rl : batches) {
    if (dom::element resource; rl["resource"].get(resource) == SUCCESS && !resource.is_null()) {
      dom::object r;
      if (resource.get(r) != SUCCESS || !objects(r["attributes"], records)) return false;
    }
    if (!objects(rl["scopeLogs"], scopes)) return false;
    for (dom::object sl : scopes)
      if (!objects(sl["logRecords"], records) || !records.empty()) return false;
  }
  return true;
}

// `may_be_empty`: an OTLP batch carries one event per log record, and may carry none.
void check(std::string_view out, std::size_t input_size, bool may_be_empty) {
  if (out.empty() && may_be_empty) return;
  if (out.empty() || out.back() != '\n') fuzz::fail("output does not end with a newline");
  if (out.size() > 64 * input_size + 4096) fuzz::fail("output too large");
  std::size_t i = 0;
  while (i < out.size()) {
    std::size_t at = i;
    std::int32_t cp = decode_utf8(out, i);
    if (cp < 0) fuzz::fail("invalid UTF-8 in output");
    if (cp == 0x1b) {
      if (!own_sgr(out, at)) fuzz::fail("data-borne escape sequence");
      continue;
    }
    if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f) fuzz::fail("C0 control in output");
    if (cp >= 0x80 && cp <= 0x9f) fuzz::fail("C1 control in output");
    if (cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
        (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029)
      fuzz::fail("bidi or line-separator control in output");
  }
}

// The last SGR of each line is the reset (or the line has none): `| head` leaves the terminal
// as it was.
void check_styles_closed(std::string_view out) {
  while (!out.empty()) {
    std::size_t end = out.find('\n');
    std::string_view line = out.substr(0, end);
    std::size_t last = line.rfind("\x1b[");
    if (last != std::string_view::npos && line.substr(last, 4) != "\x1b[0m") fuzz::fail("a line leaves its style open");
    if (end == std::string_view::npos) break;
    out.remove_prefix(end + 1);
  }
}

void check_fast_paths(std::string_view text) {
  if (scan_text(text) != slow::scan_text(text)) fuzz::fail("scan_text differs from the slow scan");
  if (needs_quoting(text) != slow::needs_quoting(text)) fuzz::fail("needs_quoting differs from the slow path");
  std::string fast;
  std::string reference;
  append_repr_string(fast, text);
  slow::append_repr_string(reference, text);
  if (fast != reference) fuzz::fail("append_repr_string differs from the slow path");
  for (auto keep : {keep_controls::none, keep_controls::tab, keep_controls::tab_newline}) {
    fast.clear();
    reference.clear();
    append_escaped(fast, text, keep);
    slow::append_escaped(reference, text, keep);
    if (fast != reference) fuzz::fail("append_escaped differs from the slow path");
  }
}

// The console sink with its fast paths off: what the fast one must print, byte for byte.
console_sink reference_sink(const options& opts, bool color) {
  console_sink sink(opts.sink, color, run_redaction(opts.enrich));
  sink.use_fast_paths(false);
  return sink;
}

}  // namespace

namespace {

// The parallel reader ends a block only where no split line waits (envelope_may_continue): a line
// the envelope stage keeps waiting for its next part (a Docker part, a CRI P line) must be one
// the reader keeps with its next, or two workers would each see half of it. The other way round
// only costs a block its balance (an invalid record the check cannot tell from a part).
void check_block_end(const std::string& line) {
  for (input_format format : {input_format::automatic, input_format::docker, input_format::cri}) {
    static envelope_stage automatic(input_format::automatic, std::size_t{1} << 20);
    static envelope_stage docker(input_format::docker, std::size_t{1} << 20);
    static envelope_stage cri(input_format::cri, std::size_t{1} << 20);
    envelope_stage& stage = format == input_format::automatic ? automatic
                            : format == input_format::docker  ? docker
                                                              : cri;
    (void)stage.finish({});  // a fresh start: what the last input left waiting ends here
    const bool waits = stage.unwrap("fuzz", line, 1) && stage.items().empty() && !empty_otlp_batch(line);
    if (waits && !envelope_may_continue(format, line)) fuzz::fail("a block may end at a split line's part");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string line = fuzz::as_line(data, size);
  check_block_end(line);
  static const options opts;
  static test::pipeline_run plain(opts, console_sink(opts.sink, false, run_redaction(opts.enrich)));
  static test::pipeline_run colored(opts, console_sink(opts.sink, true, run_redaction(opts.enrich)));
  static test::pipeline_run reference(opts, reference_sink(opts, true));
  bool may_be_empty = empty_otlp_batch(line);
  std::string plain_out = fuzz::run_line(plain, line);
  check(plain_out, size, may_be_empty);
  std::string coloured_out = fuzz::run_line(colored, line);
  check(coloured_out, size, may_be_empty);
  check_styles_closed(coloured_out);
  if (fuzz::run_line(reference, line) != coloured_out) fuzz::fail("the sink's fast paths differ from its general path");
  check_fast_paths(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
