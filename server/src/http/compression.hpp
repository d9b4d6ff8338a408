#pragma once
// Whole-buffer brotli and gzip, for bodies compressed once and sent many times (prepared_body).
// Not for per-request use.
#include <optional>
#include <string>
#include <string_view>

namespace yilu::server::http {

/// How hard to compress. Measured on this project's files (one core): brotli 9 takes ~0.3 s per
/// MB; 11 — what the build uses (web/scripts/compress.mjs) — takes ~6 s per MB for 3–10 % fewer
/// bytes (the wasm: 141 KB at 9, 125 KB at 11). The default suits whatever is prepared at start or
/// on every catalog reload; ask for 11 only for a few large bodies prepared rarely.
struct CompressionLevels {
  int brotli_quality = 9;  ///< 0–11
  int gzip_level = 9;      ///< 1–9 (level 9 costs little more than 6 here)
};

/// `bytes` as a brotli stream (text mode when `text`: a hint for UTF-8 input); nullopt when
/// the encoder fails.
std::optional<std::string> brotli_compress(std::string_view bytes, int quality, bool text);

/// `bytes` as a gzip member (RFC 1952, what `Content-Encoding: gzip` means); nullopt on failure.
std::optional<std::string> gzip_compress(std::string_view bytes, int level);

}  // namespace yilu::server::http
