#pragma once
// The well-known fields (docs/fields.md): each role's aliases in priority order, the user's own
// names ahead of them, first match wins.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "logmoji/event.hpp"
#include "logmoji/key_byte_memo.hpp"
#include "logmoji/key_memo.hpp"

namespace logmoji {

/// Built-in alias lists in priority order (docs/fields.md). A dotted alias names a top-level key
/// with that exact name first, else the nested field (`fields.message` in {"fields":{"message":…}}).
std::span<const std::string_view> message_aliases();
std::span<const std::string_view> level_aliases();
/// Whether some logger family's own level key (docs/fields.md, "Families") is `key`: beside it,
/// an event's `level` may be an application's field and not its level. Every such key starts
/// with `l`, `L` or `@` (the selection prefilter looks at those keys alone).
bool family_level_key(std::string_view key);
std::span<const std::string_view> time_aliases();
std::span<const std::string_view> logger_aliases();
/// A stack trace or exception: a multi-line string, or a structured frame list / error object.
/// Filled into roles::stack; the console's trailer decides how to print it.
std::span<const std::string_view> stack_aliases();

/// The user's own field names per role ([fields] in config.toml, --field ROLE=NAME), tried in
/// order before the built-in aliases. Empty lists leave the built-ins alone.
struct field_names {
  std::vector<std::string> time, level, message, logger, stack;
  [[nodiscard]] bool empty() const {
    return time.empty() && level.empty() && message.empty() && logger.empty() && stack.empty();
  }
};

/// The list of `role` ("time", "level", "message", "logger", "stack") in `names`, or nullptr for
/// an unknown role.
std::vector<std::string>* field_names_of(field_names& names, std::string_view role);
const std::vector<std::string>* field_names_of(const field_names& names, std::string_view role);

/// Installs the user's names for every later resolve_roles. Call once before any event is read:
/// worker threads read the table without a lock.
void set_user_field_names(field_names names);

/// Finds a field by a dotted path: a top-level key equal to the whole path wins, else the path
/// is walked through nested objects (`http.method` finds {"http":{"method":…}}). no_node if absent.
std::uint32_t lookup_path(const event& ev, std::string_view path);

/// Fills ev.role from the user's names and the aliases; with `library_keys_only` only
/// foundation's own keys count (event, level, timestamp, logger_name), as the library itself
/// reads them, and the user's names are ignored.
///
/// A role may point inside a top-level object: a level object (log4js {"levelStr":…}, loguru
/// {"name":…,"no":…}) gives its name, a nested alias its node. GCP's {"seconds","nanos"} time
/// stays the object: event_time (timestamp.hpp) reads it. Works out what each key means anew:
/// for one-off events; a stage that resolves many has a role_resolver.
void resolve_roles(event& ev, bool library_keys_only);

namespace detail {

/// What a top-level key means to the roles, in one byte: the alias's rank in its role in the
/// low four bits, the role + 1 in the next three (role_none: no alias), and whether the key may
/// hold a nested alias in the top bit. Never 0, which key_byte_memo keeps for a key not asked.
inline constexpr unsigned role_none = 6;
inline constexpr std::uint8_t meaning_none = role_none << 4;
inline constexpr std::uint8_t nested_head_bit = 0x80;
std::uint8_t key_meaning(std::string_view key);

/// What one pass over the top-level keys found: per role a bit for each alias present, and the
/// first field of each present alias (the others are left unset and never read). The last row
/// takes the nested heads that are no alias.
struct found_aliases {
  std::array<std::uint16_t, role_none> present{};
  std::array<std::array<std::uint32_t, 16>, role_none> first;
  bool has_nested = false;

  /// Field `i`, node `n`, whose key means `meaning`. A key of no alias (a nested head, or a key
  /// just learnt) lands in the last row, which no role reads.
  [[gnu::always_inline]] void note(const node& n, std::uint32_t i, std::uint8_t meaning) {
    const unsigned role = (meaning >> 4 & 7U) - 1;
    const unsigned rank = meaning & 0xFU;
    const auto bit = static_cast<std::uint16_t>(1U << rank);
    if (!(present[role] & bit)) first[role][rank] = i;
    present[role] = static_cast<std::uint16_t>(present[role] | bit);
    // Few keys may hold a nested alias (the common role keys do not): a branch taken rarely.
    if (meaning & nested_head_bit) [[unlikely]]
      has_nested = has_nested || n.kind == value_kind::object;
  }
};

/// Each role takes its best alias of those found (or the user's name, or a nested alias).
void pick_roles(event& ev, const found_aliases& found, bool library_keys_only);

}  // namespace detail

/// resolve_roles for a stage that resolves every event of a run (the pipeline): what each key
/// means to the roles is worked out once per key id instead of once per line.
class role_resolver {
public:
  void resolve(event& ev, bool library_keys_only) {
    begin(ev);
    // Read once: the memo stores bytes (a char may alias anything), after which the compiler
    // would load the tape's address again for every field.
    const node* nodes = std::as_const(ev.tape).data();
    for (auto i : ev.fields) visit(nodes[i], i);
    finish(ev, library_keys_only);
  }

  /// resolve() in steps, for a stage that walks the top-level fields anyway (the enricher's
  /// sanitize): begin(), visit() for every field in order, then finish().
  void begin(const event& ev) {
    meanings_.use(ev);
    found_.present = {};
    found_.has_nested = false;
  }
  [[gnu::always_inline]] void visit(const node& n, std::uint32_t i) {
    std::uint8_t meaning = meanings_.peek(n);
    if (meaning == detail::meaning_none) [[likely]]
      return;
    if (meaning == 0) meaning = learn(n);
    found_.note(n, i, meaning);
  }
  void finish(event& ev, bool library_keys_only) { detail::pick_roles(ev, found_, library_keys_only); }

private:
  [[gnu::noinline]] std::uint8_t learn(const node& n) { return meanings_.learn(n, detail::key_meaning); }

  key_byte_memo meanings_;
  detail::found_aliases found_;
};

/// True when the top-level field `field` is shown by a role column (time, level, message,
/// logger) and so is not repeated as a key=value pair: the role's own node, a level or time
/// object, or an object whose one member is the role (tracing's {"fields":{"message":…}}).
/// The stack role is not counted: whoever prints it below the event hides it.
/// Inline: the console asks it of every field of every line, and nearly every answer is five
/// compares and a look at the kind.
inline bool shown_by_role(const event& ev, std::uint32_t field);

namespace detail {
/// shown_by_role for an object or array field that is no role's own node.
bool container_shown_by_role(const event& ev, std::uint32_t field);
}  // namespace detail

inline bool shown_by_role(const event& ev, std::uint32_t field) {
  const roles& r = ev.role;
  // Enrichment replaces the message by a decorated copy: the field it came from is the original.
  if (field == r.message || field == ev.original_message || field == r.level || field == r.time || field == r.logger)
    return true;
  return is_container(ev.at(field).kind) && detail::container_shown_by_role(ev, field);
}

/// What the console makes of a top-level field of a logger family's layout (docs/loggers.md,
/// "Shown once"): the wrappers and twins some libraries write around or beside an event's data.
enum class family_treatment : std::uint8_t {
  shown,      ///< a key=value pair like any other
  left_out,   ///< shown elsewhere on the line, or an empty container the family always writes
  flattened,  ///< its members (a list: its one object beside the message) are the event's pairs
  trimmed,    ///< a pair without the members other columns show
};

/// A logger family's console layout: which wrappers hold the event's fields, which fields
/// repeat a role or another field, which containers are noise when empty. The table is in
/// field_roles.cpp, each row tied to a family of logger_families by its name.
struct family_layout;

/// The layout of the family whose signature the event holds (the one that decides its roles),
/// or null: most families have none. Costs a pass over the top-level keys: the console asks it
/// only of a line with a key of some layout (is_family_layout_key).
const family_layout* family_layout_of(const event& ev);

/// Whether `key` is a top-level key of some family's layout.
bool is_family_layout_key(std::string_view key);

/// What the console does with top-level field `field` of an event of `layout`.
family_treatment treat_field(const family_layout& layout, const event& ev, std::uint32_t field);

/// Whether member (or element) `member` of top-level field `field` repeats what another column
/// shows: a role's own node, or a member the layout names as a twin of a role whose value it is.
bool member_shown_elsewhere(const family_layout& layout, const event& ev, std::uint32_t field, std::uint32_t member);

/// The object whose members a flattened field's pairs are: the field, or a list's one object.
std::uint32_t flattened_object(const family_layout& layout, const event& ev, std::uint32_t field);

}  // namespace logmoji
