#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "../support/pipeline_run.hpp"
#include "../support/render.hpp"
#include "logmoji/enrich.hpp"
#include "logmoji/json_writer.hpp"

using namespace logmoji;
using test::pipeline_run;
using test::render;

namespace {

options foundation_options() {
  options o;
  o.foundation = true;
  o.enrich.logger_emoji = logger_emoji_mode::table;
  o.sink.strip_logger_name = true;
  o.sink.library_bytes = true;  // as apply_foundation_preset: code-point padding
  return o;
}

// Two events hold the same fields, in the same order, with the same texts.
void check_same_fields(const event& a, const event& b) {
  REQUIRE(a.fields.size() == b.fields.size());
  for (std::size_t f = 0; f < a.fields.size(); ++f) {
    CHECK(a.at(a.fields[f]).key == b.at(b.fields[f]).key);
    CHECK(a.at(a.fields[f]).text == b.at(b.fields[f]).text);
  }
}

// `json` parsed into `ev`, sanitized by one enricher and decorated by another (or the same), as
// the pipeline runs them. A decorated message lies in the decorating enricher's arena.
void parse_and_enrich(event_parser& parser, const std::string& json, event& ev, enricher& sanitizing,
                      enricher& decorating) {
  test::parse_event(parser, json, ev);
  sanitizing.sanitize(ev);
  decorating.decorate(ev);
}

}  // namespace

TEST_CASE("raw events get emoji, markers and metadata like the library", "[enrich]") {
  CHECK(
      render(
          R"({"logger_name":"app.users","domain":"auth","action":"login","status":"success","event":"User login attempt","level":"info"})",
          false, foundation_options()) ==
      "[info     ] [\xF0\x9F\x94\x91][\xE2\x9E\xA1\xEF\xB8\x8F][\xE2\x9E\xA1\xEF\xB8\x8F] \xF0\x9F\x94\xB9 User login "
      "attempt "
      "action=login domain=auth status=success\n");
}

TEST_CASE("metadata keys are added only when absent", "[enrich]") {
  std::string out = render(R"({"db.system":"postgres","db.type":"custom","event":"q"})", false, foundation_options());
  CHECK(out.find("db.type=custom") != std::string::npos);
  CHECK(out.find("db.vendor=postgresql") != std::string::npos);
}

TEST_CASE("an already enriched message is not prefixed twice", "[enrich]") {
  std::string once =
      render(R"({"logger_name":"x","domain":"server","action":"start","event":"up"})", false, foundation_options());
  std::string library_json = R"({"domain": "server", "action": "start", "event": "[🛎️][🚀] 🔹 up"})";
  CHECK(render(library_json, false, foundation_options()) == once);
  CHECK(carries_foundation_prefix("🔹 x"));
  CHECK(carries_foundation_prefix("[🔑][➡️] 🔹 msg"));
  CHECK(carries_foundation_prefix("[📈][📢] 🔹 "));
  CHECK(carries_foundation_prefix("[🦎][🔄][💢] 🔹"));
  CHECK_FALSE(carries_foundation_prefix("[GET] /api"));
  CHECK_FALSE(carries_foundation_prefix("hello"));
  CHECK_FALSE(carries_foundation_prefix("[a b] 🔹 x"));
}

TEST_CASE("a missing event becomes the emoji; an empty one keeps its space", "[enrich]") {
  CHECK(render(R"({"logger_name":"a","level":"info"})", false, foundation_options()) ==
        "[info     ] \xF0\x9F\x94\xB9\n");
  CHECK(render(R"({"logger_name":"a","domain":"report","event":""})", false, foundation_options()) ==
        "[\xF0\x9F\x93\x88] \xF0\x9F\x94\xB9" + std::string(26, ' ') + "domain=report\n");
}

TEST_CASE("a non-string event is str()-ed by the emoji step", "[enrich]") {
  CHECK(render(R"({"logger_name":"a","event":3.25})", false, foundation_options()) == "\xF0\x9F\x94\xB9 3.25\n");
}

TEST_CASE("markers without the logger emoji", "[enrich]") {
  options o = foundation_options();
  o.enrich.logger_emoji = logger_emoji_mode::off;
  CHECK(render(R"({"status":"error","event":"x"})", false, o) ==
        "[\xF0\x9F\x94\xA5] x" + std::string(26, ' ') + "status=error\n");
  CHECK(render(R"({"status":"error"})", false, o) == "[\xF0\x9F\x94\xA5]" + std::string(28, ' ') + "status=error\n");
}

TEST_CASE("a message or masked value longer than any before is written whole", "[enrich]") {
  // The line's text buffers start small and grow: the marker written before a long message must
  // survive the growth, and a later line must not keep an earlier line's bytes.
  options o = foundation_options();
  const std::string fire = "[\xF0\x9F\x94\xA5] \xF0\x9F\x94\xB9 ";  // [🔥] 🔹
  const std::vector<std::string> messages{std::string(3000, 'x'), "short", std::string(7000, 'y') + "z"};
  for (const std::string& message : messages) {
    std::string out = render(
        R"({"logger_name":"a","status":"error","cmd":")" + message + R"( token=abc","event":")" + message + "\"}",
        false, o);
    CHECK(out.starts_with(fire + message + " "));
    CHECK(out.find(message + " token=[MASKED]") != std::string::npos);
    CHECK(out.find("abc") == std::string::npos);
  }
  // One run over all three lines, as each line alone.
  pipeline_run lines(o, console_sink(o.sink, false, run_redaction(o.enrich)));
  std::string expected;
  for (const std::string& message : messages) {
    const std::string json = R"({"logger_name":"a","status":"error","event":")" + message + "\"}";
    lines.line(json);
    expected += render(json, false, o);
  }
  CHECK(lines.text() == expected);
}

TEST_CASE("the hash mode gives no emoji to events without a logger", "[enrich]") {
  options o;
  o.enrich.markers = false;
  CHECK(render(R"({"msg":"hello"})", false, o) == "hello\n");
  std::string alpha = render(R"({"logger":"worker.alpha","msg":"m"})", false, o);
  std::string bravo = render(R"({"logger":"worker.bravo","msg":"m"})", false, o);
  CHECK(alpha.substr(0, alpha.find(' ')) == bravo.substr(0, bravo.find(' ')));
}

TEST_CASE("masking runs before markers: markers are never masked", "[enrich]") {
  std::string out = render(R"({"logger_name":"a","action":"auth","event":"auth=abc"})", false, foundation_options());
  CHECK(out.starts_with("[\xF0\x9F\x94\x91] \xF0\x9F\x94\xB9 auth=[MASKED]"));
}

TEST_CASE(
    "masking changes top-level strings, nested ones outside foundation; redaction nested keys, and "
    "top-level ones outside foundation",
    "[enrich]") {
  std::string out =
      render(R"({"event":"e","password":"pw","cmd":"--token abc","h":{"Authorization":"b","x":"token=1"}})", false,
             test::plain_options());
  CHECK(out.find("cmd='--token abc'") != std::string::npos);  // sanitization off in plain options
  options o;
  o.enrich.logger_emoji = logger_emoji_mode::off;
  out =
      render(R"({"event":"e","password":"pw","cmd":"--token abc","h":{"Authorization":"b","x":"token=1"}})", false, o);
  CHECK(
      out ==
      "e                              cmd='--token [MASKED]' h={'Authorization': '[REDACTED]', 'x': 'token=[MASKED]'} "
      "password=[REDACTED]\n");
  // A stack below the event shows what the line masks (pino's err.stack repeats err.message), and
  // so does a list of frames (structlog's dict_tracebacks).
  out =
      render(R"({"msg":"login failed","err":{"message":"token=abc","stack":"Error: token=abc\n    at f"}})", false, o);
  CHECK(out.find("abc") == std::string::npos);
  CHECK(out.find("Error: token=[MASKED]\n    at f") != std::string::npos);
  out = render(R"({"event":"e","exception":[{"exc_value":"password=hunter2","frames":[{"line":"x"}]}]})", false, o);
  CHECK(out.find("hunter2") == std::string::npos);
  // An escape decoded into the string is no hiding place: the line's bytes hold no `password=`,
  // the string does (review).
  for (const char* json : {R"({"event":"e","err":{"message":"password\u003dhunter2"}})",
                           R"({"event":"e","err":["p\u0061ssword=hunter2"]})",
                           R"({"msg":"x","err":{"stack":"Error: boom\n  token\u003ahunter2\n at f"}})",
                           R"({"event":"e","err":{"message":"password=hunter2","other":"a\u00e9"}})"}) {
    INFO(json);
    CHECK(render(json, false, o).find("hunter2") == std::string::npos);
  }
  // --foundation: the library masks top-level strings alone, and never redacts a top-level key
  // by name.
  o.enrich.redact_keys = false;
  o.enrich.mask_nested = false;
  out =
      render(R"({"event":"e","password":"pw","cmd":"--token abc","h":{"Authorization":"b","x":"token=1"}})", false, o);
  CHECK(out.ends_with("'x': 'token=1'} password=pw\n"));
}

TEST_CASE("the user's logger prefixes come first, longest first, and are not added twice", "[enrich]") {
  options o;
  o.enrich.markers = false;
  o.enrich.logger_prefixes = {{"worker", "\xF0\x9F\x9A\x9C"}, {"worker.b", "\xF0\x9F\x90\x9D"}};
  CHECK(render(R"({"logger":"worker.alpha","msg":"m"})", false, o).starts_with("\xF0\x9F\x9A\x9C m"));
  CHECK(render(R"({"logger":"worker.bravo","msg":"m"})", false, o).starts_with("\xF0\x9F\x90\x9D m"));
  CHECK(render(R"({"logger":"worker.bravo","msg":"\ud83d\udc1d m"})", false, o).starts_with("\xF0\x9F\x90\x9D m "));
  o.enrich.logger_emoji = logger_emoji_mode::off;
  CHECK(render(R"({"logger":"worker.alpha","msg":"m"})", false, o).starts_with("m "));
}

TEST_CASE("the short-string memo answers exactly what it was asked, hit, miss or evicted", "[enrich]") {
  // Short strings over a tiny alphabet (NUL included) collide in size, head and tail words
  // often; more distinct strings than slots force evictions.
  short_string_memo<std::size_t> memo;
  auto definition = [](std::string_view s) {
    std::size_t h = s.size();
    for (char c : s) h = h * 131 + static_cast<unsigned char>(c);
    return h;
  };
  std::size_t computed = 0;
  auto counted = [&](std::string_view s) {
    ++computed;
    return definition(s);
  };
  const std::string alphabet("ab\0.", 4);
  std::uint32_t seed = 7;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  for (int round = 0; round < 20000; ++round) {
    std::string s(next() % 25, 'a');
    for (auto& c : s) c = alphabet[(next() >> 8) % alphabet.size()];
    INFO(s.size());
    CHECK(memo.get(s, counted) == definition(s));
    std::size_t before = computed;
    CHECK(memo.get(s, counted) == definition(s));
    CHECK(computed == before + (s.size() > 16 ? 1 : 0));  // asked again at once: no new work
  }
}

TEST_CASE("one enricher over many events decides as a fresh one for each", "[enrich]") {
  // The enricher remembers what each key and logger name decides; over more distinct keys than
  // it remembers, in changing roles, every event must come out as a new enricher makes it.
  enrich_options opts;
  opts.logger_emoji = logger_emoji_mode::hash;
  opts.logger_prefixes = {{"pay", "P"}, {"payments.card", "C"}};
  std::vector<std::string> keys{
      "password", "token",         "domain",     "status", "method", "http.status_code",    "http.method", "db.system",
      "api-key",  "Authorization", "session.id", "user",   "note",   "a_key_longer_than_16"};
  for (int k = 0; k < 400; ++k) keys.push_back("k" + std::to_string(k));
  // Quoted strings and bare JSON values: resolve_value remembers answers by mapping, kind and text.
  std::vector<std::string> values{"\"auth\"",
                                  "\"success\"",
                                  "\"GET\"",
                                  "\"postgresql\"",
                                  "\"password=x y\"",
                                  "\"plain\"",
                                  "\"login\"",
                                  "\"SUCCESS\"",
                                  "\"a value longer than 16\"",
                                  "\"\"",
                                  "200",
                                  "404",
                                  "2e2",
                                  "true",
                                  "null",
                                  "\"200\"",
                                  "\"Get\"",
                                  "[1]",
                                  "{\"a\":1}",
                                  "\"mysql\""};
  for (int v = 0; v < 60; ++v) values.push_back("\"v" + std::to_string(v) + "\"");
  std::vector<std::string> loggers{"payments.card", "payments.http", "api.core", "worker.queue", "x"};
  enricher shared(opts);
  // An event's strings live in its parser. The shared enricher sees two parsers' key spaces in
  // turn: what an id means in one must not leak into the other.
  event_parser parser_a, parser_c, parser_b;
  std::uint32_t seed = 99;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  for (int line = 0; line < 3000; ++line) {
    std::string json = R"({"logger_name":")" + loggers[next() % loggers.size()] + R"(","event":"m")";
    for (std::uint32_t n = next() % 6; n > 0; --n)
      json += ",\"" + keys[(next() >> 4) % keys.size()] + "\":" + values[(next() >> 4) % values.size()];
    json += "}";
    INFO(json);
    event a, b;
    enricher fresh(opts);
    parse_and_enrich(line % 3 ? parser_a : parser_c, json, a, shared, shared);
    parse_and_enrich(parser_b, json, b, fresh, fresh);
    check_same_fields(a, b);
  }
}

TEST_CASE("remembered markers tell apart values of one mapping, kind and size", "[enrich]") {
  // resolve_value's slots are told apart by the value's words: thousands of three-byte methods
  // share every slot with get and put many times over, and each must keep its own marker.
  std::vector<std::string> values{"GET", "PUT", "get", "Put"};
  for (char c = 'k'; c <= 'z'; ++c)
    for (int d = 0; d < 100; ++d) values.push_back(c + std::string(d < 10 ? "0" : "") + std::to_string(d));
  enricher shared{enrich_options{}};
  event_parser parser_a, parser_b;
  std::uint32_t seed = 7;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  for (int line = 0; line < 4000; ++line) {
    const std::string& value =
        line % 3 ? values[(next() >> 4) % values.size()] : values[static_cast<std::size_t>(line % 4)];
    std::string json = R"({"event":"m","http.method":")" + value + "\"}";
    INFO(json);
    event a, b;
    enricher fresh{enrich_options{}};
    parse_and_enrich(parser_a, json, a, shared, shared);
    parse_and_enrich(parser_b, json, b, fresh, fresh);
    REQUIRE(a.role.message);
    REQUIRE(b.role.message);
    CHECK(a.at(a.role.message).text == b.at(b.role.message).text);
  }
}

TEST_CASE("the message is replaced where it stands, wherever the lines before had it", "[enrich]") {
  // set_message tries the slot the last line's message had, from the first field and from the
  // last; messages that move, move back, sit inside an object or are missing must come out as
  // a new enricher writes them.
  const std::vector<std::string> fillers{R"("a":1)", R"("status":"success")", R"("b":"x")", R"("domain":"auth")"};
  const std::vector<std::string> messages{R"("event":"m")", R"("msg":"hi")", R"("fields":{"message":"in"})",
                                          R"("event":null)", R"("message":3)"};
  std::uint32_t seed = 11;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  enrich_options opts;
  enricher shared(opts);
  event_parser parser_a, parser_b;
  for (int line = 0; line < 3000; ++line) {
    // Runs of lines laid out alike, as logs write them, then another layout.
    const std::uint32_t layout = static_cast<std::uint32_t>(line / 7) * 7919u;
    std::uint32_t before = layout % 5, after = layout / 5 % 5;
    if (next() % 8 == 0) before = next() % 5;
    std::string json = "{";
    for (std::uint32_t k = 0; k < before; ++k) json += fillers[(layout + k) % fillers.size()] + ",";
    if (layout % 11 != 0) json += messages[layout / 25 % messages.size()] + ",";
    for (std::uint32_t k = 0; k < after; ++k) json += fillers[(layout + 3 * k) % fillers.size()] + ",";
    json += R"("logger_name":"api.core"})";
    INFO(json);
    event a, b;
    enricher fresh(opts);
    parse_and_enrich(parser_a, json, a, shared, shared);
    parse_and_enrich(parser_b, json, b, fresh, fresh);
    check_same_fields(a, b);
    REQUIRE(a.role.message);
    CHECK(a.at(a.role.message).text == b.at(b.role.message).text);
    CHECK((std::find(a.fields.begin(), a.fields.end(), a.role.message) != a.fields.end()) ==
          (std::find(b.fields.begin(), b.fields.end(), b.role.message) != b.fields.end()));
  }
}

TEST_CASE("a marker too long to keep grouped is written around its brackets", "[enrich]") {
  custom_event_set set;
  set.name = "mine";
  set.priority = 100;
  set.mappings.push_back({"phase", {{"boot", std::string(40, 'B')}, {"run", "R"}}, "", {}});
  enrich_options opts;
  opts.event_sets = std::make_shared<event_set_registry>(std::vector<custom_event_set>{set});
  enricher e(opts);
  event_parser parser;
  for (const char* phase : {"boot", "run", "boot", "a long phase name, not remembered"}) {
    event ev;
    test::parse_event(parser, std::string(R"({"event":"m","phase":")") + phase + R"("})", ev);
    e.sanitize(ev);
    e.decorate(ev);
    // No logger: no emoji in the default hash mode.
    std::string want = std::string_view(phase) == "boot"  ? "[" + std::string(40, 'B') + "] m"
                       : std::string_view(phase) == "run" ? "[R] m"
                                                          : "m";
    CHECK(ev.at(ev.role.message).text == want);
  }
}

TEST_CASE("decorate after sanitize marks exactly as decorate asking every field", "[enrich]") {
  // sanitize notes the mapped fields for decorate; an enricher that never sanitized the event
  // walks all of them. Up to 24 mapped keys (more than the 16 noted), secrets, nulls, messages
  // present, absent and null.
  std::vector<std::string> keys{"password", "status", "method", "http.method", "db.system", "note", "token"};
  for (int k = 0; k < 24; ++k) keys.push_back("x" + std::to_string(k) + (k % 2 ? ".status" : ".domain"));
  const std::vector<std::string> values{"\"GET\"", "\"success\"",     "\"auth\"",       "200",
                                        "null",    "\"token=abc d\"", "\"postgresql\"", "\"x\""};
  const std::vector<std::string> messages{"", R"("event":"m",)", R"("event":null,)", R"("msg":"hi",)"};
  std::uint32_t seed = 7;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  enrich_options opts;
  enricher noting(opts), sanitizing(opts), walking(opts);
  event_parser parser_a, parser_b;
  for (int line = 0; line < 3000; ++line) {
    std::string json = "{" + messages[next() % messages.size()] + R"("logger_name":"api.core")";
    for (std::uint32_t n = next() % 26; n > 0; --n)
      json += ",\"" + keys[(next() >> 4) % keys.size()] + "\":" + values[(next() >> 4) % values.size()];
    json += "}";
    INFO(json);
    event a, b;
    parse_and_enrich(parser_a, json, a, noting, noting);
    parse_and_enrich(parser_b, json, b, sanitizing, walking);
    check_same_fields(a, b);
  }
}

namespace {

// A JSON string body from pieces: literals and their contexts, separators raw and escaped, \u
// escapes that spell a literal's letter, a separator or a case-folding special, and UTF-8.
std::string random_json_string(const std::function<std::uint32_t()>& next) {
  static const std::vector<std::string> pieces{"password",
                                               "PassWord",
                                               "token",
                                               "key",
                                               "api_",
                                               "access-",
                                               "secret",
                                               "auth",
                                               "credentials",
                                               "pwd",
                                               "passwd",
                                               "-p",
                                               "--",
                                               "DB_",
                                               "x",
                                               "word",
                                               "=",
                                               ":",
                                               " ",
                                               "\\t",
                                               "\\n",
                                               "\\r",
                                               "\\f",
                                               "\\b",
                                               "\\\"",
                                               "\\\\",
                                               "\\/",
                                               "\\u0070",
                                               "\\u003d",
                                               "\\u003A",
                                               "\\u00a0",
                                               "\\u017f",
                                               "\\u212a",
                                               "\\u0020",
                                               "\\u2028",
                                               "\xC2\xA0",
                                               "\xC5\xBF",
                                               "\xE2\x84\xAA",
                                               "\xE6\x9D\xB1",
                                               "abc",
                                               "ok",
                                               "ken",
                                               "tok",
                                               "\\u0074oken"};
  std::string s;
  for (std::uint32_t n = next() % 7; n > 0; --n) s += pieces[(next() >> 8) % pieces.size()];
  return s;
}

}  // namespace

TEST_CASE("the line-level literal scan masks exactly as scanning every string", "[enrich]") {
  // With the event's line known, sanitize scans it once and skips the strings that are views
  // into a line without literals; without it, every string is scanned. Both must agree on
  // every field, over random lines with and without literals, escapes and \u sequences. The
  // lines go through a framer's block, as in a run, so that strings are views into them; with
  // the framer's backslash, as in a run, a line without one skips the look at each string's
  // place (event::strings_in_line). In both readings of the patterns (--foundation's and
  // logmoji's).
  for (bool words : {false, true}) {
    enrich_options opts;
    opts.word_patterns = words;
    event_parser parser_a, parser_b;
    enricher with_line(opts), without_line(opts);
    std::uint32_t seed = 7;
    std::function<std::uint32_t()> next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
    const std::vector<std::string> keys{"event", "note", "token", "user", "password: x", "msg", "k\\u0065y"};
    std::size_t skipped = 0, masked = 0, in_line = 0;
    line_framer framer;
    framer.reset();
    for (int round = 0; round < 60; ++round) {
      std::string chunk;
      for (int k = 0; k < 100; ++k) {
        std::string json = "{";
        for (std::uint32_t n = 1 + next() % 5; n > 0; --n) {
          if (json.size() > 1) json += ",";
          json += "\"" + keys[(next() >> 4) % keys.size()] + std::to_string(n) + "\":";
          json += next() % 8 == 0 ? std::to_string(next() % 1000) : "\"" + random_json_string(next) + "\"";
        }
        chunk += json + "}\n";
      }
      framer.feed(chunk);
      line l;
      while (framer.next(l)) {
        INFO(std::string(l.bytes));
        event a, b;
        REQUIRE(parser_a.parse(l.bytes, a, framer.block(), l.backslash).kind == line_kind::event);
        in_line += a.strings_in_line;
        resolve_roles(a, false);
        a.line = l.bytes;
        test::parse_event(parser_b, l.bytes, b);
        if (masking_literals(l.bytes) == 0)
          for (auto i : a.fields)
            if (a.at(i).kind == value_kind::string && a.at(i).text.data() >= l.bytes.data() &&
                a.at(i).text.data() < l.bytes.data() + l.bytes.size())
              ++skipped;
        with_line.sanitize(a);
        without_line.sanitize(b);
        REQUIRE(a.fields.size() == b.fields.size());
        for (std::size_t f = 0; f < a.fields.size(); ++f) {
          CHECK(a.at(a.fields[f]).text == b.at(b.fields[f]).text);
          masked += a.at(a.fields[f]).text.find("[MASKED]") != std::string_view::npos;
        }
      }
    }
    // Both paths were taken: strings skipped on the line's word, and strings masked (fewer in
    // logmoji's reading, which asks for '=' or ':' after a keyword that starts a word).
    CAPTURE(words, skipped, masked, in_line);
    CHECK(skipped > 1000);
    CHECK(in_line > 500);
    CHECK(masked > (words ? 200 : 1000));
  }
}

TEST_CASE("roles resolved in sanitize's walk are those of a walk of their own", "[enrich]") {
  // resolve_and_sanitize visits every field once for both stages and acts on the fields it
  // listed once the roles are known; role_resolver::resolve then sanitize walk twice. Both
  // must leave the same roles, fields and texts, and decorate the same message from them, over
  // random lines of aliases, nested alias heads, secret and mapped keys, escaped strings with
  // and without literals, and lines of more fields to act on than the list holds (every
  // field is then looked at again). With and without redaction, with and without --foundation.
  // The texts are checked against the definition too: the list's way and the every-field way
  // are shared by both, and must each act on every field that needs it.
  const std::vector<std::string> keys{"msg",       "event",      "level",    "time",        "logger_name", "name",
                                      "password",  "token",      "note",     "http.method", "db.system",   "fields",
                                      "log",       "error",      "stack",    "severity",    "ts",          "user",
                                      "k\\u0065y", "@timestamp", "levelStr", "data"};
  std::uint32_t seed = 11;
  std::function<std::uint32_t()> next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  auto value = [&]() -> std::string {
    switch (next() % 7) {
      case 0: return std::to_string(next() % 1000);
      case 1: return R"({"message":"in )" + random_json_string(next) + R"(","level":"warn"})";
      case 2: return "[\"" + random_json_string(next) + "\",2]";
      case 3: return "null";
      default: return "\"" + random_json_string(next) + "\"";
    }
  };
  std::size_t many = 0;
  for (bool redact : {true, false}) {
    for (bool foundation : {false, true}) {
      enrich_options opts;
      opts.redact_keys = redact;
      opts.word_patterns = !foundation;
      enricher fused(opts), apart(opts);
      role_resolver fused_roles, apart_roles;
      event_parser parser_a, parser_b, parser_c;
      const secret_masker masker(masking_patterns(opts));
      for (int round = 0; round < 800; ++round) {
        std::string json = "{";
        const std::uint32_t fields = next() % 8 == 0 ? 40 + next() % 30 : 1 + next() % 8;
        many += fields >= 33;
        for (std::uint32_t n = 0; n < fields; ++n) {
          if (json.size() > 1) json += ",";
          json +=
              "\"" + keys[(next() >> 4) % keys.size()] + (n >= 8 || next() % 3 == 0 ? std::to_string(n) : "") + "\":";
          json += value();
        }
        json += "}";
        INFO(json);
        event a, b;
        REQUIRE(parser_a.parse(json, a).kind == line_kind::event);
        REQUIRE(parser_b.parse(json, b).kind == line_kind::event);
        a.line = json;
        b.line = json;
        fused.resolve_and_sanitize(a, fused_roles, foundation);
        apart_roles.resolve(b, foundation);
        apart.sanitize(b);
        CHECK(a.role.message == b.role.message);
        CHECK(a.role.level == b.role.level);
        CHECK(a.role.time == b.role.time);
        CHECK(a.role.logger == b.role.logger);
        CHECK(a.role.stack == b.role.stack);
        REQUIRE(a.fields == b.fields);
        for (auto i : a.fields) CHECK(a.at(i).text == b.at(i).text);
        // And both as the definition has it, field by field: a secret key's value redacted
        // unless a column shows it, every other string masked by the patterns one by one.
        event c;
        test::parse_event(parser_c, json, c, foundation);
        REQUIRE(c.fields.size() == a.fields.size());
        for (std::size_t f = 0; f < c.fields.size(); ++f) {
          const node& was = c.at(c.fields[f]);
          const std::uint32_t i = c.fields[f];
          const bool column = i == c.role.message || i == c.role.level || i == c.role.time || i == c.role.logger;
          std::string expected(was.text);
          if (redact && is_secret_key(was.key) && !column)
            expected = redacted_text;
          else if (was.kind == value_kind::string)
            masker.mask_per_pattern(was.text, expected);
          CHECK(a.at(a.fields[f]).text == expected);
        }
        fused.decorate(a);
        apart.decorate(b);
        if (a.role.message && b.role.message) CHECK(a.at(a.role.message).text == b.at(b.role.message).text);
        CHECK(a.fields.size() == b.fields.size());
      }
    }
  }
  CHECK(many > 100);
}

TEST_CASE("a message prefixed like the last one is known without the tables, exactly as with them", "[enrich]") {
  // Messages that start with the same four bytes as a prefixed one before them: an emoji then a
  // space or the end (prefixed), then anything else there, a longer emoji sharing those bytes, a
  // shorter one with its space, marker groups, four NUL bytes, and the user's own emoji.
  std::vector<std::string> messages{"🔹 Job finished",
                                    "🔹",
                                    "🔹x",
                                    "🔹🔹 two",
                                    "❓ y",
                                    "❓ ",
                                    "❓x y",
                                    "🛠️ Setup step",
                                    "🛠 bare",
                                    "🛠x",
                                    "[m] 🔹 marked",
                                    "[m]🔹 no space",
                                    std::string("\0\0\0\0", 4),
                                    std::string("\0\0\0\0 x", 6),
                                    "plain text",
                                    "Pay me",
                                    "P",
                                    "🐊 Work complete",
                                    "🐊",
                                    ""};
  enrich_options opts;
  opts.logger_prefixes = {{"pay", "P"}};
  enricher shared(opts);
  event_parser parser_a, parser_b;
  std::uint32_t seed = 5;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  std::size_t prefixed = 0;
  for (int line = 0; line < 2000; ++line) {
    // Runs of one message, as a log repeats them, then another.
    const std::string& m = messages[(line % 3 == 0 ? next() : static_cast<std::uint32_t>(line / 3)) % messages.size()];
    std::string json = R"({"logger_name":"payments","event":)";
    append_json_string(json, m);
    json += "}";
    INFO(json);
    event a, b;
    enricher fresh(opts);
    parse_and_enrich(parser_a, json, a, shared, shared);
    parse_and_enrich(parser_b, json, b, fresh, fresh);
    CHECK(a.enriched == b.enriched);
    check_same_fields(a, b);
    prefixed += a.enriched ? 1 : 0;
  }
  CHECK(prefixed > 200);
}

TEST_CASE("a message lying in the last decorated message is decorated from its own bytes", "[enrich]") {
  // add_prefix writes a string message into one buffer, line after line: a message that is a
  // view into that buffer (here the last message less its emoji) would be overwritten while it
  // is copied, and takes the arena's path instead.
  enrich_options opts;
  event_parser parser;
  enricher e(opts), fresh(opts);
  event a, b, c;
  test::parse_event(parser, R"({"logger":"alpha","msg":"hello there, a message of some length"})", a);
  resolve_roles(a, false);
  e.decorate(a);
  const std::string_view decorated = a.at(a.role.message).text;
  const std::string_view rest = decorated.substr(decorated.find(' ') + 1);
  REQUIRE(rest == "hello there, a message of some length");
  const std::string copy(rest);
  test::parse_event(parser, R"({"logger":"bravo","msg":"x"})", b);
  resolve_roles(b, false);
  b.tape[b.role.message].text = rest;
  e.decorate(b);
  test::parse_event(parser, R"({"logger":"bravo","msg":"x"})", c);
  resolve_roles(c, false);
  c.tape[c.role.message].text = copy;
  fresh.decorate(c);
  CHECK(b.at(b.role.message).text == c.at(c.role.message).text);
  CHECK(b.at(b.role.message).text.ends_with(" hello there, a message of some length"));
}
