#pragma once
// A stable fingerprint of a data file's text (FNV-1a 64, hex): the calendar's and the
// catalog's version, which clients compare with the server's.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace yilu::detail {

inline std::string fnv1a_hex(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace yilu::detail
