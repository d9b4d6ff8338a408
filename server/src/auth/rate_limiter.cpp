#include "auth/rate_limiter.hpp"

#include <nlohmann/json.hpp>

namespace yilu::server {

std::string window_text(const EventWindow& w) {
  if (w.events.empty()) return {};
  return nlohmann::json(w.events).dump();
}

EventWindow parse_window(const std::string& text) {
  EventWindow w;
  // Written by this program; anything else (a hand edit, an older format) counts as nothing.
  try {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) return w;
    for (const auto& t : j)
      if (t.is_number_integer()) w.events.push_back(t.get<Timestamp>());
    return w;
  } catch (const nlohmann::json::exception&) {
    return {};
  }
}

void RateLimiter::expire(EventWindow& w, Timestamp now) const {
  std::size_t old = 0;
  while (old < w.events.size() && w.events[old] <= now - window_) ++old;
  w.events.erase(w.events.begin(), w.events.begin() + static_cast<std::ptrdiff_t>(old));
}

std::int64_t RateLimiter::hit(EventWindow& w, Timestamp now) const {
  expire(w, now);
  if (static_cast<int>(w.events.size()) >= limit_) return w.events.front() + window_ - now;
  w.events.push_back(now);
  return 0;
}

std::int64_t RateLimiter::wait(EventWindow& w, Timestamp now) const {
  expire(w, now);
  if (static_cast<int>(w.events.size()) < limit_) return 0;
  // The event that must leave the window before there is room again.
  return w.events[w.events.size() - static_cast<std::size_t>(limit_)] + window_ - now;
}

int RateLimiter::count(EventWindow& w, Timestamp now) const {
  expire(w, now);
  return static_cast<int>(w.events.size());
}

void RateLimiter::record(EventWindow& w, Timestamp now) const {
  expire(w, now);
  w.events.push_back(now);
  // A failure budget far over its limit needs only its newest events to answer every question.
  const std::size_t keep = static_cast<std::size_t>(limit_ > 0 ? limit_ : 1) + std::size_t{1};
  if (w.events.size() > keep) w.events.erase(w.events.begin(), w.events.end() - static_cast<std::ptrdiff_t>(keep));
}

Timestamp RateLimiter::keep_until(const EventWindow& w) const {
  return w.events.empty() ? 0 : w.events.back() + window_;
}

void RateLimiter::configure(int limit, std::int64_t window_seconds) {
  limit_ = limit;
  window_ = window_seconds;
}

}  // namespace yilu::server
