// The parallel engine's reader and writer.
#include "run_parallel.hpp"

#include <cerrno>
#include <cstring>

#include "logmoji/diagnostics.hpp"
#include "logmoji/envelope.hpp"
#include "logmoji/inputs.hpp"
#include "logmoji/signals.hpp"

namespace logmoji::parallel {
namespace {

// Queues a block once there is room (by count and by bytes); false when stopping.
bool dispatch(board& b, std::unique_ptr<job> j) {
  std::unique_lock lock(b.m);
  std::size_t size = j->bytes.size();
  bool room = b.wait(lock, b.space, [&] {
    return b.in_flight == 0 || (b.in_flight < b.max_in_flight && b.bytes_in_flight + size <= max_bytes_in_flight);
  });
  if (!room) return false;
  j->seq = b.next_seq++;
  ++b.in_flight;
  b.bytes_in_flight += size;
  b.queue.push_back(std::move(j));
  b.work.notify_one();
  return true;
}

// How many bytes at the end of `block` (whole lines) are split envelope lines waiting for
// their continuation.
std::size_t continuing_tail(input_format format, std::string_view block) {
  if (format == input_format::json) return 0;
  std::size_t end = block.size();  // just past a '\n'
  while (end > 0) {
    std::size_t nl = end >= 2 ? block.rfind('\n', end - 2) : std::string_view::npos;
    std::size_t start = nl == std::string_view::npos ? 0 : nl + 1;
    if (!envelope_may_continue(format, block.substr(start, end - 1 - start))) break;
    end = start;
  }
  return block.size() - end;
}

}  // namespace

namespace {

// The block's output, without its leading raw lines when the event they belong to was hidden;
// returns how many lines that hid.
std::uint64_t append_result(std::string& buf, const result& r, bool owner_shown) {
  if (owner_shown || r.pending_lines == 0) {
    buf += r.text;
    return 0;
  }
  std::size_t from = 0;
  for (const auto& [begin, end] : r.pending) {
    buf.append(r.text, from, begin - from);
    from = end;
  }
  buf.append(r.text, from, std::string::npos);
  return r.pending_lines;
}

}  // namespace

void writer(board& b, output& out, run_state& total) {
  bool owner_shown = true;  // the fate of the last event written (a block's input start resets it)
  for (std::uint64_t written = 0;; ++written) {
    std::unique_ptr<result> r;
    {
      std::unique_lock lock(b.m);
      auto ready = [&] { return b.finished.count(written) > 0 || (b.closing && written == b.next_seq); };
      if (!b.wait(lock, b.done, ready)) return;
      auto it = b.finished.find(written);
      if (it == b.finished.end()) return;
      r = std::move(it->second);
      b.finished.erase(it);
    }
    std::uint64_t hidden = append_result(out.buffer(), *r, owner_shown);
    if (r->verdict >= 0) owner_shown = r->verdict == 1;
    bool ok = out.flush();
    std::lock_guard lock(b.m);
    r->state.counts.hidden += hidden;
    std::size_t before = r->state.reports.size();
    for (std::size_t i = 0; i < before && total.reported < invalid_reports; ++i, ++total.reported)
      report_at(b.names[r->input], r->state.reports[i].line, r->state.reports[i].message);
    r->state.reports.clear();
    // A read error is told after the lines read before it, as the one-thread path tells it.
    if (!r->failure.empty()) report(r->failure);
    if (b.selected.size() <= r->input) b.selected.resize(r->input + 1);
    b.selected[r->input] += r->state.counts.selected;
    total.add(r->state);
    --b.in_flight;
    b.bytes_in_flight -= r->input_bytes;
    if (!ok) b.stopping = true;
    b.space.notify_all();
  }
}

void close_board(board& b) {
  {
    std::lock_guard lock(b.m);
    b.closing = true;
  }
  b.work.notify_all();
  b.done.notify_all();
}

// Splits the input at the last newline of each read, so every byte is looked at once (a long
// line costs linear time). A line longer than the cap is sent on its own (the worker's framer
// cuts and reports it) and its rest is skipped up to the next newline.
bool read_blocks(const source_options& opts, board& b, byte_source& src, std::size_t input, run_state& state) {
  std::string pending;
  std::uint64_t line = 1;
  bool input_start = true;
  bool skipping = false;
  std::string failure;
  auto send = [&](std::string bytes, bool at_end) {
    auto j = std::make_unique<job>();
    if (at_end) j->failure = std::move(failure);
    j->input = input;
    j->bytes = std::move(bytes);
    j->first_line = line;
    j->input_start = input_start;
    j->at_end = at_end;
    line += static_cast<std::uint64_t>(std::count(j->bytes.begin(), j->bytes.end(), '\n'));
    input_start = false;
    return dispatch(b, std::move(j));
  };
  std::vector<char> buf(block_size);
  for (;;) {
    long got = src.read(buf.data(), buf.size());
    {
      std::lock_guard lock(b.m);
      if (pending_signal()) b.stopping = true;
      if (b.stopping) return false;
    }
    if (got < 0) {
      failure = read_error_message(src, static_cast<int>(-got));
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
    const void* last = ::memrchr(chunk.data(), '\n', chunk.size());
    if (last) {
      std::size_t cut = static_cast<std::size_t>(static_cast<const char*>(last) - chunk.data()) + 1;
      pending.append(chunk.substr(0, cut));
      // Split envelope lines stay with their continuation, in the next block.
      std::size_t keep = continuing_tail(opts.input, pending);
      if (keep < pending.size()) {
        std::string block = std::move(pending);
        pending.assign(block, block.size() - keep);
        block.resize(block.size() - keep);
        pending.append(chunk.substr(cut));
        if (!send(std::move(block), false)) return false;
      } else {
        pending.append(chunk.substr(cut));
      }
    } else {
      pending.append(chunk);
    }
    // A chain of split lines longer than the cap goes as it is: the worker shows it raw.
    if (pending.size() > opts.max_line_size + framing_bytes) {
      auto nl = pending.rfind('\n');
      if (nl != std::string::npos) {
        std::string block = pending.substr(0, nl + 1);
        pending.erase(0, nl + 1);
        if (!send(std::move(block), false)) return false;
      }
    }
    // A BOM and the CR of CRLF do not count toward the cap: the framer cuts the line as it
    // would whole when it gets framing_bytes more.
    if (pending.size() > opts.max_line_size + framing_bytes) {
      pending.resize(opts.max_line_size + framing_bytes + 1);
      if (!send(std::move(pending), false)) return false;
      pending.clear();
      ++line;
      skipping = true;
    }
  }
  // Everything read before a failure is still shown, its unfinished last line included.
  if (!pending.empty() || input_start || !failure.empty()) return send(std::move(pending), true);
  return true;
}

}  // namespace logmoji::parallel
