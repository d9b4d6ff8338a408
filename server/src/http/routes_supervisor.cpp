// 全程监管: the supervisor's overview of every open application by supervision level, per
// window and per department (a summary kept a few seconds: http/overview.hpp). Levels come
// from the views' rules (the core's deadlines); the counts and the list use the same `level`,
// so filtering by a level never loses an application.
// The counts cover every open application; the list is paged (`?level=`, `?limit=`,
// `?cursor=`, oldest first) and the owed 容缺 materials are the most urgent ones first.
// The on-time figures (按时办结率) sum the decided reviews' stored figures over a period
// (workflow/task_results.hpp), per department or per item.

#include "http/overview.hpp"
#include "http/paging.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/step.hpp"
#include "http/views.hpp"
#include "storage/cursor.hpp"

#include <cmath>

namespace yilu::server::http {

namespace {

// The longest period one figure covers: a few years of decisions, read through the indexes.
constexpr std::int32_t kMaxPeriodDays = 3 * 366;

// One decimal, as the console shows it (87.5 %, 6.3 working days).
double one_decimal(double v) { return std::round(v * 10.0) / 10.0; }

json result_group_json(const ResultGroup& g, const std::string& name) {
  const auto n = static_cast<double>(g.decided);
  return {{"id", g.key},
          {"name", name},
          {"decided", g.decided},
          {"on_time", g.on_time},
          {"late", g.decided - g.on_time},
          {"on_time_rate", one_decimal(100.0 * static_cast<double>(g.on_time) / n)},
          {"avg_workdays", one_decimal(static_cast<double>(g.workdays_taken_sum) / n)},
          {"p90_workdays", g.workdays_taken_p90},
          {"avg_limit_days", one_decimal(static_cast<double>(g.limit_days_sum) / n)}};
}

// GET /api/v1/staff/supervision/on_time: decided reviews of [from, to] (default: this month up
// to today), per department or item, optionally of one department or item.
void on_time(App& app, const httplib::Request& req, httplib::Response& res) {
  const std::string by_text = req.has_param("by") ? req.get_param_value("by") : "department";
  if (by_text != "department" && by_text != "item") return send_error(res, "bad_group_by", "/by");
  const ResultBy by = by_text == "department" ? ResultBy::Department : ResultBy::Item;
  const Date today = cst_date(app.now());
  const Ymd now_ymd = ymd_from_date(today);
  Date from = date_from_ymd(now_ymd.year, now_ymd.month, 1);
  Date to = today;
  for (const auto& [param, date] : {std::pair<const char*, Date*>{"from", &from}, {"to", &to}}) {
    if (!req.has_param(param)) continue;
    const auto d = parse_date(req.get_param_value(param));
    if (!d) return send_error(res, "bad_period", std::string("/") + param);
    *date = *d;
  }
  if (to < from || to.days - from.days >= kMaxPeriodDays) return send_error(res, "bad_period", "/to");
  ResultQuery q;
  q.from_day = from.days;
  q.to_day = to.days;
  q.department = req.get_param_value("department");
  q.item_id = req.get_param_value("item");
  if (!q.department.empty() && !(app.catalog && app.catalog->department(q.department)))
    return send_error(res, "unknown_department", "/department");
  if (!q.item_id.empty() && !(app.catalog && app.catalog->item(q.item_id)))
    return send_error(res, "unknown_item", "/item");
  auto groups = app.store->result_groups(q, by);
  if (!groups.ok()) return send_core_error(res, groups.error());
  json list = json::array();
  ResultGroup all;
  for (const auto& g : groups.value()) {
    std::string name = g.key;  // an id the catalog no longer has is shown as itself
    if (by == ResultBy::Department) {
      if (const Department* d = app.catalog ? app.catalog->department(g.key) : nullptr) name = d->name;
    } else if (const ItemDef* i = app.catalog ? app.catalog->item(g.key) : nullptr) {
      name = i->name;
    }
    list.push_back(result_group_json(g, name));
    all.decided += g.decided;
    all.on_time += g.on_time;
    all.workdays_taken_sum += g.workdays_taken_sum;
    all.limit_days_sum += g.limit_days_sum;
  }
  json total = {{"decided", all.decided}, {"on_time", all.on_time}, {"late", all.decided - all.on_time}};
  if (all.decided > 0) {
    total["on_time_rate"] = one_decimal(100.0 * static_cast<double>(all.on_time) / static_cast<double>(all.decided));
    total["avg_workdays"] =
        one_decimal(static_cast<double>(all.workdays_taken_sum) / static_cast<double>(all.decided));
  }
  send_json(res, 200,
            {{"ok", true},
             {"by", by_text},
             {"from", format_date(from)},
             {"to", format_date(to)},
             {"groups", list},
             {"total", total}});
}

}  // namespace

void register_supervisor_routes(Router& r, App& app) {
  r.get("/api/v1/staff/overview", kSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
          const auto page = page_request(req, res);
          if (!page) return;
          const std::string want_level = req.get_param_value("level");
          if (!want_level.empty() && level_urgency(want_level) < 0) return send_error(res, "bad_level", "/level");
          const auto after = parse_cursor(page->after);
          if (!after.ok()) return send_core_error(res, after.error());
          auto summary = current_overview(app);
          if (!summary.ok()) return send_core_error(res, summary.error());
          const OverviewSummary& s = *summary.value();
          // The page: the summary's open applications of the level asked, after the cursor.
          std::vector<std::string> ids;
          std::string last_listed;
          bool more = false;
          std::int64_t listed_total = 0;
          for (const auto& row : s.open) {
            if (!want_level.empty() && row.level != want_level) continue;
            ++listed_total;
            if (after.value() && !(*after.value() < Cursor{row.submitted_at, row.id})) continue;
            if (static_cast<std::int64_t>(ids.size()) < page->limit) {
              ids.push_back(row.id);
              last_listed = cursor_text(row.submitted_at, row.id);
            } else {
              more = true;
            }
          }
          // Its rows as they stand now (a row may have moved on since the summary's as_of).
          auto rows = app.store->applications_with_tasks_by_id(ids);
          if (!rows.ok()) return send_core_error(res, rows.error());
          const auto viewer = actor_of(c);
          json list = json::array();
          for (const auto& [a, tasks] : rows.value()) {
            auto lic = app.store->licences_of_application(a.id);
            list.push_back(
                application_json(app, a, tasks, lic.ok() ? lic.value() : std::vector<Licence>{}, viewer, false));
          }
          send_json(res, 200,
                    {{"ok", true},
                     {"owed", s.owed},
                     {"as_of", format_timestamp_cst(s.as_of)},
                     {"counts", s.counts},
                     {"by_window", s.by_window},
                     {"by_department", s.by_department},
                     {"applications", list},
                     {"next_cursor", more ? json(last_listed) : json(nullptr)},
                     {"total", listed_total}});
        });
  r.get("/api/v1/staff/supervision/on_time", kSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller&) { on_time(app, req, res); });
}

}  // namespace yilu::server::http
