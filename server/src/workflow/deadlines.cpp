#include "workflow/deadlines.hpp"

#include "workflow/actions.hpp"
#include "yilu/item_deadline.hpp"

namespace yilu::server::workflow {

using nlohmann::json;

json answers_of(const Application& a) {
  const json form = json::parse(a.form, nullptr, false);
  if (form.is_object()) {
    const auto it = form.find("answers");
    if (it != form.end() && it->is_object()) return *it;
  }
  return json::object();
}

namespace {

// The deadline of a core-made input, with the stored pauses and extensions, at `now`.
Result<Due> due_of(const Calendar& calendar, DeadlineInput in, const std::vector<PauseRecord>& pauses,
                   const std::vector<ExtensionRecord>& extensions, Timestamp now) {
  for (const auto& p : pauses) in.pauses.push_back(Pause{p.start, p.end});
  for (const auto& x : extensions) in.extension_days += x.days;
  const auto d = compute_deadline(calendar, in, now);
  if (!d.ok()) return d.error();
  const auto s = supervise(calendar, d.value(), now, default_yellow_days(in.limit_days), in.region);
  if (!s.ok()) return s.error();
  return Due{d.value(), s.value(), in.limit_days};
}

}  // namespace

Result<Due> item_due(const Engine& engine, const ItemDef& item, const json& answers, Timestamp accepted_at,
                     const std::vector<PauseRecord>& pauses, const std::vector<ExtensionRecord>& extensions,
                     Timestamp now) {
  const Catalog* catalog = engine.catalog();
  const Calendar* calendar = engine.calendar();
  if (!catalog || !calendar) return Error{"catalog_not_loaded", "", ""};
  return due_of(*calendar, item_deadline_input(*catalog, item, &answers, accepted_at), pauses, extensions, now);
}

std::optional<Due> task_due(const Engine& engine, const json& answers, const Task& t, Timestamp now) {
  const ItemDef* item = engine.catalog() ? engine.catalog()->item(t.item_id) : nullptr;
  if (!item || !engine.calendar()) return std::nullopt;
  // A post-check (核查) runs on the item's check limit from the issue, not on its review limit.
  auto d = t.kind == TaskKind::Check
               ? due_of(*engine.calendar(), check_deadline_input(*engine.catalog(), *item, t.started_at), t.pauses,
                        t.extensions, now)
               : item_due(engine, *item, answers, t.started_at, t.pauses, t.extensions, now);
  if (!d.ok()) return std::nullopt;
  return d.value();
}

std::vector<OwedDue> owed_with_due(const Engine& engine, const Application& a, Timestamp now) {
  std::vector<OwedDue> out;
  const Catalog* catalog = engine.catalog();
  for (const MaterialRecord* m : owed_materials(a)) {
    OwedDue o{m, std::nullopt};
    // The deferral limit of the first item that asks for the material.
    const ItemDef* item = nullptr;
    for (const auto& id : a.items) {
      const ItemDef* i = catalog ? catalog->item(id) : nullptr;
      if (!i || item) continue;
      for (const auto& def : i->materials)
        if (def.id == m->material_id) item = i;
    }
    if (item && engine.calendar()) {
      auto d = due_of(*engine.calendar(), deferral_deadline_input(*catalog, *item, a.accepted_at), {}, {}, now);
      if (d.ok()) o.due = d.value();
    }
    out.push_back(o);
  }
  return out;
}

std::optional<Due> application_due(const Engine& engine, const Application& a, const std::vector<Task>& tasks,
                                   Timestamp now) {
  const json answers = answers_of(a);  // the form is parsed once for all the items
  if (!engine.catalog()) return std::nullopt;
  std::vector<Due> dues;
  bool running_tasks = false;
  for (const auto& t : tasks) {
    // Earlier stages are history; a post-check runs on its own clock after the result.
    if (t.stage != a.stage || t.kind != TaskKind::Review) continue;
    running_tasks = true;
    auto d = task_due(engine, answers, t, now);
    if (!d) return std::nullopt;
    dues.push_back(*d);
  }
  if (!running_tasks) {
    // Not dispatched yet (or not accepted: the preview at `now`).
    const Timestamp start = a.accepted_at ? a.accepted_at : now;
    for (const auto& id : running_items(a, *engine.catalog())) {
      const ItemDef* item = engine.catalog()->item(id);
      if (!item) return std::nullopt;
      auto d = item_due(engine, *item, answers, start, {}, {}, now);
      if (!d.ok()) return std::nullopt;
      dues.push_back(d.value());
    }
  }
  return latest_of(dues);
}

std::optional<Due> latest_of(const std::vector<Due>& dues) {
  if (dues.empty()) return std::nullopt;
  Due out = dues.front();
  for (const Due& d : dues) {
    if (d.deadline.due_at > out.deadline.due_at) {
      out.deadline.due_at = d.deadline.due_at;
      out.deadline.due_date = d.deadline.due_date;
      out.limit_days = d.limit_days;
    }
    // Supervision enumerators are declared from least to most urgent (yilu/deadline.hpp).
    if (d.supervision.level > out.supervision.level) out.supervision.level = d.supervision.level;
    if (d.supervision.remaining_workdays < out.supervision.remaining_workdays)
      out.supervision.remaining_workdays = d.supervision.remaining_workdays;
    out.deadline.paused_now = out.deadline.paused_now || d.deadline.paused_now;
    out.deadline.provisional = out.deadline.provisional || d.deadline.provisional;
    if (d.deadline.paused_workdays > out.deadline.paused_workdays)
      out.deadline.paused_workdays = d.deadline.paused_workdays;
  }
  return out;
}

std::string level_name(const Due& d, bool decided) {
  return decided ? std::string("done") : std::string(supervision_name(d.supervision.level));
}

json due_json(const Due& d, bool decided) {
  return {{"due_date", format_date(d.deadline.due_date)},
          {"due_at", format_timestamp_cst(d.deadline.due_at)},
          {"level", level_name(d, decided)},
          {"remaining_workdays", d.supervision.remaining_workdays},
          {"paused_now", d.deadline.paused_now},
          {"paused_workdays", d.deadline.paused_workdays},
          {"provisional", d.deadline.provisional},
          {"limit_days", d.limit_days}};
}

}  // namespace yilu::server::workflow
