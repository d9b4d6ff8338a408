#pragma once
// Pinyin initials of Chinese text, for finding items as residents type them (出生登记 → csdj).
// The table is data (server/data/pinyin/initials.txt, how it was made in its SOURCES.md),
// loaded at start; a character it does not hold is left out of the initials.
#include <string>
#include <string_view>
#include <unordered_map>

namespace yilu::server {

class PinyinInitials {
 public:
  /// Reads lines `<letter>\t<characters>`; lines starting with '#' are comments.
  static PinyinInitials from_text(std::string_view text);

  /// The initials of `utf8`: a Han character gives its letter, an ASCII letter or digit
  /// itself (lower-cased), anything else nothing.
  std::string of(std::string_view utf8) const;

  std::size_t size() const { return letters_.size(); }

 private:
  std::unordered_map<char32_t, char> letters_;
};

}  // namespace yilu::server
