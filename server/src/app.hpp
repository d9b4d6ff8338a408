#pragma once
// Everything a request handler needs, built once at start-up and shared by the thread pool:
// the engine (const, safe concurrently), the catalog, storage, the SMS sender, rate limits.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "auth/rate_limiter.hpp"
#include "auth/sms_sender.hpp"
#include "storage/store.hpp"
#include "uploads/blob_store.hpp"
#include "yilu/call.hpp"
#include "yilu/catalog.hpp"

namespace yilu::server {

/// Limits that tests and benchmarks may loosen; the defaults are the production ones.
struct Limits {
  std::size_t upload_bytes = 20u << 20;  ///< one multipart request (files + fields)
  std::int64_t sms_resend_seconds = 60;
  std::int64_t resident_session_seconds = 30 * 24 * 3600;
  std::int64_t staff_session_seconds = 12 * 3600;
};

/// A one-time code waiting to be verified (kept in memory: it lives five minutes).
struct PendingCode {
  std::string code_hash;
  Timestamp expires_at = 0;
  Timestamp sent_at = 0;
  int attempts = 0;
};

struct App {
  Engine engine;
  std::string catalog_text;
  std::string calendar_text;
  const Catalog* catalog = nullptr;  ///< the engine's catalog (loaded once at start)
  std::unique_ptr<Store> store;
  std::optional<BlobStore> blobs;
  std::unique_ptr<SmsSender> sms;
  Limits limits;
  std::string web_dir;  ///< static files of the web app; empty = none
  std::string openapi_text;
  std::function<Timestamp()> clock;  ///< the wall clock; tests substitute their own

  RateLimiter sms_by_phone{5, 3600};      ///< codes per number per hour
  RateLimiter sms_by_address{30, 3600};   ///< codes per client address per hour
  RateLimiter logins_by_address{30, 60};  ///< staff sign-in attempts per address per minute

  std::mutex codes_mu;
  std::unordered_map<std::string, PendingCode> codes;  ///< by phone

  Timestamp now() const { return clock(); }
  /// The engine's call context at the app's "now".
  CallContext ctx() const { return context_at(now()); }
};

}  // namespace yilu::server
