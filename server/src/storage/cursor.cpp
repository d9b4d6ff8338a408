#include "storage/cursor.hpp"

namespace yilu::server {

Result<std::optional<Cursor>> parse_cursor(const std::string& text) {
  if (text.empty()) return std::optional<Cursor>{};
  const std::size_t colon = text.find(':');
  const Error bad{"bad_cursor", "翻页参数无效，请从第一页重新查看", "/cursor"};
  if (colon == std::string::npos || colon == 0 || colon > 18 || colon + 1 == text.size() || text.size() > 120)
    return bad;
  Timestamp t = 0;
  for (std::size_t i = 0; i < colon; ++i) {
    if (text[i] < '0' || text[i] > '9') return bad;
    t = t * 10 + (text[i] - '0');
  }
  return std::optional<Cursor>{Cursor{t, text.substr(colon + 1)}};
}

std::string cursor_text(Timestamp time, const std::string& id) { return std::to_string(time) + ":" + id; }

}  // namespace yilu::server
