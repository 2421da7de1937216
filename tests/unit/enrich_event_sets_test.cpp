#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "logmoji/enrich_event_sets.hpp"

using namespace logmoji;

namespace {

std::string mapping_of(std::string_view key) {
  const marker_mapping* m = find_mapping(key);
  return m ? std::string(m->name) : std::string("none");
}

resolution resolve_key(std::string_view key, std::string_view value) {
  const marker_mapping* m = find_mapping(key);
  REQUIRE(m);
  return resolve(*m, value);
}

std::string metadata_text(const resolution& r) {
  std::string out;
  for (const auto& f : r.metadata) {
    out += std::string(f.key) + "=";
    out += f.kind == metadata_kind::true_value    ? "true"
           : f.kind == metadata_kind::false_value ? "false"
                                                  : std::string(f.text);
    out += ";";
  }
  return out;
}

}  // namespace

TEST_CASE("keys hit mappings by last segment, whole key or the dotted family rule", "[enrich_event_sets]") {
  CHECK(mapping_of("domain") == "domain");
  CHECK(mapping_of("order.status") == "status");
  CHECK(mapping_of("user.domain") == "domain");
  CHECK(mapping_of("task.status") == "task_status");
  CHECK(mapping_of("http.status") == "status");
  CHECK(mapping_of("db.status") == "status");
  CHECK(mapping_of("llm.status") == "status");
  CHECK(mapping_of("http_method") == "http_method");
  CHECK(mapping_of("http.method") == "http_method");
  CHECK(mapping_of("http.status.class") == "http_status_class");
  CHECK(mapping_of("http.target_type") == "http_target_type");
  CHECK(mapping_of("llm_provider") == "llm_provider");
  CHECK(mapping_of("db_system") == "db_system");
}

TEST_CASE("keys the resolver ignores", "[enrich_event_sets]") {
  for (auto key : {"http.target", "http.status_code", "http.url", "duration_ms", "trace_id", "llm.model", "db.table",
                   "task.id", "event", "level", "logger_name"})
    CHECK(mapping_of(key) == "none");
}

TEST_CASE("values give markers, defaults and metadata independently", "[enrich_event_sets]") {
  CHECK(resolve_key("status", "success").marker == "\xE2\x9E\xA1\xEF\xB8\x8F");
  auto two = resolve_key("http.status_class", "2xx");
  CHECK(two.marker == "\xE2\x9D\x93");
  CHECK(metadata_text(two) == "http.success=true;");
  auto kafka = resolve_key("task.system", "kafka");
  CHECK(kafka.marker == "\xF0\x9F\x93\xA8");
  CHECK(metadata_text(kafka) == "task.broker=kafka;task.streaming=true;");
  auto completion = resolve_key("llm.task", "completion");
  CHECK(completion.marker == "\xE2\x9A\xA1");
  CHECK(metadata_text(completion) == "llm.type=completion;");
  CHECK(resolve_key("db.operation", "merge").marker.empty());
  CHECK(resolve_key("task.system", "sqs").marker == "\xF0\x9F\x93\xA8");
  CHECK(metadata_text(resolve_key("task.status", "success")) == "task.state=completed;task.success=true;");
  CHECK(resolve_key("task.status", "success").marker == "\xE2\x9D\x93");
}

TEST_CASE("the library's worked example", "[enrich_event_sets]") {
  // domain=task, task.status=failure, db.system=mysql, http.method=put, action=execute
  std::string markers, metadata;
  for (auto [key, value] : {std::pair<std::string_view, std::string_view>{"domain", "task"},
                            {"task.status", "failure"},
                            {"db.system", "mysql"},
                            {"http.method", "put"},
                            {"action", "execute"}}) {
    auto r = resolve_key(key, value);
    markers += "[" + std::string(r.marker) + "]";
    metadata += metadata_text(r);
  }
  CHECK(markers == "[🔄][❌🔥][🐬][📝⬆️][▶️]");
  CHECK(metadata == "task.state=failed;task.success=false;db.type=sql;db.vendor=mysql;");
}

TEST_CASE("the indexed lookup agrees with walking every mapping", "[enrich_event_sets]") {
  const auto& registry = event_set_registry::builtin();
  std::vector<std::string> keys{"",
                                ".",
                                "..",
                                "status",
                                "x.status",
                                "http.method",
                                "http.status_class",
                                "http_method",
                                "a.http.method",
                                "http.",
                                "db.system",
                                "db.x.system",
                                "llm.provider",
                                "task.status",
                                "task.queue.status",
                                "domain",
                                "order.domain",
                                "http.http.method",
                                "llm_provider.x"};
  // Every mapping name, with every family prefix and a few other forms.
  for (const auto& set : registry.sets())
    for (const auto& m : set.mappings) {
      std::string name(m.name);
      for (std::string prefix : {"", "x.", "http.", "db.", "llm.", "task.", "a.b."}) keys.push_back(prefix + name);
      std::string dotted = name;
      std::replace(dotted.begin(), dotted.end(), '_', '.');
      keys.push_back(dotted);
      keys.push_back(name + ".x");
    }
  for (const auto& key : keys) {
    INFO(key);
    CHECK(registry.find_mapping(key) == registry.find_mapping_by_walk(key));
  }
}
