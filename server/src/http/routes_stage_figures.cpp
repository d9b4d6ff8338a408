// 全程监管, where time goes: the issued applications of a period, per target (item or bundle) or
// window, with the average working days of each stage (waiting for 受理, 补正, review, paused,
// waiting for 出件) and, for a bundle, the reductions it achieved next to the catalog's promise.
// The figures are stored per application as it is issued (workflow/application_results.hpp);
// this sums them (SqlStore::stage_groups) and divides.

#include "http/figure_period.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"

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

std::string target_name(const App& app, const StageGroup& g) {
  if (!app.catalog) return g.key;
  if (g.kind == "window") {
    const Window* w = app.catalog->window(g.key);
    return w ? w->name : g.key;
  }
  if (g.kind == "bundle") {
    const BundleDef* b = app.catalog->bundle(g.key);
    return b ? b->name : g.key;
  }
  const ItemDef* i = app.catalog->item(g.key);
  return i ? i->name : g.key;  // an id the catalog no longer has is shown as itself
}

json group_json(const App& app, const StageGroup& g) {
  json j = {{"id", g.key},
            {"kind", g.kind},
            {"name", target_name(app, g)},
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

// GET /api/v1/staff/supervision/stages?by=target|window[&window=][&target=]
void stage_figures(App& app, const httplib::Request& req, httplib::Response& res) {
  const std::string by_text = req.has_param("by") ? req.get_param_value("by") : "target";
  if (by_text != "target" && by_text != "window") return send_error(res, "bad_group_by", "/by");
  const auto period = period_of(app, req, res);
  if (!period) return;
  StageQuery q;
  q.from_day = period->from.days;
  q.to_day = period->to.days;
  q.window_id = req.get_param_value("window");
  q.target_id = req.get_param_value("target");
  if (!q.window_id.empty() && !(app.catalog && app.catalog->window(q.window_id)))
    return send_error(res, "unknown_window", "/window");
  if (!q.target_id.empty() && !(app.catalog && (app.catalog->item(q.target_id) || app.catalog->bundle(q.target_id))))
    return send_error(res, "unknown_target", "/target");
  auto groups = app.store->stage_groups(q, by_text == "target" ? StageBy::Target : StageBy::Window);
  if (!groups.ok()) return send_core_error(res, groups.error());
  json list = json::array();
  StageGroup all;
  for (const auto& g : groups.value()) {
    list.push_back(group_json(app, g));
    all.issued += g.issued;
    all.total += g.total;
    all.intake += g.intake;
    all.correction += g.correction;
    all.review += g.review;
    all.paused += g.paused;
    all.issue_wait += g.issue_wait;
  }
  json total = {{"issued", all.issued}};
  if (all.issued > 0) {
    total["avg_total_workdays"] = average(all.total, all.issued);
    total["stages"] = stages_json(all);
  }
  send_json(res, 200,
            {{"ok", true},
             {"by", by_text},
             {"from", format_date(period->from)},
             {"to", format_date(period->to)},
             {"groups", list},
             {"total", total}});
}

}  // namespace

void register_stage_figure_routes(Router& r, App& app) {
  r.get("/api/v1/staff/supervision/stages", kSupervisor,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller&) { stage_figures(app, req, res); });
}

}  // namespace yilu::server::http
