#pragma once
// Fixed-width decimal fields (dates, times, year keys): exactly `n` ASCII digits, no sign,
// no spaces — stricter than scanf's %d, and without pulling libc's scanf into the wasm core.
#include <cstddef>
#include <string_view>

namespace yilu::detail {

/// The `n` characters of `s` from `pos` as a number, if they are all digits.
inline bool fixed_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos > s.size() || n > s.size() - pos) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace yilu::detail
