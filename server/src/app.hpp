#pragma once
// Everything a request handler needs, built once at start-up and shared by the thread pool:
// the engine (const, safe concurrently), the catalog, storage, the SMS sender, rate limits.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/login_backoff.hpp"
#include "auth/rate_limiter.hpp"
#include "auth/sms_sender.hpp"
#include "catalog_pub/catalog_publication.hpp"
#include "catalog_pub/catalog_state.hpp"
#include "http/prepared_body.hpp"
#include "storage/store.hpp"
#include "uploads/blob_store.hpp"
#include "yilu/call.hpp"
#include "yilu/catalog.hpp"

namespace yilu::server {

/// Limits that tests and benchmarks may loosen; the defaults are the production ones.
struct Limits {
  std::size_t upload_bytes = 20u << 20;  ///< one multipart request (files + fields)
  /// The wait between two codes to one number, always (also once a code died). After
  /// `sms_free_codes` codes nobody used it doubles, up to `sms_max_resend_seconds`: an
  /// attacker cannot flood a number with codes, and never locks its owner out for long.
  std::int64_t sms_resend_seconds = 60;
  int sms_free_codes = 3;
  std::int64_t sms_max_resend_seconds = 600;
  std::int64_t resident_session_seconds = 30 * 24 * 3600;
  std::int64_t staff_session_seconds = 12 * 3600;
  /// A staff session ends after this long without a request (0: never idle out).
  std::int64_t staff_idle_seconds = 30 * 60;
  /// Connections one client address may hold at once (0: no cap; behind a reverse proxy every
  /// connection comes from the proxy: see docs/deploy.md). Half the worker pool by default.
  std::size_t connections_per_address = 32;
  /// Peers whose X-Real-IP names the client (the reverse proxy in front; YILU_TRUSTED_PROXIES):
  /// rate limits and the audit trail then see people's addresses, not the proxy's.
  std::vector<std::string> trusted_proxies;
  /// A resident's allowance per day (China Standard Time): uploads (count, bytes) and
  /// applications. A person applies for a few matters a day; these stop a script filling the
  /// disk or the queues, not a family filing together. 0: no limit.
  std::int64_t uploads_per_day = 100;
  std::int64_t upload_bytes_per_day = 300LL << 20;
  std::int64_t applications_per_day = 20;
  /// How old (seconds) the supervisor overview's counts may be when served (its `as_of` says
  /// when they were computed); 0: computed for every request. At a million applications a
  /// computation takes about a second (docs/PERFORMANCE.md).
  std::int64_t overview_max_age = 30;
};

struct OverviewSummary;  // http/overview.hpp

/// The supervisor overview's latest summary (http/overview.hpp): data derived from the
/// database, kept for Limits::overview_max_age seconds, never shared state.
struct OverviewCache {
  std::mutex mu;
  std::shared_ptr<const OverviewSummary> summary;
  Timestamp asked = 0;  ///< when someone last asked for the overview
};

/// The holiday calendar in force, with what answers by it: replaced as one when an administrator
/// publishes a new calendar (calendar_pub/), while calls in flight finish on the one they took.
struct CalendarState {
  Engine engine;  ///< the catalog (shared by every state) and this calendar
  std::string text;
  std::unique_ptr<const http::PreparedBody> body;  ///< what GET /api/v1/calendar serves
  std::int64_t id = 0;                             ///< its calendar_versions id; 0: the shipped file
};

struct App {
  /// The catalog in force (catalog_state()'s). Answers about an application filed under an
  /// earlier version come from catalog_for / engine_for.
  CatalogPointer catalog;
  /// Search initials for the phone's index, kept to publish new versions.
  std::shared_ptr<const PinyinInitials> pinyin;
  /// Loads a stored version by id (set up with the store, catalog_pub/catalog_versions.hpp).
  std::function<std::shared_ptr<const CatalogState>(std::int64_t)> load_catalog_version;
  /// The data files the page downloads, prepared (compressed, ETag) once at start.
  std::unique_ptr<const http::PreparedBody> divisions_body;  ///< null when the file is missing
  std::unique_ptr<Store> store;
  std::optional<BlobStore> blobs;
  std::unique_ptr<SmsSender> sms;
  Limits limits;
  std::string web_dir;  ///< static files of the web app; empty = none
  std::string openapi_text;
  std::function<Timestamp()> clock;  ///< the wall clock; tests substitute their own
  OverviewCache overview;

  // Limits on sign-in. The rules are here; the events they count live in the store's shared
  // state (Store::update_shared), so they hold across every server on the database.
  RateLimiter sms_by_address{30, 3600};   ///< codes per client address per hour
  RateLimiter logins_by_address{30, 60};  ///< staff sign-in attempts per address per minute
  /// Wrong sign-in codes per client address per hour: one address cannot guess its way in,
  /// nor kill many residents' codes.
  RateLimiter wrong_codes_by_address{20, 3600};
  /// Wrong sign-in codes from everyone per 10 minutes: once spent, only addresses with no
  /// wrong code in the last hour may try, so a guessing attack spread over many addresses is
  /// bounded (one guess per fresh address) while residents typing their code right the first
  /// time still get in.
  RateLimiter wrong_codes_global{500, 600};
  /// Staff password failures per username (sign-in and password change).
  LoginBackoff staff_backoff;

  Timestamp now() const { return clock(); }
  /// The calendar in force now. Hold the pointer for the length of a computation: every due
  /// date of one answer then comes from one calendar.
  std::shared_ptr<const CalendarState> calendar_state() const { return std::atomic_load(&calendar_state_); }
  /// The catalog and the calendar in force, as one engine.
  std::shared_ptr<const Engine> engine() const;
  /// The engine for an application: the catalog version it was filed under (its promised
  /// limits, materials, questions) and the calendar in force.
  std::shared_ptr<const Engine> engine_for(const Application& a) const;
  void set_calendar_state(std::shared_ptr<const CalendarState> s) { std::atomic_store(&calendar_state_, std::move(s)); }

  /// The catalog version in force, with its publication for the phone.
  std::shared_ptr<const CatalogState> catalog_state() const { return std::atomic_load(&catalog_state_); }
  /// Puts a version in force (and keeps it loaded).
  void set_catalog_state(std::shared_ptr<const CatalogState> s);
  /// Version `id` (0 or unknown: the one in force), loaded once through load_catalog_version.
  std::shared_ptr<const CatalogState> catalog_version(std::int64_t id) const;
  /// The catalog an application was filed under.
  const Catalog* catalog_for(const Application& a) const { return catalog_version(a.catalog_version)->catalog.get(); }
  /// The engine's call context at the app's "now".
  CallContext ctx() const { return context_at(now()); }

 private:
  std::shared_ptr<const CalendarState> calendar_state_;
  std::shared_ptr<const CatalogState> catalog_state_;
  mutable std::mutex versions_mu_;
  mutable std::map<std::int64_t, std::shared_ptr<const CatalogState>> versions_;  ///< every one loaded
  std::vector<std::shared_ptr<const CatalogState>> keep_unstored_;                ///< in force once, never stored
};

}  // namespace yilu::server
