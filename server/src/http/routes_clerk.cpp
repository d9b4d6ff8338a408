// The comprehensive window (综合收件, 统一出件): the queue of a window, and the clerk's actions
// on its applications. Each action is the workflow's pure function (workflow/actions.hpp);
// this file only reads the request and writes the step.
#include "auth/tokens.hpp"
#include "http/access.hpp"
#include "http/paging.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/status_filter.hpp"
#include "http/step.hpp"
#include "http/views.hpp"

namespace yilu::server::http {

namespace {

using workflow::AppStatus;

const std::vector<AppStatus> kOpen = {AppStatus::Submitted, AppStatus::SupplementRequested, AppStatus::Accepted,
                                      AppStatus::Dispatched, AppStatus::ReadyForIssue};

// A clerk action: the body (optional or required), the application, the workflow's step.
using Step = std::function<Result<Change>(const json& body, const Application& a, const workflow::Actor& actor)>;

Handler clerk_action(App& app, bool needs_body, Step step) {
  return
      [&app, needs_body, step = std::move(step)](const httplib::Request& req, httplib::Response& res, const Caller& c) {
        auto body = json_body(req, res, !needs_body);
        if (!body) return;
        auto a = load_application(app, req.matches[1], res);
        if (!a) return;
        const auto actor = actor_of(c);
        if (auto written = write_step(app, res, step(*body, *a, actor)))
          send_application(app, res, written->updated, actor, true);
      };
}

}  // namespace

void register_clerk_routes(Router& r, App& app) {
  r.get("/api/v1/staff/queue", kClerkOrSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
          const auto window =
              list_scope(*c.staff, workflow::Role::Clerk, c.staff->window, req.get_param_value("window"));
          if (!window) return send_error(res, "forbidden");
          const auto statuses = parse_statuses(req.get_param_value("status"), kOpen);
          if (!statuses) return send_error(res, "bad_status", "/status");
          const auto page = page_request(req, res);
          if (!page) return;
          auto apps = app.store->applications_by_status_page(*window, *statuses, *page);
          if (!apps.ok()) return send_core_error(res, apps.error());
          json list = json::array();
          for (const auto& a : apps.value().rows) list.push_back(application_full(app, a, actor_of(c), false));
          json body = {{"ok", true}, {"window", *window}, {"applications", list}};
          add_page_fields(body, apps.value());
          send_json(res, 200, body);
        });

  r.post("/api/v1/staff/applications/{id}/accept", kClerk,
         clerk_action(app, false, [&app](const json&, const Application& a, const workflow::Actor& actor) {
           return workflow::accept(a, actor, app.now());
         }));

  r.post("/api/v1/staff/applications/{id}/supplement", kClerk,
         clerk_action(app, true, [&app](const json& body, const Application& a, const workflow::Actor& actor) {
           SupplementNotice n;
           n.note = reason_text(body, "note");
           if (body.contains("missing") && body["missing"].is_array())
             for (const auto& m : body["missing"])
               if (m.is_string() && n.missing.size() < 200) n.missing.push_back(m.get<std::string>());
           return workflow::request_supplement(a, actor, std::move(n), app.now());
         }));

  r.post("/api/v1/staff/applications/{id}/refuse", kClerk,
         clerk_action(app, true, [&app](const json& body, const Application& a, const workflow::Actor& actor) {
           return workflow::refuse(a, actor, reason_text(body, "reason"), app.now());
         }));

  r.post("/api/v1/staff/applications/{id}/dispatch", kClerk,
         clerk_action(app, false,
                      [&app](const json&, const Application& a, const workflow::Actor& actor) -> Result<Change> {
                        if (!app.catalog) return Error{"catalog_not_loaded", "", ""};
                        return workflow::dispatch(a, actor, *app.catalog, app.now());
                      }));

  // 容缺补交 at the window: the clerk records the material handed in (a note; no files).
  r.post("/api/v1/staff/applications/{id}/supply", kClerk,
         clerk_action(app, true, [&app](const json& body, const Application& a, const workflow::Actor& actor) {
           return workflow::supply(a, actor, str(body, "material"), {}, reason_text(body, "note"), app.now());
         }));

  r.post("/api/v1/staff/applications/{id}/issue", kClerk,
         clerk_action(app, false,
                      [&app](const json&, const Application& a, const workflow::Actor& actor) -> Result<Change> {
                        if (!app.catalog) return Error{"catalog_not_loaded", "", ""};
                        auto tasks = app.store->tasks_of(a.id);
                        if (!tasks.ok()) return tasks.error();
                        return workflow::issue(
                            a, tasks.value(), actor, *app.catalog, [] { return "L" + random_hex(8); }, app.now());
                      }));
}

}  // namespace yilu::server::http
