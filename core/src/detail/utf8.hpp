#pragma once
// Bytes of JSON text as nlohmann reads and writes them: well-formed UTF-8 (the request reader
// refuses what this refuses, the response writer copies what this accepts), runs of plain ASCII,
// and the byte order of keys.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace yilu::detail {

/// The length of the well-formed UTF-8 sequence at `p` (a lead byte >= 0x80) within `available`
/// bytes, or 0: no overlong forms, no surrogates, nothing past U+10FFFF.
inline std::size_t utf8_sequence(const unsigned char* p, std::size_t available) {
  const unsigned c = p[0];
  std::size_t n = 0;
  unsigned lo = 0x80;
  unsigned hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // no overlong forms
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (available < n || p[1] < lo || p[1] > hi) return 0;
  for (std::size_t i = 2; i < n; ++i)
    if ((p[i] & 0xC0) != 0x80) return 0;
  return n;
}

/// How many bytes from `p` (at most `n`) are plain ASCII text needing nothing in a JSON string:
/// no control character, quote, backslash or byte >= 0x80. Eight bytes at a time.
inline std::size_t plain_ascii_run(const unsigned char* p, std::size_t n) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    // A byte >= 0x80, < 0x20, == '"' or == '\\' sets its high bit in `special`.
    const std::uint64_t below_space = (w - kOnes * 0x20) & ~w;
    const std::uint64_t quote = w ^ (kOnes * '"');
    const std::uint64_t backslash = w ^ (kOnes * '\\');
    const std::uint64_t special =
        (w | below_space | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash)) & kHighs;
    if (special) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      // The lowest flagged byte is the first special one (a borrow only ever flags bytes above
      // a special one): found at once, not byte by byte (requests' short keys end this way).
      return i + static_cast<std::size_t>(__builtin_ctzll(special)) / 8;
#else
      break;
#endif
    }
  }
  for (; i < n; ++i) {
    const unsigned c = p[i];
    if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') break;
  }
  return i;
}

/// Whether two short keys are equal, without a call into memcmp.
inline bool same_key(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

/// Byte order (std::map<std::string>'s, unsigned), for the short keys of requests and responses
/// without a call into memcmp per comparison.
inline bool key_before(std::string_view a, std::string_view b) {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(a[i]);
    const auto y = static_cast<unsigned char>(b[i]);
    if (x != y) return x < y;
  }
  return a.size() < b.size();
}

}  // namespace yilu::detail
