// The holiday calendar as data (docs/calendar.md, "Publishing a year's schedule"): the
// administrator previews and publishes a year's schedule; supervisors see which open
// applications' due dates it moved or made official.
#include "calendar_pub/calendar_publication.hpp"
#include "calendar_pub/year_schedule.hpp"
#include "catalog_names.hpp"
#include "http/audit.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"

namespace yilu::server::http {

namespace {

json version_json(const CalendarVersion& v) {
  return {{"id", v.id},
          {"summary", v.summary},
          {"last_year", v.last_year},
          {"published_at", format_timestamp_cst(v.published_at)},
          {"published_by", v.published_by}};
}

json due_json(const std::optional<std::int32_t>& day, bool provisional) {
  if (!day) return nullptr;
  return {{"due_date", format_date(Date{*day})}, {"provisional", provisional}};
}

// The changes with what a person recognises an application by (its matter and window).
Result<json> changes_json(App& app, const std::vector<DueChange>& changes) {
  std::vector<std::string> ids;
  ids.reserve(changes.size());
  for (const auto& c : changes) ids.push_back(c.application_id);
  auto apps = app.store->applications_with_tasks_by_id(ids);
  if (!apps.ok()) return apps.error();
  std::map<std::string, const Application*> by_id;
  for (const auto& [a, tasks] : apps.value()) by_id[a.id] = &a;
  json out = json::array();
  for (const auto& c : changes) {
    json j = {{"application_id", c.application_id},
              {"before", due_json(c.before_on, c.before_provisional)},
              {"after", due_json(c.after_on, c.after_provisional)},
              {"moved", c.before_on != c.after_on}};
    if (const auto it = by_id.find(c.application_id); it != by_id.end()) {
      j["target_name"] = catalog_name(app.catalog, it->second->kind, it->second->target_id);
      j["window"] = it->second->window;
    }
    out.push_back(std::move(j));
  }
  return out;
}

json in_force_json(const CalendarState& s) {
  const Calendar& c = *s.engine.calendar();
  return {{"id", s.id},
          {"source", s.id == 0 ? "file" : "published"},
          {"version", c.version()},
          {"first_year", c.first_year()},
          {"last_year", c.last_year()},
          {"horizon_year", c.horizon_year()},
          {"regions", c.regions()}};
}

}  // namespace

void register_calendar_routes(Router& r, App& app) {
  r.get("/api/v1/admin/calendar", kAdmin, [&app](const httplib::Request&, httplib::Response& res, const Caller&) {
    auto versions = app.store->calendar_versions(50);
    if (!versions.ok()) return send_core_error(res, versions.error());
    json list = json::array();
    for (const auto& v : versions.value()) list.push_back(version_json(v));
    send_json(res, 200, {{"ok", true}, {"in_force", in_force_json(*app.calendar_state())}, {"versions", list}});
  });

  // {year, region?, region_name?, holidays, workdays, notice?, dry_run?}: dry_run previews the
  // due dates that would change; otherwise the schedule is published and in force at once.
  r.post("/api/v1/admin/calendar/schedules", kAdmin,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           auto body = json_body(req, res);
           if (!body) return;
           // Merge into the newest calendar of the database, not an older one this server holds.
           if (auto adopted = adopt_published_calendar(app); !adopted.ok())
             return send_core_error(res, adopted.error());
           const ScheduleMerge merged = merge_year_schedule(app.calendar_state()->text, *body);
           if (!merged.problems.empty()) {
             json problems = json::array();
             for (const auto& p : merged.problems)
               problems.push_back({{"path", p.path}, {"code", p.code}, {"message", p.message}});
             return send_error_with(res, "calendar_schedule_invalid", {{"problems", problems}});
           }
           const bool dry_run = body->value("dry_run", false);
           auto published = publish_calendar(app, merged.text, merged.summary, merged.last_year,
                                             c.staff ? c.staff->username : std::string(), dry_run);
           if (!published.ok()) return send_core_error(res, published.error());
           auto changes = changes_json(app, published.value().changes);
           if (!changes.ok()) return send_core_error(res, changes.error());
           if (!dry_run)
             audit_caller(app, req, c, "calendar_published", std::to_string(published.value().version.id),
                          {{"summary", merged.summary}, {"changed", published.value().changes.size()}});
           json out = {{"ok", true},
                       {"published", !dry_run},
                       {"summary", merged.summary},
                       {"last_year", merged.last_year},
                       {"changes", changes.value()}};
           if (!dry_run) out["calendar"] = version_json(published.value().version);
           send_json(res, 200, out);
         });

  // The due dates the newest publication (or ?calendar=<id>) changed.
  r.get("/api/v1/staff/supervision/due-changes", kSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
          auto versions = app.store->calendar_versions(50);
          if (!versions.ok()) return send_core_error(res, versions.error());
          const std::string wanted = req.get_param_value("calendar");
          const CalendarVersion* v = nullptr;
          for (const auto& x : versions.value())
            if (wanted.empty() ? v == nullptr : std::to_string(x.id) == wanted) v = v ? v : &x;
          if (!v && !wanted.empty()) return send_error(res, "calendar_version_not_found", "/calendar");
          if (!v) return send_json(res, 200, {{"ok", true}, {"calendar", nullptr}, {"changes", json::array()}});
          auto changes = app.store->due_changes(v->id);
          if (!changes.ok()) return send_core_error(res, changes.error());
          auto list = changes_json(app, changes.value());
          if (!list.ok()) return send_core_error(res, list.error());
          send_json(res, 200, {{"ok", true}, {"calendar", version_json(*v)}, {"changes", list.value()}});
        });
}

}  // namespace yilu::server::http
