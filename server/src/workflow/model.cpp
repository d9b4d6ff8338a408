#include "workflow/model.hpp"

#include <algorithm>
#include <iterator>

namespace yilu::server::workflow {

namespace {

template <class E, std::size_t N>
std::optional<E> parse_by_name(std::string_view s, const E (&all)[N]) {
  for (E e : all)
    if (s == name(e)) return e;
  return std::nullopt;
}

const AppStatus kAppStatuses[] = {AppStatus::Submitted,       AppStatus::SupplementRequested,
                                  AppStatus::Accepted,        AppStatus::Dispatched,
                                  AppStatus::ReadyForIssue,   AppStatus::Issued,
                                  AppStatus::Refused,         AppStatus::Rejected,
                                  AppStatus::Closed,          AppStatus::Withdrawn,
                                  AppStatus::PartiallyIssued, AppStatus::Revoked};
const TaskKind kTaskKinds[] = {TaskKind::Review, TaskKind::Check};
const TaskStatus kTaskStatuses[] = {TaskStatus::Reviewing, TaskStatus::Paused, TaskStatus::Approved,
                                    TaskStatus::Rejected};
const Role kRoles[] = {Role::Clerk, Role::Reviewer, Role::Supervisor, Role::Admin};

}  // namespace

std::vector<AppStatus> every_app_status() { return {std::begin(kAppStatuses), std::end(kAppStatuses)}; }

const char* name(AppStatus s) {
  switch (s) {
    case AppStatus::Submitted: return "submitted";
    case AppStatus::SupplementRequested: return "supplement_requested";
    case AppStatus::Accepted: return "accepted";
    case AppStatus::Dispatched: return "dispatched";
    case AppStatus::ReadyForIssue: return "ready_for_issue";
    case AppStatus::Issued: return "issued";
    case AppStatus::Refused: return "refused";
    case AppStatus::Rejected: return "rejected";
    case AppStatus::Closed: return "closed";
    case AppStatus::Withdrawn: return "withdrawn";
    case AppStatus::PartiallyIssued: return "partially_issued";
    case AppStatus::Revoked: return "revoked";
  }
  return "";
}

const char* name(TaskStatus s) {
  switch (s) {
    case TaskStatus::Reviewing: return "reviewing";
    case TaskStatus::Paused: return "paused";
    case TaskStatus::Approved: return "approved";
    case TaskStatus::Rejected: return "rejected";
  }
  return "";
}

const char* name(TaskKind k) { return k == TaskKind::Check ? "check" : "review"; }

const char* name(Role r) {
  switch (r) {
    case Role::Clerk: return "clerk";
    case Role::Reviewer: return "reviewer";
    case Role::Supervisor: return "supervisor";
    case Role::Admin: return "admin";
  }
  return "";
}

std::optional<AppStatus> parse_app_status(std::string_view s) { return parse_by_name(s, kAppStatuses); }
std::optional<TaskStatus> parse_task_status(std::string_view s) { return parse_by_name(s, kTaskStatuses); }
std::optional<TaskKind> parse_task_kind(std::string_view s) { return parse_by_name(s, kTaskKinds); }
std::optional<Role> parse_role(std::string_view s) { return parse_by_name(s, kRoles); }

const std::vector<AppStatus>& open_statuses() {
  static const std::vector<AppStatus> list = {AppStatus::Submitted, AppStatus::SupplementRequested, AppStatus::Accepted,
                                              AppStatus::Dispatched, AppStatus::ReadyForIssue};
  return list;
}

bool is_open(AppStatus s) {
  const auto& open = open_statuses();
  return std::find(open.begin(), open.end(), s) != open.end();
}

bool is_open(TaskStatus s) { return s == TaskStatus::Reviewing || s == TaskStatus::Paused; }

}  // namespace yilu::server::workflow
