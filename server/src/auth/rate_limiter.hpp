#pragma once
// Sliding-window limits (per address, per number, for everyone). The rule is here; the events
// of each key live in the store's shared state (Store::update_shared), so every server behind
// the proxy counts the same events: a limit that counts across servers, not per process.
#include <cstdint>
#include <string>
#include <vector>

#include "yilu/date.hpp"

namespace yilu::server {

/// One key's recent events, oldest first.
struct EventWindow {
  std::vector<Timestamp> events;
};

/// The window as stored (a JSON array of times); "" for none.
std::string window_text(const EventWindow& w);
/// The window from its stored text; an empty or unreadable text is an empty window.
EventWindow parse_window(const std::string& text);

class RateLimiter {
 public:
  /// At most `limit` events per `window_seconds`.
  RateLimiter(int limit, std::int64_t window_seconds) : limit_(limit), window_(window_seconds) {}
  /// Records an event if allowed; returns 0 when allowed, else the seconds to wait.
  std::int64_t hit(EventWindow& w, Timestamp now) const;
  /// The seconds to wait before there is room for one more event (0: room now). Records
  /// nothing: for budgets of failures, checked before the attempt and charged after it fails.
  std::int64_t wait(EventWindow& w, Timestamp now) const;
  /// How many events the window has now.
  int count(EventWindow& w, Timestamp now) const;
  /// Records an event whether or not there is room (a failure that happened).
  void record(EventWindow& w, Timestamp now) const;
  /// Until when the window must be kept: its last event's time plus the window.
  Timestamp keep_until(const EventWindow& w) const;
  /// Changes the limit and window (tests, configuration).
  void configure(int limit, std::int64_t window_seconds);

 private:
  void expire(EventWindow& w, Timestamp now) const;

  int limit_;
  std::int64_t window_;
};

}  // namespace yilu::server
