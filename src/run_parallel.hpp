#pragma once
// The parallel engine: the main thread reads blocks of whole lines, workers run the pipeline on
// them, a writer thread emits their output in input order. Memory stays bounded by the number of
// blocks in flight; a block is dispatched as soon as it holds a complete line, so a slow writer's
// lines are never held back.

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "logmoji/signals.hpp"
#include "logmoji/source.hpp"
#include "pipeline.hpp"

namespace logmoji {

/// "NAME: read error: …", or the source's own account of a failure (corrupt compressed data).
void report_read_error(const byte_source& src, int error);
/// True when `path` is the file standard output writes to.
bool is_output_file(const std::string& path);
/// Opens each input in turn (reporting those that cannot be opened) and hands it to `body`;
/// stops early when `body` returns false.
bool for_each_input(const options& opts, run_state& state, const std::function<bool(byte_source&)>& body);
/// Final flush, the invalid-line count, and the exit status.
int finish_run(const options& opts, const run_state& state, output& out, bool reported, bool shown);

/// Sinks whose output depends only on each line: they can run on blocks in parallel.
template <class S>
inline constexpr bool parallel_safe = !std::is_same_v<S, stats_sink> && !std::is_same_v<S, quiet_sink>;

namespace parallel {

inline constexpr std::size_t block_size = std::size_t{1} << 20;

struct job {
  std::uint64_t seq = 0;
  std::size_t input = 0;  // index into the input names
  std::string bytes;
  std::uint64_t first_line = 1;
  bool input_start = false;
  bool at_end = false;
};

struct result {
  std::size_t input = 0;
  std::string text;
  run_state state;
};

/// The shared queues; every member is guarded by `m`.
struct board {
  std::mutex m;
  std::condition_variable work, done, space;
  std::deque<std::unique_ptr<job>> queue;
  std::map<std::uint64_t, std::unique_ptr<result>> finished;
  std::deque<std::string> names;
  std::uint64_t next_seq = 0;
  std::size_t in_flight = 0;
  std::size_t max_in_flight = 8;
  bool closing = false;
  bool write_failed = false;
};

template <sink Sink>
void worker(const options& opts, const Sink& proto, board& b) {
  Sink sink = proto;
  output out = output::in_memory();
  pipeline<Sink> pipe(opts, sink, out, true);
  for (;;) {
    std::unique_ptr<job> j;
    {
      std::unique_lock lock(b.m);
      b.work.wait(lock, [&] { return !b.queue.empty() || b.closing; });
      if (b.queue.empty()) return;
      j = std::move(b.queue.front());
      b.queue.pop_front();
    }
    auto r = std::make_unique<result>();
    r->input = j->input;
    std::string_view name;
    {
      std::lock_guard lock(b.m);
      name = b.names[j->input];  // deque elements never move
    }
    pipe.process_block(name, j->bytes, j->input_start, j->first_line, j->at_end, r->state);
    r->text.swap(out.buffer());
    std::lock_guard lock(b.m);
    b.finished.emplace(j->seq, std::move(r));
    b.done.notify_all();
  }
}

// Writes results in sequence order and merges their counts and reports into `total`.
inline void writer(board& b, output& out, run_state& total, std::uint64_t& written) {
  for (;;) {
    std::unique_ptr<result> r;
    {
      std::unique_lock lock(b.m);
      b.done.wait(lock, [&] { return b.finished.count(written) || (b.closing && written == b.next_seq); });
      auto it = b.finished.find(written);
      if (it == b.finished.end()) return;
      r = std::move(it->second);
      b.finished.erase(it);
    }
    if (!out.error()) {
      out.buffer() += r->text;
      out.flush();
    }
    const run_state& s = r->state;
    total.counts.selected += s.counts.selected;
    total.counts.filtered += s.counts.filtered;
    total.counts.invalid += s.counts.invalid;
    total.counts.blank += s.counts.blank;
    total.strict_violation = total.strict_violation || s.strict_violation;
    std::lock_guard lock(b.m);
    for (const auto& rep : s.reports) {
      if (total.reported >= invalid_reports) break;
      ++total.reported;
      report_at(b.names[r->input], rep.line, rep.message);
    }
    ++written;
    --b.in_flight;
    b.write_failed = out.error() != 0;
    b.space.notify_all();
  }
}

inline void dispatch(board& b, std::unique_ptr<job> j) {
  std::unique_lock lock(b.m);
  b.space.wait(lock, [&] { return b.in_flight < b.max_in_flight; });
  j->seq = b.next_seq++;
  ++b.in_flight;
  b.queue.push_back(std::move(j));
  b.work.notify_one();
}

// Reads one input into blocks of whole lines. A line longer than the cap is sent on its own
// (the worker's framer cuts and reports it) and its rest is skipped up to the next newline.
inline bool read_blocks(const options& opts, board& b, byte_source& src, std::size_t input, run_state& state) {
  std::string pending;
  std::uint64_t line = 1;
  bool input_start = true;
  bool skipping = false;
  auto send = [&](std::string bytes, bool at_end) {
    auto j = std::make_unique<job>();
    j->input = input;
    j->bytes = std::move(bytes);
    j->first_line = line;
    j->input_start = input_start;
    j->at_end = at_end;
    line += static_cast<std::uint64_t>(std::count(j->bytes.begin(), j->bytes.end(), '\n'));
    input_start = false;
    dispatch(b, std::move(j));
  };
  std::vector<char> buf(block_size);
  for (;;) {
    long got = src.read(buf.data(), buf.size());
    if (pending_signal()) return false;
    {
      std::lock_guard lock(b.m);
      if (b.write_failed) return false;
    }
    if (got == -EINTR || got == -EAGAIN) continue;
    if (got < 0) {
      report_read_error(src, static_cast<int>(-got));
      state.failed = true;
      break;
    }
    if (got == 0) break;
    std::string_view chunk(buf.data(), static_cast<std::size_t>(got));
    if (skipping) {
      auto nl = chunk.find('\n');
      if (nl == std::string_view::npos) continue;
      chunk.remove_prefix(nl + 1);
      skipping = false;
    }
    pending.append(chunk);
    auto last = pending.rfind('\n');
    if (last != std::string::npos) {
      std::string rest = pending.substr(last + 1);
      pending.resize(last + 1);
      send(std::move(pending), false);
      pending = std::move(rest);
    }
    if (pending.size() > opts.source.max_line_size + framing_bytes) {
      pending.resize(opts.source.max_line_size + framing_bytes + 1);
      send(std::move(pending), false);
      pending.clear();
      ++line;
      skipping = true;
    }
  }
  if (!pending.empty() || input_start) send(std::move(pending), true);
  return true;
}

}  // namespace parallel

template <sink Sink>
int run_parallel(const options& opts, Sink& proto, output& out, unsigned threads) {
  parallel::board b;
  b.max_in_flight = static_cast<std::size_t>(threads) * 4;
  run_state total;
  std::uint64_t written = 0;
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads; ++i) workers.emplace_back(parallel::worker<Sink>, std::cref(opts), std::cref(proto), std::ref(b));
  std::thread write_thread(parallel::writer, std::ref(b), std::ref(out), std::ref(total), std::ref(written));
  run_state reading;
  for_each_input(opts, reading, [&](byte_source& src) {
    std::size_t index;
    {
      std::lock_guard lock(b.m);
      b.names.emplace_back(src.name());
      index = b.names.size() - 1;
    }
    return parallel::read_blocks(opts, b, src, index, reading);
  });
  {
    std::lock_guard lock(b.m);
    b.closing = true;
  }
  b.work.notify_all();
  b.done.notify_all();
  for (auto& t : workers) t.join();
  write_thread.join();
  if (int sig = pending_signal()) {
    out.flush();
    die_by_signal(sig);
  }
  total.failed = reading.failed;
  proto.finish(total.counts, out);
  return finish_run(opts, total, out, !Sink::shows_raw_lines || opts.strict, Sink::shows_raw_lines);
}

}  // namespace logmoji
