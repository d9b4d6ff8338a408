#pragma once
/// Planning a 一件事 bundle: stages in sequence, the items of a stage in parallel, against
/// doing the items one by one — the four reductions (减环节、减时间、减材料、减跑动) as numbers.
/// Due dates come from item_deadline_input and compute_deadline: one implementation of the rule.
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "yilu/calendar.hpp"
#include "yilu/catalog.hpp"
#include "yilu/date.hpp"
#include "yilu/error.hpp"
#include "yilu/item_deadline.hpp"  // promised_days_for, item_deadline_input

namespace yilu {

struct PlannedItem {
  const ItemDef* item = nullptr;
  std::int64_t days = 0;  ///< promised limit in this situation
  Date due_date{};        ///< when the stage starts at the stage's start
};

struct PlannedStage {
  const Stage* stage = nullptr;
  std::vector<PlannedItem> items;
  std::int64_t workdays = 0;  ///< the longest item: the items run in parallel
  Timestamp starts_at = 0;
  Date due_date{};
  std::int32_t new_materials = 0;    ///< materials the applicant first supplies at this stage
  std::int32_t reused_licences = 0;  ///< materials satisfied by licences of earlier stages
};

/// Counts for doing the items one by one and as the bundle.
struct Comparison {
  std::int64_t separate = 0;
  std::int64_t bundle = 0;
};

struct BundlePlan {
  std::vector<PlannedStage> stages;
  Date due_date{};           ///< the bundle: stages in sequence
  Date separate_due_date{};  ///< the items one after another, in the bundle's order
  Comparison steps;          ///< 减环节: items vs. stages
  Comparison workdays;       ///< 减时间: sum of limits vs. sum of the stages' longest limits
  Comparison materials;      ///< 减材料: materials asked for (shared once, reused licences not asked)
  Comparison submissions;    ///< 减跑动: one per item vs. stages that ask for new materials
  Comparison fields;         ///< form fields filled in (shared ones once)
  bool provisional = false;  ///< a due date lies in a year without a published holiday schedule
};

/// Plans `bundle` accepted at `accepted_at`; conditional materials are counted when their
/// condition holds for `answers`. Errors: the calendar's date errors (date_before_calendar …).
Result<BundlePlan> plan_bundle(const Catalog& catalog, const Calendar& calendar, const BundleDef& bundle,
                               Timestamp accepted_at, const nlohmann::json* answers);

}  // namespace yilu
