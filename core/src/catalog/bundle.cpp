#include "yilu/bundle.hpp"

#include <algorithm>

#include "catalog/condition.hpp"
#include "catalog/form.hpp"
#include "yilu/deadline.hpp"

namespace yilu {

using nlohmann::json;

namespace {

bool asked(const Catalog& c, const MaterialDef& m, const json* answers) {
  if (m.required) return true;
  if (m.required_when < 0) return false;  // optional materials are not "asked for"
  return detail::eval_condition(c.conditions(), m.required_when,
                                detail::CondLookup{nullptr, answers, nullptr, false}) == detail::Truth::True;
}

}  // namespace

Result<BundlePlan> plan_bundle(const Catalog& catalog, const Calendar& calendar, const BundleDef& bundle,
                               Timestamp accepted_at, const json* answers) {
  BundlePlan plan;
  // The item's limit and due date in this situation, from the one rule (item_deadline_input).
  struct Due {
    std::int64_t days;
    Result<Deadline> deadline;
  };
  const auto due = [&](const ItemDef& item, Timestamp start) {
    const DeadlineInput in = item_deadline_input(catalog, item, answers, start);
    return Due{in.limit_days, compute_deadline(calendar, in, start)};
  };

  // One by one: each item accepted when the previous one is due, in the bundle's order.
  Timestamp separate_at = accepted_at;
  Date separate_due = cst_date(accepted_at);
  for (const Stage& stage : bundle.stages) {
    for (const auto& id : stage.items) {
      const ItemDef* item = catalog.item(id);
      if (!item) continue;
      const Due x = due(*item, separate_at);
      const std::int64_t days = x.days;
      const auto& d = x.deadline;
      if (!d.ok()) return d.error();
      plan.provisional = plan.provisional || d.value().provisional;
      separate_at = d.value().due_at;
      separate_due = d.value().due_date;
      plan.workdays.separate += days;
      plan.steps.separate += 1;
      plan.submissions.separate += 1;  // every item is its own trip with its own materials
      plan.fields.separate += static_cast<std::int64_t>(item->fields.size());
      for (const MaterialDef& m : item->materials) plan.materials.separate += asked(catalog, m, answers);
    }
  }
  plan.separate_due_date = separate_due;

  // As a bundle: the stages in sequence, each as long as its longest item.
  const detail::Form& form = catalog.bundle_form(bundle);
  plan.fields.bundle = static_cast<std::int64_t>(form.fields.size());
  Timestamp stage_start = accepted_at;
  Date bundle_due = cst_date(accepted_at);
  for (std::size_t s = 0; s < bundle.stages.size(); ++s) {
    PlannedStage ps;
    ps.stage = &bundle.stages[s];
    ps.starts_at = stage_start;
    ps.due_date = cst_date(stage_start);
    Timestamp stage_due_at = stage_start;
    for (const auto& id : ps.stage->items) {
      const ItemDef* item = catalog.item(id);
      if (!item) continue;
      const Due x = due(*item, stage_start);
      const std::int64_t days = x.days;
      const auto& d = x.deadline;
      if (!d.ok()) return d.error();
      plan.provisional = plan.provisional || d.value().provisional;
      ps.items.push_back(PlannedItem{item, days, d.value().due_date});
      ps.workdays = std::max(ps.workdays, days);
      if (d.value().due_at > stage_due_at) {
        stage_due_at = d.value().due_at;
        ps.due_date = d.value().due_date;
      }
    }
    for (const auto& fm : form.materials) {
      const bool is_asked = std::any_of(fm.defs.begin(), fm.defs.end(),
                                        [&](const MaterialDef* m) { return asked(catalog, *m, answers); });
      if (!is_asked) continue;
      if (fm.reused) {
        if (fm.stage == static_cast<std::int32_t>(s + 1)) ++ps.reused_licences;
      } else if (fm.stage == static_cast<std::int32_t>(s + 1)) {
        ++ps.new_materials;
      }
    }
    plan.workdays.bundle += ps.workdays;
    plan.steps.bundle += 1;
    plan.materials.bundle += ps.new_materials;
    plan.submissions.bundle += ps.new_materials > 0;
    stage_start = stage_due_at;
    bundle_due = ps.due_date;
    plan.stages.push_back(std::move(ps));
  }
  plan.due_date = bundle_due;
  return plan;
}

}  // namespace yilu
