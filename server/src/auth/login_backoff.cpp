#include "auth/login_backoff.hpp"

#include <nlohmann/json.hpp>

namespace yilu::server {

std::string backoff_text(const BackoffEntry& e) {
  if (e.failures == 0) return {};
  return nlohmann::json{{"failures", e.failures}, {"last", e.last}, {"until", e.until}}.dump();
}

BackoffEntry parse_backoff(const std::string& text) {
  BackoffEntry e;
  // Written by this program; anything else (a hand edit, an older format) counts as nothing.
  try {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return e;
    e.failures = j.value("failures", 0);
    e.last = j.value("last", Timestamp{0});
    e.until = j.value("until", Timestamp{0});
    return e;
  } catch (const nlohmann::json::exception&) {
    return {};
  }
}

std::int64_t LoginBackoff::attempt(BackoffEntry& e, Timestamp now) const {
  if (e.failures > 0 && e.last + forget_ <= now) e = BackoffEntry{};
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

}  // namespace yilu::server
