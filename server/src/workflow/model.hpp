#pragma once
// The workflow's vocabulary as types (docs/workflow.md): application and task statuses and
// staff roles. Stored and sent by their stable names; parsed back with the parse_* functions,
// so no code compares status strings or re-encodes an order.
#include <optional>
#include <string_view>
#include <vector>

namespace yilu::server::workflow {

/// Where an application stands (docs/workflow.md "States").
enum class AppStatus {
  Submitted,            ///< pre-checked by the core, waiting at the comprehensive window
  SupplementRequested,  ///< 补正: one complete notice sent, waiting for the resident
  Accepted,             ///< 受理: the clock runs; not yet dispatched (or a new bundle stage)
  Dispatched,           ///< the departments review in parallel
  ReadyForIssue,        ///< every task of the running stage approved: 统一出件 at the window
  Issued,               ///< the result was issued (the last stage of a bundle)
  Refused,              ///< 不予受理 at the window
  Rejected,             ///< 不予许可: a department rejected
  Closed,               ///< rated by the applicant (好差评)
  Withdrawn,            ///< 撤回: the applicant withdrew it before acceptance
  PartiallyIssued,      ///< 部分办结: the last stage issued, some item of it or an earlier one rejected
  Revoked,              ///< 撤销: a false commitment (告知承诺不实) revoked the result
};

/// What a department's task is for.
enum class TaskKind {
  Review,  ///< 审批: the department decides the item (the stage's clock)
  Check,   ///< 核查: the post-check of a commitment (告知承诺) after issue, with its own limit
};

/// Where a department's task stands.
enum class TaskStatus {
  Reviewing,  ///< the department's clock runs
  Paused,     ///< Art. 45 interval (hearing, expert review …): the clock stops
  Approved,
  Rejected,
};

/// Staff roles (residents are not staff; see http/access.hpp for the route access levels).
enum class Role {
  Clerk,       ///< a window's intake and issuance
  Reviewer,    ///< the tasks of one department
  Supervisor,  ///< reads everything
  Admin,       ///< staff accounts; reads everything
};

/// Stable names: "submitted", "supplement_requested", "accepted", "dispatched",
/// "ready_for_issue", "issued", "refused", "rejected", "closed", "withdrawn",
/// "partially_issued", "revoked".
const char* name(AppStatus s);
/// "reviewing", "paused", "approved", "rejected".
const char* name(TaskStatus s);
/// "review", "check".
const char* name(TaskKind k);
/// "clerk", "reviewer", "supervisor", "admin".
const char* name(Role r);

/// The status with that name, or nullopt for any other text.
std::optional<AppStatus> parse_app_status(std::string_view s);
/// The task kind with that name, or nullopt.
std::optional<TaskKind> parse_task_kind(std::string_view s);
/// The task status with that name, or nullopt.
std::optional<TaskStatus> parse_task_status(std::string_view s);
/// The role with that name, or nullopt.
std::optional<Role> parse_role(std::string_view s);

/// Every application status, in declaration order (lists over all applications).
std::vector<AppStatus> every_app_status();

/// Statuses in which an application is still running (its clock matters).
bool is_open(AppStatus s);
/// The same statuses as a list, for the store's queries.
const std::vector<AppStatus>& open_statuses();
/// Tasks whose department has not decided yet.
bool is_open(TaskStatus s);

}  // namespace yilu::server::workflow
