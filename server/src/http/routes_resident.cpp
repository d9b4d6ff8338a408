// The signed-in resident: profile (ID checked by the core), licences, own applications.
#include "http/audit.hpp"
#include "http/paging.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/step.hpp"
#include "http/views.hpp"
#include "yilu/identity.hpp"

namespace yilu::server::http {

void register_resident_routes(Router& r, App& app) {
  r.get("/api/v1/me", kResident, [](const httplib::Request&, httplib::Response& res, const Caller& c) {
    send_json(res, 200, {{"ok", true}, {"resident", resident_json(*c.resident)}});
  });

  r.put("/api/v1/me/profile", kResident, [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
    auto me = c.resident;
    auto body = json_body(req, res);
    if (!body) return;
    const std::string name = str(*body, "name");
    if (name.empty() || name.size() > 90) return send_error(res, "bad_name", "/name");
    // The same check_resident_id the phone runs; the server never has its own ID rules.
    const IdCheck check = check_resident_id(str(*body, "id_number"), app.ctx().today);
    if (!check.valid())
      return send_error_with(res, "invalid_id_number",
                             {{"path", "/id_number"}, {"reason", id_reason_code(check.reason)}});
    const std::string normalized(check.normalized_view());
    // 实名 once: a name and ID already given are not replaced from the phone (else anyone could
    // file in another's name by changing it first); a correction is made at the window.
    if (!me->id_number.empty() && (me->id_number != normalized || me->name != name))
      return send_error(res, "profile_locked", "/id_number");
    const bool changed = me->id_number != normalized || me->name != name;
    if (auto e = app.store->set_profile(me->id, name, normalized)) return send_core_error(res, *e);
    if (changed) audit_caller(app, req, c, "profile_changed", me->id, {{"by", "resident"}});
    me->name = name;
    me->id_number = normalized;
    json rj = resident_json(*me);
    rj["profile"]["birth_date"] = format_date(check.birth_date);
    rj["profile"]["gender"] = check.male ? "male" : "female";
    rj["profile"]["region"] = std::string(check.region());
    send_json(res, 200, {{"ok", true}, {"resident", rj}});
  });

  r.get("/api/v1/me/licences", kResident, [&app](const httplib::Request&, httplib::Response& res, const Caller& c) {
    auto me = c.resident;
    auto lic = app.store->licences_of(me->id);
    if (!lic.ok()) return send_core_error(res, lic.error());
    json list = json::array();
    for (const auto& l : lic.value()) list.push_back(licence_json(l));
    send_json(res, 200, {{"ok", true}, {"licences", list}});
  });

  r.get("/api/v1/me/applications", kResident,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
          auto me = c.resident;
          const auto page = page_request(req, res);
          if (!page) return;
          auto apps = app.store->applications_of_resident_page(me->id, *page);
          if (!apps.ok()) return send_core_error(res, apps.error());
          json list = json::array();
          for (const auto& a : apps.value().rows) list.push_back(application_full(app, a, actor_of(c), false));
          json body = {{"ok", true}, {"applications", list}};
          add_page_fields(body, apps.value());
          send_json(res, 200, body);
        });
}

}  // namespace yilu::server::http
