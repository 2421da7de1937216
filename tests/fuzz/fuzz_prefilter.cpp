// Selection prefilter oracle: on any line, a verdict other than unsure must be the full path's
// (event_parser, resolve_roles, event_filter::accepts), and a line the validation passes must
// parse as an event — under -l error (also as -o json selects), the library's rules, --count,
// --logger and module levels.
// The input's lines framed as one block must get the same verdicts from the block's structural
// index, and the lines left open must parse from it as they parse alone.
#include "../support/prefilter_oracle.hpp"
#include "fuzz_support.hpp"

using namespace logmoji;

namespace {

filter_options at_least(int rank, level_rules rules = level_rules::extended) {
  filter_options fo;
  fo.min_level = rank;
  fo.rules = rules;
  return fo;
}

filter_options some_loggers() {
  filter_options fo;
  fo.loggers = {"app", "ap\xc3\xa9"};
  return fo;
}

filter_options module_levels() {
  filter_options fo = at_least(level_number::critical);
  fo.module_levels = {{"app", level_number::error}, {"a", level_number::emergency}};
  return fo;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string line = fuzz::as_line(data, size);
  static test::prefilter_oracle oracles[] = {
      {at_least(level_number::error), false, false},
      {at_least(level_number::error), false, true},  // -o json -l error: selected lines skip the parse
      {at_least(level_number::warning, level_rules::foundation), true, false},
      {filter_options{}, false, true},
      {some_loggers(), false, false},
      {module_levels(), false, false},
  };
  for (auto& oracle : oracles) {
    if (std::string why = oracle.check(line); !why.empty()) fuzz::fail(why.c_str());
    // The input's lines as one block: the verdicts from the shared index are the lines' own.
    if (std::string why = oracle.check_block(text); !why.empty()) fuzz::fail(why.c_str());
  }
  return 0;
}
