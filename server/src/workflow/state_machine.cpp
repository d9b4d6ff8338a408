#include "workflow/state_machine.hpp"

namespace yilu::server::workflow {

namespace {

Error illegal() { return Error{"illegal_transition", "当前状态下不能进行此操作", ""}; }

struct Edge {
  const char* from;
  Action action;
  const char* to;
};

// The whole application graph in one table: anything not listed is illegal.
const Edge kEdges[] = {
    {"submitted", Action::Accept, "accepted"},
    {"submitted", Action::Supplement, "supplement_requested"},
    {"submitted", Action::Refuse, "refused"},
    {"supplement_requested", Action::Resubmit, "submitted"},
    {"accepted", Action::Dispatch, "dispatched"},
    {"ready_for_issue", Action::Issue, "issued"},
    {"ready_for_issue", Action::IssueStage, "accepted"},
    {"issued", Action::Rate, "closed"},
    {"refused", Action::Rate, "closed"},
    {"rejected", Action::Rate, "closed"},
};

}  // namespace

const char* action_name(Action a) {
  switch (a) {
    case Action::Accept: return "accept";
    case Action::Supplement: return "supplement";
    case Action::Refuse: return "refuse";
    case Action::Resubmit: return "resubmit";
    case Action::Dispatch: return "dispatch";
    case Action::Issue: return "issue";
    case Action::IssueStage: return "issue_stage";
    case Action::Rate: return "rate";
  }
  return "";
}

const char* task_action_name(TaskAction a) {
  switch (a) {
    case TaskAction::Approve: return "approve";
    case TaskAction::Reject: return "reject";
    case TaskAction::Pause: return "pause";
    case TaskAction::Resume: return "resume";
    case TaskAction::Extend: return "extend";
  }
  return "";
}

Result<std::string> next_status(const std::string& status, Action action) {
  for (const Edge& e : kEdges)
    if (status == e.from && action == e.action) return std::string(e.to);
  return illegal();
}

Result<std::string> next_task_status(const std::string& status, TaskAction action, bool already_extended) {
  switch (action) {
    case TaskAction::Approve:
    case TaskAction::Reject:
      // A paused task must be resumed first: the decision ends the clock, which must be running.
      if (status == "reviewing") return std::string(action == TaskAction::Approve ? "approved" : "rejected");
      break;
    case TaskAction::Pause:
      if (status == "reviewing") return std::string("paused");
      break;
    case TaskAction::Resume:
      if (status == "paused") return std::string("reviewing");
      break;
    case TaskAction::Extend:
      if (already_extended) return Error{"already_extended", "该事项已延长过一次期限", ""};
      if (status == "reviewing" || status == "paused") return status;
      break;
  }
  return illegal();
}

std::string status_from_tasks(const std::vector<std::string>& task_statuses) {
  bool any_rejected = false;
  for (const auto& s : task_statuses) {
    if (s == "reviewing" || s == "paused") return "dispatched";
    if (s == "rejected") any_rejected = true;
  }
  if (task_statuses.empty()) return "dispatched";
  return any_rejected ? "rejected" : "ready_for_issue";
}

bool is_open(const std::string& status) {
  return status == "submitted" || status == "supplement_requested" || status == "accepted" ||
         status == "dispatched" || status == "ready_for_issue";
}

}  // namespace yilu::server::workflow
