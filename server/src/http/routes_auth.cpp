// Sign-in: residents by mobile number and one-time code, staff by password; logout.
#include <cstdio>

#include "auth/mask.hpp"
#include "auth/password.hpp"
#include "auth/tokens.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/views.hpp"
#include "yilu/contact.hpp"

namespace yilu::server::http {

namespace {

constexpr std::int64_t kCodeSeconds = 300;
constexpr int kMaxCodeAttempts = 5;

// The core's mobile rule (the same the page and the forms use); "" when the number is invalid.
std::string normalized_mobile(const std::string& raw) {
  const MobileCheck m = check_mobile(raw);
  return m.valid() ? std::string(m.normalized_view()) : std::string();
}

// Issues a session and answers with the token.
void start_session(App& app, httplib::Response& res, const std::string& kind, const std::string& subject,
                   std::int64_t seconds, json extra) {
  const std::string token = random_hex(32);
  const Timestamp expires = app.now() + seconds;
  if (auto e = app.store->put_session(sha256_hex(token), Session{kind, subject, expires}, app.now()))
    return send_core_error(res, *e);
  extra["ok"] = true;
  extra["token"] = token;
  extra["expires_at"] = format_timestamp_cst(expires);
  send_json(res, 200, extra);
}

void too_many(httplib::Response& res, std::int64_t wait) {
  res.set_header("Retry-After", std::to_string(wait));
  send_error_with(res, "rate_limited", {{"retry_after", wait}});
}

}  // namespace

void register_auth_routes(Router& r, App& app) {
  r.post("/api/v1/auth/sms/request", kPublic,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
           auto body = json_body(req, res);
           if (!body) return;
           const std::string phone = normalized_mobile(str(*body, "phone"));
           if (phone.empty()) return send_error(res, "bad_phone", "/phone");
           const Timestamp now = app.now();
           {
             std::lock_guard<std::mutex> lock(app.codes_mu);
             const auto it = app.codes.find(phone);
             if (it != app.codes.end() && now - it->second.sent_at < app.limits.sms_resend_seconds)
               return too_many(res, app.limits.sms_resend_seconds - (now - it->second.sent_at));
           }
           if (auto wait = app.sms_by_address.hit(client_address(req), now)) return too_many(res, wait);
           if (auto wait = app.sms_by_phone.hit(phone, now)) return too_many(res, wait);
           const std::string code = random_digits(6);
           {
             std::lock_guard<std::mutex> lock(app.codes_mu);
             app.codes[phone] = PendingCode{sha256_hex(code), now + kCodeSeconds, now, 0};
           }
           if (!app.sms->send_code(phone, code)) return send_error(res, "sms_unavailable");
           send_json(res, 202,
                     {{"ok", true}, {"expires_in", kCodeSeconds}, {"retry_after", app.limits.sms_resend_seconds}});
         });

  r.post("/api/v1/auth/sms/verify", kPublic,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
           auto body = json_body(req, res);
           if (!body) return;
           const std::string phone = normalized_mobile(str(*body, "phone"));
           const std::string code = str(*body, "code");
           if (phone.empty()) return send_error(res, "bad_phone", "/phone");
           const Timestamp now = app.now();
           {
             std::lock_guard<std::mutex> lock(app.codes_mu);
             const auto it = app.codes.find(phone);
             if (it == app.codes.end()) return send_error(res, "bad_code", "/code");
             if (it->second.expires_at < now) {
               app.codes.erase(it);
               return send_error(res, "code_expired", "/code");
             }
             if (!equal_constant_time(sha256_hex(code), it->second.code_hash)) {
               // A six-digit code survives only a few guesses: after that the resident asks again.
               if (++it->second.attempts >= kMaxCodeAttempts) {
                 app.codes.erase(it);
                 return send_error(res, "too_many_attempts", "/code");
               }
               return send_error(res, "bad_code", "/code");
             }
             app.codes.erase(it);
           }
           auto resident = app.store->resident_by_phone(phone, now);
           if (!resident.ok()) return send_core_error(res, resident.error());
           std::fprintf(stderr, "[auth] resident %s signed in from %s\n", mask_phone(phone).c_str(),
                        client_address(req).c_str());
           start_session(app, res, "resident", resident.value().id, app.limits.resident_session_seconds,
                         {{"resident", resident_json(resident.value())}});
         });

  r.post("/api/v1/auth/logout", kSignedIn, [&app](const httplib::Request&, httplib::Response& res, const Caller& c) {
    if (auto e = app.store->delete_session(c.token_hash)) return send_core_error(res, *e);
    send_json(res, 200, {{"ok", true}});
  });

  r.post("/api/v1/staff/login", kPublic, [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
    auto body = json_body(req, res);
    if (!body) return;
    if (auto wait = app.logins_by_address.hit(client_address(req), app.now())) return too_many(res, wait);
    const std::string username = str(*body, "username");
    const std::string password = str(*body, "password");
    auto account = app.store->staff(username);
    if (!account.ok()) return send_core_error(res, account.error());
    const bool ok =
        account.value() && !account.value()->disabled && verify_password(account.value()->password_hash, password);
    if (!ok) {
      std::fprintf(stderr, "[auth] staff sign-in refused for '%s' from %s\n", mask_numbers(username).c_str(),
                   client_address(req).c_str());
      return send_error(res, "bad_credentials");
    }
    start_session(app, res, "staff", username, app.limits.staff_session_seconds,
                  {{"staff", staff_json(*account.value())}});
  });
}

}  // namespace yilu::server::http
