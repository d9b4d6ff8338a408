#pragma once
// The one cursor format of every paged list: a list is ordered by (a time, an id) and a page's
// cursor is its last row's "<time>:<id>"; the next page is the rows after it in that order
// (keyset paging: rows added or removed meanwhile never shift the others between pages).
#include <optional>
#include <string>

#include "yilu/date.hpp"
#include "yilu/error.hpp"

namespace yilu::server {

struct Cursor {
  Timestamp time = 0;
  std::string id;
  bool operator<(const Cursor& o) const { return time < o.time || (time == o.time && id < o.id); }
};

/// "" → nullopt (the first page); a malformed cursor → Error `bad_cursor` (path /cursor).
Result<std::optional<Cursor>> parse_cursor(const std::string& text);
std::string cursor_text(Timestamp time, const std::string& id);

}  // namespace yilu::server
