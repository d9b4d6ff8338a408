// The supervision center's on-time figures (按时办结率), checked against values worked out by
// hand on the 2026 calendar: four reviews of the sample catalog accepted on Thursday
// 2026-11-26, decided early, late, on the due day and after a pause. Working days count from
// the day after acceptance (行政许可法); November and early December 2026 have no holiday.
// And 催办: a supervisor's on an open review, the server's own at red and overdue, what the
// reviewer and the resident each see, and the counts per department. And 好差评: the figures
// per heading and month, and the follow-up (整改) a bad rating opens. And the volumes per
// day, week and month.
#include <catch2/catch.hpp>

#include <algorithm>

#include "reminders.hpp"
#include "sample_applications.hpp"
#include "test_server.hpp"

using namespace yilu::test;

namespace {

constexpr yilu::Timestamp kDay = 86400;

// Submitted, accepted and dispatched at the server's "now"; the review task's id.
std::string dispatched_review(TestServer& s, const std::string& resident, const std::string& clerk,
                              const std::string& item) {
  json filed = item_application(s, resident, item);
  filed["proxy"] = {{"relation", "父母"}};  // a newborn's items are filed by a parent (代办)
  auto sub = s.post("/api/v1/applications", filed, resident);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  auto disp = s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk);
  INFO(disp.text);
  REQUIRE(disp.status == 200);
  for (const auto& t : disp.body["application"]["tasks"])
    if (t["kind"] == "review") return t["id"];
  FAIL("no review task");
  return {};
}

const json& group(const json& reply, const std::string& id) {
  for (const auto& g : reply["groups"])
    if (g["id"] == id) return g;
  FAIL("no group " << id << " in " << reply.dump());
  static const json none;
  return none;
}

}  // namespace

TEST_CASE("supervision: on-time rate and working days taken per department and item, by period",
          "[server][supervision]") {
  TestServer s;  // now: Thursday 2026-11-26 10:00
  const std::string me = s.resident("13876003001");
  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  const std::string police = s.staff("rev-gaj", "reviewer", "", "gaj");
  const std::string health = s.staff("rev-wjw", "reviewer", "", "wjw");
  const std::string sup = s.staff("sup", "supervisor");

  // 出生登记 (公安, promised 5 working days: due Thursday 12-03) three times, 出生医学证明
  // (卫健, 3: due Tuesday 12-01) once.
  const std::string early = dispatched_review(s, me, clerk, "birth_household_registration");
  const std::string late = dispatched_review(s, me, clerk, "birth_household_registration");
  const std::string paused = dispatched_review(s, me, clerk, "birth_household_registration");
  const std::string due_day = dispatched_review(s, me, clerk, "birth_medical_certificate");
  const auto act = [&](const std::string& task, const std::string& what, const std::string& token,
                       const json& body = json::object()) {
    auto r = s.post("/api/v1/staff/tasks/" + task + "/" + what, body, token);
    INFO(what << " " << r.text);
    REQUIRE(r.status == 200);
  };

  // Friday 11-27: one approved after 1 working day; another paused (专家评审) until Tuesday
  // 12-01, which stops Monday 11-30 and Tuesday 12-01: its due date moves to Monday 12-07.
  s.now = kTestNow + 1 * kDay;
  act(early, "approve", police);
  act(paused, "pause", police, {{"reason", "专家评审"}});
  s.now = kTestNow + 5 * kDay;  // Tuesday 12-01
  act(paused, "resume", police);
  // Tuesday 12-01 16:00, the due day of 出生医学证明: rejected on time after 3 working days.
  s.now = kTestNow + 5 * kDay + 6 * 3600;
  act(due_day, "reject", health, {{"reason", "材料不符合要求"}});
  // Monday 12-07: 7 working days after acceptance — 2 late for one, on the moved due day for
  // the paused one (7 less the 2 paused = 5 taken).
  s.now = kTestNow + 11 * kDay;
  act(late, "approve", police);
  act(paused, "approve", police);

  SECTION("per department over the whole period") {
    auto r = s.get("/api/v1/staff/supervision/on_time?by=department&from=2026-11-01&to=2026-12-31", sup);
    INFO(r.text);
    REQUIRE(r.status == 200);
    CHECK(r.body["groups"].size() == 2);
    const json& gaj = group(r.body, "gaj");
    CHECK(gaj["name"] == "三亚市公安局");
    CHECK(gaj["decided"] == 3);
    CHECK(gaj["on_time"] == 2);
    CHECK(gaj["late"] == 1);
    CHECK(gaj["on_time_rate"] == 66.7);  // 2 of 3
    CHECK(gaj["avg_workdays"] == 4.3);   // (1 + 7 + 5) / 3
    CHECK(gaj["p90_workdays"] == 7);     // of 1, 5, 7: the 3rd (⌈0.9 × 3⌉)
    CHECK(gaj["avg_limit_days"] == 5.0);
    const json& wjw = group(r.body, "wjw");
    CHECK(wjw["decided"] == 1);
    CHECK(wjw["on_time"] == 1);
    CHECK(wjw["on_time_rate"] == 100.0);
    CHECK(wjw["avg_workdays"] == 3.0);
    CHECK(wjw["p90_workdays"] == 3);
    CHECK(r.body["total"]["decided"] == 4);
    CHECK(r.body["total"]["on_time"] == 3);
    CHECK(r.body["total"]["on_time_rate"] == 75.0);
    CHECK(r.body["total"]["avg_workdays"] == 4.0);  // (1 + 7 + 5 + 3) / 4
  }
  SECTION("per item, and a period of some of the days") {
    auto r = s.get("/api/v1/staff/supervision/on_time?by=item&from=2026-12-02&to=2026-12-31", sup);
    REQUIRE(r.status == 200);
    REQUIRE(r.body["groups"].size() == 1);  // only Monday's two decisions
    const json& birth = group(r.body, "birth_household_registration");
    CHECK(birth["decided"] == 2);
    CHECK(birth["on_time"] == 1);
    CHECK(birth["avg_workdays"] == 6.0);  // (7 + 5) / 2
    CHECK(birth["p90_workdays"] == 7);
    auto friday = s.get("/api/v1/staff/supervision/on_time?by=item&from=2026-11-27&to=2026-11-27", sup);
    REQUIRE(friday.body["groups"].size() == 1);
    CHECK(friday.body["groups"][0]["decided"] == 1);
    CHECK(friday.body["groups"][0]["avg_workdays"] == 1.0);
  }
  SECTION("one department, and the default period: this month up to today") {
    auto r = s.get("/api/v1/staff/supervision/on_time?department=wjw", sup);
    REQUIRE(r.status == 200);
    CHECK(r.body["from"] == "2026-12-01");
    CHECK(r.body["to"] == "2026-12-07");
    REQUIRE(r.body["groups"].size() == 1);
    CHECK(r.body["groups"][0]["id"] == "wjw");
    auto none = s.get("/api/v1/staff/supervision/on_time?from=2026-10-01&to=2026-10-31", sup);
    CHECK(none.body["groups"].empty());
    CHECK(none.body["total"]["decided"] == 0);
    CHECK_FALSE(none.body["total"].contains("on_time_rate"));  // no rate of nothing
  }
  SECTION("bad parameters are refused with their codes, and only supervisors and admins see it") {
    CHECK(s.get("/api/v1/staff/supervision/on_time?by=window", sup).body["error"]["code"] == "bad_group_by");
    CHECK(s.get("/api/v1/staff/supervision/on_time?from=2026-13-01", sup).body["error"]["code"] == "bad_period");
    auto backwards = s.get("/api/v1/staff/supervision/on_time?from=2026-12-02&to=2026-12-01", sup);
    CHECK(backwards.status == 400);
    CHECK(backwards.body["error"]["code"] == "bad_period");
    CHECK(s.get("/api/v1/staff/supervision/on_time?from=2020-01-01&to=2026-12-01", sup).body["error"]["code"] ==
          "bad_period");
    CHECK(s.get("/api/v1/staff/supervision/on_time?department=nope", sup).body["error"]["code"] ==
          "unknown_department");
    CHECK(s.get("/api/v1/staff/supervision/on_time", police).status == 403);
    CHECK(s.get("/api/v1/staff/supervision/on_time", clerk).status == 403);
    CHECK(s.get("/api/v1/staff/supervision/on_time", s.staff("admin", "admin")).status == 200);
  }
}

TEST_CASE("supervision: a 秒批 decision counts as a review decided on time, and issued, on the day it was filed",
          "[server][supervision]") {
  TestServer s;
  const std::string me = s.resident("13876003011");
  const std::string sup = s.staff("sup", "supervisor");
  auto sub = s.post("/api/v1/applications", item_application(s, me, "project_filing"), me);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  REQUIRE(sub.body["application"]["status"] == "issued");
  auto reply = s.get("/api/v1/staff/supervision/on_time?by=item&from=2026-11-26&to=2026-11-26", sup);
  INFO(reply.text);
  REQUIRE(reply.status == 200);
  const json& g = group(reply.body, "project_filing");
  CHECK(g["decided"] == 1);
  CHECK(g["on_time"] == 1);
  CHECK(g["late"] == 0);
  // Issued as it was filed: no working day in any stage.
  auto stages = s.get("/api/v1/staff/supervision/stages?from=2026-11-26&to=2026-11-26", sup);
  INFO(stages.text);
  const json& st = group(stages.body, "project_filing");
  CHECK(st["issued"] == 1);
  CHECK(st["avg_total_workdays"] == 0.0);
  CHECK(st["stages"]["review"] == 0.0);
}

TEST_CASE("supervision: a supervisor's 催办 and the automatic ones at red and overdue reach the reviewers",
          "[server][supervision]") {
  TestServer s;  // now: Thursday 2026-11-26 10:00
  const std::string me = s.resident("13876003002");
  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  const std::string police = s.staff("rev-gaj", "reviewer", "", "gaj");
  const std::string sup = s.staff("sup", "supervisor");
  // 出生登记: promised 5 working days, due Thursday 12-03.
  const std::string task = dispatched_review(s, me, clerk, "birth_household_registration");
  const std::string decided = dispatched_review(s, me, clerk, "birth_household_registration");
  REQUIRE(s.post("/api/v1/staff/tasks/" + decided + "/approve", json::object(), police).status == 200);

  // Friday 11-27: the supervisor presses the open one.
  s.now = kTestNow + 1 * kDay;
  auto r = s.post("/api/v1/staff/tasks/" + task + "/remind", {{"note", "群众反映较急，请加快办理"}}, sup);
  INFO(r.text);
  REQUIRE(r.status == 200);
  REQUIRE(r.body["task"]["reminders"].size() == 1);
  CHECK(r.body["task"]["reminders"][0]["by_kind"] == "staff");
  CHECK(r.body["task"]["reminders"][0]["by_name"] == "sup");
  CHECK(r.body["task"]["reminders"][0]["note"] == "群众反映较急，请加快办理");
  CHECK(r.body["task"]["reminders"][0]["at"] == "2026-11-27T10:00:00+08:00");
  CHECK(r.body["task"]["can_remind"] == true);  // the server says whether the button is there

  // Refused: no note, a decided task, anyone but a supervisor or admin.
  CHECK(s.post("/api/v1/staff/tasks/" + task + "/remind", {{"note", ""}}, sup).body["error"]["code"] == "missing_note");
  auto done = s.post("/api/v1/staff/tasks/" + decided + "/remind", {{"note", "请加快"}}, sup);
  CHECK(done.status == 409);
  CHECK(done.body["error"]["code"] == "illegal_transition");
  CHECK(s.post("/api/v1/staff/tasks/" + task + "/remind", {{"note", "请加快"}}, police).status == 403);
  CHECK(s.post("/api/v1/staff/tasks/" + task + "/remind", {{"note", "请加快"}}, clerk).status == 403);
  CHECK(s.post("/api/v1/staff/tasks/nope/remind", {{"note", "请加快"}}, sup).status == 404);

  // The department's reviewer sees it on the task in their list.
  auto mine = s.get("/api/v1/staff/tasks", police);
  REQUIRE(mine.status == 200);
  bool seen = false;
  for (const auto& t : mine.body["tasks"])
    if (t["id"] == task)
      seen = t["reminders"].size() == 1 && t["reminders"][0]["note"] == "群众反映较急，请加快办理" &&
             t["can_remind"] == false;  // a reviewer does not press 催办
  CHECK(seen);

  // On the timeline for staff; the resident's view has neither the event nor the reminders.
  REQUIRE(mine.body["tasks"].size() == 1);  // the open one (the list shows reviewing and paused)
  const std::string app_id = mine.body["tasks"][0]["application_id"];
  const auto kinds = [](const json& timeline) {
    std::vector<std::string> out;
    for (const auto& e : timeline) out.push_back(e["kind"]);
    return out;
  };
  auto staff_view = s.get("/api/v1/staff/applications/" + app_id, sup);
  REQUIRE(staff_view.status == 200);
  const auto staff_kinds = kinds(staff_view.body["timeline"]);
  CHECK(std::count(staff_kinds.begin(), staff_kinds.end(), "reminded") == 1);
  auto resident_view = s.get("/api/v1/applications/" + app_id, me);
  REQUIRE(resident_view.status == 200);
  const auto resident_kinds = kinds(resident_view.body["timeline"]);
  CHECK(std::count(resident_kinds.begin(), resident_kinds.end(), "reminded") == 0);
  for (const auto& t : resident_view.body["application"]["tasks"]) CHECK_FALSE(t.contains("reminders"));

  // Thursday 12-03, the due day (red): the server raises one, once; Friday 12-04 (overdue): one more.
  s.now = kTestNow + 7 * kDay;
  CHECK(yilu::server::escalate_late_reviews(s.app()) == 1);
  CHECK(yilu::server::escalate_late_reviews(s.app()) == 0);
  s.now = kTestNow + 8 * kDay;
  CHECK(yilu::server::escalate_late_reviews(s.app()) == 1);
  CHECK(yilu::server::escalate_late_reviews(s.app()) == 0);
  auto after = s.get("/api/v1/staff/tasks", police);
  json reminders;
  for (const auto& t : after.body["tasks"])
    if (t["id"] == task) reminders = t["reminders"];
  REQUIRE(reminders.size() == 3);
  CHECK(reminders[1]["by_kind"] == "system");
  CHECK(reminders[1]["level"] == "red");
  CHECK(reminders[1]["level_label"] == "今日到期");
  CHECK(reminders[2]["level"] == "overdue");
  CHECK(reminders[2]["level_label"] == "已超期");
  auto timeline = s.get("/api/v1/staff/applications/" + app_id, sup).body["timeline"];
  bool titled = false;
  for (const auto& e : timeline)
    if (e["kind"] == "escalated") titled = e["title"] == "临近或超过时限，系统自动催办";
  CHECK(titled);

  // Counted per department: the period of the first reminder only, then all of them.
  auto friday = s.get("/api/v1/staff/supervision/reminders?from=2026-11-27&to=2026-11-27", sup);
  REQUIRE(friday.status == 200);
  REQUIRE(friday.body["groups"].size() == 1);
  CHECK(friday.body["groups"][0]["id"] == "gaj");
  CHECK(friday.body["groups"][0]["by_staff"] == 1);
  CHECK(friday.body["groups"][0]["automatic"] == 0);
  auto all = s.get("/api/v1/staff/supervision/reminders?from=2026-11-01&to=2026-12-31", sup);
  CHECK(all.body["groups"][0]["name"] == "三亚市公安局");
  CHECK(all.body["groups"][0]["by_staff"] == 1);
  CHECK(all.body["groups"][0]["automatic"] == 2);
  CHECK(all.body["groups"][0]["tasks"] == 1);
  CHECK(all.body["total"]["automatic"] == 2);
  CHECK(s.get("/api/v1/staff/supervision/reminders", police).status == 403);
}

TEST_CASE("supervision: 好差评 per window, department, item, clerk and month, and a bad one's follow-up",
          "[server][supervision]") {
  TestServer s;  // now: Thursday 2026-11-26 10:00
  const std::string me = s.resident("13876003003");
  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  const std::string other_clerk = s.staff("clerk-market", "clerk", "w_market");
  const std::string police = s.staff("rev-gaj", "reviewer", "", "gaj");
  const std::string health = s.staff("rev-wjw", "reviewer", "", "wjw");
  const std::string sup = s.staff("sup", "supervisor");
  // Issued applications: 出生登记 (公安) twice, 出生医学证明 (卫健) once, all at 综合窗口 w_social.
  const auto issued = [&](const std::string& item, const std::string& reviewer) {
    const std::string task = dispatched_review(s, me, clerk, item);
    auto ok = s.post("/api/v1/staff/tasks/" + task + "/approve", json::object(), reviewer);
    REQUIRE(ok.status == 200);
    const std::string id = ok.body["application"]["id"];
    auto out = s.post("/api/v1/staff/applications/" + id + "/issue", json::object(), clerk);
    INFO(out.text);
    REQUIRE(out.status == 200);
    return id;
  };
  const std::string good = issued("birth_household_registration", police);
  const std::string bad = issued("birth_household_registration", police);
  const std::string middling = issued("birth_medical_certificate", health);
  s.now = kTestNow + 1 * kDay;  // rated on Friday 11-27
  REQUIRE(s.post("/api/v1/applications/" + good + "/rating", {{"score", 5}}, me).status == 200);
  REQUIRE(s.post("/api/v1/applications/" + bad + "/rating", {{"score", 1}, {"comment", "等待时间太长"}}, me).status ==
          200);
  REQUIRE(s.post("/api/v1/applications/" + middling + "/rating", {{"score", 3}}, me).status == 200);

  const std::string period = "from=2026-11-01&to=2026-11-30";
  const auto figures = [&](const std::string& by) {
    auto r = s.get("/api/v1/staff/supervision/ratings?by=" + by + "&" + period, sup);
    INFO(r.text);
    REQUIRE(r.status == 200);
    return r.body;
  };
  SECTION("per department and item: a rating counts under each heading it concerns") {
    const json d = figures("department");
    const json& gaj = group(d, "gaj");
    CHECK(gaj["name"] == "三亚市公安局");
    CHECK(gaj["rated"] == 2);
    CHECK(gaj["good"] == 1);
    CHECK(gaj["bad"] == 1);
    CHECK(gaj["good_rate"] == 50.0);
    CHECK(gaj["avg_score"] == 3.0);  // (5 + 1) / 2
    const json& wjw = group(d, "wjw");
    CHECK(wjw["rated"] == 1);
    CHECK(wjw["good"] == 0);
    CHECK(wjw["bad"] == 0);
    CHECK(wjw["avg_score"] == 3.0);
    const json i = figures("item");
    CHECK(group(i, "birth_household_registration")["rated"] == 2);
    CHECK(group(i, "birth_medical_certificate")["rated"] == 1);
  }
  SECTION("per window, clerk and month: every rating once, with the totals") {
    const json w = figures("window");
    REQUIRE(w["groups"].size() == 1);
    CHECK(w["groups"][0]["id"] == "w_social");
    CHECK(w["groups"][0]["rated"] == 3);
    CHECK(w["total"]["good_rate"] == 33.3);  // 1 of 3
    CHECK(w["total"]["avg_score"] == 3.0);   // (5 + 1 + 3) / 3
    const json c = figures("clerk");
    REQUIRE(c["groups"].size() == 1);
    CHECK(c["groups"][0]["id"] == "clerk-social");  // who accepted them
    CHECK(c["groups"][0]["rated"] == 3);
    const json m = figures("month");
    REQUIRE(m["groups"].size() == 1);
    CHECK(m["groups"][0]["id"] == "2026-11");
    CHECK(m["groups"][0]["bad"] == 1);
    auto gaj_months = s.get("/api/v1/staff/supervision/ratings?by=month&department=gaj&" + period, sup);
    CHECK(gaj_months.body["groups"][0]["rated"] == 2);
    auto december = s.get("/api/v1/staff/supervision/ratings?by=window&from=2026-12-01&to=2026-12-31", sup);
    CHECK(december.body["groups"].empty());
    CHECK(s.get("/api/v1/staff/supervision/ratings?by=nope", sup).body["error"]["code"] == "bad_group_by");
    CHECK(s.get("/api/v1/staff/supervision/ratings", clerk).status == 403);
  }
  SECTION("a bad rating opens a follow-up that the window's clerk answers once") {
    auto open = s.get("/api/v1/staff/rating_follow_ups", sup);
    REQUIRE(open.status == 200);
    REQUIRE(open.body["follow_ups"].size() == 1);  // the 1, not the 3 or the 5
    const json& f = open.body["follow_ups"][0];
    CHECK(f["application_id"] == bad);
    CHECK(f["score"] == 1);
    CHECK(f["comment"] == "等待时间太长");
    CHECK(f["state"] == "open");
    CHECK(f["opened_at"] == "2026-11-27T10:00:00+08:00");
    CHECK(s.get("/api/v1/staff/rating_follow_ups", clerk).body["follow_ups"].size() == 1);
    CHECK(s.get("/api/v1/staff/rating_follow_ups", other_clerk).body["follow_ups"].empty());  // another window's
    const std::string answer = "/api/v1/staff/rating_follow_ups/" + bad + "/answer";
    CHECK(s.post(answer, {{"answer", "已整改"}}, other_clerk).status == 403);
    CHECK(s.post(answer, {{"answer", "已整改"}}, police).status == 403);
    CHECK(s.post(answer, {{"answer", ""}}, clerk).body["error"]["code"] == "missing_answer");
    s.now = kTestNow + 4 * kDay;
    auto done = s.post(answer, {{"answer", "已回访群众并说明原因，窗口增加一名受理人员"}}, clerk);
    INFO(done.text);
    REQUIRE(done.status == 200);
    CHECK(done.body["follow_up"]["state"] == "answered");
    CHECK(done.body["follow_up"]["answered_by"] == "clerk-social");
    CHECK(s.post(answer, {{"answer", "再次"}}, sup).status == 409);
    CHECK(s.get("/api/v1/staff/rating_follow_ups", sup).body["follow_ups"].empty());
    auto answered = s.get("/api/v1/staff/rating_follow_ups?state=answered", sup);
    REQUIRE(answered.body["follow_ups"].size() == 1);
    CHECK(answered.body["follow_ups"][0]["answer"] == "已回访群众并说明原因，窗口增加一名受理人员");
    CHECK(answered.body["follow_ups"][0]["answered_at"] == "2026-11-30T10:00:00+08:00");
    CHECK(s.post("/api/v1/staff/rating_follow_ups/nope/answer", {{"answer", "x"}}, sup).status == 404);
  }
}

TEST_CASE("supervision: a note, reason or answer of spaces alone is none", "[server][supervision]") {
  TestServer s;
  const std::string me = s.resident("13876003004");
  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  const std::string police = s.staff("rev-gaj", "reviewer", "", "gaj");
  const std::string sup = s.staff("sup", "supervisor");
  const std::string task = dispatched_review(s, me, clerk, "birth_household_registration");
  CHECK(s.post("/api/v1/staff/tasks/" + task + "/remind", {{"note", " \t\u3000 "}}, sup).body["error"]["code"] ==
        "missing_note");
  CHECK(s.post("/api/v1/staff/tasks/" + task + "/reject", {{"reason", "\u3000"}}, police).body["error"]["code"] ==
        "missing_reason");
  auto kept = s.post("/api/v1/staff/tasks/" + task + "/remind", {{"note", "\u3000 请加快办理 \n"}}, sup);
  REQUIRE(kept.status == 200);
  CHECK(kept.body["task"]["reminders"][0]["note"] == "请加快办理");  // the text, without the spaces around it
}

TEST_CASE("supervision: volumes received, accepted, issued and refused per day, week and month",
          "[server][supervision]") {
  TestServer s;  // now: Thursday 2026-11-26 10:00
  const std::string me = s.resident("13876003005");
  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  const std::string police = s.staff("rev-gaj", "reviewer", "", "gaj");
  const std::string sup = s.staff("sup", "supervisor");
  // Thursday 11-26: three received, accepted and dispatched.
  const std::string first = dispatched_review(s, me, clerk, "birth_household_registration");
  dispatched_review(s, me, clerk, "birth_household_registration");
  dispatched_review(s, me, clerk, "birth_medical_certificate");
  // Monday 11-30: one received and refused (不予受理).
  s.now = kTestNow + 4 * kDay;
  json filed = item_application(s, me, "birth_household_registration");
  filed["proxy"] = {{"relation", "父母"}};
  auto sub = s.post("/api/v1/applications", filed, me);
  REQUIRE(sub.status == 201);
  REQUIRE(s.post("/api/v1/staff/applications/" + sub.body["application"]["id"].get<std::string>() + "/refuse",
                 {{"reason", "不属于本中心受理范围"}}, clerk)
              .status == 200);
  // Tuesday 12-01: the first one approved and issued.
  s.now = kTestNow + 5 * kDay;
  auto ok = s.post("/api/v1/staff/tasks/" + first + "/approve", json::object(), police);
  REQUIRE(ok.status == 200);
  REQUIRE(s.post("/api/v1/staff/applications/" + ok.body["application"]["id"].get<std::string>() + "/issue",
                 json::object(), clerk)
              .status == 200);

  const auto get = [&](const std::string& query) {
    auto r = s.get("/api/v1/staff/supervision/volumes?" + query, sup);
    INFO(r.text);
    REQUIRE(r.status == 200);
    return r.body;
  };
  const auto row = [](const json& v, const std::string& start) {
    for (const auto& r : v["series"])
      if (r["start"] == start) return r;
    FAIL("no bucket " << start);
    return json();
  };
  const json days = get("interval=day&from=2026-11-26&to=2026-12-01");
  REQUIRE(days["series"].size() == 6);  // every day, the quiet ones with zeros
  CHECK(
      row(days, "2026-11-26") ==
      json(
          {{"start", "2026-11-26"}, {"received", 3}, {"accepted", 3}, {"issued", 0}, {"refused", 0}, {"rejected", 0}}));
  CHECK(row(days, "2026-11-27")["received"] == 0);
  CHECK(row(days, "2026-11-30")["received"] == 1);
  CHECK(row(days, "2026-11-30")["refused"] == 1);
  CHECK(row(days, "2026-12-01")["issued"] == 1);
  CHECK(days["total"] == json({{"received", 4}, {"accepted", 3}, {"issued", 1}, {"refused", 1}, {"rejected", 0}}));
  const json weeks = get("interval=week&from=2026-11-26&to=2026-12-01");
  REQUIRE(weeks["series"].size() == 2);  // from Monday 11-23 and Monday 11-30
  CHECK(row(weeks, "2026-11-23")["received"] == 3);
  CHECK(row(weeks, "2026-11-30")["received"] == 1);
  CHECK(row(weeks, "2026-11-30")["issued"] == 1);
  const json months = get("interval=month&from=2026-11-01&to=2026-12-31");
  REQUIRE(months["series"].size() == 2);
  CHECK(row(months, "2026-11-01")["received"] == 4);
  CHECK(row(months, "2026-11-01")["accepted"] == 3);
  CHECK(row(months, "2026-12-01")["issued"] == 1);
  const json market = get("interval=month&from=2026-11-01&to=2026-12-31&window=w_market");
  CHECK(market["total"]["received"] == 0);
  CHECK(s.get("/api/v1/staff/supervision/volumes?interval=year", sup).body["error"]["code"] == "bad_interval");
  CHECK(s.get("/api/v1/staff/supervision/volumes?window=nope", sup).body["error"]["code"] == "unknown_window");
  CHECK(s.get("/api/v1/staff/supervision/volumes", clerk).status == 403);
}
