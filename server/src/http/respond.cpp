#include "http/respond.hpp"

#include <algorithm>

#include "app.hpp"

#include "auth/tokens.hpp"
#include "http/errors.hpp"
#include "yilu/call.hpp"

namespace yilu::server::http {

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

void send_error_with(httplib::Response& res, const std::string& code, json extra) {
  const ErrorInfo& info = error_info(code);
  json err = {{"code", code}, {"message", info.message}};
  if (extra.is_object() && extra.contains("path")) {
    err["path"] = extra["path"];
    extra.erase("path");
  }
  json body = {{"ok", false}, {"error", std::move(err)}};
  if (extra.is_object()) body.update(extra);
  send_json(res, info.status, body);
}

void send_error(httplib::Response& res, const std::string& code, const std::string& path) {
  json extra = json::object();
  if (!path.empty()) extra["path"] = path;
  send_error_with(res, code, std::move(extra));
}

void send_core_error(httplib::Response& res, const Error& e) {
  const ErrorInfo& info = error_info(e.code);
  json err = {{"code", e.code}, {"message", e.message.empty() ? std::string(info.message) : e.message}};
  if (!e.path.empty()) err["path"] = e.path;
  // The database is away (restarting, failing over): a few seconds is the usual wait.
  if (e.code == "storage_unavailable") res.set_header("Retry-After", "5");
  send_json(res, info.status, {{"ok", false}, {"error", err}});
}

std::optional<json> json_body(const httplib::Request& req, httplib::Response& res, bool allow_empty) {
  // JSON bodies are limited to 1 MiB whatever the server-wide limit (sized for uploads).
  if (req.body.size() > kJsonBodyLimit) {
    send_error(res, "payload_too_large");
    return std::nullopt;
  }
  if (req.body.empty() && allow_empty) return json::object();
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    send_error(res, "unsupported_media_type");
    return std::nullopt;
  }
  // Routes dump bodies (the idempotency fingerprint) and dump() recurses once per level: a
  // deep body must never reach the parser's DOM.
  if (json_nesting_exceeds(req.body)) {
    send_error(res, "json_too_deep");
    return std::nullopt;
  }
  json v = json::parse(req.body, nullptr, false);
  if (v.is_discarded()) {
    send_error(res, "bad_json");
    return std::nullopt;
  }
  if (!v.is_object()) {
    send_error(res, "not_object");
    return std::nullopt;
  }
  return v;
}

std::string str(const json& obj, const char* key) {
  if (!obj.is_object()) return {};
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

Result<std::optional<Principal>> authenticate(App& app, const httplib::Request& req) {
  const std::optional<Principal> nobody;
  const std::string h = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (h.size() <= kBearer.size() || h.compare(0, kBearer.size(), kBearer) != 0) return nobody;
  const std::string token = h.substr(kBearer.size());
  if (token.size() != 64) return nobody;
  Principal p;
  p.token_hash = sha256_hex(token);
  auto s = app.store->session(p.token_hash, app.now());
  if (!s.ok()) return s.error();
  if (!s.value()) return nobody;
  if (s.value()->subject_kind == "resident") {
    auto r = app.store->resident(s.value()->subject_id);
    if (!r.ok()) return r.error();
    if (!r.value()) return nobody;
    p.resident = *r.value();
  } else {
    auto st = app.store->staff(s.value()->subject_id);
    if (!st.ok()) return st.error();
    if (!st.value() || st.value()->disabled) return nobody;
    p.staff = *st.value();
  }
  return std::optional<Principal>(std::move(p));
}

std::string client_address(const App& app, const httplib::Request& req) {
  const auto& proxies = app.limits.trusted_proxies;
  if (std::find(proxies.begin(), proxies.end(), req.remote_addr) == proxies.end()) return req.remote_addr;
  const std::string forwarded = req.get_header_value("X-Real-IP");
  return forwarded.empty() ? req.remote_addr : forwarded;
}

void too_many(httplib::Response& res, const char* code, std::int64_t wait) {
  res.set_header("Retry-After", std::to_string(wait));
  send_error_with(res, code, {{"retry_after", wait}});
}

DailyQuota daily_quota(Timestamp now, std::int64_t max_count, std::int64_t max_bytes) {
  return DailyQuota{cst_end_of_day(cst_date(now)) - 86399, max_count, max_bytes};
}

std::int64_t seconds_to_next_day(Timestamp now) { return cst_end_of_day(cst_date(now)) + 1 - now; }

}  // namespace yilu::server::http
