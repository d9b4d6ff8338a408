#include "http/paging.hpp"

#include "http/respond.hpp"

namespace yilu::server::http {

std::optional<PageRequest> page_request(const httplib::Request& req, httplib::Response& res) {
  PageRequest p;
  p.limit = kDefaultPageSize;
  if (req.has_param("limit")) {
    const std::string v = req.get_param_value("limit");
    std::int64_t n = 0;
    bool digits = !v.empty() && v.size() <= 4;
    for (const char ch : v) {
      if (ch < '0' || ch > '9') digits = false;
      if (digits) n = n * 10 + (ch - '0');
    }
    if (!digits || n < 1 || n > kMaxPageSize) {
      send_error(res, "bad_limit", "/limit");
      return std::nullopt;
    }
    p.limit = n;
  }
  // The store checks the cursor's form (bad_cursor); here only its size.
  p.after = req.get_param_value("cursor");
  if (p.after.size() > 120) {
    send_error(res, "bad_cursor", "/cursor");
    return std::nullopt;
  }
  return p;
}

}  // namespace yilu::server::http
