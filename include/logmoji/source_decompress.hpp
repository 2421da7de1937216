#pragma once
// Decoding on the way in: compressed inputs (gzip, zstd, xz, bzip2) and UTF-16 text, told by
// their first bytes, never by their names.

#include <memory>
#include <string>
#include <string_view>

#include "logmoji/source.hpp"

namespace logmoji {

/// Wraps a source by what its first bytes say: a gzip, zstd, xz or bzip2 header in a decompressor
/// (the format is told by its magic bytes, not by the name), a UTF-16 byte order mark in a decoder
/// to UTF-8, else returns it as it is. Compressed input that the decoder rejects before its first
/// output byte, when what it took looks like text, is read as text from its first byte. Damaged
/// compressed data yields what was decoded before the damage, a newline ending a cut line, then
/// -EBADMSG with failure() saying why. Reads a few bytes to decide; on a read error returns
/// nullptr with the reason in `error`.
std::unique_ptr<byte_source> detect_compression(std::unique_ptr<byte_source> src, std::string& error);

/// True when input starting with `head` is decoded on the way in (compressed, or UTF-16): its
/// bytes on disk are not its lines, so it cannot be followed as it grows.
bool is_encoded(std::string_view head);

}  // namespace logmoji
