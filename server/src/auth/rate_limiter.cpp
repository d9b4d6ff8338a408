#include "auth/rate_limiter.hpp"

namespace yilu::server {

std::int64_t RateLimiter::hit(const std::string& key, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (++calls_ % 1024 == 0) {
    for (auto it = events_.begin(); it != events_.end();) {
      if (it->second.empty() || it->second.back() <= now - window_) it = events_.erase(it);
      else ++it;
    }
  }
  auto& q = events_[key];
  while (!q.empty() && q.front() <= now - window_) q.pop_front();
  if (static_cast<int>(q.size()) >= limit_) return q.front() + window_ - now;
  q.push_back(now);
  return 0;
}

}  // namespace yilu::server
