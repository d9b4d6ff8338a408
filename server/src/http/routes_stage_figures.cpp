// 全程监管, where time goes: the issued applications of a period, per target (item or bundle),
// department or window, with the average working days of each stage (waiting for 受理, 补正, review, paused,
// waiting for 出件) and, for a bundle, the reductions it achieved next to the catalog's promise.
// The figures are stored per application as it is issued (workflow/application_results.hpp);
// this sums them (SqlStore::stage_groups) and divides.

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "http/catalog_names.hpp"
#include "http/csv.hpp"
#include "http/figure_period.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "log_text.hpp"

namespace yilu::server::http {

namespace {

double average(std::int64_t sum, std::int64_t n) {
  return one_decimal(static_cast<double>(sum) / static_cast<double>(n));
}

json stages_json(const StageGroup& g) {
  return {{"intake", average(g.intake, g.issued)},
          {"correction", average(g.correction, g.issued)},
          {"review", average(g.review, g.issued)},
          {"paused", average(g.paused, g.issued)},
          {"issue_wait", average(g.issue_wait, g.issued)}};
}

json group_json(const App& app, const StageGroup& g) {
  json j = {{"id", g.key},
            {"kind", g.kind},
            {"name", catalog_name(app.catalog, g.kind, g.key)},
            {"issued", g.issued},
            {"avg_total_workdays", average(g.total, g.issued)},
            {"avg_promised_days", average(g.promised, g.issued)},
            {"stages", stages_json(g)}};
  if (g.kind == "bundle")
    j["reductions"] = {{"workdays",
                        {{"separate", average(g.separate, g.issued)},
                         {"promised", average(g.promised, g.issued)},
                         {"taken", average(g.taken, g.issued)}}},
                       {"materials",
                        {{"separate", average(g.materials_separate, g.issued)},
                         {"promised", average(g.materials_promised, g.issued)},
                         {"given", average(g.materials_given, g.issued)}}}};
  return j;
}

// The period, window and target of a stage figure or its export; nullopt after answering the
// error.
std::optional<StageQuery> stage_query(App& app, const httplib::Request& req, httplib::Response& res) {
  const auto period = period_of(app, req, res);
  if (!period) return std::nullopt;
  StageQuery q;
  q.from_day = period->from.days;
  q.to_day = period->to.days;
  q.window_id = req.get_param_value("window");
  q.target_id = req.get_param_value("target");
  if (!q.window_id.empty() && !(app.catalog && app.catalog->window(q.window_id))) {
    send_error(res, "unknown_window", "/window");
    return std::nullopt;
  }
  if (!q.target_id.empty() && !(app.catalog && (app.catalog->item(q.target_id) || app.catalog->bundle(q.target_id)))) {
    send_error(res, "unknown_target", "/target");
    return std::nullopt;
  }
  return q;
}

void add_to(StageGroup& sum, const StageGroup& g) {
  sum.issued += g.issued;
  sum.total += g.total;
  sum.intake += g.intake;
  sum.correction += g.correction;
  sum.review += g.review;
  sum.paused += g.paused;
  sum.issue_wait += g.issue_wait;
  sum.taken += g.taken;
  sum.promised += g.promised;
  sum.separate += g.separate;
  sum.materials_given += g.materials_given;
  sum.materials_promised += g.materials_promised;
  sum.materials_separate += g.materials_separate;
}

// The target groups summed per department of their item (the catalog in force names it; an item
// it no longer has stays a row of its own). A bundle's stages span departments, so each bundle
// stays a row of its own (kind "bundle"), after the departments.
std::vector<StageGroup> by_department(const Catalog* catalog, const std::vector<StageGroup>& targets) {
  std::vector<StageGroup> departments;
  std::vector<StageGroup> rest;
  for (const auto& g : targets) {
    const ItemDef* item = g.kind == "item" && catalog ? catalog->item(g.key) : nullptr;
    if (!item) {
      rest.push_back(g);
      continue;
    }
    auto at = std::find_if(departments.begin(), departments.end(),
                           [&](const StageGroup& d) { return d.key == item->department; });
    if (at == departments.end()) {
      StageGroup d;
      d.key = item->department;
      d.kind = "department";
      at = departments.insert(departments.end(), d);
    }
    add_to(*at, g);
  }
  std::sort(departments.begin(), departments.end(),
            [](const StageGroup& a, const StageGroup& b) { return a.key < b.key; });
  departments.insert(departments.end(), rest.begin(), rest.end());
  return departments;
}

// GET /api/v1/staff/supervision/stages?by=target|department|window[&window=][&target=]
void stage_figures(App& app, const httplib::Request& req, httplib::Response& res) {
  const std::string by_text = req.has_param("by") ? req.get_param_value("by") : "target";
  if (by_text != "target" && by_text != "department" && by_text != "window")
    return send_error(res, "bad_group_by", "/by");
  const auto query = stage_query(app, req, res);
  if (!query) return;
  const StageQuery& q = *query;
  auto groups = app.store->stage_groups(q, by_text == "window" ? StageBy::Window : StageBy::Target);
  if (!groups.ok()) return send_core_error(res, groups.error());
  if (by_text == "department") groups = by_department(app.catalog, groups.value());
  json list = json::array();
  StageGroup all;
  for (const auto& g : groups.value()) {
    list.push_back(group_json(app, g));
    add_to(all, g);
  }
  json total = {{"issued", all.issued}};
  if (all.issued > 0) {
    total["avg_total_workdays"] = average(all.total, all.issued);
    total["stages"] = stages_json(all);
  }
  send_json(res, 200,
            {{"ok", true},
             {"by", by_text},
             {"from", format_date(Date{q.from_day})},
             {"to", format_date(Date{q.to_day})},
             {"groups", list},
             {"total", total}});
}

// Rows of the 办结明细 export read per store page: memory stays one page whatever the period.
constexpr std::int64_t kExportPage = 1000;

std::vector<std::string> export_record(const App& app, const ApplicationResult& r) {
  const auto n = [](std::int64_t v) { return std::to_string(v); };
  return {r.application_id,
          catalog_name(app.catalog, r.kind, r.target_id),
          r.kind == "bundle" ? "一件事" : "事项",
          catalog_name(app.catalog, "window", r.window_id),
          format_timestamp_cst(r.issued_at),
          n(r.total_workdays),
          n(r.intake_workdays),
          n(r.correction_workdays),
          n(r.review_workdays),
          n(r.paused_workdays),
          n(r.issue_wait_workdays),
          n(r.taken_workdays),
          n(r.promised_days),
          n(r.separate_days),
          n(r.materials_given),
          n(r.materials_promised),
          n(r.materials_separate)};
}

// GET /api/v1/staff/supervision/stages/applications.csv[?from=&to=&window=&target=]: every
// application issued in the period with its working days per stage, as CSV, streamed a page
// of the store at a time (chunked), in issue day and id order.
void stage_export(App& app, const httplib::Request& req, httplib::Response& res) {
  const auto query = stage_query(app, req, res);
  if (!query) return;
  struct Cursor {
    StageQuery q;
    std::int32_t after_day = 0;
    std::string after_id;
    bool started = false;
  };
  auto cursor = std::make_shared<Cursor>();
  cursor->q = *query;
  res.set_header("Content-Disposition", "attachment; filename=\"issued-" + format_date(Date{query->from_day}) + "-" +
                                            format_date(Date{query->to_day}) + ".csv\"");
  res.set_header("Cache-Control", "no-store");
  res.set_chunked_content_provider("text/csv; charset=utf-8", [&app, cursor](std::size_t, httplib::DataSink& sink) {
    std::string out;
    if (!cursor->started) {
      cursor->started = true;
      out += kCsvBom;
      append_csv_record(out, {"申请编号", "事项或一件事", "类型", "窗口", "出件时间", "总用时（工作日）", "等待受理",
                              "补正", "审查", "暂停", "等待出件", "受理至出件", "承诺时限", "逐项办理时限",
                              "提交材料（份）", "承诺材料（份）", "逐项材料（份）"});
    }
    auto page = app.store->application_results_after(cursor->q, cursor->after_day, cursor->after_id, kExportPage);
    if (!page.ok()) {
      // The header is sent: the download ends short, and the log says why.
      std::fprintf(stderr, "[export] issued applications: %s\n", log_text(page.error().message).c_str());
      return false;
    }
    for (const auto& r : page.value()) append_csv_record(out, export_record(app, r));
    if (!page.value().empty()) {
      cursor->after_day = page.value().back().issued_on;
      cursor->after_id = page.value().back().application_id;
    }
    if (!out.empty() && !sink.write(out.data(), out.size())) return false;
    if (static_cast<std::int64_t>(page.value().size()) < kExportPage) sink.done();
    return true;
  });
}

}  // namespace

void register_stage_figure_routes(Router& r, App& app) {
  r.get("/api/v1/staff/supervision/stages", kSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller&) { stage_figures(app, req, res); });
  r.get("/api/v1/staff/supervision/stages/applications.csv", kSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller&) { stage_export(app, req, res); });
}

}  // namespace yilu::server::http
