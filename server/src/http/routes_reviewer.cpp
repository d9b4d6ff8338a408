// The departments (分类转办, 并联审批): a department's tasks, and the reviewer's decisions and
// clock actions on them (workflow/actions.hpp decides; this file reads and writes).
#include "http/access.hpp"
#include "http/paging.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/status_filter.hpp"
#include "http/step.hpp"
#include "http/views.hpp"
#include "workflow/labels.hpp"

namespace yilu::server::http {

namespace {

using workflow::TaskAction;
using workflow::TaskStatus;

Handler task_action(App& app, TaskAction action) {
  return [&app, action](const httplib::Request& req, httplib::Response& res, const Caller& c) {
    const bool needs_reason = action == TaskAction::Reject || action == TaskAction::Pause ||
                              action == TaskAction::Extend || action == TaskAction::Revoke;
    auto body = json_body(req, res, !needs_reason);
    if (!body) return;
    auto t = app.store->task(req.matches[1]);
    if (!t.ok()) return send_core_error(res, t.error());
    if (!t.value()) return send_error(res, "not_found");
    const Task task = *t.value();
    if (!is_task_reviewer(*c.staff, task)) return send_error(res, "forbidden");
    auto a = load_application(app, task.application_id, res);
    if (!a) return;
    std::int64_t days = 10;
    if (action == TaskAction::Extend && body->contains("days")) {
      const json& d = (*body)["days"];
      if (!d.is_number_integer() || d.get<std::int64_t>() < 1 || d.get<std::int64_t>() > 30)
        return send_error(res, "bad_days", "/days");
      days = d.get<std::int64_t>();
    }
    const std::string reason = reason_text(*body, action == TaskAction::Approve ? "note" : "reason");
    const auto actor = actor_of(c);
    Result<Change> step = Error{"illegal_transition", "", ""};
    if (action == TaskAction::Revoke) {
      // A false commitment revokes the item's licences: the step needs them.
      auto licences = app.store->licences_of_application(a->id);
      if (!licences.ok()) return send_core_error(res, licences.error());
      step = workflow::revoke_commitment(*a, task, licences.value(), actor, reason, app.now());
    } else {
      step = workflow::act_on_task(*a, task, actor, action, reason, days, app.now());
    }
    auto written = write_step(app, res, std::move(step));
    if (!written) return;
    // The task as written, against the application as it now stands (ready for issue …).
    const Task& after = written->task_updates.front().second;
    send_application(app, res, written->updated, actor, false,
                     {{"task", task_json(app, written->updated, after, actor)}});
  };
}

}  // namespace

void register_reviewer_routes(Router& r, App& app) {
  r.get("/api/v1/staff/tasks", kReviewerOrSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
          const auto dept =
              list_scope(*c.staff, workflow::Role::Reviewer, c.staff->department, req.get_param_value("department"));
          if (!dept) return send_error(res, "forbidden");
          const auto statuses = parse_statuses(req.get_param_value("status"),
                                               std::vector<TaskStatus>{TaskStatus::Reviewing, TaskStatus::Paused});
          if (!statuses) return send_error(res, "bad_status", "/status");
          const auto page = page_request(req, res);
          if (!page) return;
          auto tasks = app.store->tasks_by_department_page(*dept, *statuses, *page);
          if (!tasks.ok()) return send_core_error(res, tasks.error());
          const auto actor = actor_of(c);
          json list = json::array();
          for (const auto& t : tasks.value().rows) {
            auto a = app.store->application(t.application_id);
            if (!a.ok() || !a.value()) continue;
            json tj = task_json(app, *a.value(), t, actor);
            tj["application"] = json{{"id", a.value()->id},
                                     {"status", workflow::name(a.value()->status)},
                                     {"status_label", workflow::label(a.value()->status)},
                                     {"target_id", a.value()->target_id},
                                     {"kind", a.value()->kind},
                                     {"window", a.value()->window}};
            list.push_back(std::move(tj));
          }
          json body = {{"ok", true}, {"department", *dept}, {"tasks", list}};
          add_page_fields(body, tasks.value());
          send_json(res, 200, body);
        });

  r.post("/api/v1/staff/tasks/{id}/approve", kReviewer, task_action(app, TaskAction::Approve));
  r.post("/api/v1/staff/tasks/{id}/reject", kReviewer, task_action(app, TaskAction::Reject));
  r.post("/api/v1/staff/tasks/{id}/pause", kReviewer, task_action(app, TaskAction::Pause));
  r.post("/api/v1/staff/tasks/{id}/resume", kReviewer, task_action(app, TaskAction::Resume));
  r.post("/api/v1/staff/tasks/{id}/extend", kReviewer, task_action(app, TaskAction::Extend));
  // 告知承诺 核查: a false commitment (approve on a post-check task is "核查属实").
  r.post("/api/v1/staff/tasks/{id}/revoke", kReviewer, task_action(app, TaskAction::Revoke));
}

}  // namespace yilu::server::http
