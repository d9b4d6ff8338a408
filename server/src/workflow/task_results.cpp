#include "workflow/task_results.hpp"

#include "workflow/deadlines.hpp"

namespace yilu::server::workflow {

std::optional<TaskResult> task_result(const Engine& engine, const Application& a, const Task& decided) {
  if (decided.kind != TaskKind::Review) return std::nullopt;
  if (decided.status != TaskStatus::Approved && decided.status != TaskStatus::Rejected) return std::nullopt;
  const Timestamp now = decided.updated_at;  // the decision
  const auto due = task_due(engine, answers_of(a), decided, now);
  if (!due) return std::nullopt;
  TaskResult r;
  r.task_id = decided.id;
  r.application_id = a.id;
  r.item_id = decided.item_id;
  r.department = decided.department;
  r.window_id = a.window;
  r.approved = decided.status == TaskStatus::Approved;
  r.started_at = decided.started_at;
  r.decided_at = now;
  r.decided_on = cst_date(now).days;
  r.due_on = due->deadline.due_date.days;
  r.limit_days = due->limit_days;
  for (const auto& x : decided.extensions) r.extension_days += x.days;
  r.paused_workdays = due->deadline.paused_workdays;
  r.workdays_taken = r.limit_days + r.extension_days - due->supervision.remaining_workdays;
  r.on_time = now <= due->deadline.due_at;
  return r;
}

void add_task_results(const Engine& engine, Change& c) {
  for (const auto& [before, task] : c.task_updates) {
    if (!is_open(before)) continue;  // already decided: its figures exist
    if (auto r = task_result(engine, c.updated, task)) c.task_results.push_back(std::move(*r));
  }
  // A review decided as it is made: 秒批, where the system approves at once.
  for (const auto& task : c.new_tasks)
    if (auto r = task_result(engine, c.updated, task)) c.task_results.push_back(std::move(*r));
}

}  // namespace yilu::server::workflow
