// Terminal rendering oracle: whatever a line holds, the output is valid UTF-8, ends with a
// newline, carries no control character but newline and tab, no C1 or bidi control, and every
// ESC starts one of our own SGR sequences; its size is bounded.
#include "fuzz_support.hpp"

using namespace logmoji;

namespace {

bool own_sgr(std::string_view s, std::size_t i) {
  if (s.substr(i, 2) != "\x1b[") return false;
  std::size_t j = i + 2;
  while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';')) ++j;
  return j < s.size() && s[j] == 'm';
}

void check(std::string_view out, std::size_t input_size) {
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string line = fuzz::as_line(data, size);
  static const options opts;
  static test::pipeline_run plain(opts, console_sink(opts.sink, false, opts.enrich.redact_dicts));
  static test::pipeline_run colored(opts, console_sink(opts.sink, true, opts.enrich.redact_dicts));
  check(fuzz::run_line(plain, line), size);
  check(fuzz::run_line(colored, line), size);
  return 0;
}
