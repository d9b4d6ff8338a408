// 全程监管: the supervisor's overview of every open application by supervision level, per
// window and per department (a summary kept a few seconds: http/overview.hpp). Levels come
// from the views' rules (the core's deadlines); the counts and the list use the same `level`,
// so filtering by a level never loses an application.
// The counts cover every open application; the list is paged (`?level=`, `?limit=`,
// `?cursor=`, oldest first) and the owed 容缺 materials are the most urgent ones first.

#include "http/overview.hpp"
#include "http/paging.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/step.hpp"
#include "http/views.hpp"
#include "storage/cursor.hpp"

namespace yilu::server::http {

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
}

}  // namespace yilu::server::http
