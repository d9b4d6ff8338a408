#pragma once
// Per-account backoff for password sign-in (by username as typed): after a few failures each
// further attempt waits, the wait doubling up to a cap. Unknown usernames are tracked exactly
// like real ones, so a 429 never tells which accounts exist. Every attempt is counted as a
// failure when it is admitted and forgiven when it succeeds: parallel guesses cannot slip
// through between the check and the (slow) password hash. The rule is here; each account's
// entry lives in the store's shared state, so the backoff holds across servers.
#include <cstdint>
#include <string>

#include "yilu/date.hpp"

namespace yilu::server {

/// One username's failures.
struct BackoffEntry {
  int failures = 0;
  Timestamp last = 0;   ///< the last admitted attempt
  Timestamp until = 0;  ///< no attempt is admitted before this time
};

/// The entry as stored; "" for a fresh one.
std::string backoff_text(const BackoffEntry& e);
/// The entry from its stored text; an empty or unreadable text is a fresh entry.
BackoffEntry parse_backoff(const std::string& text);

class LoginBackoff {
 public:
  /// `free_failures` attempts go through at once; after that the account waits `first_wait`
  /// seconds, doubling with each further failure up to `max_wait`. Failures are forgotten
  /// `forget_after` seconds after the last one.
  LoginBackoff(int free_failures = 5, std::int64_t first_wait = 30, std::int64_t max_wait = 900,
               std::int64_t forget_after = 24 * 3600)
      : free_(free_failures), first_(first_wait), max_(max_wait), forget_(forget_after) {}
  /// Admits an attempt (counting it as a failure until it succeeds: then the entry is
  /// dropped) and returns 0, or returns the seconds still to wait (nothing counted).
  std::int64_t attempt(BackoffEntry& e, Timestamp now) const;
  /// Until when the entry must be kept.
  Timestamp keep_until(const BackoffEntry& e) const { return e.last + forget_; }

 private:
  int free_;
  std::int64_t first_;
  std::int64_t max_;
  std::int64_t forget_;
};

}  // namespace yilu::server
