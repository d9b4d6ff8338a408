#include "catalog_pub/pinyin_initials.hpp"

namespace yilu::server {

namespace {

// Decodes one UTF-8 sequence at `i` (advancing it); malformed bytes decode to U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : b & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

}  // namespace

PinyinInitials PinyinInitials::from_text(std::string_view text) {
  PinyinInitials out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.size() < 3 || line[0] == '#' || line[1] != '\t') continue;
    const char letter = line[0];
    if (letter < 'a' || letter > 'z') continue;
    for (std::size_t i = 2; i < line.size();) {
      const char32_t cp = next_code_point(line, i);
      if (cp >= 0x80 && cp != 0xFFFD) out.letters_.emplace(cp, letter);
    }
  }
  return out;
}

std::string PinyinInitials::of(std::string_view utf8) const {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
      continue;
    }
    if (const auto it = letters_.find(cp); it != letters_.end()) out.push_back(it->second);
  }
  return out;
}

}  // namespace yilu::server
