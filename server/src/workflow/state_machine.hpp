#pragma once
// The workflow as one pure function per level (DESIGN.md "Workflow"): which action is legal in
// which state, and the state it leads to. No storage, no clock: handlers consult it, then
// write the step and its event in one transaction.
#include <string>
#include <vector>

#include "yilu/error.hpp"

namespace yilu::server::workflow {

/// Application-level actions (who may take them is the router's business).
enum class Action {
  Accept,      ///< clerk: 受理, the clock starts
  Supplement,  ///< clerk: 一次性告知补正
  Refuse,      ///< clerk: 不予受理
  Resubmit,    ///< resident: after 补正
  Dispatch,    ///< clerk: one task per item to its department
  Issue,       ///< clerk: all tasks approved, the result is issued (the last stage)
  IssueStage,  ///< clerk: a bundle stage issued, the next stage starts (its clock too)
  Rate,        ///< resident: 好差评 after the outcome
};

/// Task-level actions (department reviewer).
enum class TaskAction {
  Approve,
  Reject,
  Pause,   ///< Art. 45
  Resume,
  Extend,  ///< Art. 42, once
};

/// The stable action name ("accept", …, "task_approved" style names are the events').
const char* action_name(Action a);
const char* task_action_name(TaskAction a);

/// The status after `action`, or Error `illegal_transition` (params-free; message in Chinese).
Result<std::string> next_status(const std::string& status, Action action);

/// The task status after `action`; `already_extended` forbids a second Art. 42 extension
/// (`already_extended`). Errors: `illegal_transition`.
Result<std::string> next_task_status(const std::string& status, TaskAction action, bool already_extended);

/// The application status implied by its tasks once one of them changed: "dispatched" while
/// any is open, "ready_for_issue" when all are approved, "rejected" when all are decided and
/// at least one was rejected.
std::string status_from_tasks(const std::vector<std::string>& task_statuses);

/// Statuses in which an application is still running (the clock matters).
bool is_open(const std::string& status);

}  // namespace yilu::server::workflow
