#include "http/ranges.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "http/respond.hpp"

namespace yilu::server::http {

bool ranges_servable(const httplib::Ranges& ranges, std::size_t length) {
  if (ranges.empty() || ranges.size() > kMaxRanges || length == 0) return false;
  // Each range as [first, last] inside the representation; httplib writes -1 for a missing end.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const auto& [first, last] : ranges) {
    if (first < 0) {
      if (last <= 0) return false;  // "-" or "-0": nothing to send
      const auto suffix = static_cast<std::size_t>(last);
      spans.emplace_back(suffix >= length ? 0 : length - suffix, length - 1);
      continue;
    }
    const auto from = static_cast<std::size_t>(first);
    if (from >= length) return false;
    const std::size_t to =
        last < 0 || static_cast<std::size_t>(last) >= length ? length - 1 : static_cast<std::size_t>(last);
    if (to < from) return false;
    spans.emplace_back(from, to);
  }
  std::sort(spans.begin(), spans.end());
  for (std::size_t i = 1; i < spans.size(); ++i)
    if (spans[i].first <= spans[i - 1].second) return false;  // overlapping: the same bytes twice
  return true;
}

void enforce_range_policy(const httplib::Request& req, httplib::Response& res) {
  if (req.ranges.empty()) return;
  // httplib reads the ranges from the request after we return; the Request object it owns is
  // not const (only our view of it), so dropping them here is how a response is sent whole.
  auto& ranges = const_cast<httplib::Ranges&>(req.ranges);
  const std::size_t length = res.body.empty() ? res.content_length_ : res.body.size();
  const bool whole = res.status == -1 || res.status == 200 || res.status == 206;
  if (!whole || length == 0) {
    ranges.clear();
    if (res.status == 206) res.status = 200;
    return;
  }
  if (ranges_servable(ranges, length)) {
    res.status = 206;
    return;
  }
  ranges.clear();
  res.content_length_ = 0;
  res.content_provider_ = nullptr;
  send_error(res, "range_not_satisfiable");
  res.set_header("Content-Range", "bytes */" + std::to_string(length));
}

void drop_ranges(const httplib::Request& req) { const_cast<httplib::Ranges&>(req.ranges).clear(); }

}  // namespace yilu::server::http
