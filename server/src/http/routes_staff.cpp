// The back office: window queues and actions (clerk), department tasks (reviewer), the
// supervisor's overview. Every action checks role and scope, then the state machine, then
// writes the step and its event in one transaction.
#include <algorithm>
#include <cstdio>
#include <map>

#include "auth/tokens.hpp"
#include "http/access.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/views.hpp"
#include "workflow/deadlines.hpp"
#include "workflow/state_machine.hpp"

namespace yilu::server::http {

namespace {

const std::vector<std::string> kOpenStatuses = {"submitted", "supplement_requested", "accepted", "dispatched",
                                                "ready_for_issue"};

std::vector<std::string> split_statuses(const std::string& s, const std::vector<std::string>& fallback) {
  if (s.empty()) return fallback;
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t comma = s.find(',', start);
    const std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out.empty() ? fallback : out;
}

Event staff_event(const StaffAccount& s, const Application& a, const std::string& kind, Timestamp now, json data = json::object(),
                  const std::string& task_id = {}) {
  return Event{0, a.id, task_id, kind, "staff", s.username, s.display_name, now, data.dump()};
}

// Loads the application for a staff action, answering 404/403 itself.
std::optional<Application> load_for_clerk(App& app, const StaffAccount& s, const std::string& id, httplib::Response& res) {
  auto a = app.store->application(id);
  if (!a.ok()) {
    send_core_error(res, a.error());
    return std::nullopt;
  }
  if (!a.value()) {
    send_error(res, 404, "not_found");
    return std::nullopt;
  }
  if (!is_window_clerk(s, *a.value())) {
    send_error(res, 403, "forbidden");
    return std::nullopt;
  }
  return *a.value();
}

void answer_change(App& app, httplib::Response& res, const Result<WriteOutcome>& w, const Application& updated,
                   json extra = json::object()) {
  if (!w.ok()) return send_core_error(res, w.error());
  if (w.value() == WriteOutcome::Conflict) return send_error(res, 409, "illegal_transition");
  extra["ok"] = true;
  extra["application"] = application_full(app, updated, true);
  send_json(res, 200, extra);
}

std::string required_reason(const json& body, const char* key) {
  std::string r = str(body, key);
  if (r.size() > 2000) r.resize(2000);
  return r;
}

// The reason a clerk must give (补正 notice, refusal): empty means a 422 has been sent.
std::string reason_or_422(const json& body, const char* key, httplib::Response& res) {
  std::string r = required_reason(body, key);
  if (r.empty()) send_error(res, 422, "missing_reason", std::string("/") + key);
  return r;
}

}  // namespace

void register_staff_routes(Router& r, App& app) {
  r.get("/api/v1/staff/me", [&app](const httplib::Request& req, httplib::Response& res) {
    auto s = require_staff(app, req, res);
    if (!s) return;
    send_json(res, 200, {{"ok", true}, {"staff", staff_json(*s)}});
  });

  r.get("/api/v1/staff/queue", [&app](const httplib::Request& req, httplib::Response& res) {
    auto s = require_staff(app, req, res);
    if (!s) return;
    const auto window = list_scope(*s, "clerk", s->window, req.get_param_value("window"));
    if (!window) return send_error(res, 403, "forbidden");
    auto apps = app.store->applications_by_status(*window, split_statuses(req.get_param_value("status"), kOpenStatuses));
    if (!apps.ok()) return send_core_error(res, apps.error());
    json list = json::array();
    for (const auto& a : apps.value()) list.push_back(application_full(app, a, false));
    send_json(res, 200, {{"ok", true}, {"window", *window}, {"applications", list}});
  });

  r.get("/api/v1/staff/applications/{id}", [&app](const httplib::Request& req, httplib::Response& res) {
    auto s = require_staff(app, req, res);
    if (!s) return;
    auto a = app.store->application(req.matches[1]);
    if (!a.ok()) return send_core_error(res, a.error());
    if (!a.value()) return send_error(res, 404, "not_found");
    auto tasks = app.store->tasks_of(a.value()->id);
    if (!tasks.ok()) return send_core_error(res, tasks.error());
    if (!staff_can_view(*s, *a.value(), tasks.value())) return send_error(res, 403, "forbidden");
    auto events = app.store->events_of(a.value()->id);
    if (!events.ok()) return send_core_error(res, events.error());
    json timeline = json::array();
    for (const auto& e : events.value()) timeline.push_back(event_json(e));
    send_json(res, 200, {{"ok", true}, {"application", application_full(app, *a.value(), true)}, {"timeline", timeline}});
  });

  // --- clerk actions -------------------------------------------------------------------
  const auto clerk_action = [&app](const char* path, workflow::Action action, bool needs_body,
                                   std::function<bool(const json&, Application&, Change&, httplib::Response&)> effect) {
    return [&app, action, needs_body, effect](const httplib::Request& req, httplib::Response& res) {
      auto s = require_staff(app, req, res);
      if (!s) return;
      auto body = json_body(req, res, !needs_body);
      if (!body) return;
      auto a = load_for_clerk(app, *s, req.matches[1], res);
      if (!a) return;
      auto next = workflow::next_status(a->status, action);
      if (!next.ok()) return send_error(res, 409, next.error().code);
      const Timestamp now = app.now();
      Change c;
      c.application_id = a->id;
      c.expected_status = a->status;
      c.updated = *a;
      c.updated.status = next.value();
      c.updated.updated_at = now;
      if (!effect(*body, *a, c, res)) return;
      for (auto& e : c.events) {
        e.application_id = a->id;
        e.actor_kind = "staff";
        e.actor_id = s->username;
        e.actor_name = s->display_name;
        e.at = now;
      }
      std::fprintf(stderr, "[app] %s %s by %s\n", a->id.c_str(), workflow::action_name(action), s->username.c_str());
      answer_change(app, res, app.store->apply(c), c.updated);
    };
    (void)path;
  };

  r.post("/api/v1/staff/applications/{id}/accept",
         clerk_action("accept", workflow::Action::Accept, false, [](const json&, Application&, Change& c, httplib::Response&) {
           c.updated.accepted_at = c.updated.updated_at;
           c.updated.supplement.clear();
           c.events.push_back(Event{0, "", "", "accepted", "", "", "", 0, "{}"});
           return true;
         }));

  r.post("/api/v1/staff/applications/{id}/supplement",
         clerk_action("supplement", workflow::Action::Supplement, true,
                      [](const json& body, Application&, Change& c, httplib::Response& res) {
                        const std::string note = reason_or_422(body, "note", res);
                        if (note.empty()) return false;
                        json missing = json::array();
                        if (body.contains("missing") && body["missing"].is_array())
                          for (const auto& m : body["missing"])
                            if (m.is_string() && missing.size() < 200) missing.push_back(m);
                        const json notice = {{"note", note}, {"missing", missing}};
                        c.updated.supplement = notice.dump();
                        c.events.push_back(Event{0, "", "", "supplement_requested", "", "", "", 0, notice.dump()});
                        return true;
                      }));

  r.post("/api/v1/staff/applications/{id}/refuse",
         clerk_action("refuse", workflow::Action::Refuse, true,
                      [](const json& body, Application&, Change& c, httplib::Response& res) {
                        const std::string reason = reason_or_422(body, "reason", res);
                        if (reason.empty()) return false;
                        c.updated.refusal_reason = reason;
                        c.events.push_back(Event{0, "", "", "refused", "", "", "", 0, json{{"reason", reason}}.dump()});
                        return true;
                      }));

  r.post("/api/v1/staff/applications/{id}/dispatch",
         clerk_action("dispatch", workflow::Action::Dispatch, false,
                      [&app](const json&, Application& a, Change& c, httplib::Response& res) {
                        const auto items = stage_items(app, a);
                        if (items.empty() || !app.catalog) {
                          send_error(res, 409, "illegal_transition");
                          return false;
                        }
                        json list = json::array();
                        for (std::size_t i = 0; i < items.size(); ++i) {
                          const ItemDef* item = app.catalog->item(items[i]);
                          Task t;
                          t.id = a.id + "-" + std::to_string(a.stage) + "-" + std::to_string(i + 1);
                          t.application_id = a.id;
                          t.item_id = items[i];
                          t.department = item ? item->department : std::string();
                          t.stage = a.stage;
                          // The clock started at acceptance (of this stage); dispatch does not restart it.
                          t.started_at = a.accepted_at;
                          t.status = "reviewing";
                          t.updated_at = c.updated.updated_at;
                          list.push_back({{"task", t.id}, {"item", t.item_id}, {"department", t.department}});
                          c.new_tasks.push_back(std::move(t));
                        }
                        c.events.push_back(Event{0, "", "", "dispatched", "", "", "", 0, json{{"tasks", list}}.dump()});
                        return true;
                      }));

  r.post("/api/v1/staff/applications/{id}/issue", [&app](const httplib::Request& req, httplib::Response& res) {
    auto s = require_staff(app, req, res);
    if (!s) return;
    auto a = load_for_clerk(app, *s, req.matches[1], res);
    if (!a) return;
    const BundleDef* bundle = a->kind == "bundle" && app.catalog ? app.catalog->bundle(a->target_id) : nullptr;
    const bool more_stages = bundle && a->stage < static_cast<std::int64_t>(bundle->stages.size());
    auto next = workflow::next_status(a->status, more_stages ? workflow::Action::IssueStage : workflow::Action::Issue);
    if (!next.ok()) return send_error(res, 409, next.error().code);
    auto tasks = app.store->tasks_of(a->id);
    if (!tasks.ok()) return send_core_error(res, tasks.error());
    const Timestamp now = app.now();
    Change c;
    c.application_id = a->id;
    c.expected_status = a->status;
    c.updated = *a;
    c.updated.status = next.value();
    c.updated.updated_at = now;
    json issued = json::array();
    for (const auto& t : tasks.value()) {
      if (t.stage != a->stage || t.status != "approved") continue;
      const ItemDef* item = app.catalog ? app.catalog->item(t.item_id) : nullptr;
      if (!item || item->issues.empty()) continue;
      const LicenceType* lt = app.catalog->licence_type(item->issues);
      Licence l;
      l.id = "L" + random_hex(8);
      l.resident_id = a->resident_id;
      l.type = item->issues;
      l.name = lt ? lt->name : item->issues;
      // Unique across the stages of one application: <application>-<stage>-<n>.
      l.number = a->id + "-" + std::to_string(a->stage) + "-" + std::to_string(issued.size() + 1);
      l.item_id = item->id;
      l.application_id = a->id;
      l.issued_at = now;
      issued.push_back({{"licence", l.id}, {"type", l.type}, {"name", l.name}, {"number", l.number}});
      c.new_licences.push_back(std::move(l));
    }
    c.events.push_back(staff_event(*s, *a, "issued", now, {{"stage", a->stage}, {"licences", issued}}));
    if (more_stages) {
      // The next stage starts now: its clock starts at this issue, and its materials that an
      // earlier stage's licence replaces are already on file.
      c.updated.stage = a->stage + 1;
      c.updated.accepted_at = now;
      c.events.push_back(staff_event(*s, *a, "stage_started", now, {{"stage", c.updated.stage}}));
    }
    std::fprintf(stderr, "[app] %s issued stage %lld by %s\n", a->id.c_str(), static_cast<long long>(a->stage),
                 s->username.c_str());
    answer_change(app, res, app.store->apply(c), c.updated);
  });

  // --- reviewer ----------------------------------------------------------------------------
  r.get("/api/v1/staff/tasks", [&app](const httplib::Request& req, httplib::Response& res) {
    auto s = require_staff(app, req, res);
    if (!s) return;
    const auto dept = list_scope(*s, "reviewer", s->department, req.get_param_value("department"));
    if (!dept) return send_error(res, 403, "forbidden");
    auto tasks = app.store->tasks_by_department(*dept, split_statuses(req.get_param_value("status"), {"reviewing", "paused"}));
    if (!tasks.ok()) return send_core_error(res, tasks.error());
    json list = json::array();
    for (const auto& t : tasks.value()) {
      json tj = task_json(app, t);
      auto a = app.store->application(t.application_id);
      if (a.ok() && a.value()) {
        tj["application"] = {{"id", a.value()->id}, {"status", a.value()->status}, {"target_id", a.value()->target_id},
                             {"kind", a.value()->kind}, {"window", a.value()->window}};
      }
      list.push_back(std::move(tj));
    }
    send_json(res, 200, {{"ok", true}, {"department", *dept}, {"tasks", list}});
  });

  const auto task_action = [&app](workflow::TaskAction action) {
    return [&app, action](const httplib::Request& req, httplib::Response& res) {
      auto s = require_staff(app, req, res);
      if (!s) return;
      const bool needs_reason = action == workflow::TaskAction::Reject || action == workflow::TaskAction::Pause ||
                                action == workflow::TaskAction::Extend;
      auto body = json_body(req, res, !needs_reason);
      if (!body) return;
      auto t = app.store->task(req.matches[1]);
      if (!t.ok()) return send_core_error(res, t.error());
      if (!t.value()) return send_error(res, 404, "not_found");
      Task task = *t.value();
      if (!is_task_reviewer(*s, task)) return send_error(res, 403, "forbidden");
      auto a = app.store->application(task.application_id);
      if (!a.ok()) return send_core_error(res, a.error());
      if (!a.value()) return send_error(res, 404, "not_found");
      Application appl = *a.value();
      if (appl.status != "dispatched" || task.stage != appl.stage) return send_error(res, 409, "illegal_transition");
      json extensions = json::parse(task.extensions, nullptr, false);
      if (!extensions.is_array()) extensions = json::array();
      auto next = workflow::next_task_status(task.status, action, !extensions.empty());
      if (!next.ok()) return send_error(res, 409, next.error().code);
      const std::string reason = required_reason(*body, action == workflow::TaskAction::Approve ? "note" : "reason");
      if (needs_reason && reason.empty()) return send_error(res, 422, "missing_reason", "/reason");
      const Timestamp now = app.now();
      const std::string before = task.status;
      task.status = next.value();
      task.updated_at = now;
      json data = json::object();
      if (!reason.empty()) data["reason"] = reason;
      json pauses = json::parse(task.pauses, nullptr, false);
      if (!pauses.is_array()) pauses = json::array();
      const char* kind = "";
      switch (action) {
        case workflow::TaskAction::Approve:
          kind = "task_approved";
          task.note = reason;
          break;
        case workflow::TaskAction::Reject:
          kind = "task_rejected";
          task.note = reason;
          break;
        case workflow::TaskAction::Pause:
          kind = "task_paused";
          pauses.push_back({{"start", now}, {"reason", reason}});
          break;
        case workflow::TaskAction::Resume:
          kind = "task_resumed";
          if (!pauses.empty()) pauses.back()["end"] = now;
          break;
        case workflow::TaskAction::Extend: {
          kind = "task_extended";
          std::int64_t days = 10;
          if (body->contains("days")) {
            const json& d = (*body)["days"];
            if (!d.is_number_integer() || d.get<std::int64_t>() < 1 || d.get<std::int64_t>() > 30)
              return send_error(res, 422, "bad_days", "/days");
            days = d.get<std::int64_t>();
          }
          extensions.push_back({{"days", days}, {"reason", reason}, {"at", format_timestamp_cst(now)}});
          data["days"] = days;
          break;
        }
      }
      task.pauses = pauses.dump();
      task.extensions = extensions.dump();
      Change c;
      c.application_id = appl.id;
      c.expected_status = appl.status;
      c.updated = appl;
      c.updated.updated_at = now;
      c.task_updates.emplace_back(before, task);
      c.events.push_back(staff_event(*s, appl, kind, now, data, task.id));
      if (action == workflow::TaskAction::Approve || action == workflow::TaskAction::Reject)
        c.derive_status = workflow::status_from_tasks;
      auto w = app.store->apply(c);
      if (!w.ok()) return send_core_error(res, w.error());
      if (w.value() == WriteOutcome::Conflict) return send_error(res, 409, "illegal_transition");
      std::fprintf(stderr, "[task] %s %s by %s\n", task.id.c_str(), kind, s->username.c_str());
      send_json(res, 200, {{"ok", true}, {"task", task_json(app, task)}, {"application", application_full(app, c.updated, false)}});
    };
  };
  r.post("/api/v1/staff/tasks/{id}/approve", task_action(workflow::TaskAction::Approve));
  r.post("/api/v1/staff/tasks/{id}/reject", task_action(workflow::TaskAction::Reject));
  r.post("/api/v1/staff/tasks/{id}/pause", task_action(workflow::TaskAction::Pause));
  r.post("/api/v1/staff/tasks/{id}/resume", task_action(workflow::TaskAction::Resume));
  r.post("/api/v1/staff/tasks/{id}/extend", task_action(workflow::TaskAction::Extend));

  // --- supervisor ------------------------------------------------------------------------------
  r.get("/api/v1/staff/overview", [&app](const httplib::Request& req, httplib::Response& res) {
    auto s = require_staff(app, req, res);
    if (!s) return;
    if (!reads_everything(*s)) return send_error(res, 403, "forbidden");
    auto apps = app.store->applications_by_status("", kOpenStatuses);
    if (!apps.ok()) return send_core_error(res, apps.error());
    const auto zero = [] { return json{{"normal", 0}, {"yellow", 0}, {"red", 0}, {"overdue", 0}}; };
    json counts = zero();
    json by_window = json::object();
    json by_department = json::object();
    json list = json::array();
    for (const auto& a : apps.value()) {
      json aj = application_full(app, a, false);
      const json* d = aj.contains("deadline") ? &aj["deadline"] : (aj.contains("due_preview") ? &aj["due_preview"] : nullptr);
      std::string level = d && d->is_object() ? d->value("level", std::string("normal")) : std::string("normal");
      if (!counts.contains(level)) level = "normal";
      aj["level"] = level;
      counts[level] = counts[level].get<int>() + 1;
      if (!by_window.contains(a.window)) by_window[a.window] = zero();
      by_window[a.window][level] = by_window[a.window][level].get<int>() + 1;
      for (const auto& t : aj["tasks"]) {
        if (t.value("stage", 0) != a.stage && a.kind == "bundle") continue;
        const std::string st = t.value("status", std::string());
        if (st != "reviewing" && st != "paused") continue;
        std::string tl = t.contains("deadline") && t["deadline"].is_object() ? t["deadline"].value("level", std::string("normal")) : "normal";
        if (!counts.contains(tl)) tl = "normal";
        const std::string dept = t.value("department", std::string());
        if (!by_department.contains(dept)) by_department[dept] = zero();
        by_department[dept][tl] = by_department[dept][tl].get<int>() + 1;
      }
      list.push_back(std::move(aj));
    }
    send_json(res, 200, {{"ok", true}, {"as_of", format_timestamp_cst(app.now())}, {"counts", counts},
                         {"by_window", by_window}, {"by_department", by_department}, {"applications", list}});
  });
}

}  // namespace yilu::server::http
