#include "auth/rate_limiter.hpp"

namespace yilu::server {

std::deque<Timestamp>& RateLimiter::events_of(const std::string& key, Timestamp now) {
  if (++calls_ % 1024 == 0) {
    for (auto it = events_.begin(); it != events_.end();) {
      if (it->second.empty() || it->second.back() <= now - window_) it = events_.erase(it);
      else ++it;
    }
  }
  auto& q = events_[key];
  while (!q.empty() && q.front() <= now - window_) q.pop_front();
  return q;
}

std::int64_t RateLimiter::hit(const std::string& key, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& q = events_of(key, now);
  if (static_cast<int>(q.size()) >= limit_) return q.front() + window_ - now;
  q.push_back(now);
  return 0;
}

std::int64_t RateLimiter::wait(const std::string& key, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& q = events_of(key, now);
  if (static_cast<int>(q.size()) < limit_) return 0;
  // The event that must leave the window before there is room again.
  return q[q.size() - static_cast<std::size_t>(limit_)] + window_ - now;
}

int RateLimiter::count(const std::string& key, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(events_of(key, now).size());
}

void RateLimiter::record(const std::string& key, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  events_of(key, now).push_back(now);
}

void RateLimiter::configure(int limit, std::int64_t window_seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  limit_ = limit;
  window_ = window_seconds;
}

}  // namespace yilu::server
