#include "http/access.hpp"

namespace yilu::server::http {

using workflow::Role;

bool reads_everything(const StaffAccount& s) { return s.role == Role::Supervisor || s.role == Role::Admin; }

std::optional<std::string> list_scope(const StaffAccount& s, Role own_role, const std::string& own,
                                      const std::string& requested) {
  if (s.role == own_role) {
    if (!requested.empty() && requested != own) return std::nullopt;
    return own;
  }
  if (reads_everything(s)) return requested;
  return std::nullopt;
}

namespace {

bool is_window_clerk(const StaffAccount& s, const Application& a) {
  return s.role == Role::Clerk && !s.window.empty() && s.window == a.window;
}

}  // namespace

bool is_task_reviewer(const StaffAccount& s, const Task& t) {
  return s.role == Role::Reviewer && !s.department.empty() && s.department == t.department;
}

bool staff_can_view(const StaffAccount& s, const Application& a, const std::vector<Task>& tasks) {
  if (reads_everything(s) || is_window_clerk(s, a)) return true;
  for (const auto& t : tasks)
    if (is_task_reviewer(s, t)) return true;
  return false;
}

}  // namespace yilu::server::http
