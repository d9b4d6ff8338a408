#pragma once
// Lists people page through: `?limit=` (1 to 200, 50 by default) and `?cursor=` (the
// `next_cursor` of the previous page). Every paged response carries `next_cursor` (null on
// the last page) and `total` (the whole list's count), so no list stops silently.
#include <httplib.h>

#include <optional>

#include <nlohmann/json.hpp>

#include "storage/records.hpp"

namespace yilu::server::http {

constexpr std::int64_t kDefaultPageSize = 50;
constexpr std::int64_t kMaxPageSize = 200;

/// The page asked for, or nullopt after sending 400 `bad_limit` / `bad_cursor`.
std::optional<PageRequest> page_request(const httplib::Request& req, httplib::Response& res);

/// Adds `next_cursor` and `total` to a list response.
template <class T>
void add_page_fields(nlohmann::json& body, const Page<T>& page) {
  body["next_cursor"] = page.next.empty() ? nlohmann::json(nullptr) : nlohmann::json(page.next);
  body["total"] = page.total;
}

}  // namespace yilu::server::http
