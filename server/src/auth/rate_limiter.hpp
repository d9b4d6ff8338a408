#pragma once
// Sliding-window counters in memory (per phone number, per address, global). Guarded by a
// mutex: handlers run on a thread pool. Memory is bounded by pruning keys whose windows are
// empty.
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "yilu/date.hpp"

namespace yilu::server {

class RateLimiter {
 public:
  /// At most `limit` events per `window_seconds` for each key.
  RateLimiter(int limit, std::int64_t window_seconds) : limit_(limit), window_(window_seconds) {}
  /// Records an event for the key if allowed; returns 0 when allowed, else the seconds to wait.
  std::int64_t hit(const std::string& key, Timestamp now);
  /// The seconds to wait before the key has room for one more event (0: room now). Records
  /// nothing: for budgets of failures, checked before the attempt and charged after it fails.
  std::int64_t wait(const std::string& key, Timestamp now);
  /// How many events the key has in the window now. Never fails.
  int count(const std::string& key, Timestamp now);
  /// Records an event for the key whether or not it has room (a failure that happened).
  void record(const std::string& key, Timestamp now);
  /// Changes the limit and window (tests, configuration); the recorded events stay.
  void configure(int limit, std::int64_t window_seconds);

 private:
  std::deque<Timestamp>& events_of(const std::string& key, Timestamp now);

  int limit_;
  std::int64_t window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<Timestamp>> events_;
  std::uint64_t calls_ = 0;
};

}  // namespace yilu::server
