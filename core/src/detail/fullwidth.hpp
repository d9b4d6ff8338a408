#pragma once
// Input typed with a Chinese input method: full-width digits and letters become ASCII before a
// number is checked. Shared by the identity numbers and the mobile number, so that every check
// normalizes the same way.
#include <array>
#include <cstddef>
#include <string_view>

namespace yilu::detail {

/// Copies `in` into `out` as ASCII: full-width forms U+FF01..U+FF5E (EF BC 81 .. EF BD 9E in
/// UTF-8) become their ASCII counterparts; lowercase letters become uppercase; any other
/// non-ASCII character becomes '?' (one character, so it is a charset error, not a length
/// error). Returns the number of characters, or -1 when there are more than `out` holds.
template <std::size_t N>
int normalize_ascii(std::string_view in, std::array<char, N>& out) {
  int n = 0;
  for (std::size_t i = 0; i < in.size();) {
    auto c = static_cast<unsigned char>(in[i]);
    char ascii = 0;
    if (c == 0xEF && i + 2 < in.size()) {
      const auto b1 = static_cast<unsigned char>(in[i + 1]);
      const auto b2 = static_cast<unsigned char>(in[i + 2]);
      if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) ascii = static_cast<char>(b2 - 0x81 + 0x21);
      else if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) ascii = static_cast<char>(b2 - 0x80 + 0x60);
      if (ascii) i += 3;
    }
    if (!ascii) {
      if (c >= 0x80) {
        const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        i += len;
        ascii = '?';
      } else {
        ascii = static_cast<char>(c);
        ++i;
      }
    }
    if (ascii >= 'a' && ascii <= 'z') ascii = static_cast<char>(ascii - 'a' + 'A');
    if (n >= static_cast<int>(N)) return -1;
    out[static_cast<std::size_t>(n++)] = ascii;
  }
  return n;
}

}  // namespace yilu::detail
