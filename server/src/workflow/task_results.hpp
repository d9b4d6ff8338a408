#pragma once
// The figures of a review as it is decided, for the supervision center: computed once, from
// the core's deadline for the task at the decision (deadlines.hpp task_due), and stored with
// the step. Summing stored figures keeps the calendar rules in the core and lets SQL add up a
// year of decisions without asking the core again.
#include <optional>

#include "storage/records.hpp"
#include "yilu/call.hpp"

namespace yilu::server::workflow {

/// The figures of `decided` (a review task approved or rejected at its `updated_at`) of `a`; nullopt
/// when the task is not a decided review or its item is gone from the catalog.
///
/// Working days taken are the core's own count: the promised limit plus the extensions, less
/// the working days the supervision level says are left at the decision (negative once past
/// the due date). On time: decided by the end of the due date.
std::optional<TaskResult> task_result(const Engine& engine, const Application& a, const Task& decided);

/// Adds to `c` the figures of every review the step decides: a task update that ends a review
/// still open before, or a new review decided at once (秒批). The step's own data decides;
/// nothing is read.
void add_task_results(const Engine& engine, Change& c);

}  // namespace yilu::server::workflow
