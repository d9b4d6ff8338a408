#include "http/compression.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <limits>

namespace yilu::server::http {

std::optional<std::string> brotli_compress(std::string_view bytes, int quality, bool text) {
  BrotliEncoderState* s = BrotliEncoderCreateInstance(nullptr, nullptr, nullptr);
  if (!s) return std::nullopt;
  BrotliEncoderSetParameter(s, BROTLI_PARAM_QUALITY, static_cast<uint32_t>(std::clamp(quality, 0, 11)));
  BrotliEncoderSetParameter(s, BROTLI_PARAM_MODE, text ? BROTLI_MODE_TEXT : BROTLI_MODE_GENERIC);
  // The whole input is known: the encoder sizes its window and tables for it.
  BrotliEncoderSetParameter(s, BROTLI_PARAM_SIZE_HINT,
                            static_cast<uint32_t>(std::min<std::size_t>(bytes.size(), 1u << 30)));
  std::string out(BrotliEncoderMaxCompressedSize(bytes.size()), '\0');
  if (out.empty()) out.resize(bytes.size() + 1024);  // 0 means "too large to say"
  std::size_t in_left = bytes.size();
  auto* in = reinterpret_cast<const uint8_t*>(bytes.data());
  std::size_t out_left = out.size();
  auto* next_out = reinterpret_cast<uint8_t*>(out.data());
  const bool ok = BrotliEncoderCompressStream(s, BROTLI_OPERATION_FINISH, &in_left, &in, &out_left, &next_out,
                                              nullptr) == BROTLI_TRUE &&
                  BrotliEncoderIsFinished(s) == BROTLI_TRUE;
  BrotliEncoderDestroyInstance(s);
  if (!ok) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

std::optional<std::string> gzip_compress(std::string_view bytes, int level) {
  if (bytes.size() > std::numeric_limits<uInt>::max()) return std::nullopt;  // one deflate call
  z_stream z{};
  // 15 + 16: the largest window, with the gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, std::clamp(level, 1, 9), Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    return std::nullopt;
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const std::size_t written = out.size() - z.avail_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(written);
  return out;
}

}  // namespace yilu::server::http
