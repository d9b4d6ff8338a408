#pragma once
// A stable fingerprint of a data file's text (FNV-1a 64, hex): the calendar's and the
// catalog's version, which clients compare with the server's.
#include <cstdint>
#include <string>
#include <string_view>

namespace yilu::detail {

inline std::string fnv1a_hex(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  // By hand, not snprintf: see format_date (date.cpp).
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = "0123456789abcdef"[h & 0xf];
  return out;
}

}  // namespace yilu::detail
