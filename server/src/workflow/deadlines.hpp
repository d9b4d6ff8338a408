#pragma once
// Due dates and supervision levels, always from the core's `deadline` op (the same code the
// phone runs): the server only gathers the inputs (acceptance time, the item's promised limit,
// the department's calendar region, pauses, extensions) and combines items.
#include <vector>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "storage/records.hpp"

namespace yilu::server::workflow {

using json = nlohmann::json;

/// The core's deadline response members for one item accepted at `accepted_at`
/// ({due_date, due_at, level, remaining_workdays, paused_now, provisional}), or null when the
/// core refused the input (an item missing from the catalog, a date past the calendar).
json item_deadline(const App& app, const std::string& item_id, Timestamp accepted_at, const json& pauses,
                   const json& extensions, Timestamp now);

/// The deadline of a task (its own start, pauses and extension).
json task_deadline(const App& app, const Task& t, Timestamp now);

/// Several items running in parallel: the latest due date, the most urgent level, the fewest
/// remaining working days. Null when the list is empty or any is null.
json combine(const std::vector<json>& deadlines);

/// Orders levels: normal 0, yellow 1, red 2, overdue 3 (unknown 0).
int level_rank(const std::string& level);

}  // namespace yilu::server::workflow
