#pragma once
// The parallel engine: the main thread opens the inputs; the workers take turns reading each into
// blocks of whole lines, run the pipeline on them and emit their output in input order (the
// worker that finishes the block due next writes it and any finished blocks after it). Within an
// input no block waits for another thread to be scheduled, and a block is parsed on the core
// that read it. Memory stays bounded by the blocks in flight (a count and a byte cap); a block
// is queued as soon as it holds a complete line, so a slow writer's lines are never held back.
// A signal stops every thread within one wait tick: queued blocks are dropped, not drained. The
// non-template parts are in run_parallel.cpp.

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "logmoji/input_labels.hpp"
#include "logmoji/inputs.hpp"
#include "logmoji/run.hpp"
#include "logmoji/signals.hpp"
#include "logmoji/sink_summary.hpp"
#include "logmoji/source.hpp"
#include "pipeline.hpp"

namespace logmoji {

/// Sinks whose output depends only on each line: they can run on blocks in parallel.
template <class S>
inline constexpr bool parallel_safe = !std::is_same_v<S, stats_sink> && !std::is_same_v<S, quiet_sink>;

namespace parallel {

/// A block and the output it renders (about 1.5 times its size) fit in a core's L2 cache
/// together. With 1 MiB blocks both went to memory and back: the workers spent 10 % more CPU
/// than one thread on the same lines (docs/decisions.md, stop 28).
inline constexpr std::size_t block_size = std::size_t{1} << 18;
/// Input bytes in flight at most (one block is always allowed, however long its line).
inline constexpr std::size_t max_bytes_in_flight = std::size_t{32} << 20;
/// How often a thread waiting on another looks for a signal.
inline constexpr std::chrono::milliseconds signal_tick{20};

/// A block's bytes: the reader reads straight into it and a worker frames it where it lies, so
/// no thread copies it. `size` bytes, then block_padding readable bytes; allocated
/// uninitialised (the reader clears the padding when it sends the block).
struct block_bytes {
  block_bytes() = default;
  explicit block_bytes(std::size_t room);
  /// Room for `to` bytes; the first `size` stay.
  void grow(std::size_t to);
  [[nodiscard]] padded_view view() const { return {{data.get(), size}}; }

  std::unique_ptr<char[]> data;
  std::size_t capacity = 0;
  std::size_t size = 0;
};

struct job {
  std::uint64_t seq = 0;
  std::size_t input = 0;  // index into the input names
  block_bytes bytes;
  bool input_start = false;
  bool at_end = false;
  // What is said of the input after these bytes (a notice, a read error), once they are written.
  std::vector<std::string> told;
};

struct result {
  std::size_t input = 0;
  std::size_t input_bytes = 0;  // the block's memory, counted in flight until written
  bool input_start = false;
  std::uint64_t lines = 0;  // the block's lines: its reports are numbered from 1, the writer adds those before
  std::string text;
  std::vector<std::string> told;
  run_state state;
  // The block's raw lines before its first event belong to the last event of the block before:
  // where they are in `text`, how many, and what the lines after this block share (-1: the
  // same as before it; 0 hidden; 1 shown).
  std::vector<std::pair<std::size_t, std::size_t>> pending;
  std::uint64_t pending_lines = 0;
  int verdict = -1;
};

/// What the worker writing blocks in order keeps between them. Only the worker that holds
/// board::writer_busy touches it; the mutex hands it from one to the next.
struct write_state {
  output& out;
  run_state& total;
  bool owner_shown = true;         // the fate of the last event written (a block's input start resets it)
  std::uint64_t lines_before = 0;  // the input's lines in the blocks already written
};

class input_splitter;  // run_parallel.cpp

/// The shared queues; every member is guarded by `m`.
struct board {
  board(unsigned threads, output& out, run_state& total)
      : max_in_flight(static_cast<std::size_t>(threads) * 4), writes{out, total} {}

  std::mutex m;
  std::condition_variable work, input_done;
  std::deque<std::unique_ptr<job>> queue;
  std::map<std::uint64_t, std::unique_ptr<result>> finished;
  std::deque<std::string> names;
  // Buffers of blocks and of results already done with, reused so that a block costs no
  // allocation and no fresh page (at most max_in_flight of each are kept).
  std::vector<block_bytes> spare_blocks;
  std::vector<std::string> spare_texts;
  std::vector<std::uint64_t> selected;  // by input: -c counts each of several inputs
  std::uint64_t next_seq = 0;
  std::uint64_t next_write = 0;  // the block due next in the output
  bool writer_busy = false;      // a worker is writing blocks; it writes any that finish meanwhile
  std::size_t in_flight = 0;
  std::size_t bytes_in_flight = 0;
  std::size_t max_in_flight;
  input_splitter* source = nullptr;  // the input being read, while the main thread waits for its end
  bool source_busy = false;          // a worker reads it (read_next)
  bool source_ended = false;
  bool closing = false;   // every input has been read
  bool stopping = false;  // a signal or a write error: drop what is queued
  write_state writes;

  /// Whether a worker may read the next block: one at a time, and with room for it.
  [[nodiscard]] bool can_read() const {
    return source && !source_busy && !source_ended && in_flight < max_in_flight &&
           bytes_in_flight + block_size <= max_bytes_in_flight;
  }

  /// Whether the run stops: a signal arrived (it is noted) or a write failed. Under `m`.
  bool must_stop() {
    if (pending_signal()) stopping = true;
    return stopping;
  }

  /// Waits on `cv` until `ready()` or stopping; looks for a signal every tick. Returns false
  /// when stopping.
  template <class Ready>
  bool wait(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, Ready ready) {
    for (;;) {
      if (must_stop()) return false;
      if (ready()) return true;
      cv.wait_for(lock, signal_tick);
    }
  }
};

/// Called with `lock` held, by the worker that just finished block b.next_write while no other
/// writes: writes it and the finished blocks following it in order, adding their counts and
/// reports to the total.
void write_finished(board& b, std::unique_lock<std::mutex>& lock);
/// Called by the worker that set board::source_busy: reads the input until a block is ready or
/// the input ends. Returns the first block read, for the caller to parse while it is in this
/// core's cache (null at the end); queues any others.
std::unique_ptr<job> read_next(board& b);
/// Lets the workers read one input into blocks of whole lines and waits until they have; false
/// when stopping.
bool read_blocks(const options& opts, board& b, byte_source& src, std::size_t input, run_state& state);
/// Tells every thread that no more blocks come.
void close_board(board& b);

/// Puts `label` in front of each line of `text` where it lies, as append_labelled does into
/// another buffer: a worker keeps no second copy of its block's output.
void label_lines(std::string& text, std::string_view label);

template <sink Sink>
void worker(const plan& p, const Sink& proto, board& b, const input_labels* labels) {
  Sink sink = proto;
  output out = output::in_memory();
  pipeline<Sink> pipe(p, sink, out, true);
  for (;;) {
    std::unique_ptr<job> j;
    {
      std::unique_lock lock(b.m);
      if (!b.wait(lock, b.work, [&] { return !b.queue.empty() || b.can_read() || b.closing; })) return;
      if (!b.queue.empty()) {
        j = std::move(b.queue.front());
        b.queue.pop_front();
      } else if (b.can_read()) {
        b.source_busy = true;
      } else {
        return;  // closing
      }
    }
    // A queued block is parsed first: blocks are read only as the workers need them.
    if (!j && !(j = read_next(b))) continue;
    std::string text;  // a written result's buffer: its capacity is there already
    std::string_view name;
    {
      std::lock_guard lock(b.m);
      name = b.names[j->input];  // deque elements never move
      if (!b.spare_texts.empty()) {
        text = std::move(b.spare_texts.back());
        b.spare_texts.pop_back();
      }
    }
    auto r = std::make_unique<result>();
    r->input = j->input;
    r->input_bytes = j->bytes.capacity;
    r->input_start = j->input_start;
    r->told = std::move(j->told);
    out.buffer().swap(text);
    // Lines are numbered from the block's start: the writer knows how many came before it.
    pipe.process_block(name, j->bytes.view(), j->input_start, 1, j->at_end, r->state);
    r->lines = pipe.block_lines();
    r->pending = pipe.pending();
    r->pending_lines = pipe.pending_lines();
    r->verdict = pipe.verdict_at_end();
    // A block holds one input's lines: every line of its output gets that input's label, which
    // moves each pending range by one label per line before it.
    if (labels) {
      std::string_view label = labels->for_name(name);
      const std::string& rendered = out.buffer();
      auto shifted = [&](std::size_t at) {
        auto lines = static_cast<std::size_t>(
            std::count(rendered.begin(), rendered.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        return at + lines * label.size();
      };
      for (auto& range : r->pending) range = {shifted(range.first), shifted(range.second)};
      for (auto& report : r->state.reports) report.at = shifted(report.at);
      label_lines(out.buffer(), label);
    }
    r->text.swap(out.buffer());
    std::unique_lock lock(b.m);
    // The next read fills this block's buffer (a grown one is let go).
    if (j->bytes.capacity == block_size && b.spare_blocks.size() < b.max_in_flight)
      b.spare_blocks.push_back(std::move(j->bytes));
    std::uint64_t seq = j->seq;
    b.finished.emplace(seq, std::move(r));
    // A block that is not due yet waits in `finished`: whoever writes the one before takes it.
    if (seq == b.next_write && !b.writer_busy) write_finished(b, lock);
  }
}

}  // namespace parallel

template <sink Sink>
int run_parallel(const plan& p, Sink& proto, output& out, unsigned threads, const input_labels* labels) {
  run_state total;
  if (!line_messages(p.opts)) total.silence_line_reports();
  parallel::board b(threads, out, total);
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads; ++i)
    workers.emplace_back(parallel::worker<Sink>, std::cref(p), std::cref(proto), std::ref(b), labels);
  run_state reading;
  bool opened = for_each_input(p.opts.source, [&](byte_source& src) {
    std::size_t index;
    {
      std::lock_guard lock(b.m);
      b.names.emplace_back(src.name());
      index = b.names.size() - 1;
    }
    return parallel::read_blocks(p.opts, b, src, index, reading);
  });
  parallel::close_board(b);
  for (auto& t : workers) t.join();
  out.flush();
  stop_if_signalled();
  total.failed = reading.failed || (!opened && !b.stopping);
  if constexpr (std::is_same_v<Sink, count_sink>) {
    b.selected.resize(b.names.size());
    for (std::size_t i = 0; i < b.names.size(); ++i) proto.add_input(b.names[i], b.selected[i]);
  }
  proto.finish(total.counts, out);
  return finish_run(p.opts, total, out, !Sink::shows_raw_lines || p.opts.strict, Sink::shows_raw_lines);
}

}  // namespace logmoji
