// 全程监管: the supervisor's overview of every open application by supervision level, per
// window and per department (a summary kept a few seconds: http/overview.hpp). Levels come
// from the views' rules (the core's deadlines); the counts and the list use the same `level`,
// so filtering by a level never loses an application.
// The counts cover every open application; the list is paged (`?level=`, `?limit=`,
// `?cursor=`, oldest first) and the owed 容缺 materials are the most urgent ones first.
// The on-time figures (按时办结率) sum the decided reviews' stored figures over a period
// (workflow/task_results.hpp), per department or per item. 催办 (workflow/reminding.hpp): a
// supervisor presses an open review; the counts per department include the automatic ones.

#include "http/catalog_names.hpp"
#include "http/figure_period.hpp"
#include "http/overview.hpp"
#include "http/paging.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/step.hpp"
#include "http/views.hpp"
#include "log_text.hpp"
#include "storage/cursor.hpp"
#include "workflow/reminding.hpp"

#include <map>

namespace yilu::server::http {

namespace {

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

// GET /api/v1/staff/supervision/on_time: decided reviews of the period, per department or
// item, optionally of one department or item.
void on_time(App& app, const httplib::Request& req, httplib::Response& res) {
  const std::string by_text = req.has_param("by") ? req.get_param_value("by") : "department";
  if (by_text != "department" && by_text != "item") return send_error(res, "bad_group_by", "/by");
  const ResultBy by = by_text == "department" ? ResultBy::Department : ResultBy::Item;
  const auto period = period_of(app, req, res);
  if (!period) return;
  const Date from = period->from;
  const Date to = period->to;
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
    list.push_back(
        result_group_json(g, catalog_name(app.catalog, by == ResultBy::Department ? "department" : "item", g.key)));
    all.decided += g.decided;
    all.on_time += g.on_time;
    all.workdays_taken_sum += g.workdays_taken_sum;
    all.limit_days_sum += g.limit_days_sum;
  }
  json total = {{"decided", all.decided}, {"on_time", all.on_time}, {"late", all.decided - all.on_time}};
  if (all.decided > 0) {
    total["on_time_rate"] = one_decimal(100.0 * static_cast<double>(all.on_time) / static_cast<double>(all.decided));
    total["avg_workdays"] = one_decimal(static_cast<double>(all.workdays_taken_sum) / static_cast<double>(all.decided));
  }
  send_json(res, 200,
            {{"ok", true},
             {"by", by_text},
             {"from", format_date(from)},
             {"to", format_date(to)},
             {"groups", list},
             {"total", total}});
}

// GET /api/v1/staff/supervision/deferrals: deferred (容缺) materials supplied in the period per
// window, on time or late against their due dates. Those owed now are the overview's
// (counts.owed, counts.owed_overdue): computing them reads every open application.
void deferral_figures(App& app, const httplib::Request& req, httplib::Response& res) {
  const auto period = period_of(app, req, res);
  if (!period) return;
  auto groups = app.store->deferral_groups(period->from.days, period->to.days);
  if (!groups.ok()) return send_core_error(res, groups.error());
  const auto rate = [](std::int64_t on_time, std::int64_t n) {
    return one_decimal(100.0 * static_cast<double>(on_time) / static_cast<double>(n));
  };
  json list = json::array();
  DeferralGroup all;
  for (const auto& g : groups.value()) {
    list.push_back({{"id", g.window_id},
                    {"name", catalog_name(app.catalog, "window", g.window_id)},
                    {"supplied", g.supplied},
                    {"on_time", g.on_time},
                    {"late", g.supplied - g.on_time},
                    {"on_time_rate", rate(g.on_time, g.supplied)},
                    {"by_clerk", g.by_clerk},
                    {"by_resident", g.supplied - g.by_clerk}});
    all.supplied += g.supplied;
    all.on_time += g.on_time;
    all.by_clerk += g.by_clerk;
  }
  json total = {{"supplied", all.supplied}, {"on_time", all.on_time}, {"late", all.supplied - all.on_time}};
  if (all.supplied > 0) total["on_time_rate"] = rate(all.on_time, all.supplied);
  send_json(res, 200,
            {{"ok", true},
             {"from", format_date(period->from)},
             {"to", format_date(period->to)},
             {"groups", list},
             {"total", total}});
}

// GET /api/v1/staff/supervision/reminders: 催办 sent in the period, per department.
void reminder_counts(App& app, const httplib::Request& req, httplib::Response& res) {
  const auto period = period_of(app, req, res);
  if (!period) return;
  // The period's days as China Standard Time instants: [from 00:00, the day after `to` 00:00).
  const Timestamp since = static_cast<Timestamp>(period->from.days) * 86400 - kCstOffsetSeconds;
  const Timestamp until = static_cast<Timestamp>(period->to.days + 1) * 86400 - kCstOffsetSeconds;
  auto groups = app.store->reminder_groups(since, until);
  if (!groups.ok()) return send_core_error(res, groups.error());
  json list = json::array();
  ReminderGroup all;
  for (const auto& g : groups.value()) {
    list.push_back({{"id", g.department},
                    {"name", catalog_name(app.catalog, "department", g.department)},
                    {"by_staff", g.by_staff},
                    {"automatic", g.automatic},
                    {"tasks", g.tasks}});
    all.by_staff += g.by_staff;
    all.automatic += g.automatic;
    all.tasks += g.tasks;
  }
  send_json(res, 200,
            {{"ok", true},
             {"from", format_date(period->from)},
             {"to", format_date(period->to)},
             {"groups", list},
             {"total", {{"by_staff", all.by_staff}, {"automatic", all.automatic}, {"tasks", all.tasks}}}});
}

// GET /api/v1/staff/supervision/volumes: applications received (收件: online and 帮办),
// accepted (受理), issued (出件), refused (不予受理) and rejected (不予许可) per day, week
// (from Monday) or month of the period, of one window or all; every bucket listed, zeros too.
void volumes(App& app, const httplib::Request& req, httplib::Response& res) {
  const std::string interval = req.has_param("interval") ? req.get_param_value("interval") : "day";
  if (interval != "day" && interval != "week" && interval != "month")
    return send_error(res, "bad_interval", "/interval");
  const auto period = period_of(app, req, res);
  if (!period) return;
  const std::string window = req.get_param_value("window");
  if (!window.empty() && !(app.catalog && app.catalog->window(window)))
    return send_error(res, "unknown_window", "/window");
  auto days = app.store->volume_days(period->from.days, period->to.days, window);
  if (!days.ok()) return send_core_error(res, days.error());
  // A day's bucket: itself, its week's Monday, or its month's first day.
  const auto bucket_of = [&](Date d) {
    if (interval == "week") return Date{d.days - (iso_weekday(d) - 1)};
    if (interval == "month") {
      const Ymd ymd = ymd_from_date(d);
      return date_from_ymd(ymd.year, ymd.month, 1);
    }
    return d;
  };
  static const char* const kMeasures[] = {"received", "accepted", "issued", "refused", "rejected"};
  const auto measure_of = [](const std::string& kind) -> const char* {
    if (kind == "submitted" || kind == "assisted_submitted") return "received";
    if (kind == "accepted") return "accepted";
    if (kind == "issued") return "issued";
    if (kind == "refused") return "refused";
    return "rejected";
  };
  std::map<std::int32_t, std::map<std::string, std::int64_t>> buckets;
  for (Date d = period->from; d <= period->to; d = Date{d.days + 1}) buckets[bucket_of(d).days];
  std::map<std::string, std::int64_t> total;
  for (const auto& v : days.value()) {
    buckets[bucket_of(Date{v.day}).days][measure_of(v.kind)] += v.count;
    total[measure_of(v.kind)] += v.count;
  }
  json series = json::array();
  for (const auto& [start, counts] : buckets) {
    json row = {{"start", format_date(Date{start})}};
    for (const char* m : kMeasures) row[m] = counts.count(m) ? counts.at(m) : 0;
    series.push_back(std::move(row));
  }
  json sums = json::object();
  for (const char* m : kMeasures) sums[m] = total.count(m) ? total.at(m) : 0;
  send_json(res, 200,
            {{"ok", true},
             {"interval", interval},
             {"from", format_date(period->from)},
             {"to", format_date(period->to)},
             {"series", series},
             {"total", sums}});
}

json rating_group_json(const RatingGroup& g, const std::string& name) {
  const auto n = static_cast<double>(g.rated);
  return {{"id", g.key},
          {"name", name},
          {"rated", g.rated},
          {"good", g.good},
          {"bad", g.bad},
          {"good_rate", one_decimal(100.0 * static_cast<double>(g.good) / n)},
          {"avg_score", one_decimal(static_cast<double>(g.score_sum) / n)}};
}

// GET /api/v1/staff/supervision/ratings: 好差评 of the period per window, department, item,
// clerk, or per month (of one department with ?department=, else of the whole center).
void rating_figures(App& app, const httplib::Request& req, httplib::Response& res) {
  const std::string by = req.has_param("by") ? req.get_param_value("by") : "department";
  if (by != "window" && by != "department" && by != "item" && by != "clerk" && by != "month")
    return send_error(res, "bad_group_by", "/by");
  const auto period = period_of(app, req, res);
  if (!period) return;
  RatingQuery q;
  q.from_day = period->from.days;
  q.to_day = period->to.days;
  const std::string department = req.get_param_value("department");
  if (!department.empty() && !(app.catalog && app.catalog->department(department)))
    return send_error(res, "unknown_department", "/department");
  if (by == "month") {
    q.by_month = true;
    q.dimension = department.empty() ? "center" : "department";
    q.key = department;
  } else {
    q.dimension = by;
    if (by == "department") q.key = department;
  }
  auto groups = app.store->rating_groups(q);
  if (!groups.ok()) return send_core_error(res, groups.error());
  // Names for people: the catalog's for windows, departments and items, the account's for clerks.
  std::map<std::string, std::string> clerks;
  if (by == "clerk") {
    auto staff = app.store->list_staff();
    if (staff.ok())
      for (const auto& s : staff.value()) clerks[s.username] = s.display_name;
  }
  json list = json::array();
  RatingGroup all;
  for (const auto& g : groups.value()) {
    std::string name = g.key;
    if (by == "clerk") {
      if (auto it = clerks.find(g.key); it != clerks.end() && !it->second.empty()) name = it->second;
    } else if (by != "month") {
      name = catalog_name(app.catalog, by, g.key);
    }
    list.push_back(rating_group_json(g, name));
    all.rated += g.rated;
    all.good += g.good;
    all.bad += g.bad;
    all.score_sum += g.score_sum;
  }
  json total = {{"rated", all.rated}, {"good", all.good}, {"bad", all.bad}};
  // Per department or item one rating counts under several headings: only the center's and
  // the window's rows add up to the number of ratings.
  if (all.rated > 0 && (by == "window" || by == "month")) {
    total["good_rate"] = one_decimal(100.0 * static_cast<double>(all.good) / static_cast<double>(all.rated));
    total["avg_score"] = one_decimal(static_cast<double>(all.score_sum) / static_cast<double>(all.rated));
  }
  send_json(res, 200,
            {{"ok", true},
             {"by", by},
             {"from", format_date(period->from)},
             {"to", format_date(period->to)},
             {"groups", list},
             {"total", total}});
}

json follow_up_json(const App& app, const RatingFollowUp& f) {
  json j = {{"application_id", f.application_id},
            {"window", f.window_id},
            {"score", f.score},
            {"comment", f.comment},
            {"opened_at", format_timestamp_cst(f.opened_at)},
            {"state", f.answered_at ? "answered" : "open"}};
  if (const Window* w = app.catalog ? app.catalog->window(f.window_id) : nullptr) j["window_name"] = w->name;
  if (f.answered_at) {
    j["answered_at"] = format_timestamp_cst(f.answered_at);
    j["answered_by"] = f.answered_by_name.empty() ? f.answered_by : f.answered_by_name;
    j["answer"] = f.answer;
  }
  return j;
}

// GET /api/v1/staff/rating_follow_ups[?state=open|answered]: a clerk's window's, or every
// window's for supervisors and admins.
void list_follow_ups(App& app, const httplib::Request& req, httplib::Response& res, const Caller& c) {
  const std::string state = req.has_param("state") ? req.get_param_value("state") : "open";
  if (state != "open" && state != "answered") return send_error(res, "bad_status", "/state");
  const std::string window = c.staff->role == workflow::Role::Clerk ? c.staff->window : std::string();
  auto rows = app.store->follow_ups(state == "open", window, 200);
  if (!rows.ok()) return send_core_error(res, rows.error());
  json list = json::array();
  for (const auto& f : rows.value()) list.push_back(follow_up_json(app, f));
  send_json(res, 200, {{"ok", true}, {"state", state}, {"follow_ups", list}});
}

// POST /api/v1/staff/rating_follow_ups/{application}/answer {answer}: what was done about it
// (整改), by a clerk of its window, a supervisor or an admin; once.
void answer_follow_up(App& app, const httplib::Request& req, httplib::Response& res, const Caller& c) {
  auto body = json_body(req, res, false);
  if (!body) return;
  auto f = app.store->follow_up(req.matches[1]);
  if (!f.ok()) return send_core_error(res, f.error());
  if (!f.value()) return send_error(res, "not_found");
  if (c.staff->role == workflow::Role::Clerk && c.staff->window != f.value()->window_id)
    return send_error(res, "forbidden");
  RatingFollowUp answered = *f.value();
  answered.answer = reason_text(*body, "answer");
  if (answered.answer.empty()) return send_error(res, "missing_answer", "/answer");
  if (answered.answered_at) return send_error(res, "illegal_transition");
  answered.answered_at = app.now();
  answered.answered_by = c.staff->username;
  answered.answered_by_name = c.staff->display_name;
  auto w = app.store->answer_follow_up(answered);
  if (!w.ok()) return send_core_error(res, w.error());
  if (w.value() != WriteOutcome::Done) return send_error(res, "illegal_transition");
  send_json(res, 200, {{"ok", true}, {"follow_up", follow_up_json(app, answered)}});
}

// POST /api/v1/staff/tasks/{id}/remind {note}: a supervisor's 催办 on an open review.
void remind(App& app, const httplib::Request& req, httplib::Response& res, const Caller& c) {
  auto body = json_body(req, res, false);
  if (!body) return;
  auto t = app.store->task(req.matches[1]);
  if (!t.ok()) return send_core_error(res, t.error());
  if (!t.value()) return send_error(res, "not_found");
  auto r = workflow::staff_reminder(*t.value(), *c.staff, reason_text(*body, "note"), app.now());
  if (!r.ok()) return send_error(res, r.error().code, r.error().path);
  auto w = app.store->add_reminder(r.value(), workflow::reminder_event(r.value()));
  if (!w.ok()) return send_core_error(res, w.error());
  if (w.value() != WriteOutcome::Done) return send_error(res, "illegal_transition");
  std::fprintf(stderr, "[app] %s reminded by %s\n", log_text(r.value().application_id).c_str(),
               log_text(c.staff->username).c_str());
  auto a = load_application(app, r.value().application_id, res);
  if (!a) return;
  auto after = app.store->task(r.value().task_id);
  if (!after.ok() || !after.value())
    return send_core_error(res, after.ok() ? Error{"storage_error", "", ""} : after.error());
  send_json(res, 200, {{"ok", true}, {"task", task_json(app, *a, *after.value(), actor_of(c))}});
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
  r.get(
      "/api/v1/staff/supervision/deferrals", kSupervisor,
      [&app](const httplib::Request& req, httplib::Response& res, const Caller&) { deferral_figures(app, req, res); });
  r.get("/api/v1/staff/supervision/reminders", kSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller&) { reminder_counts(app, req, res); });
  r.get("/api/v1/staff/supervision/volumes", kSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller&) { volumes(app, req, res); });
  r.get("/api/v1/staff/supervision/ratings", kSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller&) { rating_figures(app, req, res); });
  r.get("/api/v1/staff/rating_follow_ups", kClerkOrSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
          list_follow_ups(app, req, res, c);
        });
  r.post("/api/v1/staff/rating_follow_ups/{id}/answer", kClerkOrSupervisor,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           answer_follow_up(app, req, res, c);
         });
  r.post("/api/v1/staff/tasks/{id}/remind", kSupervisor,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) { remind(app, req, res, c); });
}

}  // namespace yilu::server::http
