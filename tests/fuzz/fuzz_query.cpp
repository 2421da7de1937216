// Query oracle: any text either compiles or gives an error with a column inside the text (or
// just past it); a compiled query evaluates without crashing on a fixed set of events.
#include "fuzz_support.hpp"
#include "logmoji/query.hpp"

using namespace logmoji;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  query q;
  query_error err;
  if (!q.compile(text, err)) {
    if (err.column < 1 || err.column > text.size() + 1 || err.message.empty()) fuzz::fail("bad error position");
    return 0;
  }
  static event_parser parser;
  for (std::string_view json :
       {R"({"level":"error","event":"x","http":{"status_code":503},"n":1.5,"t":[1,{"a":null}]})",
        R"({"msg":"m","severity":40,"ok":true})", R"({})"}) {
    event ev;
    if (parser.parse(json, ev).kind != line_kind::event) fuzz::fail("fixture");
    resolve_roles(ev, false);
    (void)q.matches(ev, ev.role.message, level_rules::extended);
  }
  return 0;
}
