// Opening inputs, refusing the output file, reporting input errors: one place for every mode.
#include "logmoji/inputs.hpp"

#include <algorithm>
#include <cstring>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "logmoji/diagnostics.hpp"
#include "logmoji/signals.hpp"

namespace logmoji {

std::vector<std::string> input_paths(const source_options& opts) {
  if (opts.files.empty()) return {"-"};
  return opts.files;
}

void report_input(std::string_view name, std::string_view why) { report(quoted(name) + ": " + std::string(why)); }

std::string notice_message(const byte_source& src, const options& opts) {
  std::string notice = line_messages(opts) ? src.notice() : std::string();
  return notice.empty() ? notice : quoted(src.name()) + ": " + notice;
}

void report_notice(const byte_source& src, const options& opts) {
  if (std::string message = notice_message(src, opts); !message.empty()) report(message);
}

std::string read_error_message(const byte_source& src, int error) {
  if (src.failure().empty()) return quoted(src.name()) + ": read error: " + std::strerror(error);
  return quoted(src.name()) + ": " + std::string(src.failure());
}

void report_read_error(const byte_source& src, int error) { report(read_error_message(src, error)); }

// `logmoji a.log >> a.log` would read its own output for ever: refused, as cat(1) does.
bool is_output_file(const std::string& path) {
  struct stat out {
  }, in{};
  if (::fstat(STDOUT_FILENO, &out) != 0 || !S_ISREG(out.st_mode)) return false;
  int rc = path == "-" ? ::fstat(STDIN_FILENO, &in) : ::stat(path.c_str(), &in);
  return rc == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino;
}

bool refuse_output_file(const std::string& path) {
  if (!is_output_file(path)) return false;
  report_input(path == "-" ? "(standard input)" : path, "input file is output file");
  return true;
}

bool all_regular_files(const source_options& opts) {
  auto paths = input_paths(opts);
  return std::all_of(paths.begin(), paths.end(), [](const std::string& path) {
    struct stat st {};
    int rc = path == "-" ? ::fstat(STDIN_FILENO, &st) : ::stat(path.c_str(), &st);
    return rc == 0 && S_ISREG(st.st_mode);
  });
}

namespace {

// A stop signal that ended the wait for a FIFO's writer is no fault of the input: the run ends
// by the signal (finish_run).
std::unique_ptr<byte_source> reported(std::unique_ptr<byte_source> src, const std::string& path,
                                      const std::string& why) {
  if (!src && !pending_signal()) report_input(path == "-" ? "(standard input)" : path, why);
  return src;
}

}  // namespace

std::unique_ptr<byte_source> open_input(const std::string& path) {
  if (refuse_output_file(path)) return nullptr;
  std::string why;
  return reported(open_source(path, why), path, why);
}

std::unique_ptr<byte_source> open_input_at_tail(const std::string& path, std::uint64_t lines, tail_start& at,
                                                bool& entered) {
  if (refuse_output_file(path)) return nullptr;
  std::string why;
  return reported(open_at_tail(path, lines, at, entered, why), path, why);
}

bool for_each_input(const source_options& opts, const std::function<bool(byte_source&)>& body) {
  bool ok = true;
  for (const auto& path : input_paths(opts)) {
    auto src = open_input(path);
    if (!src && pending_signal()) return false;
    if (!src) {
      ok = false;
      continue;
    }
    if (!body(*src)) return false;
  }
  return ok;
}

// The soft limit is 1,024 on most systems, below what `--merge *.log` or `-f` may hold open at
// once; the hard limit is what the administrator allows. Raised after the pager has started, so
// the pager keeps the usual limit (a program using select(2) breaks on descriptors above 1,023).
void allow_open_inputs() {
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);  // failing, the inputs past the limit are reported as before
}

bool refuse_shared_stdin(const std::vector<std::string>& paths) {
  if (std::count(paths.begin(), paths.end(), "-") < 2) return false;
  report("standard input ('-') can be named only once with --merge");
  return true;
}

}  // namespace logmoji
