// Staff accounts and the audit trail (admin role).
#include <cstdio>

#include "auth/mask.hpp"
#include "auth/password.hpp"
#include "http/audit.hpp"
#include "http/paging.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/views.hpp"
#include "workflow/staff_accounts.hpp"

namespace yilu::server::http {

namespace {

// A filter's time: RFC 3339, or a plain date (its first second for `since`; for `until`, the
// end of that day, so since=until=a date means that whole day). 0 when absent; nullopt when bad.
std::optional<Timestamp> filter_time(const std::string& text, bool end_of_day) {
  if (text.empty()) return Timestamp{0};
  auto t = parse_timestamp(text);
  if (!t) return std::nullopt;
  return end_of_day && text.size() == 10 ? *t + 86400 : *t;
}

json audit_json(const AuditEntry& e) {
  return {{"seq", e.seq},
          {"at", format_timestamp_cst(e.at)},
          {"kind", e.kind},
          {"kind_label", audit_label(e.kind)},
          {"actor", {{"kind", e.actor_kind}, {"id", e.actor_id}}},
          {"subject", e.subject},
          {"address", e.address},
          {"detail", json::parse(e.detail, nullptr, false).is_object() ? json::parse(e.detail) : json::object()}};
}

}  // namespace

void register_admin_routes(Router& r, App& app) {
  r.get("/api/v1/admin/audit", kAdmin, [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
    const auto page = page_request(req, res);
    if (!page) return;
    AuditQuery q;
    q.kind = req.get_param_value("kind");
    if (!q.kind.empty() && audit_label(q.kind).empty()) return send_error(res, "bad_audit_kind", "/kind");
    q.actor_id = req.get_param_value("actor");
    q.subject = req.get_param_value("subject");
    const auto since = filter_time(req.get_param_value("since"), false);
    if (!since) return send_error(res, "bad_time", "/since");
    const auto until = filter_time(req.get_param_value("until"), true);
    if (!until) return send_error(res, "bad_time", "/until");
    q.since = *since;
    q.until = *until;
    auto got = app.store->audit_page(q, *page);
    if (!got.ok()) return send_core_error(res, got.error());
    json list = json::array();
    for (const auto& e : got.value().rows) list.push_back(audit_json(e));
    json body = {{"ok", true}, {"entries", list}};
    add_page_fields(body, got.value());
    send_json(res, 200, body);
  });

  r.get("/api/v1/admin/staff", kAdmin, [&app](const httplib::Request&, httplib::Response& res, const Caller&) {
    auto list = app.store->list_staff();
    if (!list.ok()) return send_core_error(res, list.error());
    json out = json::array();
    for (const auto& s : list.value()) out.push_back(staff_json(s));
    send_json(res, 200, {{"ok", true}, {"staff", out}});
  });

  r.post("/api/v1/admin/staff", kAdmin, [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
    auto body = json_body(req, res);
    if (!body) return;
    NewStaff n{str(*body, "username"), str(*body, "display_name"), str(*body, "role"),
               str(*body, "window"),   str(*body, "department"),   str(*body, "password")};
    auto created = create_staff_account(app.store.get(), app.catalog, n, app.now());
    if (!created.ok()) {
      const Error& e = created.error();
      // A weak password says which rule it broke (the table's message lists them all).
      if (e.code == "weak_password") return send_error_with(res, e.code, {{"path", e.path}, {"reason", e.message}});
      return send_error(res, e.code, e.path);
    }
    audit_caller(app, req, c, "account_created", created.value().username,
                 {{"role", workflow::name(created.value().role)}});
    send_json(res, 201, {{"ok", true}, {"staff", staff_json(created.value())}});
  });

  r.post("/api/v1/admin/staff/{username}/disable", kAdmin,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           const std::string username = req.matches[1];
           auto w = app.store->disable_staff(username);
           if (!w.ok()) return send_core_error(res, w.error());
           if (w.value() == WriteOutcome::Conflict) return send_error(res, "unknown_staff");
           if (w.value() == WriteOutcome::Refused) return send_error(res, "last_admin");
           audit_caller(app, req, c, "account_disabled", username);
           std::fprintf(stderr, "[admin] %s disabled staff '%s'\n", mask_numbers(c.staff->username).c_str(),
                        mask_numbers(username).c_str());
           auto s = app.store->staff(username);
           if (!s.ok() || !s.value()) return send_error(res, "unknown_staff");
           send_json(res, 200, {{"ok", true}, {"staff", staff_json(*s.value())}});
         });
}

}  // namespace yilu::server::http
