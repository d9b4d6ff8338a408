#pragma once
// Turning results into HTTP responses: JSON bodies, the one error shape, body parsing that
// never throws, and the request's principal (resident or staff) from its bearer token.
#include <httplib.h>

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "storage/records.hpp"

namespace yilu::server {
struct App;
}

namespace yilu::server::http {

using json = nlohmann::json;

/// Sends `body` as JSON with the status.
void send_json(httplib::Response& res, int status, const json& body);
/// Sends {"ok":false,"error":{"code","message"[,"path"]}} with the status and the message of
/// the code in the one error table (http/errors.hpp).
void send_error(httplib::Response& res, const std::string& code, const std::string& path = {});
/// The same with extra members merged into the body (e.g. "problems", "retry_after").
void send_error_with(httplib::Response& res, const std::string& code, json extra);
/// Sends a core or storage Error: the status of its code in the table (400 for the core's
/// own codes), its own message when it has one.
void send_core_error(httplib::Response& res, const Error& e);

/// The largest JSON body any route accepts.
constexpr std::size_t kJsonBodyLimit = 1u << 20;

/// The body as a JSON object, or nullopt after sending 415 (not JSON), 400 `bad_json`,
/// 400 `json_too_deep` (nested deeper than yilu::kMaxJsonDepth) or 400 `not_object`. An empty body reads as {} when
/// `allow_empty`.
std::optional<json> json_body(const httplib::Request& req, httplib::Response& res, bool allow_empty = false);

/// A string member, "" when absent or not a string.
std::string str(const json& obj, const char* key);

/// Who is calling.
struct Principal {
  std::string token_hash;
  std::optional<Resident> resident;
  std::optional<StaffAccount> staff;
};

/// The principal of a valid, unexpired bearer token, or nullopt (no or bad token); the
/// storage error when the sessions cannot be read (the database away: a 503, never a 401 —
/// the page signs people out on a 401).
Result<std::optional<Principal>> authenticate(App& app, const httplib::Request& req);

/// 429 with `retry_after` (and the Retry-After header) in seconds.
void too_many(httplib::Response& res, const char* code, std::int64_t wait);

/// A daily quota of the resident for the China Standard Time day of `now`.
DailyQuota daily_quota(Timestamp now, std::int64_t max_count, std::int64_t max_bytes);
/// Seconds from `now` to the next China Standard Time midnight (when daily quotas renew).
std::int64_t seconds_to_next_day(Timestamp now);

/// The client address for rate limits, the audit trail and logs: the peer, or — when the peer
/// is one of the app's trusted proxies (YILU_TRUSTED_PROXIES, e.g. the nginx in front) — the
/// address that proxy puts in X-Real-IP. A header from anyone else is ignored: a client could
/// write any address there.
std::string client_address(const App& app, const httplib::Request& req);

}  // namespace yilu::server::http
