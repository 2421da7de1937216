// The benchmark's limit probe: how fast can one core go through a JSON-lines file with simdjson's
// On-Demand API alone, touching every top-level key and every value's raw text? logmoji does that
// and more per line, so this bounds it from above. With a second argument it also writes
// "key=value " for every field to standard output (buffered), the least a renderer must print.
// usage: parse_all FILE [w]
#include <simdjson.h>

#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <vector>
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
  // Streamed in windows like logmoji reads, not loaded whole: loading a 325 MB file first made
  // the probe measure page faults (1.7 s of system time in one run) instead of parsing.
  const int fd = ::open(argv[1], O_RDONLY);
  if (fd < 0) {
    std::fprintf(stderr, "parse_all: cannot read %s\n", argv[1]);
    return 2;
  }
  std::vector<char> window(flush_at * 2 + simdjson::SIMDJSON_PADDING);
  size_t held = 0;
  simdjson::ondemand::parser parser;
  std::string out;
  out.reserve(flush_at * 2);
  size_t events = 0, touched = 0;
  for (bool done = false; !done;) {
    const ssize_t n = ::read(fd, window.data() + held, flush_at * 2 - held);
    if (n < 0) return 2;
    done = n == 0;
    held += static_cast<size_t>(n);
    const char* last = static_cast<const char*>(::memrchr(window.data(), '\n', held));
    const size_t whole = done ? held : last ? static_cast<size_t>(last - window.data()) + 1 : 0;
    if (whole == 0 && !done) return 2;  // a line longer than the window: not in the corpus
    simdjson::ondemand::document_stream documents;
    if (whole > 0) {
      if (parser.iterate_many(window.data(), whole, flush_at * 2).get(documents)) return 1;
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
        if (emit) out.push_back('\n');
      }
    }
    if (emit && out.size() >= flush_at) {
      write_all(out);
      out.clear();
    }
    std::memmove(window.data(), window.data() + whole, held - whole);
    held -= whole;
  }
  ::close(fd);
  write_all(out);
  std::fprintf(stderr, "%zu events, %zu bytes of keys and values\n", events, touched);
  return 0;
}
