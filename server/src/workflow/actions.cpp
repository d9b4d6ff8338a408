#include "workflow/actions.hpp"

#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

namespace yilu::server::workflow {

using nlohmann::json;

namespace {

enum class By { Clerk, Resident, ClerkOrResident };

struct Edge {
  AppStatus from;
  Action action;
  AppStatus to;
};

// The whole application graph in one table: anything not listed is illegal. Issue has three
// edges: the last stage is issued (or partially issued, when an item was rejected); a bundle
// stage with stages left starts the next one. Supply keeps the status (the clock runs on).
const Edge kEdges[] = {
    {AppStatus::Submitted, Action::Accept, AppStatus::Accepted},
    {AppStatus::Submitted, Action::Supplement, AppStatus::SupplementRequested},
    {AppStatus::Submitted, Action::Refuse, AppStatus::Refused},
    {AppStatus::SupplementRequested, Action::Resubmit, AppStatus::Submitted},
    {AppStatus::Accepted, Action::Dispatch, AppStatus::Dispatched},
    {AppStatus::ReadyForIssue, Action::Issue, AppStatus::Issued},
    {AppStatus::ReadyForIssue, Action::Issue, AppStatus::Accepted},
    {AppStatus::ReadyForIssue, Action::Issue, AppStatus::PartiallyIssued},
    {AppStatus::PartiallyIssued, Action::Rate, AppStatus::Closed},
    {AppStatus::Accepted, Action::Supply, AppStatus::Accepted},
    {AppStatus::Dispatched, Action::Supply, AppStatus::Dispatched},
    {AppStatus::ReadyForIssue, Action::Supply, AppStatus::ReadyForIssue},
    {AppStatus::Issued, Action::Rate, AppStatus::Closed},
    {AppStatus::Refused, Action::Rate, AppStatus::Closed},
    {AppStatus::Rejected, Action::Rate, AppStatus::Closed},
    {AppStatus::Submitted, Action::Withdraw, AppStatus::Withdrawn},
    {AppStatus::SupplementRequested, Action::Withdraw, AppStatus::Withdrawn},
};

struct TaskEdge {
  TaskStatus from;
  TaskAction action;
  TaskStatus to;
};

// A paused task must be resumed before a decision: the decision ends the clock, which must run.
// A review task takes every action but Revoke; a post-check task only Approve and Revoke.
const TaskEdge kTaskEdges[] = {
    {TaskStatus::Reviewing, TaskAction::Revoke, TaskStatus::Rejected},
    {TaskStatus::Reviewing, TaskAction::Approve, TaskStatus::Approved},
    {TaskStatus::Reviewing, TaskAction::Reject, TaskStatus::Rejected},
    {TaskStatus::Reviewing, TaskAction::Pause, TaskStatus::Paused},
    {TaskStatus::Paused, TaskAction::Resume, TaskStatus::Reviewing},
    {TaskStatus::Reviewing, TaskAction::Extend, TaskStatus::Reviewing},
    {TaskStatus::Paused, TaskAction::Extend, TaskStatus::Paused},
};

const Action kActions[] = {Action::Accept,   Action::Supplement, Action::Refuse,   Action::Dispatch, Action::Issue,
                           Action::Resubmit, Action::Rate,       Action::Withdraw, Action::Supply};
const TaskAction kTaskActions[] = {TaskAction::Approve, TaskAction::Reject, TaskAction::Pause,
                                   TaskAction::Resume,  TaskAction::Extend, TaskAction::Revoke};

Error illegal() { return Error{"illegal_transition", "", ""}; }
Error forbidden() { return Error{"forbidden", "", ""}; }

By actor_of(Action a) {
  if (a == Action::Supply) return By::ClerkOrResident;
  return a == Action::Resubmit || a == Action::Rate || a == Action::Withdraw ? By::Resident : By::Clerk;
}

bool is_clerk_of(const Actor& actor, const Application& a) {
  return actor.staff && actor.staff->role == Role::Clerk && !actor.staff->window.empty() &&
         actor.staff->window == a.window;
}

bool is_owner(const Actor& actor, const Application& a) {
  return actor.resident && actor.resident->id == a.resident_id;
}

bool is_reviewer_of(const Actor& actor, const Task& t) {
  return actor.staff && actor.staff->role == Role::Reviewer && !actor.staff->department.empty() &&
         actor.staff->department == t.department;
}

// Who may take the action on this application (the state aside).
std::optional<Error> permitted(const Application& a, const Actor& actor, Action action) {
  bool ok = false;
  switch (actor_of(action)) {
    case By::Clerk: ok = is_clerk_of(actor, a); break;
    case By::Resident: ok = is_owner(actor, a); break;
    case By::ClerkOrResident: ok = is_clerk_of(actor, a) || is_owner(actor, a); break;
  }
  return ok ? std::nullopt : std::optional<Error>(forbidden());
}

// The edge's target from `from` by `action`; with `want`, only that target will do (Issue's
// three edges).
std::optional<AppStatus> target(AppStatus from, Action action, std::optional<AppStatus> want = std::nullopt) {
  for (const Edge& e : kEdges) {
    if (e.from != from || e.action != action) continue;
    if (want && e.to != *want) continue;
    return e.to;
  }
  return std::nullopt;
}

// What the application's materials allow beyond the graph: Supply needs something owed; Issue
// needs nothing owed (容缺 materials are in before the result goes out).
std::optional<Error> materials_error(const Application& a, Action action) {
  if (action == Action::Supply && owed_materials(a).empty()) return illegal();
  if (action == Action::Issue && !owed_materials(a).empty()) return Error{"materials_owed", "", ""};
  return std::nullopt;
}

std::optional<TaskStatus> task_target(TaskStatus from, TaskAction action) {
  for (const TaskEdge& e : kTaskEdges)
    if (e.from == from && e.action == action) return e.to;
  return std::nullopt;
}

// A review task may be acted on only while its application's running stage is under review;
// a post-check task once the result is out (and not yet revoked).
std::optional<Error> task_state_error(const Application& a, const Task& t, TaskAction action) {
  if (t.kind == TaskKind::Check) {
    if (action != TaskAction::Approve && action != TaskAction::Revoke) return illegal();
    const bool out = a.status == AppStatus::Issued || a.status == AppStatus::PartiallyIssued ||
                     a.status == AppStatus::Closed || a.status == AppStatus::Accepted ||
                     a.status == AppStatus::Dispatched || a.status == AppStatus::ReadyForIssue;
    if (!out) return illegal();
  } else {
    if (action == TaskAction::Revoke) return illegal();
    if (a.status != AppStatus::Dispatched || t.stage != a.stage) return illegal();
  }
  if (!task_target(t.status, action)) return illegal();
  if (action == TaskAction::Extend && !t.extensions.empty()) return Error{"already_extended", "", ""};
  return std::nullopt;
}

Event event_by(const Actor& actor, const Application& a, const char* kind, Timestamp now, const json& data,
               const std::string& task_id = {}) {
  Event e;
  e.application_id = a.id;
  e.task_id = task_id;
  e.kind = kind;
  if (actor.staff) {
    e.actor_kind = "staff";
    e.actor_id = actor.staff->username;
    e.actor_name = actor.staff->display_name;
  } else if (actor.resident) {
    e.actor_kind = "resident";
    e.actor_id = actor.resident->id;
  } else {
    e.actor_kind = "system";
    e.actor_id = "system";
    e.actor_name = "系统";
  }
  e.at = now;
  e.data = data.dump(-1, ' ', false, json::error_handler_t::replace);
  return e;
}

// Checks who and when, and starts the Change: the application moves to the edge's target.
Result<Change> begin(const Application& a, const Actor& actor, Action action, Timestamp now,
                     std::optional<AppStatus> want = std::nullopt) {
  if (auto e = permitted(a, actor, action)) return *e;
  const auto to = target(a.status, action, want);
  if (!to) return illegal();
  if (auto e = materials_error(a, action)) return *e;
  Change c;
  c.application_id = a.id;
  c.expected_status = a.status;
  c.updated = a;
  c.updated.status = *to;
  c.updated.updated_at = now;
  return c;
}

// The electronic licence `item` issues to the applicant now, numbered <application>-<suffix>.
Licence licence_for(const Application& a, const ItemDef& item, const Catalog& catalog, const std::string& suffix,
                    std::string id, Timestamp now) {
  const LicenceType* lt = catalog.licence_type(item.issues);
  Licence l;
  l.id = std::move(id);
  l.resident_id = a.resident_id;
  l.type = item.issues;
  l.name = lt ? lt->name : item.issues;
  l.number = a.id + "-" + suffix;
  l.item_id = item.id;
  l.application_id = a.id;
  l.issued_at = now;
  return l;
}

// How an issued licence is named in the "issued" event's data.
json licence_event(const Licence& l) {
  return {{"licence", l.id}, {"type", l.type}, {"name", l.name}, {"number", l.number}};
}

// Whether a commitment replaced one of the item's materials in this application.
bool committed_for(const Application& a, const ItemDef& item) {
  for (const auto& def : item.materials) {
    if (!def.commitment) continue;
    for (const auto& m : a.materials)
      if (m.material_id == def.id && m.state == "commitment") return true;
  }
  return false;
}

bool more_stages_after(const Application& a, const Catalog& catalog) {
  if (a.kind != "bundle") return false;
  const BundleDef* b = catalog.bundle(a.target_id);
  return b && a.stage < static_cast<std::int64_t>(b->stages.size());
}

}  // namespace

const char* name(Action a) {
  switch (a) {
    case Action::Accept: return "accept";
    case Action::Supplement: return "supplement";
    case Action::Refuse: return "refuse";
    case Action::Dispatch: return "dispatch";
    case Action::Issue: return "issue";
    case Action::Resubmit: return "resubmit";
    case Action::Rate: return "rate";
    case Action::Withdraw: return "withdraw";
    case Action::Supply: return "supply";
  }
  return "";
}

const char* name(TaskAction a) {
  switch (a) {
    case TaskAction::Approve: return "approve";
    case TaskAction::Reject: return "reject";
    case TaskAction::Pause: return "pause";
    case TaskAction::Resume: return "resume";
    case TaskAction::Extend: return "extend";
    case TaskAction::Revoke: return "revoke";
  }
  return "";
}

std::vector<const MaterialRecord*> owed_materials(const Application& a) {
  std::vector<const MaterialRecord*> out;
  if (!a.accepted_at) return out;  // before acceptance a deferral is only a plan
  for (const auto& m : a.materials)
    if (m.state == "deferred" && !m.supplied_at) out.push_back(&m);
  return out;
}

std::vector<Action> allowed_actions(const Application& a, const Actor& actor) {
  std::vector<Action> out;
  for (Action action : kActions) {
    if (permitted(a, actor, action)) continue;
    // Any Issue edge will do here: which one applies depends on the bundle, not the actor.
    if (target(a.status, action) && !materials_error(a, action)) out.push_back(action);
  }
  return out;
}

std::vector<TaskAction> allowed_task_actions(const Application& a, const Task& t, const Actor& actor) {
  std::vector<TaskAction> out;
  if (!is_reviewer_of(actor, t)) return out;
  for (TaskAction action : kTaskActions)
    if (!task_state_error(a, t, action)) out.push_back(action);
  return out;
}

Result<Change> accept(const Application& a, const Actor& actor, Timestamp now) {
  auto c = begin(a, actor, Action::Accept, now);
  if (!c.ok()) return c;
  c.value().updated.accepted_at = now;
  c.value().updated.supplement.reset();
  c.value().replace_children = true;
  c.value().events.push_back(event_by(actor, a, "accepted", now, json::object()));
  return c;
}

Result<Change> request_supplement(const Application& a, const Actor& actor, SupplementNotice notice, Timestamp now) {
  auto c = begin(a, actor, Action::Supplement, now);
  if (!c.ok()) return c;
  if (notice.note.empty()) return Error{"missing_reason", "", "/note"};
  notice.at = now;
  c.value().replace_children = true;
  c.value().events.push_back(
      event_by(actor, a, "supplement_requested", now, {{"note", notice.note}, {"missing", notice.missing}}));
  c.value().updated.supplement = std::move(notice);
  return c;
}

Result<Change> refuse(const Application& a, const Actor& actor, const std::string& reason, Timestamp now) {
  auto c = begin(a, actor, Action::Refuse, now);
  if (!c.ok()) return c;
  if (reason.empty()) return Error{"missing_reason", "", "/reason"};
  c.value().updated.refusal_reason = reason;
  c.value().events.push_back(event_by(actor, a, "refused", now, {{"reason", reason}}));
  return c;
}

Result<Change> dispatch(const Application& a, const Actor& actor, const Catalog& catalog, Timestamp now) {
  auto c = begin(a, actor, Action::Dispatch, now);
  if (!c.ok()) return c;
  const auto items = running_items(a, catalog);
  if (items.empty()) return illegal();
  json list = json::array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ItemDef* item = catalog.item(items[i]);
    Task t;
    t.id = a.id + "-" + std::to_string(a.stage) + "-" + std::to_string(i + 1);
    t.application_id = a.id;
    t.item_id = items[i];
    t.department = item ? item->department : std::string();
    t.stage = a.stage;
    // The clock started at acceptance (of this stage); dispatch does not restart it.
    t.started_at = a.accepted_at;
    t.status = TaskStatus::Reviewing;
    t.updated_at = now;
    list.push_back({{"task", t.id}, {"item", t.item_id}, {"department", t.department}});
    c.value().new_tasks.push_back(std::move(t));
  }
  c.value().events.push_back(event_by(actor, a, "dispatched", now, {{"tasks", list}}));
  return c;
}

Result<Change> issue(const Application& a, const std::vector<Task>& tasks, const Actor& actor, const Catalog& catalog,
                     const std::function<std::string()>& new_licence_id, Timestamp now) {
  const bool more = more_stages_after(a, catalog);
  const bool any_rejected = std::any_of(tasks.begin(), tasks.end(), [](const Task& t) {
    return t.kind == TaskKind::Review && t.status == TaskStatus::Rejected;
  });
  const AppStatus to = more ? AppStatus::Accepted : any_rejected ? AppStatus::PartiallyIssued : AppStatus::Issued;
  auto c = begin(a, actor, Action::Issue, now, to);
  if (!c.ok()) return c;
  json issued = json::array();
  json checks = json::array();
  for (const auto& t : tasks) {
    if (t.kind != TaskKind::Review || t.stage != a.stage || t.status != TaskStatus::Approved) continue;
    const ItemDef* item = catalog.item(t.item_id);
    if (!item) continue;
    if (!item->issues.empty()) {
      // Unique across the stages of one application: <application>-<stage>-<n>.
      Licence l = licence_for(a, *item, catalog, std::to_string(a.stage) + "-" + std::to_string(issued.size() + 1),
                              new_licence_id(), now);
      issued.push_back(licence_event(l));
      c.value().new_licences.push_back(std::move(l));
    }
    if (committed_for(a, *item)) {
      // 告知承诺: the department checks the commitment after the result, on its own clock.
      Task check;
      check.id = a.id + "-c" + std::to_string(a.stage) + "-" + std::to_string(checks.size() + 1);
      check.kind = TaskKind::Check;
      check.application_id = a.id;
      check.item_id = item->id;
      check.department = item->department;
      check.stage = a.stage;
      check.started_at = now;
      check.status = TaskStatus::Reviewing;
      check.updated_at = now;
      checks.push_back({{"task", check.id}, {"item", item->id}, {"department", item->department}});
      c.value().new_tasks.push_back(std::move(check));
    }
  }
  json data = {{"stage", a.stage}, {"licences", issued}};
  if (to == AppStatus::PartiallyIssued) data["partial"] = true;
  c.value().events.push_back(event_by(actor, a, "issued", now, data));
  if (!checks.empty()) c.value().events.push_back(event_by(actor, a, "check_started", now, {{"tasks", checks}}));
  if (more) {
    // The next stage starts now: its clock starts at this issue; its materials that an earlier
    // stage's licence replaces are already on file.
    c.value().updated.stage = a.stage + 1;
    c.value().updated.accepted_at = now;
    c.value().events.push_back(event_by(actor, a, "stage_started", now, {{"stage", a.stage + 1}}));
  }
  return c;
}

Result<Change> supply(const Application& a, const Actor& actor, const std::string& material_id,
                      std::vector<ApplicationFile> files, const std::string& note, Timestamp now) {
  auto c = begin(a, actor, Action::Supply, now);
  if (!c.ok()) return c;
  const auto owed = owed_materials(a);
  const auto it =
      std::find_if(owed.begin(), owed.end(), [&](const MaterialRecord* m) { return m->material_id == material_id; });
  if (it == owed.end()) return Error{"not_owed", "", "/material"};
  const bool by_clerk = is_clerk_of(actor, a) && !is_owner(actor, a);
  // From the phone the material is its files; at the window the clerk records what was handed in.
  if (!by_clerk && files.empty()) return Error{"missing_files", "", "/files"};
  MaterialSupply s;
  s.material_id = material_id;
  s.supplied_at = now;
  s.supplied_by = by_clerk ? "clerk" : "resident";
  for (auto& f : files) f.material_id = material_id;
  s.files = files;
  for (auto& m : c.value().updated.materials)
    if (m.material_id == material_id) {
      m.supplied_at = now;
      m.supplied_by = s.supplied_by;
    }
  for (auto& f : files) c.value().updated.files.push_back(f);
  json data = {{"material", material_id}, {"name", (*it)->name}, {"by", s.supplied_by}, {"files", files.size()}};
  if (!note.empty()) data["note"] = note;
  c.value().supplies.push_back(std::move(s));
  c.value().events.push_back(event_by(actor, a, "supplied", now, data));
  return c;
}

Result<Change> instant_decision(const Application& a, const Catalog& catalog,
                                const std::function<std::string()>& new_licence_id, Timestamp now) {
  const ItemDef* item = a.kind == "item" ? catalog.item(a.target_id) : nullptr;
  const bool complete = a.verdict == "acceptable";
  if (!item || !item->instant || !complete || a.status != AppStatus::Submitted) return illegal();
  const Actor system;  // neither a resident nor staff: events say "system"
  Change c;
  c.application_id = a.id;
  c.expected_status = a.status;
  c.updated = a;
  c.updated.status = AppStatus::Issued;
  c.updated.accepted_at = now;
  c.updated.instant = true;
  c.updated.updated_at = now;
  Task t;
  t.id = a.id + "-0-1";
  t.application_id = a.id;
  t.item_id = item->id;
  t.department = item->department;
  t.stage = a.stage;
  t.started_at = now;
  t.status = TaskStatus::Approved;
  t.note = "秒批：符合规则，系统自动审批通过";
  t.updated_at = now;
  json licences = json::array();
  if (!item->issues.empty()) {
    Licence l = licence_for(a, *item, catalog, "0-1", new_licence_id(), now);
    licences.push_back(licence_event(l));
    c.new_licences.push_back(std::move(l));
  }
  c.events.push_back(event_by(system, a, "instant_decided", now, {{"item", item->id}}));
  c.events.push_back(event_by(system, a, "accepted", now, json::object()));
  c.events.push_back(event_by(system, a, "task_approved", now, {{"reason", t.note}}, t.id));
  c.events.push_back(event_by(system, a, "issued", now, {{"stage", a.stage}, {"licences", licences}}));
  c.new_tasks.push_back(std::move(t));
  return c;
}

Result<Change> revoke_commitment(const Application& a, const Task& t, const std::vector<Licence>& licences,
                                 const Actor& actor, const std::string& reason, Timestamp now) {
  if (!is_reviewer_of(actor, t)) return forbidden();
  if (t.kind != TaskKind::Check) return illegal();
  if (auto e = task_state_error(a, t, TaskAction::Revoke)) return *e;
  if (reason.empty()) return Error{"missing_reason", "", "/reason"};
  Change c;
  c.application_id = a.id;
  c.expected_status = a.status;
  c.updated = a;
  c.updated.updated_at = now;
  // A single item's result is gone. A bundle keeps what its other items gave: once it has
  // finished it stands partially issued; while later stages still run, they run on.
  if (a.kind != "bundle") c.updated.status = AppStatus::Revoked;
  else if (a.status == AppStatus::Issued || a.status == AppStatus::Closed)
    c.updated.status = AppStatus::PartiallyIssued;
  Task task = t;
  task.status = TaskStatus::Rejected;
  task.note = reason;
  task.updated_at = now;
  json revoked = json::array();
  for (const auto& l : licences) {
    if (l.item_id != t.item_id || l.revoked_at) continue;
    Licence r = l;
    r.revoked_at = now;
    r.revoked_reason = reason;
    revoked.push_back({{"licence", l.id}, {"name", l.name}, {"number", l.number}});
    c.licence_updates.push_back(std::move(r));
  }
  c.task_updates.emplace_back(t.status, std::move(task));
  c.events.push_back(event_by(actor, a, "commitment_revoked", now,
                              {{"reason", reason}, {"item", t.item_id}, {"licences", revoked}}, t.id));
  return c;
}

Result<Change> resubmit(const Application& a, const Actor& actor, const Application& revised, Timestamp now) {
  auto c = begin(a, actor, Action::Resubmit, now);
  if (!c.ok()) return c;
  Application& u = c.value().updated;
  u.form = revised.form;
  u.verdict = revised.verdict;
  u.materials = revised.materials;
  u.files = revised.files;
  u.proxy_relation = revised.proxy_relation;
  u.principal_id = revised.principal_id;
  u.resubmitted_at = now;
  c.value().replace_children = true;
  c.value().events.push_back(event_by(actor, a, "resubmitted", now, {{"verdict", revised.verdict}}));
  return c;
}

Result<Change> rate(const Application& a, const Actor& actor, Rating rating, Timestamp now) {
  auto c = begin(a, actor, Action::Rate, now);
  if (!c.ok()) return c;
  rating.at = now;
  c.value().events.push_back(
      event_by(actor, a, "rated", now,
               {{"score", rating.score}, {"comment", rating.comment}, {"at", format_timestamp_cst(now)}}));
  c.value().updated.rating = std::move(rating);
  return c;
}

Result<Change> withdraw(const Application& a, const Actor& actor, const std::string& reason, Timestamp now) {
  auto c = begin(a, actor, Action::Withdraw, now);
  if (!c.ok()) return c;
  json data = json::object();
  if (!reason.empty()) data["reason"] = reason;
  c.value().events.push_back(event_by(actor, a, "withdrawn", now, data));
  return c;
}

Result<Change> act_on_task(const Application& a, const Task& t, const Actor& actor, TaskAction action,
                           const std::string& reason, std::int64_t days, Timestamp now) {
  if (!is_reviewer_of(actor, t)) return forbidden();
  if (action == TaskAction::Revoke) return illegal();  // revoke_commitment: it needs the licences
  if (auto e = task_state_error(a, t, action)) return *e;
  const bool needs_reason = action == TaskAction::Reject || action == TaskAction::Pause || action == TaskAction::Extend;
  if (needs_reason && reason.empty()) return Error{"missing_reason", "", "/reason"};
  Task task = t;
  task.status = *task_target(t.status, action);
  task.updated_at = now;
  json data = json::object();
  if (!reason.empty()) data["reason"] = reason;
  const char* kind = "";
  switch (action) {
    case TaskAction::Approve:
      kind = t.kind == TaskKind::Check ? "check_approved" : "task_approved";
      task.note = reason;
      break;
    case TaskAction::Revoke: break;  // refused above
    case TaskAction::Reject:
      kind = "task_rejected";
      task.note = reason;
      break;
    case TaskAction::Pause:
      kind = "task_paused";
      task.pauses.push_back(PauseRecord{now, std::nullopt, reason});
      break;
    case TaskAction::Resume:
      kind = "task_resumed";
      if (!task.pauses.empty()) task.pauses.back().end = now;
      break;
    case TaskAction::Extend:
      kind = "task_extended";
      task.extensions.push_back(ExtensionRecord{days, reason, now});
      data["days"] = days;
      break;
  }
  Change c;
  c.application_id = a.id;
  c.expected_status = a.status;
  c.updated = a;
  c.updated.updated_at = now;
  c.events.push_back(event_by(actor, a, kind, now, data, t.id));
  c.task_updates.emplace_back(t.status, std::move(task));
  // A post-check's decision leaves the application as it is; a review decision may end the stage.
  if (t.kind == TaskKind::Review && (action == TaskAction::Approve || action == TaskAction::Reject)) {
    const bool earlier_issued = a.stage > 1;  // a bundle reaches stage 2 only by issuing stage 1
    c.derive_status = [earlier_issued](const std::vector<TaskStatus>& statuses) {
      return status_from_tasks(statuses, earlier_issued);
    };
  }
  return c;
}

AppStatus status_from_tasks(const std::vector<TaskStatus>& statuses, bool earlier_issued) {
  if (statuses.empty()) return AppStatus::Dispatched;
  bool any_approved = false;
  for (TaskStatus s : statuses) {
    if (is_open(s)) return AppStatus::Dispatched;
    if (s == TaskStatus::Approved) any_approved = true;
  }
  if (any_approved) return AppStatus::ReadyForIssue;
  return earlier_issued ? AppStatus::PartiallyIssued : AppStatus::Rejected;
}

std::vector<std::string> running_items(const Application& a, const Catalog& catalog) {
  if (a.kind != "bundle") return a.items;
  const BundleDef* b = catalog.bundle(a.target_id);
  if (!b || a.stage < 1 || a.stage > static_cast<std::int64_t>(b->stages.size())) return {};
  return b->stages[static_cast<std::size_t>(a.stage - 1)].items;
}

}  // namespace yilu::server::workflow
