// The option table: what each option is called, takes, and says in --help, the man page and
// the completions. Data only; cli.cpp binds the options, cli_generate.cpp writes the documents.
#include "cli_options.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "logmoji/level.hpp"
#include "logmoji/option_names.hpp"
#include "logmoji/theme.hpp"

namespace logmoji {
namespace {

template <const auto& table>
std::vector<std::string_view> words_of() {
  std::vector<std::string_view> words;
  for (const auto& entry : table) words.push_back(entry.first);
  return words;
}

// What -l accepts (parse_level_option): the level table's names in rank order, lower case.
std::vector<std::string_view> level_words() {
  static const std::vector<std::string> lower = [] {
    std::vector<std::string> names;
    for (const auto& e : level_table()) {
      if (e.rank == level_number::notset) continue;
      std::string name(e.name);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      names.push_back(std::move(name));
    }
    return names;
  }();
  return {lower.begin(), lower.end()};
}

std::vector<std::string_view> theme_words() {
  std::vector<std::string_view> words;
  for (const auto& t : builtin_themes()) words.push_back(t.name);
  return words;
}

// A few of the forms --since reads, as a reminder; any other time is accepted too.
std::vector<std::string_view> time_words() { return {"now", "today", "yesterday", "15m", "1h", "1h30m", "1d"}; }

constexpr std::string_view input_group = "Input";
constexpr std::string_view enrichment_group = "Enrichment";
constexpr std::string_view filtering_group = "Filtering";
constexpr std::string_view output_group = "Output";
constexpr std::string_view configuration_group = "Configuration";
constexpr std::string_view help_group = "Help";

constexpr option_doc docs[] = {
    {"files", "FILE", input_group, "JSON-lines files to read; none or '-' reads standard input", ""},
    {"--input", "FORMAT", input_group,
     "How lines are read: auto (default, per line), json, logfmt, docker, cri, journald, otlp",
     R"(How lines are read.
.B auto
(default) tells each line apart by its first bytes: a JSON object; Docker's json-file record
.RB ( {"log":...} );
a CRI line (containerd, CRI-O:
.IR "TIME stdout F TEXT" ,
.B P
parts joined up to the
.B F
part); a journald record
.RB ( "journalctl \-o json" " or " "\-o json\-seq" );
an OTLP/JSON logs batch (one event per record); loguru's
.B serialize=True
record, also inside a container's or the journal's record; a
.B kubectl logs
or
.B docker compose logs
prefix, or any short prefix before a JSON object (kept as the field
.BR source ,
shown in a column before the event);
a logfmt line
.RI ( key = value
pairs, at least two, nothing else). Naming a format reads every line as that format; a line that
is not is shown raw and counted. See docs/envelopes.md.)",
     words_of<input_names>},
    {"--max-line-size", "BYTES", input_group,
     "Longest line read whole, in bytes or with K, M, G (KiB, MiB, GiB); longer lines are reported and shown cut "
     "(default 128M)",
     R"(Longest line read whole: bytes, or with a unit K, M, G (also written KiB, MiB, GiB; 1K is
1024 bytes), from 16 to 4G (default 128M). Longer lines are reported as
.IR FILE : LINE
on standard error, shown cut, and reading resumes at the next line.)"},
    {"--merge", "", input_group,
     "Interleave the inputs by timestamp (each assumed in order), e.g. one service's logs from several hosts",
     R"(Interleave the inputs by timestamp, for one service's logs from several hosts. Each input is
assumed in order; one line per input is held, so memory does not grow with the inputs. A line
without a readable timestamp stays after the line before it in its own input; ties go to the
input named first. A line in an envelope (Docker, CRI, journald, OTLP, a prefix) is placed by
the time of the event it carries.)"},
    {"-f,--follow", "", input_group, "Keep reading the files as they grow (the open file: renames do not matter)",
     R"(Keep reading the files as they grow, by descriptor: a renamed file is still read. Lines appear
as they are completed; a partial line is held until its newline (a signal that ends logmoji shows
it as it is). Output is flushed before every
wait; waiting uses inotify (polling once a second when inotify cannot be used) and costs no CPU.
A truncated file is read again from its start
.RI ( FILE ": file truncated" ).
A closed downstream pipe ends logmoji at once, even while idle. Standard input is read to its
end, as tail(1) does; a named FIFO until its writers close it. A file that cannot be opened or
is a directory is given up with one message; when none is left, logmoji says
.I no files remaining
and exits 2. A compressed file is shown once, decoded, with a word: it cannot be followed.)"},
    {"-F", "", input_group, "Follow the files by name: survive rotation, truncation, deletion and re-creation",
     R"(Follow by name: survive rotation by rename and re-creation, copytruncate, deletion and a file
that appears later, with tail(1)'s notices on standard error
.RI ( "'FILE' has been replaced;  following new file" ", " "'FILE' has become inaccessible" ).
What the old file still held is read before switching; its partial last line is shown on its own.
Two rotations between two looks are reported: the generation in between cannot be read.)"},
    {"-n,--tail", "N", input_group,
     "Start each file at its last N lines (following: 10 unless given); +K from line K; all from the start",
     R"(Start each input at its last
.I N
lines, as tail(1) does, whether following or not;
.BI + K
starts at line
.IR K ,
and
.B all
(or
.BR +1 )
at the start. Following starts at the last 10 lines unless
.B \-n
is given. A regular file is entered from its end without reading what comes before; a
compressed file or a pipe is read through, keeping only the last
.I N
lines in memory. Where the part skipped is over 16 MiB its lines are not counted, so messages
about a line name the file without a line number. A FIFO that is followed is shown from what
arrives.)"},
    {"--label", "", input_group, "Put each line's file name in front of it (the default for several inputs)",
     R"(Put the file name in front of each output line, in a column of its own
.RI ( "NAME \[u2502] " ,
coloured when colours are on). The default when several inputs are named, in the pretty and raw
outputs; the JSON and logfmt outputs stay parseable unless
.B \-\-label
is given. With
.BR \-c ,
several inputs get one count each,
.IR NAME : COUNT ,
as grep \-c prints them.)"},
    {"--no-label", "", input_group, "Never put file names in front of lines; -c prints one total",
     R"(Never put file names in front of lines;
.B \-c
prints one total for all inputs.)"},
    {"--threads", "N", input_group, "Worker threads (default: one per core); 1 processes on the main thread",
     R"(Worker threads (default: one per core). Blocks of lines are processed in parallel and written in
input order;
.BR \-\-stats " and " \-\-quiet
always run on one thread.)"},
    {"--strict", "", input_group,
     "Treat invalid and over-long lines as errors: name the first 10, count them all, exit 2",
     R"(Treat invalid and over-long lines as errors: the first 10 are named on standard error (file
and line), then how many there were in all, and the exit status is 2.)"},

    {"--foundation", "", enrichment_group,
     "Behave exactly like provide.foundation: table emoji, level WARNING, module levels asyncio:INFO, "
     "PROVIDE_LOG_* variables read, logger_name not shown",
     R"(Behave exactly like provide.foundation: the emoji prefix table only, minimum level WARNING,
module levels asyncio:INFO, the library's level rules, logger_name not shown, and the
variables listed under ENVIRONMENT read.)"},
    {"--logger-emoji", "MODE", enrichment_group,
     "Logger-name emoji: hash (foundation's table, then a stable emoji per logger family), "
     "table (foundation's table only), off",
     R"(.B hash
(default): foundation's prefix table, then a stable emoji per logger family (the text before
the first dot), so worker.alpha and worker.bravo share one;
.B table
foundation's table only (unknown names get the default emoji);
.B off
no logger emoji.)",
     words_of<logger_emoji_names>},
    {"--logger-prefix", "PREFIX=EMOJI", enrichment_group,
     "Emoji for loggers whose name starts with PREFIX; checked before foundation's table and the hash; repeatable",
     R"(Give loggers whose name starts with
.I PREFIX
this emoji, before foundation's table and the hash (longest prefix first); repeatable.)"},
    {"--no-mask", "", enrichment_group, "Do not mask secrets in values nor redact secret keys",
     "Do not mask secrets in top-level strings nor redact the values of secret keys (top-level or inside "
     "objects); see SECRETS in the README."},
    {"--field", "ROLE=NAME", input_group,
     "Read field NAME (a dotted path reaches inside objects) as the time, level, message, logger or stack, "
     "before the built-in names; repeatable",
     R"(Read the field
.I NAME
as the event's
.IR ROLE :
time, level, message, logger or stack. A dotted name also reaches inside objects
.RB ( ctx.when ).
Tried before the built-in names (docs/fields.md) and before the configuration's
.B [fields]
table, in the order given; repeatable. Ignored with
.BR \-\-foundation .)"},
    {"--no-mask", "", enrichment_group, "Do not mask secrets in values nor redact secret keys inside objects",
     "Do not mask secrets in top-level strings nor redact secret keys inside objects."},
    {"--no-markers", "", enrichment_group, "Do not add event-set markers ([🔑][➡️]) nor their metadata keys",
     "Do not add event-set markers nor their metadata keys."},
    {"--emoji-matrix", "", enrichment_group, "Print every active emoji table and exit",
     "Print every active emoji table and exit."},

    {"-l,--level", "LEVEL", filtering_group,
     "Minimum level: trace, debug, info, warning (warn), error, critical (fatal), or any name of docs/levels.md; "
     "any case",
     "Minimum level: trace, debug, info, warning (warn), error, critical (fatal), or any other name of the level "
     "table (verbose, notice, alert, emergency, ...; docs/levels.md), any case.",
     level_words},
    {"--module-levels", "SPEC", filtering_group,
     "Per-logger minimum levels, 'prefix:LEVEL,prefix2:LEVEL' (any name -l takes); the longest matching "
     "prefix wins",
     R"(Per-logger minimum levels as
.IR prefix : LEVEL [, prefix : LEVEL ...],
with any level name
.B \-l
takes; the longest plain-string prefix of the logger name wins. An item without a colon, a
prefix or a known level is an error here; in PROVIDE_LOG_MODULE_LEVELS it is skipped, as the
library does.)"},
    {"-q,--query", "EXPR", filtering_group,
     "Select events matching EXPR (e.g. 'level>=error && http.status_code>=500'); repeat to require several "
     "(see man logmoji, QUERY LANGUAGE; grep's -q is --quiet)",
     R"(Select events matching
.IR EXPR ;
see QUERY LANGUAGE. Repeat to require several. An unknown level name in a comparison on
.B level
is an error. (grep's
.B \-q
is
.BR \-\-quiet .))"},
    {"--logger", "PREFIX", filtering_group, "Only loggers whose name starts with PREFIX; repeatable",
     R"(Only events whose logger name starts with
.IR PREFIX ;
repeatable (any may match).)"},
    {"--exclude-logger", "PREFIX", filtering_group, "Leave out loggers whose name starts with PREFIX; repeatable",
     R"(Leave out events whose logger name starts with
.IR PREFIX ;
repeatable.)"},
    {"-g,--grep", "REGEX", filtering_group, "Only events whose message matches REGEX (RE2 syntax; (?i) ignores case)",
     R"(Only events whose message matches
.I REGEX
(RE2 syntax, linear time;
.B (?i)
ignores case).)"},
    {"-v,--invert-match", "", filtering_group,
     "Select the events the filters do not select (level, logger, time, --grep and --query together)",
     R"(Select the events that the filters together (level, module levels, loggers, time,
.BR \-\-grep " and " \-\-query )
do not select, as grep \-v inverts the whole match. Raw lines still go with their event; those
before an input's first event follow
.BR \-\-raw ,
which \-v does not invert.)"},
    {"--raw", "WHEN", filtering_group,
     "Non-JSON lines before an input's first event: show or hide (default: hide while a filter is active)",
     R"(A non-JSON line (a traceback, a print) belongs to the event before it: it is shown, hidden and
given context with it. Lines before an input's first event have none;
.B show
or
.B hide
them (default: hidden while any filter is active \(em level, logger, time, \-\-grep, \-\-query,
\-v \(em shown otherwise). A line that starts with { but is not valid JSON is always shown and
reported. Hidden lines are counted by
.BR \-\-stats .)",
     words_of<raw_names>},
    {"-A,--after-context", "N", filtering_group, "Also show the N events after each selected event",
     R"(Also show the
.I N
events after each selected event, with their raw lines, as grep does; groups that are not
next to each other are separated by a line
.BR \-\- .
Context makes the run use one thread.)"},
    {"-B,--before-context", "N", filtering_group, "Also show the N events before each selected event",
     R"(Also show the
.I N
events before each selected event (at most 100000), with their raw lines. The events waiting to
be shown are kept as read, so memory holds
.I N
events; each keeps at most 8 MiB of raw lines.)"},
    {"-C,--context", "N", filtering_group, "Also show N events before and after each selected event (-A N -B N)",
     R"(The same as \fB\-A\fP \fIN\fP \fB\-B\fP \fIN\fP; an explicit
.B \-A
or
.B \-B
wins.)"},
    {"-i,--ignore-case", "", filtering_group, "Ignore case in --grep and in the query's regular expressions (~, !~)",
     R"(Ignore case in
.B \-\-grep
and in the regular expressions of
.B \-\-query
.RB ( ~ ", " !~ );
its other comparisons stay exact.)"},
    {"--since", "TIME", filtering_group,
     "Only events at or after TIME: RFC 3339, 'YYYY-MM-DD HH:MM:SS', a date, now, today, yesterday, "
     "10:00 (today), 'yesterday 18:00', or an offset into the past such as 3h, 90min, 1h30m, '1 hour ago'",
     R"(Only events at or after
.IR TIME :
RFC 3339
.RB ( 2026\-11\-24T10:00:00Z ),
the library's
.BR "2026\-11\-24 10:00:00.000000" ,
a date,
.BR now ", " today ", " yesterday ,
a clock time today in the local zone
.RB ( 10:00 ", " 9:15:30 ),
a clock time on a named day
.RB ( "today 08:00" ", " "yesterday 18:00" ),
or an offset into the past, in units s, m/min, h/hr, d, w or spelled out, combined, with
an optional
.B ago
.RB ( 45s ", " 90min ", " 1h30m ", " "1 hour ago" ", " "2 days ago" ;
a leading minus is allowed). Events without a readable time are left out.)",
     time_words},
    {"--until", "TIME", filtering_group, "Only events before TIME (same forms as --since)",
     R"(Only events before
.IR TIME ,
written as for
.BR \-\-since .)",
     time_words},
    {"--utc", "", filtering_group, "Read timestamps without a zone as UTC and show times in UTC",
     R"(Read timestamps without a zone (such as the library's) as UTC, and show reformatted times
in UTC.)"},
    {"--local", "", filtering_group, "Read timestamps without a zone as local time and show local times (the default)",
     R"(Read timestamps without a zone as local time, and show reformatted times in local time (the
default).)"},

    {"-o,--output", "FORMAT", output_group,
     "Output format: pretty (the console layout), json (selected lines exactly as read), json-enriched "
     "(foundation's JSON layout, enriched and masked), logfmt, raw (the message only)",
     R"(.B pretty
(default) the console layout;
.B json
the selected lines exactly as read (no masking: nothing is re-serialised); when standard output
is a terminal, characters that must not reach it raw (DEL, C1 and bidi controls, U+2028/2029,
U+FFF9\(enU+FFFB, invisible format characters such as U+200B) are written as \eu escapes and a raw carriage return between tokens as a
space \(em the same JSON value; into a pipe or file the lines stay byte for byte;
.B json\-enriched
the library's JSON formatter layout, enriched and masked;
.B logfmt
key=value per field;
.B raw
the message only.)",
     words_of<output_names>},
    {"-k,--keys", "KEYS", output_group,
     "Show only these fields (comma-separated keys or dotted paths such as http.method)",
     R"(Show only these fields (comma-separated): top-level keys or dotted paths into nested objects,
as in
.BR \-\-query .
A path keeps its nesting in JSON output
.RB ( {"http":{"method":"GET"}} )
and is shown as
.B http.method=GET
in pretty and logfmt output. In pretty output the time, level, message and logger columns stay.)"},
    {"-x,--hide", "KEYS", output_group, "Do not show these fields (comma-separated keys or dotted paths)",
     "Do not show these fields (keys or dotted paths: -x http.headers removes that key from the http object); "
     "naming a column's key hides the column."},
    {"--time-format", "FORMAT", output_group, "Show times with this strftime FORMAT (%f microseconds, %L milliseconds)",
     R"(Show times with this strftime
.IR FORMAT ,
plus
.B %f
(microseconds) and
.B %L
(milliseconds). Epoch numbers are always shown as dates.)"},
    {"--paging", "WHEN", output_group,
     "Page the output with $PAGER (default less -R): auto (a terminal, files only), always, never",
     R"(.B auto
(default): when standard output is a terminal, every input is a regular file and logmoji is
not following, the output goes through
.B $PAGER
(default
.BR "less \-R" ;
LESS is set to FRX unless you set it; an empty PAGER or cat means none);
.BR always ;
.BR never .
Summaries are never paged, and a live stream (a pipe, standard input, a FIFO) never is with
.BR auto :
a pager would draw one screen and stop updating.)",
     words_of<paging_names>},
    {"-P", "", output_group, "Do not page (--paging never)", R"(The same as
.BR "\-\-paging never" .)"},
    {"-c,--count", "", output_group, "Print only the number of selected events (NAME:COUNT for each of several inputs)",
     R"(Print only the number of selected events; with several inputs, one line per input,
.IR NAME : COUNT ,
as grep \-c does
.RB ( \-\-no\-label :
one total). With
.BR "\-o json" " or " json\-enriched ,
one JSON object:
.B {"selected":N}
and, for several inputs, an
.B inputs
list of
.B {"name":NAME,"selected":N}
(see docs/outputs.md). Messages about invalid lines are not printed. Refused with
.BR \-f / \-F ,
which never end.)"},
    {"--stats", "", output_group,
     "Print statistics: counts per level and per logger, the first and last timestamp and the line accounting",
     R"(Print the line accounting, the first and last timestamp, and counts per level and per logger.
The logger table keeps the first 1,000 distinct loggers; later ones are counted together in an
(others) row, with an estimate of how many names they were. With
.B \-o json
the summary is one JSON object (see docs/outputs.md). Messages about invalid lines are not
printed: the summary counts them. Refused with
.BR \-f / \-F ,
which never end.)"},
    {"--quiet", "", output_group, "Print nothing; exit 0 at the first selected event, 1 if there is none",
     R"(Print nothing (no messages about invalid lines either); exit 0 at the first selected event
(also while following, and even when another input could not be read, as grep \-q does), 1 when
there is none.)"},
    {"-s,--no-messages", "", output_group, "No messages about single lines (invalid JSON, over-long), in any mode",
     R"(No messages about single lines (invalid JSON, over-long lines) nor their final count, in any
mode, as grep \-s keeps quiet about files. The summaries
.RB ( \-c ", " \-\-stats ", " \-\-quiet )
print none anyway unless
.B \-\-strict
makes them errors;
.B \-\-stats
counts invalid lines in its summary. Errors that end the run (a file that cannot be opened, a
bad option) are still reported, and the exit status is unchanged.)"},
    {"--color,--colour", "WHEN", output_group,
     "When to use colours: auto (a terminal, TERM not dumb, NO_COLOR unset; FORCE_COLOR forces), always, never",
     R"(.BR auto " (default: a terminal, TERM not dumb, NO_COLOR unset; FORCE_COLOR forces), " always
or
.BR never .)",
     words_of<color_names>},
    {"--omit-timestamp", "", output_group, "Do not show the timestamp column", "Do not show the timestamp column."},

    {"--config", "PATH", configuration_group,
     "Read this configuration file instead of $LOGMOJI_CONFIG or $XDG_CONFIG_HOME/logmoji/config.toml",
     R"(Read this configuration file (it must exist) instead of
.B $LOGMOJI_CONFIG
or the default one; see CONFIGURATION.)",
     nullptr, true},
    {"--no-config", "", configuration_group, "Read no configuration file", "Read no configuration file."},
    {"--print-config", "", configuration_group, "Print the effective configuration as TOML and exit",
     R"(Print the effective configuration (defaults, the configuration file and the command line
together) as TOML and exit. Saved as a configuration file it gives the same settings.)"},
    {"--theme", "NAME", configuration_group,
     "Colour theme: foundation (the default), plain, or one from the configuration file",
     R"(The colours:
.B foundation
(the default: the library's colours byte for byte),
.B plain
(no colours, bold level names and messages) or a theme of the configuration file.)",
     theme_words},

    {"-h,--help", "", help_group, "Show the options and exit", "Show the options and exit."},
    {"-V,--version", "", help_group, "Show the version and exit", "Show the version and exit."},
};

// Every option looks its entry up at every start, and the table's entries hold one or two names
// each: `name` (no comma in it) is the whole entry, its first name or its last, told apart by the
// sizes and where the comma is, with one compare and no search.
constexpr bool has_name(std::string_view names, std::string_view name) {
  std::size_t n = names.size(), m = name.size();
  if (n == m) return names == name;
  if (n < m + 2) return false;
  return (names[m] == ',' && names.starts_with(name)) || (names[n - m - 1] == ',' && names.ends_with(name));
}
static_assert(std::ranges::all_of(docs, [](const option_doc& d) { return std::ranges::count(d.names, ',') <= 1; }),
              "has_name reads entries of one or two names");

}  // namespace

std::span<const option_doc> option_docs() { return docs; }

const option_doc& option_doc_for(std::string_view name) {
  auto it =
      std::find_if(std::begin(docs), std::end(docs), [name](const option_doc& d) { return has_name(d.names, name); });
  if (it != std::end(docs)) return *it;
  std::fprintf(stderr, "logmoji: internal error: option %.*s is not in the option table\n",
               static_cast<int>(name.size()), name.data());
  std::abort();
}

std::string_view short_help(const option_doc& doc) {
  std::size_t end = doc.help.size();
  for (std::string_view stop : {": ", "; ", " ("}) end = std::min(end, doc.help.find(stop));
  return doc.help.substr(0, end);
}

}  // namespace logmoji
