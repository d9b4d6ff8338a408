// Staff accounts (admin role).
#include <cstdio>

#include "auth/mask.hpp"
#include "auth/password.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/views.hpp"
#include "workflow/staff_accounts.hpp"

namespace yilu::server::http {

void register_admin_routes(Router& r, App& app) {
  r.get("/api/v1/admin/staff", kAdmin, [&app](const httplib::Request&, httplib::Response& res, const Caller&) {
    auto list = app.store->list_staff();
    if (!list.ok()) return send_core_error(res, list.error());
    json out = json::array();
    for (const auto& s : list.value()) out.push_back(staff_json(s));
    send_json(res, 200, {{"ok", true}, {"staff", out}});
  });

  r.post("/api/v1/admin/staff", kAdmin, [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
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
    send_json(res, 201, {{"ok", true}, {"staff", staff_json(created.value())}});
  });

  r.post("/api/v1/admin/staff/{username}/disable", kAdmin,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           const std::string username = req.matches[1];
           auto w = app.store->disable_staff(username);
           if (!w.ok()) return send_core_error(res, w.error());
           if (w.value() == WriteOutcome::Conflict) return send_error(res, "unknown_staff");
           if (w.value() == WriteOutcome::Refused) return send_error(res, "last_admin");
           std::fprintf(stderr, "[admin] %s disabled staff '%s'\n", mask_numbers(c.staff->username).c_str(),
                        mask_numbers(username).c_str());
           auto s = app.store->staff(username);
           if (!s.ok() || !s.value()) return send_error(res, "unknown_staff");
           send_json(res, 200, {{"ok", true}, {"staff", staff_json(*s.value())}});
         });
}

}  // namespace yilu::server::http
