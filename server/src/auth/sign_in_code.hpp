#pragma once
// A number's sign-in state: its live code, if any, and how codes were sent to it. Kept in the
// store's shared state (a code asked for on one server is checked on another); the entry
// outlives its code, so the resend wait holds.
#include <map>
#include <string>

#include "yilu/date.hpp"

namespace yilu::server {

struct PendingCode {
  std::string code_hash;  ///< empty: no live code (never sent, expired, or killed by wrong tries)
  Timestamp expires_at = 0;
  Timestamp sent_at = 0;  ///< the last code sent
  int attempts = 0;       ///< wrong tries on the live code, from everyone
  /// Wrong tries on the live code by client address: an address that used up its tries is
  /// refused, while the owner (elsewhere) can still use the code.
  std::map<std::string, int> attempts_by_address;
  int unverified = 0;  ///< codes sent since the number last signed in (or an hour of quiet)
};

/// The state as stored; "" when there is nothing to keep (never sent).
std::string pending_code_text(const PendingCode& p);
/// The state from its stored text; an empty or unreadable text is a number never sent a code.
PendingCode parse_pending_code(const std::string& text);

}  // namespace yilu::server
