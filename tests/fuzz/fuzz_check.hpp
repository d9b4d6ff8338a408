#pragma once
// What the fuzz targets share: stopping with a message when a promise of the code under test is
// broken (libFuzzer then keeps the input as a crash file), and reading the source tree's data.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace yilu::fuzz {

/// Prints what broke and the start of the evidence, then aborts: a finding like a sanitizer's.
[[noreturn]] inline void broken(const char* target, const char* what, std::string_view evidence = {}) {
  const int shown = static_cast<int>(evidence.size() < 2000 ? evidence.size() : 2000);
  std::fprintf(stderr, "\n%s: %s\n%.*s\n", target, what, shown, evidence.data());
  std::abort();
}

/// Whether the bytes are well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
inline bool is_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // The sequence's length, the smallest code point it may carry, and the lead byte's bits.
    std::size_t n = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      min = 0x80;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      min = 0x800;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      min = 0x10000;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace yilu::fuzz
