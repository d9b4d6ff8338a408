#pragma once
// What the resident is told, and in which words: one template per kind of change (受理, 补正
// with the list, 中止计时 with the reason, 出件/办结, 部分办结, 不予受理/不予许可 with the
// reason, 容缺 due, 撤销, 秒批). The messages go to the in-app inbox and, shortened, by SMS.
// Pure: the step's events and the application in, notifications out.
#include <string>
#include <vector>

#include "storage/records.hpp"
#include "yilu/catalog.hpp"

namespace yilu::server::workflow {

/// The notifications a workflow step owes the applicant, from its final events (derived ones
/// included); none for steps the resident took themself. `catalog` names items and targets
/// (may be null: ids are used).
std::vector<Notification> notices_for(const Catalog* catalog, const Change& c);

/// The reminder for a deferred material due on `due_date` ("YYYY-MM-DD"), `overdue` or not;
/// its dedupe key makes one reminder per material and level.
Notification deferral_notice(const Catalog* catalog, const Application& a, const MaterialRecord& m,
                             const std::string& due_date, const std::string& level, Timestamp now);

}  // namespace yilu::server::workflow
