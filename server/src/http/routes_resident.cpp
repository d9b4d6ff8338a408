// The signed-in resident: profile (ID checked by the core), licences, own applications.
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/views.hpp"

namespace yilu::server::http {

void register_resident_routes(Router& r, App& app) {
  r.get("/api/v1/me", [&app](const httplib::Request& req, httplib::Response& res) {
    auto me = require_resident(app, req, res);
    if (!me) return;
    send_json(res, 200, {{"ok", true}, {"resident", resident_json(*me)}});
  });

  r.put("/api/v1/me/profile", [&app](const httplib::Request& req, httplib::Response& res) {
    auto me = require_resident(app, req, res);
    if (!me) return;
    auto body = json_body(req, res);
    if (!body) return;
    const std::string name = str(*body, "name");
    if (name.empty() || name.size() > 90) return send_error(res, 422, "bad_name", "/name");
    // The same check_id the phone runs; the server never has its own ID rules.
    const json check = json::parse(
        app.engine.call(json{{"op", "check_id"}, {"value", str(*body, "id_number")}}.dump(), app.ctx()), nullptr, false);
    if (!check.is_object() || !check.value("ok", false) || !check.value("valid", false)) {
      json extra = {{"path", "/id_number"}};
      if (check.is_object() && check.contains("reason")) extra["reason"] = check["reason"];
      return send_error_with(res, 422, "invalid_id_number", extra);
    }
    const std::string normalized = check.value("normalized", std::string());
    if (auto e = app.store->set_profile(me->id, name, normalized)) return send_core_error(res, *e);
    me->name = name;
    me->id_number = normalized;
    json rj = resident_json(*me);
    rj["profile"]["birth_date"] = check.value("birth_date", std::string());
    rj["profile"]["gender"] = check.value("gender", std::string());
    rj["profile"]["region"] = check.value("region", std::string());
    send_json(res, 200, {{"ok", true}, {"resident", rj}});
  });

  r.get("/api/v1/me/licences", [&app](const httplib::Request& req, httplib::Response& res) {
    auto me = require_resident(app, req, res);
    if (!me) return;
    auto lic = app.store->licences_of(me->id);
    if (!lic.ok()) return send_core_error(res, lic.error());
    json list = json::array();
    for (const auto& l : lic.value()) list.push_back(licence_json(l));
    send_json(res, 200, {{"ok", true}, {"licences", list}});
  });

  r.get("/api/v1/me/applications", [&app](const httplib::Request& req, httplib::Response& res) {
    auto me = require_resident(app, req, res);
    if (!me) return;
    auto apps = app.store->applications_of_resident(me->id);
    if (!apps.ok()) return send_core_error(res, apps.error());
    json list = json::array();
    for (const auto& a : apps.value()) list.push_back(application_full(app, a, false));
    send_json(res, 200, {{"ok", true}, {"applications", list}});
  });
}

}  // namespace yilu::server::http
