// The benchmark's limit probe: how fast can one core go through a JSON-lines file with simdjson's
// On-Demand API alone, touching every top-level key and every value's raw text? logmoji does that
// and more per line, so this bounds it from above. With a second argument it also writes
// "key=value " for every field to standard output (buffered), the least a renderer must print.
// usage: parse_all FILE [w]
#include <simdjson.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

constexpr size_t flush_at = 1 << 20;

void write_all(const std::string& text) {
  for (size_t done = 0; done < text.size();) {
    ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: parse_all FILE [w]\n");
    return 2;
  }
  const bool emit = argc > 2;
  simdjson::padded_string input;
  if (simdjson::padded_string::load(argv[1]).get(input)) {
    std::fprintf(stderr, "parse_all: cannot read %s\n", argv[1]);
    return 2;
  }
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document_stream documents;
  if (parser.iterate_many(input, flush_at).get(documents)) return 1;

  std::string out;
  out.reserve(flush_at * 2);
  size_t events = 0, touched = 0;
  for (auto document : documents) {
    simdjson::ondemand::object object;
    if (document.get_object().get(object)) continue;
    ++events;
    for (auto field : object) {
      std::string_view key, value;
      if (field.unescaped_key().get(key) || field.value().raw_json_token().get(value)) break;
      touched += key.size() + value.size();
      if (emit) out.append(key).append(1, '=').append(value).append(1, ' ');
    }
    if (emit) {
      out.push_back('\n');
      if (out.size() >= flush_at) {
        write_all(out);
        out.clear();
      }
    }
  }
  write_all(out);
  std::fprintf(stderr, "%zu events, %zu bytes of keys and values\n", events, touched);
  return 0;
}
