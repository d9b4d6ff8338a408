#include "auth/login_backoff.hpp"

namespace yilu::server {

namespace {

// Entries kept before pruning drops those not waiting (a spray of unknown usernames).
constexpr std::size_t kMaxEntries = 100000;

}  // namespace

void LoginBackoff::prune(Timestamp now) {
  const bool crowded = entries_.size() > kMaxEntries;
  for (auto it = entries_.begin(); it != entries_.end();) {
    const Entry& e = it->second;
    const bool stale = e.last + forget_ <= now;
    if (stale || (crowded && e.until <= now)) it = entries_.erase(it);
    else ++it;
  }
}

std::int64_t LoginBackoff::attempt(const std::string& key, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (++calls_ % 1024 == 0 || entries_.size() > kMaxEntries) prune(now);
  Entry& e = entries_[key];
  if (e.failures > 0 && e.last + forget_ <= now) e = Entry{};
  if (e.until > now) return e.until - now;
  ++e.failures;
  e.last = now;
  if (e.failures >= free_) {
    std::int64_t wait = first_;
    for (int i = free_; i < e.failures && wait < max_; ++i) wait *= 2;
    e.until = now + (wait < max_ ? wait : max_);
  }
  return 0;
}

void LoginBackoff::succeeded(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(key);
}

}  // namespace yilu::server
