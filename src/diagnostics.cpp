// Standard-error reports.
#include "logmoji/diagnostics.hpp"

#include <cerrno>
#include <unistd.h>

#include "logmoji/text_escape.hpp"

namespace logmoji {

void report(std::string_view message) {
  std::string text = "logmoji: ";
  text += message;
  text += '\n';
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
    if (n > 0)
      done += static_cast<std::size_t>(n);
    else if (n < 0 && errno == EINTR)
      continue;
    else
      break;  // nowhere left to complain to
  }
}

void append_name(std::string& out, std::string_view name) { append_escaped(out, name, keep_controls::none); }

std::string quoted(std::string_view name) {
  std::string s = "'";
  append_name(s, name);
  return s + "'";
}

std::string place(std::string_view name, std::uint64_t line) {
  std::string text;
  append_name(text, name);
  if (line) text += ':' + std::to_string(line);
  return text;
}

void report_at(std::string_view name, std::uint64_t line, std::string_view message) {
  report(place(name, line) + ": " + std::string(message));
}

}  // namespace logmoji
