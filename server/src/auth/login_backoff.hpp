#pragma once
// Per-account backoff for password sign-in (in memory, by username as typed): after a few
// failures each further attempt waits, the wait doubling up to a cap. Unknown usernames are
// tracked exactly like real ones, so a 429 never tells which accounts exist. Every attempt is
// counted as a failure when it is admitted and forgiven when it succeeds: parallel guesses
// cannot slip through between the check and the (slow) password hash.
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "yilu/date.hpp"

namespace yilu::server {

class LoginBackoff {
 public:
  /// `free_failures` attempts go through at once; after that the account waits `first_wait`
  /// seconds, doubling with each further failure up to `max_wait`. Failures are forgotten
  /// `forget_after` seconds after the last one.
  LoginBackoff(int free_failures = 5, std::int64_t first_wait = 30, std::int64_t max_wait = 900,
               std::int64_t forget_after = 24 * 3600)
      : free_(free_failures), first_(first_wait), max_(max_wait), forget_(forget_after) {}
  /// Admits an attempt for the key (counting it as a failure until `succeeded`) and returns 0,
  /// or returns the seconds still to wait (nothing counted). Never fails.
  std::int64_t attempt(const std::string& key, Timestamp now);
  /// The attempt succeeded: the key's failures are forgotten.
  void succeeded(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    Timestamp last = 0;   ///< the last admitted attempt
    Timestamp until = 0;  ///< no attempt is admitted before this time
  };
  void prune(Timestamp now);

  int free_;
  std::int64_t first_;
  std::int64_t max_;
  std::int64_t forget_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::uint64_t calls_ = 0;
};

}  // namespace yilu::server
