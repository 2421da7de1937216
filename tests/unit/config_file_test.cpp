#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include <unistd.h>

#include "../support/render.hpp"
#include "logmoji/config_file.hpp"
#include "logmoji/config_print.hpp"
#include "logmoji/foundation_env.hpp"

using namespace logmoji;

namespace {

// A configuration file in a fresh temporary directory, removed afterwards.
struct temp_config {
  std::string dir;
  std::string path;
  explicit temp_config(std::string_view text) {
    char name[] = "/tmp/logmoji-config-XXXXXX";
    REQUIRE(::mkdtemp(name));
    dir = name;
    path = dir + "/config.toml";
    std::ofstream(path) << text;
  }
  ~temp_config() {
    std::remove(path.c_str());
    ::rmdir(dir.c_str());
  }
};

std::optional<config_file> load(std::string_view text, std::string& error) {
  temp_config file(text);
  return load_config({file.path, true}, error);
}

constexpr std::string_view payments = R"(
[[event-sets]]
name = "payments"
priority = 80

[[event-sets.mappings]]
name = "payment_status"
default = "💰"
markers = { Succeeded = "✅", failed = "❌" }
metadata.FAILED = { alert = true, team = "payments", retry = false }
)";

}  // namespace

TEST_CASE("top-level settings become option defaults with their lines", "[config_file]") {
  std::string error;
  auto c = load("level = \"info\"\n\nthreads = 2\nkeys = [\"a\", \"b\"]\nstrict = true\n", error);
  REQUIRE(c);
  REQUIRE(c->defaults.size() == 4);
  CHECK(c->defaults[0].name == "level");
  CHECK(c->defaults[0].values == std::vector<std::string>{"info"});
  CHECK(c->defaults[0].line == 1);
  CHECK(c->defaults[1].values == std::vector<std::string>{"2"});
  CHECK(c->defaults[1].line == 3);
  CHECK(c->defaults[2].values == std::vector<std::string>{"a", "b"});
  CHECK(c->defaults[3].is_boolean);
  CHECK(c->defaults[3].values == std::vector<std::string>{"true"});
  // origin() names the file only for settings the command line did not override.
  CHECK(c->origin("level").empty());
  c->defaults[0].applied = true;
  CHECK(c->origin("level") == c->path + ":1: ");
}

TEST_CASE("event sets are read with values lower-cased", "[config_file]") {
  std::string error;
  auto c = load(payments, error);
  REQUIRE(c);
  REQUIRE(c->event_sets.size() == 1);
  const auto& set = c->event_sets[0];
  CHECK(set.name == "payments");
  CHECK(set.priority == 80);
  REQUIRE(set.mappings.size() == 1);
  const auto& m = set.mappings[0];
  CHECK(m.default_marker == "💰");
  REQUIRE(m.markers.size() == 2);
  // toml++ reads a table in key order: "Succeeded" sorts before "failed".
  CHECK(m.markers[0].value == "succeeded");
  CHECK(m.markers[1].value == "failed");
  REQUIRE(m.metadata.size() == 1);
  CHECK(m.metadata[0].value == "failed");
  CHECK(m.metadata[0].fields.size() == 3);
}

TEST_CASE("a user's event set joins the resolver by priority, ahead on a tie", "[config_file]") {
  std::string error;
  auto c = load(payments, error);
  REQUIRE(c);
  event_set_registry registry(c->event_sets);
  auto sets = registry.sets();
  REQUIRE(sets.size() == event_sets().size() + 1);
  CHECK(sets[0].name == "llm");
  CHECK(sets[1].name == "database");
  CHECK(sets[2].name == "payments");  // priority 80, before http's 80
  CHECK(sets[3].name == "http");
  const marker_mapping* m = registry.find_mapping("billing.payment_status");
  REQUIRE(m);
  resolution r = resolve(*m, "failed");
  CHECK(r.marker == "❌");
  CHECK(r.metadata.size() == 3);
  CHECK(resolve(*m, "pending").marker == "💰");
  for (std::string_view key : {"payment_status", "x.payment_status", "status", "http.method", "payment_status.x"})
    CHECK(registry.find_mapping(key) == registry.find_mapping_by_walk(key));
  // The built-in registry does not know it.
  CHECK(find_mapping("payment_status") == nullptr);
}

TEST_CASE("custom markers and metadata reach the rendered line", "[config_file]") {
  std::string error;
  auto c = load(payments, error);
  REQUIRE(c);
  options o;
  o.enrich.logger_emoji = logger_emoji_mode::off;
  o.enrich.event_sets = std::make_shared<event_set_registry>(c->event_sets);
  CHECK(test::render(R"({"event":"charge","payment_status":"Failed"})", false, o) ==
        "[\xE2\x9D\x8C] charge                    alert=True payment_status=Failed retry=False team=payments\n");
}

TEST_CASE("themes start from foundation's and change what they name", "[config_file]") {
  std::string error;
  auto c = load("[themes.dark]\nkey = \"blue\"\nlevels.TRACE = \"dim\"\n", error);
  REQUIRE(c);
  REQUIRE(c->themes.size() == 1);
  const theme& t = c->themes[0];
  CHECK(t.name == "dark");
  CHECK(t.key.sgr == "\x1b[34m");
  CHECK(t.value.sgr == default_theme().value.sgr);
  CHECK(t.level_sgr("trace") == "\x1b[2m");
}

TEST_CASE("configuration errors name the line", "[config_file]") {
  struct bad_case {
    std::string_view text;
    std::string_view message;
  };
  for (auto [text, message] : {
           bad_case{"a = 1\nb = [1, {x = 1}]\n", ":2: 'b': list items must be strings or integers"},
           bad_case{"a = 1.5\n", ":1: 'a' must be a string"},
           bad_case{"[logger-prefixes]\nx = 3\n", ":2: a logger prefix's emoji must be a string"},
           bad_case{"[themes]\nx = 3\n", ":2: a theme must be a table"},
           bad_case{"[[event-sets]]\nname = \"x\"\npriority = \"high\"\n", ":3: priority must be an integer"},
           bad_case{"[[event-sets]]\nname = \"x\"\n[[event-sets.mappings]]\ndefault = \"x\"\n",
                    ": a mapping needs a name"},
           bad_case{"[[event-sets]]\nname = \"x\"\n[[event-sets.mappings]]\nname = \"y\"\nmetadata.a = { k = 1 }\n",
                    ":5: metadata values must be printable strings or booleans"},
           bad_case{"event-sets = 3\n", ":1: event-sets must be an array of tables"},
           bad_case{"a = \"x\"\na = \"y\"\n", ":2: "},
           bad_case{"[fields]\nwhen = [\"t\"]\n",
                    ":2: [fields]: unknown role 'when' (time, level, message, logger, stack)"},
           bad_case{"[fields]\ntime = [\"t\", 3]\n", ":2: a field name must be a string"},
           bad_case{"[fields]\nlevel = \"\"\n", ":2: a field name must be printable text"},
           bad_case{"fields = 1\n", ":1: [fields] must be a table"},
       }) {
    std::string error;
    INFO(text);
    CHECK_FALSE(load(text, error));
    CHECK(error.find(message) != std::string::npos);
  }
}

// A path of `parts` bare parts: "a.a.a".
std::string key_path(std::size_t parts) {
  std::string key = "a";
  for (std::size_t i = 1; i < parts; ++i) key += ".a";
  return key;
}

TEST_CASE("key paths of more than 256 parts are refused before toml++ recurses over them", "[config_file]") {
  std::string error;
  // 250,000 parts overflowed toml++'s stack: a key, a table header, an array-of-tables header.
  for (const std::string& text : {key_path(250000) + " = 1\n", "[" + key_path(300000) + "]\n",
                                  "x = 1\n[[" + key_path(257) + "]]\n", "x = 1\n\n" + key_path(257) + " = 1\n"}) {
    INFO(text.substr(0, 40));
    CHECK_FALSE(load(text, error));
    CHECK(error.ends_with(": a key path of more than 256 dotted parts"));
  }
  CHECK(error.find("config.toml:3: ") != std::string::npos);
  // Blanks around the dots and quoted parts count too.
  CHECK_FALSE(load("\"a\" . " + key_path(256) + " = 1\n", error));
  CHECK(error.ends_with("dotted parts"));
  // 256 parts reach toml++ and the checks after it.
  CHECK_FALSE(load("[fields]\n" + key_path(255) + " = 1\n", error));
  CHECK(error.find(":2: [fields]: unknown role 'a'") != std::string::npos);
}

TEST_CASE("dots inside strings and comments are not key separators", "[config_file]") {
  const std::string dots(2000, '.');
  std::string error;
  for (const std::string& text : {
           "\"" + dots + "\" = \"x\"\n",                                 // a quoted key
           "'" + dots + "' = \"x\"\n",                                   // a literal key
           "time-format = \"" + dots + "\"\n",                           // a value
           "time-format = \"\\\"" + key_path(300) + "\\\"\"\n",          // escaped quotes inside
           "time-format = '''\n" + key_path(300) + " = 1\n'''\n",        // a multi-line literal
           "time-format = \"\"\"\\\n" + key_path(300) + " = 1\"\"\"\n",  // a multi-line basic
           "# " + key_path(300) + "\ntheme = \"x\"\n",                   // a comment
           "level = \"info\" # " + key_path(300) + "\n",                 // a comment after a value
           "[logger-prefixes]\n\"" + key_path(300) + "\" = \"x\"\n",     // a quoted prefix
       }) {
    INFO(text.substr(0, 40));
    CHECK(load(text, error).has_value());
  }
}

TEST_CASE("a missing file is no configuration unless it was asked for", "[config_file]") {
  std::string error;
  auto none = load_config({"/nonexistent/logmoji/config.toml", false}, error);
  REQUIRE(none);
  CHECK(none->defaults.empty());
  CHECK_FALSE(load_config({"/nonexistent/logmoji/config.toml", true}, error));
  CHECK(error == "/nonexistent/logmoji/config.toml: cannot read the configuration: No such file or directory");
}

TEST_CASE("--print-config writes TOML that loads back to the same settings", "[config_file]") {
  std::string error;
  auto c = load(std::string(payments) + "\n[themes.dark]\nkey = \"blue\"\n", error);
  REQUIRE(c);
  options o;
  o.enrich.logger_prefixes.push_back({"pay\"ment", "💳"});
  o.filter.grep =
      "a\x1b"
      "b";
  o.sink.colors = c->themes[0];
  std::string printed;
  write_config(printed, o, *c);
  CHECK(printed.find("grep = \"a\\u001bb\"") != std::string::npos);
  CHECK(printed.find("\"pay\\\"ment\" = \"💳\"") != std::string::npos);
  auto again = load(printed, error);
  REQUIRE(again);
  CHECK(again->event_sets.size() == 1);
  CHECK(again->event_sets[0].mappings[0].markers.size() == 2);
  REQUIRE(again->themes.size() == 1);
  CHECK(again->themes[0].key.sgr == "\x1b[34m");
  REQUIRE(again->logger_prefixes.size() == 1);
  CHECK(again->logger_prefixes[0].prefix == "pay\"ment");
}

TEST_CASE("[fields] gives each role the user's names, a string or a list", "[config_file]") {
  std::string error;
  auto c = load("[fields]\ntime = [\"when\", \"ctx.at\"]\nmessage = \"text\"\nstack = []\n", error);
  REQUIRE(c);
  CHECK(c->fields.time == std::vector<std::string>{"when", "ctx.at"});
  CHECK(c->fields.message == std::vector<std::string>{"text"});
  CHECK(c->fields.level.empty());
  options o;
  o.fields = c->fields;
  std::string printed;
  write_config(printed, o, *c);
  CHECK(printed.find("[fields]\ntime = [\"when\", \"ctx.at\"]\nmessage = [\"text\"]\n") != std::string::npos);
  auto again = load(printed, error);
  REQUIRE(again);
  CHECK(again->fields.time == c->fields.time);
}

TEST_CASE("--print-config writes what the user set, not --foundation's preset", "[config_file]") {
  options o;
  o.foundation = true;
  apply_foundation_preset(o);
  user_settings user;
  user.settings = {{"foundation", true, true}, {"level", false, false}, {"logger-emoji", false, false}};
  user.since = "1h";
  std::string printed;
  write_config(printed, o, config_file{}, user);
  CHECK(printed.find("foundation = true\n") != std::string::npos);
  CHECK(printed.find("level =") == std::string::npos);
  CHECK(printed.find("module-levels =") == std::string::npos);
  CHECK(printed.find("logger-emoji =") == std::string::npos);
  CHECK(printed.find("since = \"1h\"\n") != std::string::npos);
  user.settings[1].given = true;
  o.filter.min_level = level_number::error;
  printed.clear();
  write_config(printed, o, config_file{}, user);
  CHECK(printed.find("level = \"error\"\n") != std::string::npos);
}
