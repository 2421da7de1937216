// Runs the enabled enrichment stages in foundation's order; guards against enriching twice.
#include "logmoji/enrich.hpp"

#include <algorithm>
#include <cstdint>

#include "logmoji/enrich_event_sets.hpp"
#include "logmoji/enrich_logger_emoji.hpp"
#include "logmoji/field_roles.hpp"
#include "logmoji/python_repr.hpp"

namespace logmoji {
namespace {

void ascii_lower(std::string& s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

std::string_view metadata_text(const metadata_field& m) {
  switch (m.kind) {
    case metadata_kind::true_value: return {};
    case metadata_kind::false_value: return {};
    default: return m.text;
  }
}

value_kind metadata_value_kind(const metadata_field& m) {
  switch (m.kind) {
    case metadata_kind::true_value: return value_kind::true_value;
    case metadata_kind::false_value: return value_kind::false_value;
    default: return value_kind::string;
  }
}

// The columns keep their values: a logger called "session" is a name, not a secret.
bool is_role(const event& ev, std::uint32_t i) {
  return i == ev.role.message || i == ev.role.level || i == ev.role.time || i == ev.role.logger;
}

}  // namespace

bool detail::marker_groups_then_emoji(std::string_view message) {
  std::string_view s = message;
  bool groups = false;
  while (s.starts_with('[')) {
    auto close = s.find(']');
    if (close == std::string_view::npos || close == 1 || s.substr(0, close).find(' ') != std::string_view::npos) break;
    s.remove_prefix(close + 1);
    groups = true;
  }
  if (groups) {
    if (!s.starts_with(' ')) return false;
    s.remove_prefix(1);
  }
  return starts_with_logger_emoji(s);
}

namespace {
const secret_masker& default_masker(pattern_set set) {
  static const secret_masker library(pattern_set::library), words(pattern_set::words);
  return set == pattern_set::library ? library : words;
}
}  // namespace

enricher::enricher(const enrich_options& options) : enricher(options, default_masker(masking_patterns(options))) {}

enricher::enricher(const enrich_options& options, const secret_masker& masker)
    : options_(options),
      event_sets_(options.event_sets ? options.event_sets.get() : &event_set_registry::builtin()),
      user_prefixes_(options.logger_prefixes),
      masker_(&masker),
      message_redaction_(message_redaction(run_redaction(options))) {
  std::stable_sort(
      user_prefixes_.begin(), user_prefixes_.end(),
      [](const logger_prefix_option& a, const logger_prefix_option& b) { return a.prefix.size() > b.prefix.size(); });
}

void enricher::grow_arena() { arena_.push_back(std::make_unique<std::string>()); }

std::uint8_t enricher::learn_key_bits(std::string_view key) const {
  return static_cast<std::uint8_t>(key_known | (is_secret_key(key) ? key_secret : 0) |
                                   (event_sets_->find_mapping(key) ? key_mapped : 0));
}

void enricher::sanitize(event& ev) { sanitize_with<false>(ev, nullptr, false); }

void enricher::resolve_and_sanitize(event& ev, role_resolver& roles, bool library_keys_only) {
  sanitize_with<true>(ev, &roles, library_keys_only);
}

template <bool Resolve>
void enricher::sanitize_with(event& ev, role_resolver* roles, bool library_keys_only) {
  arena_used_ = 0;
  mapped_.ev = nullptr;
  if (!options_.mask && !options_.redact_keys) {
    if constexpr (Resolve) roles->resolve(ev, library_keys_only);
    return;
  }
  use_key_bits(ev);
  if constexpr (Resolve) roles->begin(ev);
  std::uint32_t mapped = 0;
  bool all_noted = options_.mask ? sanitize_fields<true, Resolve>(ev, mapped, roles, library_keys_only)
                                 : sanitize_fields<false, Resolve>(ev, mapped, roles, library_keys_only);
  if (all_noted) {
    mapped_.ev = &ev;
    mapped_.line = ev.line.data();
    mapped_.fields = ev.fields.size();
    mapped_.count = mapped;
  }
}

// sanitize's walk, one copy with masking and one without, so that the common field costs a
// key byte compared with key_known and, when masking, a look at a string's place. With Resolve
// the same walk visits every field for the roles; the fields to act on are listed, and acted on
// once the roles are known (acting reads them, and may replace a role's field).
template <bool Mask, bool Resolve>
bool enricher::sanitize_fields(event& ev, std::uint32_t& mapped, role_resolver* roles, bool library_keys_only) {
  // One literal scan of the whole line instead of one per string: a string that is a view into
  // a line without literals holds none either. Strings elsewhere (unescaped, synthesized) are
  // scanned on their own.
  std::string_view clean_line = Mask && masking_literals(ev.line) == 0 ? ev.line : std::string_view{};
  // Outside --foundation a secret inside an object or a list is masked too (the library leaves
  // nested strings alone): the message masked above the stack that repeats its secret below, as
  // pino's err.stack does, would only hide it halfway. Looked into only on a line with a literal,
  // or one whose parse decoded an escape below the top level (event::unescaped).
  const bool mask_nested = Mask && options_.mask_nested && (clean_line.data() == nullptr || ev.unescaped);
  // Without a clean line only an empty text is inside it, and masking it would change nothing.
  const auto line_at = reinterpret_cast<std::uintptr_t>(clean_line.data());
  const std::size_t line_size = clean_line.size();
  // Worked out for every field, of any kind (every node's text is a view), with no branch on the
  // kind: which kinds come where changes from line to line, and such a branch mispredicts. The
  // text's start and end as offsets into the clean line: one before the line wraps to a huge
  // start (and its end, if that wraps back, is below the start).
  auto outside_clean_line = [line_at, line_size](const node& n) {
    const std::uintptr_t start = reinterpret_cast<std::uintptr_t>(n.text.data()) - line_at;
    const std::uintptr_t end = start + n.text.size();
    return Mask & (n.kind == value_kind::string) & (std::max(start, end) > line_size);
  };
  // replace_field edits the field list in place: its size and place stay during the walk. It
  // appends to the tape, which may move, so the tape's address is read again after it (and only
  // then: the key bytes' stores would otherwise make the compiler read it for every field).
  const std::size_t count = ev.fields.size();
  const std::uint32_t* fields = ev.fields.data();
  const node* nodes = ev.tape.data();
  // Nearly every field: a key known to be neither secret nor mapped, and no string to scan. The
  // others are listed by position; past the list's end every field is looked at again.
  std::array<std::uint32_t, 32> listed;
  std::size_t to_act = 0;
  // On a clean line whose strings all lie in it (no backslash: two lines in three), no string's
  // place needs a look: a loop of its own without that test.
  auto list_fields = [&]<bool Places>() {
    for (std::size_t k = 0; k < count; ++k) {
      const std::uint32_t i = fields[k];
      const node& n = nodes[i];
      if constexpr (Resolve) roles->visit(n, i);
      // Both tests are made, then combined without a branch between them (the kinds of values
      // alternate too often to predict).
      unsigned known = key_bits_.peek(n) == key_known, clean = !Places || !outside_clean_line(n);
      if ((known & clean) != 0) [[likely]]
        continue;
      if (to_act < listed.size()) listed[to_act] = static_cast<std::uint32_t>(k);
      ++to_act;
    }
  };
  if (line_size != 0 && ev.strings_in_line)
    list_fields.template operator()<false>();
  else
    list_fields.template operator()<Mask>();
  if constexpr (Resolve) roles->finish(ev, library_keys_only);
  const bool every = to_act > listed.size();
  const bool redact = options_.redact_keys;
  bool all_noted = true;
  for (std::size_t w = 0, acts = every ? count : to_act; w < acts; ++w) {
    const std::size_t k = every ? w : listed[w];
    const std::uint32_t i = fields[k];
    const node& n = nodes[i];
    std::uint8_t bits = key_bits_.peek(n);
    const bool outside = outside_clean_line(n);
    if ((bits == key_known) & !outside) continue;
    if (bits == 0) bits = key_bits_.learn(n, [this](std::string_view key) { return learn_key_bits(key); });
    if (bits & key_mapped) {
      if (mapped < mapped_.at.size())
        mapped_.at[mapped++] = static_cast<std::uint32_t>(k);
      else
        all_noted = false;
    }
    if (redact && (bits & key_secret) && !is_role(ev, i)) {
      ev.replace_field(i, value_kind::string, redacted_text);
      nodes = ev.tape.data();
      continue;
    }
    if (!outside || !masker_->mask(n.text, masked_)) continue;
    keep_masked(ev, i);
    nodes = ev.tape.data();
  }
  if (mask_nested) [[unlikely]]
    for (std::size_t k = 0; k < count; ++k)  // a redacted one is a string now
      if (is_container(ev.tape[fields[k]].kind)) mask_inside(ev, fields[k], clean_line.data() != nullptr);
  return all_noted;
}

// Every string inside container `i` masked in place; its keys and its shape stay. A string
// decoded out of the line (an escape: `password\u003dx`) is scanned on its own; the ones that
// lie in the line hold a literal only when the line does (`line_clean`), and are scanned
// together first: most containers on a line with a secret hold none.
void enricher::mask_inside(event& ev, std::uint32_t i, bool line_clean) {
  const char* line = ev.line.data();
  auto in_line = [&](const node& n) {
    return n.text.data() >= line && n.text.data() + n.text.size() <= line + ev.line.size();
  };
  const char* from = nullptr;
  const char* to = nullptr;
  bool decoded = false;
  for (std::uint32_t j = i + 1; j < ev.tape[i].end; ++j) {
    const node& n = ev.tape[j];
    if (n.kind != value_kind::string) continue;
    if (!in_line(n)) {
      decoded = true;
      continue;
    }
    if (!from || n.text.data() < from) from = n.text.data();
    if (n.text.data() + n.text.size() > to) to = n.text.data() + n.text.size();
  }
  const bool in_line_too = !line_clean && from && masking_literals({from, static_cast<std::size_t>(to - from)}) != 0;
  if (!decoded && !in_line_too) return;
  for (std::uint32_t j = i + 1; j < ev.tape[i].end; ++j) {
    const node& n = ev.tape[j];
    if (n.kind != value_kind::string || (in_line(n) && !in_line_too) || !masker_->mask(n.text, masked_)) continue;
    std::string& kept = scratch();
    kept.swap(masked_);
    ev.tape[j].text = kept;
  }
}

// Out of sanitize's loop: the arena's inline code there would cost its common path registers.
void enricher::keep_masked(event& ev, std::uint32_t i) {
  std::string& kept = scratch();
  kept.swap(masked_);  // the arena keeps the text; masked_ takes the arena string's capacity
  ev.replace_field(i, value_kind::string, kept);
}

// A message this enricher already decorated with one of the user's emoji (re-rendering the
// JSON that -o json-enriched wrote).
bool enricher::starts_with_user_emoji(std::string_view text) const {
  for (const auto& p : user_prefixes_)
    if (text.starts_with(p.emoji) && (text.size() == p.emoji.size() || text[p.emoji.size()] == ' ')) return true;
  return false;
}

std::string_view enricher::logger_emoji(const event& ev) {
  if (options_.logger_emoji == logger_emoji_mode::off) return {};
  const node* logger = ev.role.logger ? &ev.at(ev.role.logger) : nullptr;
  if (!logger)  // foundation looks up the name "default" when logger_name is absent, which gives 🔹.
    return options_.logger_emoji == logger_emoji_mode::table ? logger_emoji_from_table("default") : std::string_view{};
  std::string_view name = logger->kind == value_kind::string ? logger->text : std::string_view{};
  emoji_choice c = logger_emoji_.get(name, [this](std::string_view n) { return emoji_for_name(n); });
  return c.user >= 0 ? std::string_view(user_prefixes_[static_cast<std::size_t>(c.user)].emoji) : c.builtin;
}

// A present logger's emoji, from its name alone. The user's own prefixes come first
// (docs/design.md#logger-emoji), longest first.
enricher::emoji_choice enricher::emoji_for_name(std::string_view name) const {
  for (std::size_t k = 0; k < user_prefixes_.size(); ++k)
    if (name.starts_with(user_prefixes_[k].prefix)) return {static_cast<int>(k), {}};
  switch (options_.logger_emoji) {
    case logger_emoji_mode::off: return {};
    case logger_emoji_mode::table: return {-1, logger_emoji_from_table(name)};
    case logger_emoji_mode::hash:
      if (auto hit = logger_emoji_table_match(name); !hit.empty()) return {-1, hit};
      return {-1, logger_emoji_from_hash(name)};
  }
  return {};
}

std::uint64_t enricher::mapping_seed(const marker_mapping& mapping) {
  std::uint64_t h = 0xCBF29CE484222325u;  // FNV-1a over the name
  for (char c : mapping.name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3u;
  return h;
}

const enricher::resolution_slot& enricher::resolve_value(const marker_mapping& mapping, std::uint64_t seed,
                                                         const event& ev, std::uint32_t i) {
  const node& n = ev.at(i);
  resolution_slot* slot = nullptr;
  std::uint64_t head = 0, tail = 0;
  if ((n.kind == value_kind::string || n.kind == value_kind::number) && n.text.size() <= 16) [[likely]] {
    short_words(n.text, head, tail);
    std::uint64_t mixed = ((head * 0x9E3779B97F4A7C15u) ^ (tail * 0xC2B2AE3D27D4EB4Fu) ^ seed ^ (n.text.size() << 8) ^
                           static_cast<std::uint64_t>(n.kind)) *
                          0xFF51AFD7ED558CCDu;
    slot = &resolutions_[static_cast<std::size_t>(mixed >> (64 - std::countr_zero(resolutions_.size())))];
    if (slot->mapping == &mapping && slot->kind == n.kind && slot->size == n.text.size() && slot->head == head &&
        slot->tail == tail) [[likely]]
      return *slot;
  }
  return learn_resolution(mapping, ev, i, slot, head, tail);
}

const enricher::resolution_slot& enricher::learn_resolution(const marker_mapping& mapping, const event& ev,
                                                            std::uint32_t i, resolution_slot* slot, std::uint64_t head,
                                                            std::uint64_t tail) {
  const node& n = ev.at(i);
  if (n.kind == value_kind::string) {
    lowered_.assign(n.text);  // str() of a string is the string: no call to the repr writer
  } else {
    lowered_.clear();
    append_str(lowered_, ev, i);
  }
  ascii_lower(lowered_);
  resolution_slot& s = slot ? *slot : unremembered_;
  s = {&mapping, head, tail, n.text.size(), n.kind, 0, {}, resolve(mapping, lowered_)};
  const std::string_view marker = s.answer.marker;
  if (!marker.empty() && marker.size() + 2 <= s.grouped.size()) {
    s.grouped[0] = '[';
    std::copy(marker.begin(), marker.end(), s.grouped.begin() + 1);
    s.grouped[marker.size() + 1] = ']';
    s.grouped_size = static_cast<std::uint8_t>(marker.size() + 2);
  }
  return s;
}

template <class Text>
void enricher::collect_markers(event& ev, Text& out) {
  // Metadata fields are appended at the end and replace_field is not used here, so the first
  // `original` entries stay the fields the event came with.
  const std::size_t original = ev.fields.size();
  use_key_bits(ev);
  key_facts_.use(ev);
  // What sanitize noted for this very event, when it did; else every field is asked. Fields
  // added since (the decorated message) are no original mapped field either way.
  const bool noted =
      mapped_.ev == &ev && mapped_.line == ev.line.data() &&
      (mapped_.fields == original || (mapped_.fields + 1 == original && ev.fields.back() == ev.role.message));
  mapped_.ev = nullptr;
  const std::size_t walk = noted ? mapped_.count : original;
  for (std::size_t w = 0; w < walk; ++w) {
    std::uint32_t i = ev.fields[noted ? mapped_.at[w] : w];
    const node& n = ev.tape[i];
    if (!(key_bits(n) & key_mapped) || i == ev.role.message || n.kind == value_kind::null_value) continue;
    const key_facts& f = facts(ev.tape[i]);
    const resolution_slot& r = resolve_value(*f.mapping, f.seed, ev, i);
    if (r.grouped_size != 0) {
      out.append(r.grouped.data(), r.grouped_size);
    } else if (!r.answer.marker.empty()) [[unlikely]] {
      out += '[';
      out += r.answer.marker;
      out += ']';
    }
    for (const auto& m : r.answer.metadata)
      if (!ev.find(m.key)) ev.append_field(m.key, metadata_value_kind(m), metadata_text(m));
  }
}

std::uint32_t* enricher::find_message_slot(event& ev) {
  auto f = std::find(ev.fields.begin(), ev.fields.end(), ev.role.message);
  if (f == ev.fields.end()) return nullptr;
  message_at_ = static_cast<std::size_t>(f - ev.fields.begin());
  message_before_end_ = ev.fields.size() - 1 - message_at_;
  return &*f;
}

void enricher::add_prefix(event& ev) {
  std::string_view emoji = logger_emoji(ev);
  if (emoji.empty() || !ev.role.message) [[unlikely]]
    return add_prefix_in_steps(ev, emoji);
  // Both steps at once, one new message instead of two, written where it stays: "[m]… emoji
  // message". The message field exists, so the emoji step would add no field before the
  // markers' metadata, and collect_markers skips the message field by its node either way.
  const node& msg = ev.at(ev.role.message);
  if (msg.kind != value_kind::string || decorated_.holds(msg.text.data())) [[unlikely]]
    return add_prefix_to_other(ev, emoji);
  const std::string_view message = msg.text;  // a view: the tape may grow under collect_markers
  decorated_.start();
  if (options_.markers) {
    collect_markers(ev, decorated_);
    if (!decorated_.empty()) decorated_ += ' ';
  }
  decorated_ += emoji;
  decorated_ += ' ';
  decorated_ += message;
  set_message(ev, decorated_.view());
}

// add_prefix's steps into an arena string.
void enricher::add_prefix_to_other(event& ev, std::string_view emoji) {
  const bool has_text = ev.at(ev.role.message).kind != value_kind::null_value;
  std::string& text = scratch();
  if (options_.markers) {
    collect_markers(ev, text);
    if (!text.empty()) text += ' ';
  }
  text += emoji;
  if (has_text) {
    text += ' ';
    append_str(text, ev, ev.role.message, message_redaction_);
  }
  set_message(ev, text);
}

// foundation's two steps one after the other: the emoji, if any, on a message that may be
// missing, then the markers on the result.
void enricher::add_prefix_in_steps(event& ev, std::string_view emoji) {
  bool has_text = ev.role.message && ev.at(ev.role.message).kind != value_kind::null_value;
  if (!emoji.empty()) {
    std::string& text = scratch();
    text += emoji;
    if (has_text) {
      text += ' ';
      append_str(text, ev, ev.role.message, message_redaction_);
    }
    set_message(ev, text);
    has_text = true;
  }
  if (!options_.markers) return;
  markers_.clear();
  collect_markers(ev, markers_);
  if (markers_.empty()) return;
  std::string& text = scratch();
  text += markers_;
  if (has_text) {
    std::string_view old = ev.at(ev.role.message).text;
    if (ev.at(ev.role.message).kind != value_kind::string) {
      text += ' ';
      append_str(text, ev, ev.role.message, message_redaction_);
    } else if (!old.empty()) {
      text += ' ';
      text += old;
    }
  }
  set_message(ev, text);
}

}  // namespace logmoji
