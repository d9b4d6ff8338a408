// 全程监管: the supervisor's overview of every open application by supervision level, per
// window and per department. Levels come from the views (the core's deadlines); the counts
// and the list use the same `level`, so filtering by a level never loses an application.
// The counts cover every open application; the list is paged (`?level=`, `?limit=`,
// `?cursor=`, oldest first) and the owed 容缺 materials are the most urgent ones first.
#include <algorithm>

#include "http/paging.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/step.hpp"
#include "http/views.hpp"
#include "storage/cursor.hpp"
#include "workflow/deadlines.hpp"
#include "yilu/deadline.hpp"

namespace yilu::server::http {

namespace {

using workflow::AppStatus;

const std::vector<AppStatus> kOpen = {AppStatus::Submitted, AppStatus::SupplementRequested, AppStatus::Accepted,
                                      AppStatus::Dispatched, AppStatus::ReadyForIssue};

json zero_counts() { return {{"normal", 0}, {"yellow", 0}, {"red", 0}, {"overdue", 0}}; }

void count(json& counts, const std::string& level) {
  const std::string key = counts.contains(level) ? level : std::string("normal");
  counts[key] = counts[key].get<int>() + 1;
}

// A level's place in the core's Supervision enum, declared from least to most urgent
// (yilu/deadline.hpp); -1 for no level.
int urgency(const std::string& level) {
  for (int i = 0; i <= static_cast<int>(Supervision::Overdue); ++i)
    if (level == supervision_name(static_cast<Supervision>(i))) return i;
  return -1;
}

}  // namespace

void register_supervisor_routes(Router& r, App& app) {
  r.get("/api/v1/staff/overview", kSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
          const auto page = page_request(req, res);
          if (!page) return;
          const std::string want_level = req.get_param_value("level");
          if (!want_level.empty() && urgency(want_level) < 0) return send_error(res, "bad_level", "/level");
          // The page starts after the cursor's application (the list's order: submitted_at, id).
          const auto after = parse_cursor(page->after);
          if (!after.ok()) return send_core_error(res, after.error());
          // Every open application with its tasks in one read; levels from the records, the
          // full view only for the page's rows (a view per open application was a query and a
          // JSON document each: seconds with tens of thousands open).
          auto open_apps = app.store->applications_with_tasks("", kOpen);
          if (!open_apps.ok()) return send_core_error(res, open_apps.error());
          const auto viewer = actor_of(c);
          json counts = zero_counts();
          json by_window = json::object();
          json by_department = json::object();
          json list = json::array();
          std::string last_listed;
          bool more = false;
          std::int64_t listed_total = 0;
          json owed = json::array();
          int owed_overdue = 0;
          for (const auto& [a, tasks] : open_apps.value()) {
            const char* target_name = nullptr;
            if (app.catalog) {
              if (a.kind == "item") {
                if (const ItemDef* i = app.catalog->item(a.target_id)) target_name = i->name.c_str();
              } else if (const BundleDef* b = app.catalog->bundle(a.target_id)) {
                target_name = b->name.c_str();
              }
            }
            for (auto& row : owed_json(app, a)) {
              row["application_id"] = a.id;
              row["window"] = a.window;
              row["target_name"] = target_name ? std::string(target_name) : a.target_id;
              if (row.value("level", std::string()) == "overdue") ++owed_overdue;
              owed.push_back(std::move(row));
            }
            const std::string level = application_level(app, a, tasks);
            count(counts, level);
            if (!by_window.contains(a.window)) by_window[a.window] = zero_counts();
            count(by_window[a.window], level);
            const json answers = workflow::answers_of(a);
            for (const auto& t : tasks) {
              if (t.stage != a.stage) continue;
              const auto task_lvl = task_level(app, answers, t);
              if (!task_lvl || *task_lvl == "done") continue;
              if (!by_department.contains(t.department)) by_department[t.department] = zero_counts();
              count(by_department[t.department], *task_lvl);
            }
            if (!want_level.empty() && level != want_level) continue;
            ++listed_total;
            if (after.value() && !(*after.value() < Cursor{a.submitted_at, a.id})) continue;
            if (static_cast<std::int64_t>(list.size()) < page->limit) {
              auto lic = app.store->licences_of_application(a.id);
              list.push_back(
                  application_json(app, a, tasks, lic.ok() ? lic.value() : std::vector<Licence>{}, viewer, false));
              last_listed = cursor_text(a.submitted_at, a.id);
            } else {
              more = true;
            }
          }
          const auto rank = [](const json& o) { return urgency(o.value("level", std::string())); };
          std::stable_sort(owed.begin(), owed.end(), [&](const json& x, const json& y) {
            if (rank(x) != rank(y)) return rank(x) > rank(y);
            return x.value("due_date", std::string()) < y.value("due_date", std::string());
          });
          counts["owed_overdue"] = owed_overdue;
          counts["owed"] = owed.size();
          if (owed.size() > static_cast<std::size_t>(kMaxPageSize)) owed.erase(owed.begin() + kMaxPageSize, owed.end());
          send_json(res, 200,
                    {{"ok", true},
                     {"owed", owed},
                     {"as_of", format_timestamp_cst(app.now())},
                     {"counts", counts},
                     {"by_window", by_window},
                     {"by_department", by_department},
                     {"applications", list},
                     {"next_cursor", more ? json(last_listed) : json(nullptr)},
                     {"total", listed_total}});
        });
}

}  // namespace yilu::server::http
