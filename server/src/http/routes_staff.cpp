// Any staff member: who am I, and one application in full (if their role and scope let them
// read it: the clerk of its window, a reviewer with a task in it, supervisors and admins).
#include "http/access.hpp"
#include "http/audit.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/step.hpp"
#include "http/views.hpp"

namespace yilu::server::http {

void register_staff_routes(Router& r, App& app) {
  r.get("/api/v1/staff/me", kAnyStaff, [](const httplib::Request&, httplib::Response& res, const Caller& c) {
    send_json(res, 200, {{"ok", true}, {"staff", staff_json(*c.staff)}});
  });

  r.get("/api/v1/staff/applications/{id}", kAnyStaff,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
          auto a = load_application(app, req.matches[1], res);
          if (!a) return;
          auto tasks = app.store->tasks_of(a->id);
          if (!tasks.ok()) return send_core_error(res, tasks.error());
          if (!staff_can_view(*c.staff, *a, tasks.value())) return send_error(res, "forbidden");
          audit_caller(app, req, c, "application_read", a->id);
          send_detail(app, res, *a, actor_of(c));
        });
}

}  // namespace yilu::server::http
