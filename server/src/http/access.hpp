#pragma once
// Who may see or act on what: one place for the ownership and role rules (docs/workflow.md).
#include <optional>
#include <string>
#include <vector>

#include "storage/records.hpp"
#include "workflow/model.hpp"

namespace yilu::server::http {

/// Whether the staff member may read the application (clerk of its window, reviewer of a
/// department with a task in it, supervisor, admin).
bool staff_can_view(const StaffAccount& s, const Application& a, const std::vector<Task>& tasks);
/// Whether the staff member reviews for the task's department.
bool is_task_reviewer(const StaffAccount& s, const Task& t);
/// Supervisors and admins read everything.
bool reads_everything(const StaffAccount& s);
/// Which window (clerk's queue) or department (reviewer's tasks) a list request covers.
/// Staff in `own_role` see their own (`own`); asking for another is refused. Readers of
/// everything see the one asked for (empty: all). Anyone else is refused: nullopt.
std::optional<std::string> list_scope(const StaffAccount& s, workflow::Role own_role, const std::string& own,
                                      const std::string& requested);

}  // namespace yilu::server::http
