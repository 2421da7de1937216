// logmoji: parse options, run the pipeline, exit with its status.
#include "logmoji/cli.hpp"
#include "logmoji/run.hpp"

int main(int argc, char** argv) {
  logmoji::options opts;
  if (auto status = logmoji::parse_command_line(argc, argv, opts)) return *status;
  return logmoji::run(opts);
}
