// OTLP/JSON logs (an ExportLogsServiceRequest per line: the Collector's file exporter, the SDKs'
// JSON serialisers): resourceLogs[] > scopeLogs[] > logRecords[], each record one event.
#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "envelope_internal.hpp"
#include "logmoji/json_writer.hpp"

namespace logmoji::envelope_detail {
namespace {

struct children {
  const event& ev;
  std::uint32_t parent;
  template <class F>
  void each(F f) const {
    if (parent == no_node || !is_container(ev.tape[parent].kind)) return;
    for (std::uint32_t i = parent + 1; i < ev.tape[parent].end; i = ev.tape[i].end) f(i);
  }
};

void append_any(std::string& out, const event& ev, std::uint32_t any);

void append_kvlist(std::string& out, members& m, const event& ev, std::uint32_t list, std::string_view skip = {}) {
  children{ev, list}.each([&](std::uint32_t kv) {
    std::string_view key = string_member(ev, kv, "key");
    if (!skip.empty() && key == skip) return;
    m.key(key);
    append_any(out, ev, member(ev, kv, "value"));
  });
}

// A key-value list as a JSON object of its own (a kvlistValue, the resource): a repeated key's
// later values are renamed (`host_attribute`), not given twice.
void append_kvlist_object(std::string& out, const event& ev, std::uint32_t list, std::string_view skip = {}) {
  out.push_back('{');
  key_log keys;
  members inner(out, true, &keys);
  inner.origin("attribute");
  append_kvlist(out, inner, ev, list, skip);
  out.push_back('}');
}

// An AnyValue as the JSON value it stands for; int64 values arrive as strings.
void append_any(std::string& out, const event& ev, std::uint32_t any) {
  if (any == no_node || ev.tape[any].kind != value_kind::object || ev.tape[any].end == any + 1) {
    out += "null";
    return;
  }
  std::uint32_t v = any + 1;
  const node& n = ev.tape[v];
  if (n.key == "intValue" && n.kind == value_kind::string && is_json_number(n.text)) {
    out += n.text;
  } else if (n.key == "arrayValue") {
    out.push_back('[');
    bool first = true;
    children{ev, member(ev, v, "values")}.each([&](std::uint32_t e) {
      if (!first) out.push_back(',');
      first = false;
      append_any(out, ev, e);
    });
    out.push_back(']');
  } else if (n.key == "kvlistValue") {
    append_kvlist_object(out, ev, member(ev, v, "values"));
  } else {
    append_value(out, ev, v);
  }
}

std::string_view digits_of(const event& ev, std::uint32_t i) {
  if (i == no_node || (ev.tape[i].kind != value_kind::string && ev.tape[i].kind != value_kind::number)) return {};
  std::string_view t = ev.tape[i].text;
  return t == "0" ? std::string_view{} : t;
}

void append_record(std::string& out, key_log& keys, const event& ev, std::uint32_t rec, std::string_view service,
                   std::string_view scope, std::uint32_t resource_attrs) {
  out.push_back('{');
  keys.start();
  members m(out, true, &keys);
  std::string_view nanos = digits_of(ev, member(ev, rec, "timeUnixNano"));
  if (nanos.empty()) nanos = digits_of(ev, member(ev, rec, "observedTimeUnixNano"));
  if (!nanos.empty()) {
    m.role_key("time", time_aliases());
    out.push_back('"');
    if (!append_epoch_digits(out, nanos, 1'000'000'000, 9)) out += "invalid";
    out.push_back('"');
  }
  std::string_view level = string_member(ev, rec, "severityText");
  if (level.empty()) level = level_of_number("severityNumber", digits_of(ev, member(ev, rec, "severityNumber")));
  add_roles(m, wrapping{{}, level, service, {}, {}});
  std::uint32_t body = member(ev, rec, "body");
  std::uint32_t text = member(ev, body, "stringValue");
  if (kind_is(ev, text, value_kind::string)) {
    m.role_member("message", message_aliases(), ev.tape[text].text);
  } else if (body != no_node) {
    m.key("body");
    append_any(out, ev, body);
  }
  // The record's members written after its attributes keep their names: an attribute of one of
  // them is renamed (`scope_attribute`), as are a repeated attribute's later values.
  std::string_view trace = string_member(ev, rec, "traceId"), span = string_member(ev, rec, "spanId");
  bool any_resource = false;
  children{ev, resource_attrs}.each(
      [&](std::uint32_t kv) { any_resource = any_resource || string_member(ev, kv, "key") != "service.name"; });
  for (auto [key, written] : {std::pair{"trace_id", !trace.empty()}, std::pair{"span_id", !span.empty()},
                              std::pair{"scope", !scope.empty()}, std::pair{"resource", any_resource}})
    if (written) keys.reserve(key);
  m.origin("attribute");
  append_kvlist(out, m, ev, member(ev, rec, "attributes"));
  m.origin({});
  if (!trace.empty()) m.string("trace_id", trace);
  if (!span.empty()) m.string("span_id", span);
  if (!scope.empty()) m.string("scope", scope);
  if (any_resource) {
    m.key("resource");
    append_kvlist_object(out, ev, resource_attrs, "service.name");
  }
  out.push_back('}');
}

// Whether no object of the batch gives a key twice: the reader takes a key's first value, so a
// second one (a second logRecords, say) would go unseen.
bool keys_given_once(const event& ev) {
  std::vector<std::string_view> keys;
  for (std::uint32_t i = 0; i < ev.tape.size(); ++i) {
    if (ev.tape[i].kind != value_kind::object) continue;
    keys.clear();  // (not children{}: it takes node 0, the line's object, for no node)
    for (std::uint32_t m = i + 1; m < ev.tape[i].end; m = ev.tape[m].end) keys.push_back(ev.tape[m].key);
    std::sort(keys.begin(), keys.end());
    if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) return false;
  }
  return true;
}

// A repeated field as OTLP/JSON writes it: an array of objects, or absent (null reads as absent,
// as protobuf's JSON parser reads it).
bool list_of_objects(const event& ev, std::uint32_t i) {
  if (absent(ev, i)) return true;
  if (ev.tape[i].kind != value_kind::array) return false;
  bool ok = true;
  children{ev, i}.each([&](std::uint32_t e) { ok = ok && ev.tape[e].kind == value_kind::object; });
  return ok;
}

// A uint64 or int64 as OTLP/JSON writes it: a string of digits, or a plain integer.
bool integer_or_absent(const event& ev, std::uint32_t i, bool may_be_negative = false) {
  if (absent(ev, i)) return true;
  const node& n = ev.tape[i];
  std::string_view t = n.text;
  if (n.kind != value_kind::string && n.kind != value_kind::number) return false;
  if (may_be_negative && t.starts_with('-')) t.remove_prefix(1);
  return !t.empty() && t.find_first_not_of("0123456789") == std::string_view::npos;
}

bool key_values(const event& ev, std::uint32_t list);

// An AnyValue: an object holding at most one of OTLP's value members, of its type (append_any
// reads the first member only).
bool any_value(const event& ev, std::uint32_t i) {
  if (!absent_or(ev, i, value_kind::object)) return false;
  if (absent(ev, i) || ev.tape[i].end == i + 1) return true;
  const node& v = ev.tape[i + 1];
  if (v.end != ev.tape[i].end) return false;  // more than one member
  std::uint32_t at = i + 1;
  if (v.key == "stringValue" || v.key == "bytesValue") return v.kind == value_kind::string;
  if (v.key == "boolValue") return v.kind == value_kind::true_value || v.kind == value_kind::false_value;
  if (v.key == "intValue") return integer_or_absent(ev, at, true) && !absent(ev, at);
  if (v.key == "doubleValue") return v.kind == value_kind::number || v.kind == value_kind::string;
  if (v.key == "arrayValue" || v.key == "kvlistValue") {
    if (!absent_or(ev, at, value_kind::object)) return false;
    std::uint32_t values = member(ev, at, "values");
    if (v.key == "kvlistValue") return key_values(ev, values);
    if (!list_of_objects(ev, values)) return false;
    bool ok = true;
    children{ev, values}.each([&](std::uint32_t e) { ok = ok && any_value(ev, e); });
    return ok;
  }
  return false;
}

// A list of KeyValues: each an object with a string key and an AnyValue.
bool key_values(const event& ev, std::uint32_t list) {
  if (!list_of_objects(ev, list)) return false;
  bool ok = true;
  children{ev, list}.each([&](std::uint32_t kv) {
    ok = ok && absent_or(ev, member(ev, kv, "key"), value_kind::string) && any_value(ev, member(ev, kv, "value"));
  });
  return ok;
}

// Why a batch is not read as one (empty when it is): every part the reader walks must have the
// type OTLP gives it, or a record that is no object would become an empty event and a scopeLogs
// that is no list would lose its records unseen. Such a line is shown as it is, with the reason.
std::string_view malformed_batch(const event& ev, std::uint32_t batches) {
  if (!keys_given_once(ev)) return "OTLP batch: an object gives a key twice";
  // An ExportLogsServiceRequest has no other member: another would not be shown.
  for (std::uint32_t m = 1; m < ev.tape[0].end; m = ev.tape[m].end)
    if (ev.tape[m].key != "resourceLogs") return "OTLP batch: a member besides resourceLogs";
  if (!list_of_objects(ev, batches)) return "OTLP batch: resourceLogs is not a list of objects";
  std::string_view why;
  auto check = [&why](bool ok, std::string_view reason) {
    if (why.empty() && !ok) why = reason;
  };
  children{ev, batches}.each([&](std::uint32_t rl) {
    std::uint32_t resource = member(ev, rl, "resource");
    check(absent_or(ev, resource, value_kind::object), "OTLP batch: a resource is not an object");
    check(key_values(ev, member(ev, resource, "attributes")),
          "OTLP batch: resource attributes are not a list of key-value objects");
    std::uint32_t scopes = member(ev, rl, "scopeLogs");
    check(list_of_objects(ev, scopes), "OTLP batch: scopeLogs is not a list of objects");
    children{ev, scopes}.each([&](std::uint32_t sl) {
      std::uint32_t scope = member(ev, sl, "scope");
      check(absent_or(ev, scope, value_kind::object) && absent_or(ev, member(ev, scope, "name"), value_kind::string),
            "OTLP batch: a scope is not an object with a string name");
      std::uint32_t records = member(ev, sl, "logRecords");
      check(list_of_objects(ev, records), "OTLP batch: logRecords is not a list of objects");
      children{ev, records}.each([&](std::uint32_t rec) {
        for (std::string_view key : {"timeUnixNano", "observedTimeUnixNano"}) {
          std::uint32_t t = member(ev, rec, key);  // nanoseconds in an int64: 19 digits at most
          check(integer_or_absent(ev, t) && (absent(ev, t) || ev.tape[t].text.size() <= 19),
                "OTLP batch: a record's time is not a count of nanoseconds");
        }
        check(integer_or_absent(ev, member(ev, rec, "severityNumber")),
              "OTLP batch: a record's severityNumber is not an integer");
        for (std::string_view key : {"severityText", "traceId", "spanId"})
          check(absent_or(ev, member(ev, rec, key), value_kind::string),
                "OTLP batch: a record's severityText, traceId or spanId is not a string");
        check(any_value(ev, member(ev, rec, "body")), "OTLP batch: a record's body is not an AnyValue");
        check(key_values(ev, member(ev, rec, "attributes")),
              "OTLP batch: record attributes are not a list of key-value objects");
      });
    });
  });
  return why;
}

}  // namespace

bool read_otlp(stage_state& s, std::string_view bytes, std::uint64_t number) {
  if (s.outer.parse(bytes, s.outer_ev, s.block).kind != line_kind::event) return false;
  const event& ev = s.outer_ev;
  std::uint32_t batches = top_member(ev, "resourceLogs");
  if (!kind_is(ev, batches, value_kind::array)) return false;
  if (std::string_view why = malformed_batch(ev, batches); !why.empty()) {
    s.reject(number, bytes, why);
    return true;
  }
  children{ev, batches}.each([&](std::uint32_t rl) {
    std::uint32_t attrs = member(ev, member(ev, rl, "resource"), "attributes");
    std::string_view service;
    children{ev, attrs}.each([&](std::uint32_t kv) {
      if (string_member(ev, kv, "key") == "service.name")
        service = string_member(ev, member(ev, kv, "value"), "stringValue");
    });
    children{ev, member(ev, rl, "scopeLogs")}.each([&](std::uint32_t sl) {
      std::string_view scope = string_member(ev, member(ev, sl, "scope"), "name");
      children{ev, member(ev, sl, "logRecords")}.each([&](std::uint32_t rec) {
        s.emit(number, [&](std::string& out) { append_record(out, s.keys, ev, rec, service, scope, attrs); });
      });
    });
  });
  return true;
}

}  // namespace logmoji::envelope_detail
