#pragma once
// The well-known fields (docs/design.md#field-roles), looked up by alias, first match wins.

#include <cstdint>
#include <span>
#include <string_view>

#include "logmoji/event.hpp"

namespace logmoji {

/// Alias lists in priority order.
std::span<const std::string_view> message_aliases();
std::span<const std::string_view> level_aliases();
std::span<const std::string_view> time_aliases();
std::span<const std::string_view> logger_aliases();

/// Finds a field by a dotted path: a top-level key equal to the whole path wins, else the path
/// is walked through nested objects (`http.method` finds {"http":{"method":…}}). no_node if absent.
std::uint32_t lookup_path(const event& ev, std::string_view path);

/// Fills ev.role from the aliases; with `library_keys_only` only foundation's own keys count
/// (event, level, timestamp, logger_name), as the library itself reads them.
void resolve_roles(event& ev, bool library_keys_only);

}  // namespace logmoji
