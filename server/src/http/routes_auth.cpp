// Sign-in: residents by mobile number and one-time code, staff by password; logout; a staff
// member's password change.
//
// Limits stop the attacker, not the account's owner: a code goes to the owner's phone
// whoever asked for it, so asking is limited only by a resend wait (always applied, growing
// while nobody uses the codes, capped at minutes); guessing is limited per code, per address
// and for everyone together. Staff passwords: per-account backoff, the same hashing work for
// unknown accounts as for real ones.
#include <algorithm>
#include <cstdio>

#include "auth/mask.hpp"
#include "auth/password.hpp"
#include "auth/tokens.hpp"
#include "http/audit.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/views.hpp"
#include "log_text.hpp"
#include "yilu/contact.hpp"

namespace yilu::server::http {

namespace {

constexpr std::int64_t kCodeSeconds = 300;
// Wrong tries one address may make on a code, and all addresses together before it dies: one
// attacker cannot kill the owner's code, many together get at most 20 guesses in 10^6.
constexpr int kMaxCodeAttemptsPerAddress = 5;
constexpr int kMaxCodeAttempts = 20;
// A number's send history is forgotten after an hour of quiet (and then pruned).
constexpr std::int64_t kQuietSeconds = 3600;
// The longest username an account can have (workflow/staff_accounts.cpp).
constexpr std::size_t kMaxUsername = 64;

// The core's mobile rule (the same the page and the forms use); "" when the number is invalid.
std::string normalized_mobile(const std::string& raw) {
  const MobileCheck m = check_mobile(raw);
  return m.valid() ? std::string(m.normalized_view()) : std::string();
}

// Issues a session and answers with the token.
void start_session(App& app, httplib::Response& res, const std::string& kind, const std::string& subject,
                   std::int64_t seconds, std::int64_t idle_seconds, json extra) {
  const std::string token = random_hex(32);
  const Timestamp expires = app.now() + seconds;
  Session s{kind, subject, expires, idle_seconds, app.now()};
  if (auto e = app.store->put_session(sha256_hex(token), s, app.now())) return send_core_error(res, *e);
  extra["ok"] = true;
  extra["token"] = token;
  extra["expires_at"] = format_timestamp_cst(expires);
  if (idle_seconds > 0) extra["idle_timeout"] = idle_seconds;
  send_json(res, 200, extra);
}

// The wait before the next code to a number: the resend wait, doubled for each code beyond
// the free ones that nobody used, capped.
std::int64_t resend_wait(const Limits& l, int unverified) {
  std::int64_t wait = l.sms_resend_seconds;
  for (int i = l.sms_free_codes; i < unverified && wait < l.sms_max_resend_seconds; ++i) wait *= 2;
  return std::min(wait, std::max(l.sms_max_resend_seconds, l.sms_resend_seconds));
}

// Drops numbers with no live code and no recent send (caller holds codes_mu).
void prune_codes(App& app, Timestamp now) {
  for (auto it = app.codes.begin(); it != app.codes.end();) {
    const PendingCode& p = it->second;
    const bool live = !p.code_hash.empty() && p.expires_at >= now;
    if (!live && now - p.sent_at >= kQuietSeconds) it = app.codes.erase(it);
    else ++it;
  }
}

// The seconds before the address may guess a code again; 0 when it may now. Over the global
// budget, an address that guessed wrong this hour waits too; a clean one may still try.
std::int64_t guess_wait(App& app, const std::string& address, Timestamp now) {
  if (auto wait = app.wrong_codes_by_address.wait(address, now)) return wait;
  if (app.wrong_codes_by_address.count(address, now) == 0) return 0;
  return app.wrong_codes_global.wait("", now);
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
           std::string code;
           std::int64_t next_wait = 0;
           {
             std::lock_guard<std::mutex> lock(app.codes_mu);
             if (app.codes.size() > 4096) prune_codes(app, now);
             PendingCode& p = app.codes[phone];
             if (p.sent_at != 0 && now - p.sent_at >= kQuietSeconds) p.unverified = 0;
             // The wait runs from the last code sent, whether that code is still live, was
             // used up by wrong tries, or expired: killing a code never skips it.
             if (p.sent_at != 0) {
               const std::int64_t wait = resend_wait(app.limits, p.unverified);
               if (now - p.sent_at < wait) return too_many(res, "rate_limited", wait - (now - p.sent_at));
             }
             if (auto wait = app.sms_by_address.hit(client_address(req), now))
               return too_many(res, "rate_limited", wait);
             code = random_digits(6);
             p.code_hash = sha256_hex(code);
             p.expires_at = now + kCodeSeconds;
             p.sent_at = now;
             p.attempts = 0;
             p.attempts_by_address.clear();
             ++p.unverified;
             next_wait = resend_wait(app.limits, p.unverified);
           }
           if (!app.sms->send_code(phone, code)) return send_error(res, "sms_unavailable");
           send_json(res, 202, {{"ok", true}, {"expires_in", kCodeSeconds}, {"retry_after", next_wait}});
         });

  r.post("/api/v1/auth/sms/verify", kPublic,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
           auto body = json_body(req, res);
           if (!body) return;
           const std::string phone = normalized_mobile(str(*body, "phone"));
           const std::string code = str(*body, "code");
           if (phone.empty()) return send_error(res, "bad_phone", "/phone");
           const Timestamp now = app.now();
           const std::string address = client_address(req);
           {
             // One lock for the budgets and the code: concurrent guesses cannot overrun them.
             std::lock_guard<std::mutex> lock(app.codes_mu);
             if (auto wait = guess_wait(app, address, now)) return too_many(res, "too_many_guesses", wait);
             const auto it = app.codes.find(phone);
             const bool live = it != app.codes.end() && !it->second.code_hash.empty();
             if (live && it->second.expires_at < now) {
               it->second.code_hash.clear();
               it->second.attempts_by_address.clear();
               return send_error(res, "code_expired", "/code");
             }
             // For an address that used up its tries the code is gone, as if killed: even the
             // right digits fail there. It stays good for the owner on another address.
             if (live && it->second.attempts_by_address[address] >= kMaxCodeAttemptsPerAddress)
               return send_error(res, "bad_code", "/code");
             if (!live || !equal_constant_time(sha256_hex(code), it->second.code_hash)) {
               // Every wrong guess is charged to the address and to everyone's budget.
               app.wrong_codes_by_address.record(address, now);
               app.wrong_codes_global.record("", now);
               if (!live) return send_error(res, "bad_code", "/code");
               PendingCode& p = it->second;
               ++p.attempts;
               // A six-digit code survives only a few guesses: after that the resident asks
               // again (after the resend wait, which still runs from this code).
               if (++p.attempts_by_address[address] >= kMaxCodeAttemptsPerAddress || p.attempts >= kMaxCodeAttempts) {
                 if (p.attempts >= kMaxCodeAttempts) {
                   p.code_hash.clear();
                   p.attempts_by_address.clear();
                 }
                 return send_error(res, "too_many_attempts", "/code");
               }
               return send_error(res, "bad_code", "/code");
             }
             // The owner proved the number: its send history starts over.
             app.codes.erase(it);
           }
           auto resident = app.store->resident_by_phone(phone, now);
           if (!resident.ok()) return send_core_error(res, resident.error());
           std::fprintf(stderr, "[auth] resident %s signed in from %s\n", mask_phone(phone).c_str(),
                        log_text(address).c_str());
           start_session(app, res, "resident", resident.value().id, app.limits.resident_session_seconds, 0,
                         {{"resident", resident_json(resident.value())}});
         });

  r.post("/api/v1/auth/logout", kSignedIn,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           if (auto e = app.store->delete_session(c.token_hash)) return send_core_error(res, *e);
           if (c.staff) audit_caller(app, req, c, "staff_sign_out", c.staff->username);
           send_json(res, 200, {{"ok", true}});
         });

  r.post("/api/v1/staff/login", kPublic, [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
    auto body = json_body(req, res);
    if (!body) return;
    const Timestamp now = app.now();
    const std::string address = client_address(req);
    if (auto wait = app.logins_by_address.hit(address, now)) return too_many(res, "rate_limited", wait);
    const std::string username = str(*body, "username");
    const std::string password = str(*body, "password");
    // No account has a longer name; refusing it here keeps the backoff table small.
    if (username.size() > kMaxUsername) return send_error(res, "bad_credentials");
    // By the name as typed, known or not: a 429 says nothing about which accounts exist.
    if (auto wait = app.staff_backoff.attempt(username, now)) {
      std::fprintf(stderr, "[auth] staff sign-in for '%s' from %s refused: backoff %llds\n",
                   mask_numbers(username).c_str(), log_text(address).c_str(), static_cast<long long>(wait));
      audit(app, req, "staff_sign_in_failed", "anonymous", username, username, {{"reason", "backoff"}});
      return too_many(res, "too_many_failures", wait);
    }
    auto account = app.store->staff(username);
    if (!account.ok()) return send_core_error(res, account.error());
    const bool usable = account.value() && !account.value()->disabled;
    // The same Argon2id work whether or not the account exists or is usable.
    const bool ok =
        usable ? verify_password(account.value()->password_hash, password) : verify_password_against_dummy(password);
    if (!ok) {
      std::fprintf(stderr, "[auth] staff sign-in refused for '%s' from %s\n", mask_numbers(username).c_str(),
                   log_text(address).c_str());
      const char* why = !account.value()            ? "unknown_account"
                        : account.value()->disabled ? "disabled"
                                                    : "wrong_password";
      audit(app, req, "staff_sign_in_failed", account.value() ? "staff" : "anonymous", username, username,
            {{"reason", why}});
      return send_error(res, "bad_credentials");
    }
    app.staff_backoff.succeeded(username);
    audit(app, req, "staff_sign_in", "staff", username, username);
    start_session(app, res, "staff", username, app.limits.staff_session_seconds, app.limits.staff_idle_seconds,
                  {{"staff", staff_json(*account.value())}});
  });

  r.post("/api/v1/staff/password", kAnyStaff,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           auto body = json_body(req, res);
           if (!body) return;
           const std::string current = str(*body, "current");
           const std::string next = str(*body, "new");
           if (current.empty()) return send_error(res, "missing_field", "/current");
           if (next.empty()) return send_error(res, "missing_field", "/new");
           const std::string& username = c.staff->username;
           const Timestamp now = app.now();
           // A stolen session guessing the password shares the sign-in backoff.
           if (auto wait = app.staff_backoff.attempt(username, now)) return too_many(res, "too_many_failures", wait);
           if (!verify_password(c.staff->password_hash, current)) {
             std::fprintf(stderr, "[auth] password change refused for '%s' from %s: wrong current password\n",
                          mask_numbers(username).c_str(), log_text(client_address(req)).c_str());
             return send_error(res, "wrong_password", "/current");
           }
           app.staff_backoff.succeeded(username);
           if (auto why = weak_password_reason(next))
             return send_error_with(res, "weak_password", {{"reason", *why}, {"path", "/new"}});
           if (next == current) return send_error(res, "password_unchanged", "/new");
           auto hash = hash_password(next);
           if (!hash) return send_error(res, "internal_error");
           auto w = app.store->set_staff_password(username, *hash, c.token_hash);
           if (!w.ok()) return send_core_error(res, w.error());
           if (w.value() != WriteOutcome::Done) return send_error(res, "unknown_staff");
           audit_caller(app, req, c, "staff_password_changed", username);
           std::fprintf(stderr, "[auth] staff '%s' changed the password; other sessions ended\n",
                        mask_numbers(username).c_str());
           send_json(res, 200, {{"ok", true}});
         });
}

}  // namespace yilu::server::http
