// Docker's json-file records: {"log":"text\n","stream":"stdout","time":"…"}, with "attrs" when
// --log-opt labels or env are set. Docker splits a line longer than 16 KiB into several records;
// only the last one's log ends in "\n".
#include <string_view>

#include "envelope_internal.hpp"

namespace logmoji::envelope_detail {

bool read_docker(stage_state& s, std::string_view name, std::string_view bytes, std::uint64_t number) {
  if (s.outer.parse(bytes, s.outer_ev, s.block).kind != line_kind::event) return false;
  const event& ev = s.outer_ev;
  std::uint32_t log = no_node, stream = no_node, time = no_node, attrs = no_node;
  for (auto i : ev.fields) {
    const node& n = ev.tape[i];
    std::uint32_t* slot = n.key == "log"      ? &log
                          : n.key == "stream" ? &stream
                          : n.key == "time"   ? &time
                          : n.key == "attrs"  ? &attrs
                                              : nullptr;
    // Any other member: this is an application's own object that happens to start with "log".
    if (!slot) return false;
    *slot = i;
  }
  if (!kind_is(ev, log, value_kind::string) || !kind_is(ev, stream, value_kind::string) ||
      !kind_is(ev, time, value_kind::string))
    return false;
  if (attrs != no_node && ev.tape[attrs].kind != value_kind::object) return false;
  std::string_view text = ev.tape[log].text;
  bool last = text.ends_with('\n');
  if (last) text.remove_suffix(1);
  s.scratch.clear();
  if (attrs != no_node) {
    members m(s.scratch);
    for (std::uint32_t i = attrs + 1; i < ev.tape[attrs].end; i = ev.tape[i].end) {
      m.key(ev.tape[i].key);
      append_value(s.scratch, ev, i);
    }
  }
  add_split_part(s, name, number, input_format::docker, ev.tape[stream].text, ev.tape[time].text, s.scratch, text,
                 last);
  return true;
}

}  // namespace logmoji::envelope_detail
