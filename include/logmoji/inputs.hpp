#pragma once
// The one way in: every run mode (plain, parallel, --merge, -f/-F) takes its inputs from here.
// An input is opened, refused when it is the file standard output writes to (it would read its
// own output for ever), decompressed when its magic bytes say so, and every failure is reported
// in one format: "logmoji: 'NAME': why".

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "logmoji/options.hpp"
#include "logmoji/source.hpp"

namespace logmoji {

/// Told when an input has ended (--merge: where its last line falls in the merged order; -f: when a
/// signal stops the run): what the pipeline still holds for it, a split envelope line waiting for
/// its next part, ends there, under its name.
using input_end_handler = std::function<void(std::string_view name)>;

/// The inputs to read: the files named, or standard input ("-") when none.
std::vector<std::string> input_paths(const source_options& opts);

/// Reports a problem with an input as "logmoji: 'NAME': why" (the name escaped).
void report_input(std::string_view name, std::string_view why);

/// What is said of an input once it is read (byte_source::notice) as report_input says it, or
/// empty (also when line messages are off: line_messages); every way of reading an input tells
/// it after the input's lines.
std::string notice_message(const byte_source& src, const options& opts);
void report_notice(const byte_source& src, const options& opts);

/// What a failed read is reported as: "'NAME': read error: …", or the source's own account
/// (corrupt data).
std::string read_error_message(const byte_source& src, int error);
/// Reports it.
void report_read_error(const byte_source& src, int error);

/// True when `path` ("-" = standard input) is the regular file standard output writes to.
bool is_output_file(const std::string& path);

/// Refuses an input that is the output ("input file is output file", reported): true when refused.
bool refuse_output_file(const std::string& path);

/// True when every input is a regular file: nothing arrives later, so paging it is safe.
bool all_regular_files(const source_options& opts);

/// Opens an input for reading. nullptr after reporting why not.
std::unique_ptr<byte_source> open_input(const std::string& path);

/// Opens an input for -n N: a plain regular file positioned at its last `lines` lines (`entered`
/// true, `at` says where), anything else at its start (`entered` false: the caller keeps the last
/// lines as it reads). nullptr after reporting why not.
std::unique_ptr<byte_source> open_input_at_tail(const std::string& path, std::uint64_t lines, tail_start& at,
                                                bool& entered);

/// Opens each input in turn and hands it to `body`, which returns false to stop early. Inputs
/// that cannot be opened are reported and make the result false; so does stopping early.
bool for_each_input(const source_options& opts, const std::function<bool(byte_source&)>& body);

/// Raises the limit of open files to the most allowed (the hard limit) before opening inputs
/// that are all held open together (--merge, -f/-F): a thousand inputs must not fail by EMFILE.
/// Calling it again changes nothing.
void allow_open_inputs();

/// Refuses the same standard input named twice where inputs are read side by side (--merge):
/// two readers of one descriptor would tear its lines apart. True when refused (reported).
bool refuse_shared_stdin(const std::vector<std::string>& paths);

}  // namespace logmoji
