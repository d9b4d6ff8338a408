#pragma once
// The workflow's actions (docs/workflow.md): each one a pure function from the application
// (and task) as stored, the actor and the input to the Change that storage writes atomically,
// or a refusal with a stable code. The same tables decide `allowed_actions`, which the API
// returns so the console draws its buttons from it. No storage, no clock: `now` and new ids
// come in as parameters.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/records.hpp"
#include "workflow/model.hpp"
#include "yilu/catalog.hpp"
#include "yilu/error.hpp"

namespace yilu::server::workflow {

/// Actions on an application.
enum class Action {
  Accept,      ///< clerk: 受理, the clock starts
  Supplement,  ///< clerk: 一次性告知补正
  Refuse,      ///< clerk: 不予受理
  Dispatch,    ///< clerk: one task per item of the running stage to its department
  Issue,       ///< clerk: 统一出件 (a bundle stage: the next stage starts)
  Resubmit,    ///< resident: after 补正
  Rate,        ///< resident: 好差评 after the outcome
  Withdraw,    ///< resident: 撤回 before acceptance
  Supply,      ///< resident (from the phone) or clerk (at the window): a 容缺 material after acceptance
};

/// Actions on a department's task.
enum class TaskAction {
  Approve,
  Reject,
  Pause,  ///< Art. 45 interval
  Resume,
  Extend,  ///< Art. 42, once per task
  Revoke,  ///< a post-check (核查) found the commitment false: the item's result is revoked
};

/// Stable names: "accept", "supplement", "refuse", "dispatch", "issue", "resubmit", "rate",
/// "withdraw", "supply".
const char* name(Action a);
/// "approve", "reject", "pause", "resume", "extend", "revoke".
const char* name(TaskAction a);

/// Who acts: a resident (their own applications) or a staff member (role and scope).
struct Actor {
  std::optional<Resident> resident;
  std::optional<StaffAccount> staff;
};

/// The deferred (容缺) materials still owed: accepted missing and not supplied yet.
std::vector<const MaterialRecord*> owed_materials(const Application& a);

/// The actions `actor` may take on the application now, in declaration order.
std::vector<Action> allowed_actions(const Application& a, const Actor& actor);
/// The actions `actor` may take on the task now.
std::vector<TaskAction> allowed_task_actions(const Application& a, const Task& t, const Actor& actor);

/// Refusals: `forbidden` (not this actor's application or task), `illegal_transition` (not in
/// this state), `already_extended`, `missing_reason`, `outstanding_tasks`. Events carry the
/// actor; `now` stamps everything.
Result<Change> accept(const Application& a, const Actor& actor, Timestamp now);
Result<Change> request_supplement(const Application& a, const Actor& actor, SupplementNotice notice, Timestamp now);
Result<Change> refuse(const Application& a, const Actor& actor, const std::string& reason, Timestamp now);
/// One task per item of the running stage, each to its item's department.
Result<Change> dispatch(const Application& a, const Actor& actor, const Catalog& catalog, Timestamp now);
/// Issues the running stage: a licence for each approved task whose item issues one
/// (`new_licence_id` gives their ids) and a post-check (核查) task for each approved item whose
/// materials a commitment replaced; a bundle with stages left moves to the next stage, whose
/// clock starts now; the last stage ends issued, or partially issued when an item of any stage
/// was rejected. Refused with `materials_owed` while a deferred material is owed.
Result<Change> issue(const Application& a, const std::vector<Task>& tasks, const Actor& actor, const Catalog& catalog,
                     const std::function<std::string()>& new_licence_id, Timestamp now);
/// The resident's corrected application after 补正: `revised` carries the new form, verdict,
/// materials and files (checked by the core before).
Result<Change> resubmit(const Application& a, const Actor& actor, const Application& revised, Timestamp now);
Result<Change> rate(const Application& a, const Actor& actor, Rating rating, Timestamp now);
/// The applicant withdraws the application before the window accepted it; `reason` may be empty.
Result<Change> withdraw(const Application& a, const Actor& actor, const std::string& reason, Timestamp now);
/// A deferred material supplied after acceptance: by the applicant with `files` (checked and
/// measured by the caller), or by the clerk of the window who received it (`note`, files
/// optional). Refusals: `not_owed` (path /material), `forbidden`, `illegal_transition`.
Result<Change> supply(const Application& a, const Actor& actor, const std::string& material_id,
                      std::vector<ApplicationFile> files, const std::string& note, Timestamp now);
/// 秒批: the system accepts, approves and issues a complete application of an instant item at
/// once (actor "系统"), with its licence. Refused with `illegal_transition` unless the
/// application is a fresh submission of an instant item with nothing deferred.
Result<Change> instant_decision(const Application& a, const Catalog& catalog,
                                const std::function<std::string()>& new_licence_id, Timestamp now);
/// A false commitment found by the post-check task `t`: the task ends rejected with the
/// reason, the item's licences among `licences` are revoked, and an item's application is
/// revoked (a finished bundle, whose other items stand, is partially issued; a running one runs on).
Result<Change> revoke_commitment(const Application& a, const Task& t, const std::vector<Licence>& licences,
                                 const Actor& actor, const std::string& reason, Timestamp now);
/// A department's decision or clock action on its task; `days` is the extension (Extend only).
Result<Change> act_on_task(const Application& a, const Task& t, const Actor& actor, TaskAction action,
                           const std::string& reason, std::int64_t days, Timestamp now);

/// The application status implied by the review tasks of its running stage: Dispatched while
/// any is open; once all are decided, ReadyForIssue when any is approved (the approved ones are
/// issued, the rejected ones keep their reasons); when all are rejected, Rejected — or
/// PartiallyIssued when an earlier stage was already issued (`earlier_issued`).
AppStatus status_from_tasks(const std::vector<TaskStatus>& statuses, bool earlier_issued = false);

/// The items of the application's running stage (a bundle's stage; an item's own id).
std::vector<std::string> running_items(const Application& a, const Catalog& catalog);

}  // namespace yilu::server::workflow
