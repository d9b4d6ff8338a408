// The workflow's pure actions and allowed_actions (server/src/workflow/actions.hpp): one table
// decides both what a step does and which buttons a viewer gets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "support/test_files.hpp"
#include "workflow/actions.hpp"
#include "yilu/catalog.hpp"

using namespace yilu::server;
using workflow::Action;
using workflow::AppStatus;
using workflow::TaskAction;
using workflow::TaskStatus;

namespace {

constexpr yilu::Timestamp kNow = 1795658400;

StaffAccount staff(workflow::Role role, const std::string& window = {}, const std::string& dept = {}) {
  StaffAccount s;
  s.username = std::string(workflow::name(role)) + "-" + window + dept;
  s.display_name = s.username;
  s.role = role;
  s.window = window;
  s.department = dept;
  return s;
}

workflow::Actor clerk_of(const std::string& window) { return {std::nullopt, staff(workflow::Role::Clerk, window)}; }
workflow::Actor reviewer_of(const std::string& dept) {
  return {std::nullopt, staff(workflow::Role::Reviewer, {}, dept)};
}
workflow::Actor resident(const std::string& id) {
  Resident r;
  r.id = id;
  return {r, std::nullopt};
}

Application app_in(AppStatus s) {
  Application a;
  a.id = "YL1";
  a.resident_id = "r1";
  a.kind = "item";
  a.target_id = "x";
  a.window = "w1";
  a.items = {"x"};
  a.status = s;
  return a;
}

Task task_in(TaskStatus s) {
  Task t;
  t.id = "YL1-0-1";
  t.application_id = "YL1";
  t.item_id = "x";
  t.department = "d1";
  t.status = s;
  return t;
}

template <class V, class E>
bool has(const V& v, E e) {
  return std::find(v.begin(), v.end(), e) != v.end();
}

}  // namespace

TEST_CASE("workflow: the clerk of the window gets the buttons its state allows", "[server][workflow]") {
  CHECK(workflow::allowed_actions(app_in(AppStatus::Submitted), clerk_of("w1")) ==
        std::vector<Action>{Action::Accept, Action::Supplement, Action::Refuse});
  CHECK(workflow::allowed_actions(app_in(AppStatus::Accepted), clerk_of("w1")) ==
        std::vector<Action>{Action::Dispatch});
  CHECK(workflow::allowed_actions(app_in(AppStatus::ReadyForIssue), clerk_of("w1")) ==
        std::vector<Action>{Action::Issue});
  CHECK(workflow::allowed_actions(app_in(AppStatus::Dispatched), clerk_of("w1")).empty());
  // Another window's clerk, a reviewer, a supervisor: nothing.
  CHECK(workflow::allowed_actions(app_in(AppStatus::Submitted), clerk_of("w2")).empty());
  CHECK(workflow::allowed_actions(app_in(AppStatus::Submitted), reviewer_of("d1")).empty());
  CHECK(workflow::allowed_actions(app_in(AppStatus::Submitted), {std::nullopt, staff(workflow::Role::Supervisor)})
            .empty());
}

TEST_CASE("workflow: the applicant resubmits after 补正 and rates the outcome, nobody else", "[server][workflow]") {
  CHECK(workflow::allowed_actions(app_in(AppStatus::SupplementRequested), resident("r1")) ==
        std::vector<Action>{Action::Resubmit, Action::Withdraw});
  CHECK(workflow::allowed_actions(app_in(AppStatus::Submitted), resident("r1")) ==
        std::vector<Action>{Action::Withdraw});
  CHECK(workflow::allowed_actions(app_in(AppStatus::Accepted), resident("r1")).empty());
  for (AppStatus s : {AppStatus::Issued, AppStatus::Refused, AppStatus::Rejected})
    CHECK(workflow::allowed_actions(app_in(s), resident("r1")) == std::vector<Action>{Action::Rate});
  CHECK(workflow::allowed_actions(app_in(AppStatus::Closed), resident("r1")).empty());
  CHECK(workflow::allowed_actions(app_in(AppStatus::Issued), resident("r2")).empty());
  CHECK(workflow::rate(app_in(AppStatus::Issued), resident("r2"), {4, "", 0}, kNow).error().code == "forbidden");
}

TEST_CASE("workflow: each action refuses what its state or actor does not allow", "[server][workflow]") {
  CHECK(workflow::accept(app_in(AppStatus::Dispatched), clerk_of("w1"), kNow).error().code == "illegal_transition");
  CHECK(workflow::accept(app_in(AppStatus::Submitted), clerk_of("w2"), kNow).error().code == "forbidden");
  CHECK(workflow::refuse(app_in(AppStatus::Submitted), clerk_of("w1"), "", kNow).error().code == "missing_reason");
  CHECK(workflow::request_supplement(app_in(AppStatus::Submitted), clerk_of("w1"), {}, kNow).error().path == "/note");
}

TEST_CASE("workflow: the applicant withdraws before acceptance, never after", "[server][workflow]") {
  auto w = workflow::withdraw(app_in(AppStatus::Submitted), resident("r1"), "信息填错了，重新申请", kNow);
  REQUIRE(w.ok());
  CHECK(w.value().updated.status == AppStatus::Withdrawn);
  CHECK(!workflow::is_open(AppStatus::Withdrawn));
  REQUIRE(w.value().events.size() == 1);
  CHECK(w.value().events[0].kind == "withdrawn");
  CHECK(w.value().events[0].actor_kind == "resident");
  CHECK(workflow::withdraw(app_in(AppStatus::Accepted), resident("r1"), "", kNow).error().code == "illegal_transition");
  CHECK(workflow::withdraw(app_in(AppStatus::Submitted), resident("r2"), "", kNow).error().code == "forbidden");
  CHECK(workflow::withdraw(app_in(AppStatus::Submitted), clerk_of("w1"), "", kNow).error().code == "forbidden");
  CHECK(workflow::allowed_actions(app_in(AppStatus::Withdrawn), resident("r1")).empty());
  CHECK(workflow::allowed_actions(app_in(AppStatus::Withdrawn), clerk_of("w1")).empty());
}

TEST_CASE("workflow: accepting starts the clock and records who did it", "[server][workflow]") {
  auto c = workflow::accept(app_in(AppStatus::Submitted), clerk_of("w1"), kNow);
  REQUIRE(c.ok());
  CHECK(c.value().expected_status == AppStatus::Submitted);
  CHECK(c.value().updated.status == AppStatus::Accepted);
  CHECK(c.value().updated.accepted_at == kNow);
  REQUIRE(c.value().events.size() == 1);
  CHECK(c.value().events[0].kind == "accepted");
  CHECK(c.value().events[0].actor_kind == "staff");
  CHECK(c.value().events[0].actor_id == "clerk-w1");
  CHECK(c.value().events[0].at == kNow);
}

TEST_CASE("workflow: a resubmission keeps the first 收件 time", "[server][workflow]") {
  Application a = app_in(AppStatus::SupplementRequested);
  a.submitted_at = kNow - 3600;
  Application revised;
  revised.form = R"({"fields":{"a":"b"}})";
  revised.verdict = "acceptable";
  auto c = workflow::resubmit(a, resident("r1"), revised, kNow);
  REQUIRE(c.ok());
  CHECK(c.value().updated.status == AppStatus::Submitted);
  CHECK(c.value().updated.submitted_at == kNow - 3600);
  CHECK(c.value().updated.resubmitted_at == kNow);
  CHECK(c.value().updated.form == revised.form);
}

TEST_CASE("workflow: a department acts on its own running task only", "[server][workflow]") {
  Application a = app_in(AppStatus::Dispatched);
  const Task reviewing = task_in(TaskStatus::Reviewing);
  CHECK(workflow::allowed_task_actions(a, reviewing, reviewer_of("d1")) ==
        std::vector<TaskAction>{TaskAction::Approve, TaskAction::Reject, TaskAction::Pause, TaskAction::Extend});
  CHECK(workflow::allowed_task_actions(a, reviewing, reviewer_of("d2")).empty());
  CHECK(workflow::allowed_task_actions(a, reviewing, clerk_of("w1")).empty());
  // Paused: resume or extend; a decision needs the clock running.
  CHECK(workflow::allowed_task_actions(a, task_in(TaskStatus::Paused), reviewer_of("d1")) ==
        std::vector<TaskAction>{TaskAction::Resume, TaskAction::Extend});
  // Extended once: never again.
  Task extended = reviewing;
  extended.extensions.push_back({10, "专家评审", kNow});
  CHECK(!has(workflow::allowed_task_actions(a, extended, reviewer_of("d1")), TaskAction::Extend));
  CHECK(workflow::act_on_task(a, extended, reviewer_of("d1"), TaskAction::Extend, "再延", 10, kNow).error().code ==
        "already_extended");
  // Not dispatched (or an earlier stage): nothing.
  CHECK(workflow::allowed_task_actions(app_in(AppStatus::ReadyForIssue), reviewing, reviewer_of("d1")).empty());
  CHECK(workflow::act_on_task(a, reviewing, reviewer_of("d1"), TaskAction::Reject, "", 0, kNow).error().code ==
        "missing_reason");
}

TEST_CASE("workflow: pausing and resuming record the interval on the task", "[server][workflow]") {
  Application a = app_in(AppStatus::Dispatched);
  auto p =
      workflow::act_on_task(a, task_in(TaskStatus::Reviewing), reviewer_of("d1"), TaskAction::Pause, "听证", 0, kNow);
  REQUIRE(p.ok());
  const Task paused = p.value().task_updates.front().second;
  CHECK(p.value().task_updates.front().first == TaskStatus::Reviewing);
  CHECK(paused.status == TaskStatus::Paused);
  REQUIRE(paused.pauses.size() == 1);
  CHECK(!paused.pauses[0].end);
  auto r = workflow::act_on_task(a, paused, reviewer_of("d1"), TaskAction::Resume, "", 0, kNow + 600);
  REQUIRE(r.ok());
  CHECK(r.value().task_updates.front().second.pauses[0].end == kNow + 600);
}

TEST_CASE("workflow: the tasks of a stage decide the application's status", "[server][workflow]") {
  using V = std::vector<TaskStatus>;
  CHECK(workflow::status_from_tasks(V{TaskStatus::Approved, TaskStatus::Reviewing}) == AppStatus::Dispatched);
  CHECK(workflow::status_from_tasks(V{TaskStatus::Approved, TaskStatus::Approved}) == AppStatus::ReadyForIssue);
  // A rejected item does not hold back the approved ones: they are issued (部分办结 at the end).
  CHECK(workflow::status_from_tasks(V{TaskStatus::Approved, TaskStatus::Rejected}) == AppStatus::ReadyForIssue);
  CHECK(workflow::status_from_tasks(V{TaskStatus::Rejected, TaskStatus::Rejected}) == AppStatus::Rejected);
  // A later stage all rejected: what the earlier stages issued stands.
  CHECK(workflow::status_from_tasks(V{TaskStatus::Rejected}, true) == AppStatus::PartiallyIssued);
  CHECK(workflow::status_from_tasks(V{TaskStatus::Rejected, TaskStatus::Paused}) == AppStatus::Dispatched);
}

TEST_CASE("workflow: every status and role has a stable name that parses back", "[server][workflow]") {
  for (AppStatus s : {AppStatus::Submitted, AppStatus::SupplementRequested, AppStatus::Accepted, AppStatus::Dispatched,
                      AppStatus::ReadyForIssue, AppStatus::Issued, AppStatus::Refused, AppStatus::Rejected,
                      AppStatus::Closed, AppStatus::Withdrawn, AppStatus::PartiallyIssued, AppStatus::Revoked})
    CHECK(workflow::parse_app_status(workflow::name(s)) == s);
  for (workflow::Role r :
       {workflow::Role::Clerk, workflow::Role::Reviewer, workflow::Role::Supervisor, workflow::Role::Admin})
    CHECK(workflow::parse_role(workflow::name(r)) == r);
  for (workflow::TaskKind k : {workflow::TaskKind::Review, workflow::TaskKind::Check})
    CHECK(workflow::parse_task_kind(workflow::name(k)) == k);
  CHECK(!workflow::parse_app_status("Submitted"));
  CHECK(!workflow::parse_task_status(""));
}

TEST_CASE("workflow: a false commitment revokes the item's licences, not a running bundle's later stages",
          "[server][workflow]") {
  Task check = task_in(TaskStatus::Reviewing);
  check.kind = workflow::TaskKind::Check;
  Licence mine;
  mine.id = "L1";
  mine.item_id = "x";
  Licence other = mine;
  other.id = "L2";
  other.item_id = "y";
  const std::vector<Licence> licences = {mine, other};

  auto item = workflow::revoke_commitment(app_in(AppStatus::Issued), check, licences, reviewer_of("d1"), "不实", kNow);
  REQUIRE(item.ok());
  CHECK(item.value().updated.status == AppStatus::Revoked);
  REQUIRE(item.value().licence_updates.size() == 1);
  CHECK(item.value().licence_updates[0].id == "L1");
  CHECK(item.value().licence_updates[0].revoked_at == kNow);

  Application bundle = app_in(AppStatus::Dispatched);
  bundle.kind = "bundle";
  bundle.stage = 2;
  auto running = workflow::revoke_commitment(bundle, check, licences, reviewer_of("d1"), "不实", kNow);
  REQUIRE(running.ok());
  CHECK(running.value().updated.status == AppStatus::Dispatched);
  bundle.status = AppStatus::Closed;
  CHECK(workflow::revoke_commitment(bundle, check, licences, reviewer_of("d1"), "不实", kNow).value().updated.status ==
        AppStatus::PartiallyIssued);

  // Only the department's reviewer, only on a check task, only with a reason; a review task has no revoke.
  CHECK(workflow::revoke_commitment(app_in(AppStatus::Issued), check, licences, reviewer_of("d2"), "不实", kNow)
            .error()
            .code == "forbidden");
  CHECK(workflow::revoke_commitment(app_in(AppStatus::Issued), check, licences, reviewer_of("d1"), "", kNow)
            .error()
            .code == "missing_reason");
  CHECK(workflow::revoke_commitment(app_in(AppStatus::Issued), task_in(TaskStatus::Reviewing), licences,
                                    reviewer_of("d1"), "不实", kNow)
            .error()
            .code == "illegal_transition");
  const auto allowed = workflow::allowed_task_actions(app_in(AppStatus::Issued), check, reviewer_of("d1"));
  CHECK(allowed == std::vector<TaskAction>{TaskAction::Approve, TaskAction::Revoke});
}

TEST_CASE("workflow: supply is offered while a deferred material is owed, and issue only when nothing is",
          "[server][workflow]") {
  Application a = app_in(AppStatus::ReadyForIssue);
  a.accepted_at = kNow - 3600;
  MaterialRecord m;
  m.material_id = "proof";
  m.name = "证明";
  m.state = "deferred";
  a.materials = {m};
  const auto has = [](const std::vector<Action>& v, Action x) { return std::find(v.begin(), v.end(), x) != v.end(); };
  CHECK(has(workflow::allowed_actions(a, clerk_of("w1")), Action::Supply));
  CHECK_FALSE(has(workflow::allowed_actions(a, clerk_of("w1")), Action::Issue));
  CHECK(has(workflow::allowed_actions(a, resident("r1")), Action::Supply));
  CHECK_FALSE(has(workflow::allowed_actions(a, resident("r2")), Action::Supply));
  CHECK(workflow::supply(a, resident("r1"), "proof", {}, "", kNow).error().code == "missing_files");
  CHECK(workflow::supply(a, resident("r1"), "other", {}, "", kNow).error().code == "not_owed");
  auto s = workflow::supply(a, clerk_of("w1"), "proof", {}, "收到原件", kNow);
  REQUIRE(s.ok());
  REQUIRE(s.value().supplies.size() == 1);
  CHECK(s.value().supplies[0].supplied_by == "clerk");
  CHECK_FALSE(s.value().replace_children);
  CHECK(s.value().updated.status == AppStatus::ReadyForIssue);
  a.materials[0].supplied_at = kNow;
  CHECK_FALSE(has(workflow::allowed_actions(a, clerk_of("w1")), Action::Supply));
  CHECK(has(workflow::allowed_actions(a, clerk_of("w1")), Action::Issue));
  // Before acceptance a deferral is only a plan: nothing owed, nothing to supply.
  Application fresh = app_in(AppStatus::Submitted);
  fresh.materials = {m};
  CHECK(workflow::owed_materials(fresh).empty());
}

TEST_CASE("workflow: nothing is issued while the departments are still reviewing", "[server][workflow]") {
  const yilu::Catalog catalog =
      *yilu::Catalog::from_json(yilu::test::read_source_file("tests/fixtures/test-catalog.json")).catalog;
  int licences = 0;
  const auto new_licence = [&licences] { return "L" + std::to_string(++licences); };
  Application a = app_in(AppStatus::Dispatched);
  a.target_id = "t_all";
  a.items = {"t_all"};
  a.accepted_at = kNow - 3600;
  Task t = task_in(TaskStatus::Reviewing);
  t.item_id = "t_all";

  // Under review or paused, the window has no 出件 button and the step itself refuses.
  for (const TaskStatus s : {TaskStatus::Reviewing, TaskStatus::Paused}) {
    t.status = s;
    INFO("task " << workflow::name(s));
    const auto r = workflow::issue(a, {t}, clerk_of("w1"), catalog, new_licence, kNow);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "illegal_transition");
    CHECK_FALSE(has(workflow::allowed_actions(a, clerk_of("w1")), Action::Issue));
  }
  // Nor from any other state but ready-for-issue, whatever the tasks say.
  t.status = TaskStatus::Approved;
  for (const AppStatus s : {AppStatus::Submitted, AppStatus::SupplementRequested, AppStatus::Accepted,
                            AppStatus::Dispatched, AppStatus::Issued, AppStatus::Refused, AppStatus::Rejected,
                            AppStatus::Closed, AppStatus::Withdrawn, AppStatus::PartiallyIssued, AppStatus::Revoked}) {
    a.status = s;
    INFO("application " << workflow::name(s));
    const auto r = workflow::issue(a, {t}, clerk_of("w1"), catalog, new_licence, kNow);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "illegal_transition");
  }
  CHECK(licences == 0);
  // Once every task is decided the same call issues: the refusals above were the state's.
  a.status = AppStatus::ReadyForIssue;
  const auto issued = workflow::issue(a, {t}, clerk_of("w1"), catalog, new_licence, kNow);
  REQUIRE(issued.ok());
  CHECK(issued.value().updated.status == AppStatus::Issued);
}
