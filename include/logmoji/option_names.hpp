#pragma once
// The words of the enumerated options, shared by the command line (parsing) and
// --print-config (writing them back).

#include <array>
#include <string_view>
#include <utility>

#include "logmoji/options.hpp"

namespace logmoji {

template <typename E, std::size_t N>
using name_table = std::array<std::pair<std::string_view, E>, N>;

inline constexpr name_table<color_mode, 3> color_names{
    {{"auto", color_mode::automatic}, {"always", color_mode::always}, {"never", color_mode::never}}};
inline constexpr name_table<paging_mode, 3> paging_names{
    {{"auto", paging_mode::automatic}, {"always", paging_mode::always}, {"never", paging_mode::never}}};
inline constexpr name_table<raw_mode, 2> raw_names{{{"show", raw_mode::show}, {"hide", raw_mode::hide}}};
inline constexpr name_table<output_kind, 5> output_names{{{"pretty", output_kind::pretty},
                                                          {"json", output_kind::json},
                                                          {"json-enriched", output_kind::json_enriched},
                                                          {"logfmt", output_kind::logfmt},
                                                          {"raw", output_kind::raw}}};
inline constexpr name_table<input_format, 7> input_names{{{"auto", input_format::automatic},
                                                          {"json", input_format::json},
                                                          {"logfmt", input_format::logfmt},
                                                          {"docker", input_format::docker},
                                                          {"cri", input_format::cri},
                                                          {"journald", input_format::journald},
                                                          {"otlp", input_format::otlp}}};
inline constexpr name_table<logger_emoji_mode, 3> logger_emoji_names{
    {{"hash", logger_emoji_mode::hash}, {"table", logger_emoji_mode::table}, {"off", logger_emoji_mode::off}}};

template <typename E, std::size_t N>
std::string_view name_of(const name_table<E, N>& table, E value) {
  for (const auto& [name, v] : table)
    if (v == value) return name;
  return {};
}

}  // namespace logmoji
