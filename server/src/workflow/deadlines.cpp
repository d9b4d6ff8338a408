#include "workflow/deadlines.hpp"

namespace yilu::server::workflow {

namespace {

// Stored pauses/extensions use seconds; the op takes RFC 3339 text.
json pauses_for_op(const json& pauses) {
  json out = json::array();
  if (!pauses.is_array()) return out;
  for (const auto& p : pauses) {
    if (!p.is_object() || !p.contains("start") || !p["start"].is_number_integer()) continue;
    json q = {{"start", format_timestamp_cst(p["start"].get<Timestamp>())}};
    if (p.contains("end") && p["end"].is_number_integer()) q["end"] = format_timestamp_cst(p["end"].get<Timestamp>());
    out.push_back(std::move(q));
  }
  return out;
}

json extensions_for_op(const json& extensions) {
  json out = json::array();
  if (!extensions.is_array()) return out;
  for (const auto& e : extensions) {
    if (!e.is_object() || !e.contains("days") || !e["days"].is_number_integer()) continue;
    out.push_back({{"days", e["days"]}, {"reason", e.value("reason", std::string("延长"))}});
  }
  return out;
}

}  // namespace

json item_deadline(const App& app, const std::string& item_id, Timestamp accepted_at, const json& pauses,
                   const json& extensions, Timestamp now) {
  if (!app.catalog) return nullptr;
  const ItemDef* item = app.catalog->item(item_id);
  if (!item) return nullptr;
  const Department* dept = app.catalog->department(item->department);
  json req = {{"op", "deadline"},
              {"accepted_at", format_timestamp_cst(accepted_at)},
              {"limit_days", item->promised_days},
              {"counts_acceptance_day", item->counts_acceptance_day},
              {"now", format_timestamp_cst(now)}};
  if (dept && !dept->region.empty()) req["region"] = dept->region;
  const json p = pauses_for_op(pauses);
  if (!p.empty()) req["pauses"] = p;
  const json x = extensions_for_op(extensions);
  if (!x.empty()) req["extensions"] = x;
  json res = json::parse(app.engine.call(req.dump(), context_at(now)), nullptr, false);
  if (!res.is_object() || !res.value("ok", false)) return nullptr;
  res.erase("ok");
  res["limit_days"] = item->promised_days;
  return res;
}

json task_deadline(const App& app, const Task& t, Timestamp now) {
  return item_deadline(app, t.item_id, t.started_at, json::parse(t.pauses, nullptr, false),
                       json::parse(t.extensions, nullptr, false), now);
}

int level_rank(const std::string& level) {
  if (level == "yellow") return 1;
  if (level == "red") return 2;
  if (level == "overdue") return 3;
  return 0;
}

json combine(const std::vector<json>& ds) {
  if (ds.empty()) return nullptr;
  json out;
  for (const auto& d : ds) {
    if (!d.is_object()) return nullptr;
    if (out.is_null()) {
      out = d;
      continue;
    }
    // due_at strings share one format and offset, so text order is time order.
    if (d.value("due_at", std::string()) > out.value("due_at", std::string())) {
      out["due_at"] = d["due_at"];
      out["due_date"] = d["due_date"];
    }
    if (level_rank(d.value("level", std::string())) > level_rank(out.value("level", std::string())))
      out["level"] = d["level"];
    if (d.value("remaining_workdays", 0) < out.value("remaining_workdays", 0))
      out["remaining_workdays"] = d["remaining_workdays"];
    if (d.value("paused_now", false)) out["paused_now"] = true;
    if (d.value("provisional", false)) out["provisional"] = true;
  }
  out.erase("limit_days");
  out.erase("paused_workdays");
  return out;
}

}  // namespace yilu::server::workflow
