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
#include "auth/sign_in_code.hpp"
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

// Keys of the shared state (Store::update_shared) this file keeps.
std::string code_key(const std::string& phone) { return "code:" + phone; }
std::string sms_address_key(const std::string& address) { return "sms-by-address:" + address; }
std::string login_address_key(const std::string& address) { return "login-by-address:" + address; }
std::string wrong_address_key(const std::string& address) { return "wrong-code-by-address:" + address; }
const char* const kWrongGlobalKey = "wrong-code-global";
std::string backoff_key(const std::string& username) { return "staff-backoff:" + username; }

// Stores a number's state for as long as it matters: its code's life, and the hour of quiet
// after the last send during which the resend wait and the count of unused codes hold.
void keep_code(SharedEntry& e, const PendingCode& p) {
  e.value = pending_code_text(p);
  e.expires_at = std::max(p.expires_at, p.sent_at + kQuietSeconds);
}

void keep_window(SharedEntry& e, const RateLimiter& rule, const EventWindow& w) {
  e.value = window_text(w);
  e.expires_at = rule.keep_until(w);
}

// The seconds before the address may guess a code again; 0 when it may now. Over the global
// budget, an address that guessed wrong this hour waits too; a clean one may still try.
std::int64_t guess_wait(const App& app, EventWindow& by_address, EventWindow& global, Timestamp now) {
  if (auto wait = app.wrong_codes_by_address.wait(by_address, now)) return wait;
  if (app.wrong_codes_by_address.count(by_address, now) == 0) return 0;
  return app.wrong_codes_global.wait(global, now);
}

// Admits a password attempt for the username (shared backoff); 0, or the seconds to wait.
Result<std::int64_t> admit_password_attempt(App& app, const std::string& username, Timestamp now) {
  std::int64_t wait = 0;
  auto e = app.store->update_shared({backoff_key(username)}, now, [&](std::vector<SharedEntry>& v) {
    BackoffEntry b = parse_backoff(v[0].value);
    wait = app.staff_backoff.attempt(b, now);
    v[0].value = backoff_text(b);
    v[0].expires_at = app.staff_backoff.keep_until(b);
  });
  if (e) return *e;
  return wait;
}

// The attempt succeeded: the username's failures are forgotten (on every server).
void forgive_password_attempts(App& app, const std::string& username, Timestamp now) {
  // Failing to forget (the database away) only leaves a counted failure: nobody is let in.
  app.store->update_shared({backoff_key(username)}, now, [](std::vector<SharedEntry>& v) { v[0].value.clear(); });
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
           const std::string address = client_address(app, req);
           std::string code;
           std::int64_t next_wait = 0;
           std::int64_t refused_wait = 0;
           auto stored = app.store->update_shared({code_key(phone), sms_address_key(address)}, now,
                                                  [&](std::vector<SharedEntry>& v) {
                                                    code.clear();
                                                    refused_wait = 0;
                                                    PendingCode p = parse_pending_code(v[0].value);
                                                    EventWindow sent_here = parse_window(v[1].value);
                                                    if (p.sent_at != 0 && now - p.sent_at >= kQuietSeconds)
                                                      p.unverified = 0;
                                                    // The wait runs from the last code sent, whether that code is still
                                                    // live, was used up by wrong tries, or expired: killing a code
                                                    // never skips it.
                                                    if (p.sent_at != 0) {
                                                      const std::int64_t wait = resend_wait(app.limits, p.unverified);
                                                      if (now - p.sent_at < wait)
                                                        refused_wait = wait - (now - p.sent_at);
                                                    }
                                                    if (!refused_wait)
                                                      refused_wait = app.sms_by_address.hit(sent_here, now);
                                                    if (!refused_wait) {
                                                      code = random_digits(6);
                                                      p.code_hash = sha256_hex(code);
                                                      p.expires_at = now + kCodeSeconds;
                                                      p.sent_at = now;
                                                      p.attempts = 0;
                                                      p.attempts_by_address.clear();
                                                      ++p.unverified;
                                                      next_wait = resend_wait(app.limits, p.unverified);
                                                    }
                                                    keep_code(v[0], p);
                                                    keep_window(v[1], app.sms_by_address, sent_here);
                                                  });
           if (stored) return send_core_error(res, *stored);
           if (refused_wait) return too_many(res, "rate_limited", refused_wait);
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
           const std::string address = client_address(app, req);
           // What the check found; the answer is sent once the shared state is stored.
           enum class Verdict { Right, Expired, Wrong, Exhausted, Wait };
           Verdict verdict = Verdict::Wrong;
           std::int64_t wait = 0;
           const std::string code_hash = sha256_hex(code);
           // The code and the budgets in one atomic update: concurrent guesses, on this server
           // or another, cannot overrun them.
           auto stored = app.store->update_shared(
               {code_key(phone), wrong_address_key(address), kWrongGlobalKey}, now, [&](std::vector<SharedEntry>& v) {
                 PendingCode p = parse_pending_code(v[0].value);
                 EventWindow wrong_here = parse_window(v[1].value);
                 EventWindow wrong_all = parse_window(v[2].value);
                 wait = guess_wait(app, wrong_here, wrong_all, now);
                 const bool live = !p.code_hash.empty();
                 if (wait) {
                   verdict = Verdict::Wait;
                 } else if (live && p.expires_at < now) {
                   p.code_hash.clear();
                   p.attempts_by_address.clear();
                   verdict = Verdict::Expired;
                 } else if (live && p.attempts_by_address[address] >= kMaxCodeAttemptsPerAddress) {
                   // For an address that used up its tries the code is gone, as if killed: even
                   // the right digits fail there. It stays good for the owner on another address.
                   verdict = Verdict::Wrong;
                 } else if (!live || !equal_constant_time(code_hash, p.code_hash)) {
                   // Every wrong guess is charged to the address and to everyone's budget.
                   app.wrong_codes_by_address.record(wrong_here, now);
                   app.wrong_codes_global.record(wrong_all, now);
                   verdict = Verdict::Wrong;
                   if (live) {
                     ++p.attempts;
                     // A six-digit code survives only a few guesses: after that the resident asks
                     // again (after the resend wait, which still runs from this code).
                     if (++p.attempts_by_address[address] >= kMaxCodeAttemptsPerAddress ||
                         p.attempts >= kMaxCodeAttempts) {
                       if (p.attempts >= kMaxCodeAttempts) {
                         p.code_hash.clear();
                         p.attempts_by_address.clear();
                       }
                       verdict = Verdict::Exhausted;
                     }
                   }
                 } else {
                   // The owner proved the number: its send history starts over.
                   p = PendingCode{};
                   verdict = Verdict::Right;
                 }
                 keep_code(v[0], p);
                 keep_window(v[1], app.wrong_codes_by_address, wrong_here);
                 keep_window(v[2], app.wrong_codes_global, wrong_all);
               });
           if (stored) return send_core_error(res, *stored);
           switch (verdict) {
             case Verdict::Wait: return too_many(res, "too_many_guesses", wait);
             case Verdict::Expired: return send_error(res, "code_expired", "/code");
             case Verdict::Wrong: return send_error(res, "bad_code", "/code");
             case Verdict::Exhausted: return send_error(res, "too_many_attempts", "/code");
             case Verdict::Right: break;
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
    const std::string address = client_address(app, req);
    std::int64_t address_wait = 0;
    auto counted = app.store->update_shared({login_address_key(address)}, now, [&](std::vector<SharedEntry>& v) {
      EventWindow w = parse_window(v[0].value);
      address_wait = app.logins_by_address.hit(w, now);
      keep_window(v[0], app.logins_by_address, w);
    });
    if (counted) return send_core_error(res, *counted);
    if (address_wait) return too_many(res, "rate_limited", address_wait);
    const std::string username = str(*body, "username");
    const std::string password = str(*body, "password");
    // No account has a longer name; refusing it here keeps the backoff table small.
    if (username.size() > kMaxUsername) return send_error(res, "bad_credentials");
    // By the name as typed, known or not: a 429 says nothing about which accounts exist.
    auto admitted = admit_password_attempt(app, username, now);
    if (!admitted.ok()) return send_core_error(res, admitted.error());
    if (const std::int64_t wait = admitted.value()) {
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
    forgive_password_attempts(app, username, now);
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
           auto admitted = admit_password_attempt(app, username, now);
           if (!admitted.ok()) return send_core_error(res, admitted.error());
           if (admitted.value()) return too_many(res, "too_many_failures", admitted.value());
           if (!verify_password(c.staff->password_hash, current)) {
             std::fprintf(stderr, "[auth] password change refused for '%s' from %s: wrong current password\n",
                          mask_numbers(username).c_str(), log_text(client_address(app, req)).c_str());
             return send_error(res, "wrong_password", "/current");
           }
           forgive_password_attempts(app, username, now);
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
