// The parallel engine's reading of inputs into blocks, and the writing of finished blocks in
// order.
#include "run_parallel.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "logmoji/diagnostics.hpp"
#include "logmoji/envelope.hpp"
#include "logmoji/inputs.hpp"
#include "logmoji/signals.hpp"

namespace logmoji::parallel {
namespace {

// How many bytes at the end of `block` (whole lines) are split envelope lines waiting for
// their continuation. Its first `held` bytes are such lines already (the chain held from the
// last read): they are not looked at again, or a long chain read from a pipe a few KiB at a
// time would cost time quadratic in its length (a 24 MB line: 16 s). A line the framer cuts as
// longer than `max_line` waits for nothing: it ends the chain before it.
std::size_t continuing_tail(input_format format, std::string_view block, std::size_t held, std::size_t max_line) {
  if (format == input_format::json) return 0;
  max_line = std::max(max_line, line_framer::least_max_line);
  std::size_t end = block.size();  // just past a '\n'
  while (end > held) {
    std::size_t nl = end >= 2 ? block.rfind('\n', end - 2) : std::string_view::npos;
    std::size_t start = nl == std::string_view::npos ? 0 : nl + 1;
    std::string_view line = block.substr(start, end - 1 - start);
    if (line.size() - (line.ends_with('\r') ? 1 : 0) > max_line || !envelope_may_continue(format, line))
      return block.size() - end;
    end = start;
  }
  return block.size();
}

}  // namespace

namespace {

// The block's output from `from` to `to` into `buf`, without its leading raw lines (`pending`)
// when their event was hidden.
void append_kept(std::string& buf, const result& r, std::size_t from, std::size_t to) {
  for (const auto& [begin, end] : r.pending) {
    if (end <= from) continue;
    if (begin >= to) break;
    if (begin > from) buf.append(r.text, from, begin - from);
    from = end;
  }
  if (from < to) buf.append(r.text, from, to - from);
}

// Tells one line report, numbered in its input, as far as the allowance goes.
void tell_report(write_state& w, std::string_view name, const line_report& report) {
  if (w.total.reported >= invalid_reports) return;
  ++w.total.reported;
  report_at(name, w.lines_before + report.line, report.message);
}

// Writes a block's output, each line report told where it was made (as one thread tells it):
// straight from the worker's buffer, or, when the block's leading raw lines belong to a hidden
// event, without them. Returns how many lines that hid.
std::uint64_t write_result(write_state& w, std::string_view name, const result& r, bool& ok) {
  const bool cut = !w.owner_shown && r.pending_lines != 0;
  std::size_t from = 0;
  auto write_to = [&](std::size_t to) {
    if (cut) {
      append_kept(w.out.buffer(), r, from, to);
      ok = w.out.flush() && ok;
    } else {
      ok = w.out.write(std::string_view(r.text).substr(from, to - from)) && ok;
    }
    from = to;
  };
  for (const line_report& report : r.state.reports) {
    write_to(report.at);
    tell_report(w, name, report);
  }
  write_to(r.text.size());
  return cut ? r.pending_lines : 0;
}

}  // namespace

void write_finished(board& b, std::unique_lock<std::mutex>& lock) {
  b.writer_busy = true;
  write_state& w = b.writes;
  for (;;) {
    if (b.must_stop()) break;
    auto it = b.finished.find(b.next_write);
    if (it == b.finished.end()) break;
    std::unique_ptr<result> r = std::move(it->second);
    b.finished.erase(it);
    // (A deque's elements stay where they are as names are added; its index may not.)
    std::string_view name = b.names[r->input];
    lock.unlock();
    if (r->input_start) w.lines_before = 0;
    bool ok = true;
    std::uint64_t hidden = write_result(w, name, *r, ok);
    if (r->verdict >= 0) w.owner_shown = r->verdict == 1;
    lock.lock();
    ++b.next_write;
    r->state.counts.hidden += hidden;
    r->state.reports.clear();
    w.lines_before += r->lines;
    // A read error is told after the lines read before it, as the one-thread path tells it.
    for (const auto& message : r->told) report(message);
    if (b.selected.size() <= r->input) b.selected.resize(r->input + 1);
    b.selected[r->input] += r->state.counts.selected;
    w.total.add(r->state);
    --b.in_flight;
    b.bytes_in_flight -= r->input_bytes;
    if (b.spare_texts.size() < b.max_in_flight) {
      r->text.clear();
      b.spare_texts.push_back(std::move(r->text));
    }
    if (!ok) b.stopping = true;
    // This worker reads next itself; another one waits for room only when every block in
    // flight was queued at once, and its wait looks again every signal_tick anyway.
    if (b.in_flight <= b.max_in_flight / 2 || b.stopping) b.work.notify_one();
  }
  b.writer_busy = false;
}

void label_lines(std::string& text, std::string_view label) {
  if (text.empty() || label.empty()) return;
  // A line starts at 0 and after every newline but a last one.
  auto starts = static_cast<std::size_t>(std::count(text.begin(), text.end() - 1, '\n')) + 1;
  std::size_t end = text.size();
  text.resize(end + starts * label.size());
  // From the last line back: each moves to its final place before anything lands on it.
  char* d = text.data();
  std::size_t to = text.size();
  while (end > 0) {
    const void* nl = ::memrchr(d, '\n', end - 1);
    std::size_t start = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - d) + 1 : 0;
    to -= end - start;
    std::memmove(d + to, d + start, end - start);
    to -= label.size();
    std::memcpy(d + to, label.data(), label.size());
    end = start;
  }
}

void close_board(board& b) {
  {
    std::lock_guard lock(b.m);
    b.closing = true;
  }
  b.work.notify_all();
}

block_bytes::block_bytes(std::size_t room)
    : data(std::make_unique_for_overwrite<char[]>(room + block_padding)), capacity(room) {}

void block_bytes::grow(std::size_t to) {
  block_bytes bigger(to);
  if (size > 0) std::memcpy(bigger.data.get(), data.get(), size);
  bigger.size = size;
  *this = std::move(bigger);
}

namespace {

// A buffer for the next block with room for `need` bytes: a spare one when it fits.
block_bytes take_block(board& b, std::size_t need) {
  {
    std::lock_guard lock(b.m);
    if (!b.spare_blocks.empty() && need <= b.spare_blocks.back().capacity) {
      block_bytes spare = std::move(b.spare_blocks.back());
      b.spare_blocks.pop_back();
      spare.size = 0;
      return spare;
    }
  }
  return block_bytes(std::max(block_size, 2 * need));
}

}  // namespace

// One input's blocks: bytes are read into the block being filled, which is queued as soon as it
// holds a whole line; the bytes after its cut start the next block. The workers take turns
// reading (board::source_busy), so a block is read on the core that will most likely parse it.
class input_splitter {
public:
  input_splitter(const options& opts, board& b, byte_source& src, std::size_t input, run_state& state)
      : opts_(opts), b_(b), src_(src), input_(input), state_(state), cur_(take_block(b, 0)) {}

  // Reads until a block is ready or the input ends; the blocks are in `read()`, in order. Splits the input at the last
  // newline of each read, so every byte is looked at once (a long line costs linear time). A line longer than the cap
  // is sent on its own (the worker's framer cuts and reports it) and its rest is skipped up to the next newline.
  void read_some() {
    while (read_.empty()) {
      if (cur_.size == cur_.capacity) cur_.grow(2 * cur_.capacity);
      long got = src_.read(cur_.data.get() + cur_.size, cur_.capacity - cur_.size);
      {
        std::lock_guard lock(b_.m);
        if (b_.must_stop()) return;
      }
      if (got < 0) {
        told_.push_back(read_error_message(src_, static_cast<int>(-got)));
        state_.failed = true;
      }
      if (got <= 0) return finish();
      take(static_cast<std::size_t>(got));
    }
  }

  [[nodiscard]] bool ended() const { return ended_; }
  std::vector<std::unique_ptr<job>>& read() { return read_; }

private:
  // Everything read before a failure is still shown, its unfinished last line included.
  void finish() {
    if (std::string notice = notice_message(src_, opts_); !notice.empty())
      told_.insert(told_.begin(), std::move(notice));
    if (cur_.size > 0 || input_start_ || !told_.empty()) send(cur_.size, true);
    ended_ = true;
  }

  // `got` bytes were read after the block's first cur_.size.
  void take(std::size_t got) {
    char* fresh = cur_.data.get() + cur_.size;
    if (skipping_) {
      auto* nl = static_cast<char*>(std::memchr(fresh, '\n', got));
      if (!nl) return;
      std::size_t skipped = static_cast<std::size_t>(nl - fresh) + 1;
      got -= skipped;
      std::memmove(fresh, nl + 1, got);
      skipping_ = false;
    }
    cur_.size += got;
    if (const void* last = ::memrchr(fresh, '\n', got)) {
      std::size_t cut = static_cast<std::size_t>(static_cast<const char*>(last) - cur_.data.get()) + 1;
      // Split envelope lines stay with their continuation, in the next block.
      std::size_t keep = continuing_tail(opts_.source.input, {cur_.data.get(), cut}, held_, opts_.source.max_line_size);
      std::size_t counted = held_;  // the held lines whose text is in held_text_
      if (keep < cut) {
        send(cut - keep, false);
        counted = 0;
      }
      held_ = keep;  // the block now starts with them
      count_held(counted);
    }
    std::size_t cap = opts_.source.max_line_size + framing_bytes;
    // A chain whose records are many times its text (tiny parts, escapes) goes as it is once it
    // holds that much, so that memory stays bounded by the cap: the worker shows it raw.
    if (held_ > 0 && cur_.size > (cap > SIZE_MAX / held_bytes_per_cap ? SIZE_MAX : held_bytes_per_cap * cap))
      send(held_, false);
    // A BOM and the CR of CRLF do not count toward the cap: the framer cuts the line as it
    // would whole when it gets framing_bytes more. The held chain goes with the cut line: the
    // envelope stage gives it up before an over-long line.
    if (cur_.size - held_ > cap) {
      cur_.size = held_ + cap + 1;
      skipping_ = true;
      send(cur_.size, false);
    }
  }

  // The held lines from byte `from` on join the text of the split line they continue. At the
  // part that makes that text longer than --max-line-size, the envelope stage gives the line up
  // (cut), and the next part starts a new line: the block ends right after the last such part,
  // where one thread gives it up too (the worker gives up the ones before it alike). One block a
  // read, and each line counted once (a long chain read a few KiB at a time; a send per part
  // copied the rest each time and queued a block each: quadratic, and past the in-flight cap).
  void count_held(std::size_t from) {
    std::size_t cut = 0;
    while (from < held_) {
      const char* start = cur_.data.get() + from;
      const auto* nl = static_cast<const char*>(std::memchr(start, '\n', held_ - from));
      from = static_cast<std::size_t>(nl - cur_.data.get()) + 1;
      held_text_ += continuing_part_size(opts_.source.input, {start, static_cast<std::size_t>(nl - start)}).value_or(0);
      if (held_text_ > opts_.source.max_line_size) {
        cut = from;
        held_text_ = 0;
      }
    }
    if (cut == 0) return;
    std::size_t rest = held_ - cut, text = held_text_;
    send(cut, false);
    held_ = rest;
    held_text_ = text;
  }

  // Sends the block's first `n` bytes; the rest starts the next block.
  void send(std::size_t n, bool at_end) {
    held_ = 0;  // what the next block starts with is the caller's to say
    held_text_ = 0;
    auto j = std::make_unique<job>();
    if (!at_end) {
      block_bytes next = take_block(b_, cur_.size - n);
      next.size = cur_.size - n;
      if (next.size > 0) std::memcpy(next.data.get(), cur_.data.get() + n, next.size);
      cur_.size = n;
      j->bytes = std::move(cur_);
      cur_ = std::move(next);
    } else {
      j->bytes = std::move(cur_);
      j->told = std::move(told_);
    }
    // What the parser may read past the block's end (its padding) holds no stale bytes.
    std::memset(j->bytes.data.get() + j->bytes.size, 0, block_padding);
    j->input = input_;
    j->input_start = input_start_;
    j->at_end = at_end;
    input_start_ = false;
    read_.push_back(std::move(j));
  }

  const options& opts_;
  board& b_;
  byte_source& src_;
  std::size_t input_;
  run_state& state_;
  block_bytes cur_;
  std::vector<std::unique_ptr<job>> read_;
  bool input_start_ = true;
  bool skipping_ = false;
  bool ended_ = false;
  std::size_t held_ = 0;       // cur_ starts with this many bytes of split lines waiting (whole lines)
  std::size_t held_text_ = 0;  // the text they join (continuing_part_size)
  // How many bytes of records a held chain may take per byte of the cap (see take()).
  static constexpr std::size_t held_bytes_per_cap = 4;
  std::vector<std::string> told_;
};

std::unique_ptr<job> read_next(board& b) {
  b.source->read_some();
  std::lock_guard lock(b.m);
  b.source_busy = false;
  if (b.source->ended()) b.source_ended = true;
  if (b.source_ended || b.stopping) b.input_done.notify_all();
  // Room was checked before the read (board::can_read): one read makes at most a few blocks,
  // so the count and byte caps hold within those.
  std::unique_ptr<job> first;
  for (auto& j : b.source->read()) {
    j->seq = b.next_seq++;
    ++b.in_flight;
    b.bytes_in_flight += j->bytes.capacity;  // what the block holds in memory
    if (first)
      b.queue.push_back(std::move(j));
    else
      first = std::move(j);
  }
  b.source->read().clear();
  // Another worker may wait to read, or for a block left in the queue.
  b.work.notify_one();
  return first;
}

bool read_blocks(const options& opts, board& b, byte_source& src, std::size_t input, run_state& state) {
  input_splitter splitter(opts, b, src, input, state);
  std::unique_lock lock(b.m);
  b.source = &splitter;
  b.source_ended = false;
  b.work.notify_all();
  bool ended = b.wait(lock, b.input_done, [&] { return b.source_ended; });
  // The splitter outlives the worker still reading from it when a signal stops the run.
  while (b.source_busy) b.input_done.wait_for(lock, signal_tick);
  b.source = nullptr;
  return ended;
}

}  // namespace logmoji::parallel
