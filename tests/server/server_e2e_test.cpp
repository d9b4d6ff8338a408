// Issue 4 acceptance: the birth bundle (出生一件事) end to end over HTTP with the real sample
// catalog — sign-in, upload, submit, accept, dispatch, parallel approvals, issue, the next
// stage reusing the issued licence, rating — with due dates checked against the core's own.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <thread>

#include "sample_applications.hpp"
#include "support/test_files.hpp"
#include "test_server.hpp"

using namespace yilu::test;
using yilu::Timestamp;

namespace {

// The mother named in the birth items' examples files the birth bundle.
const char* const kMother = "46020319950315122X";

// The core's own due date for an item accepted at `at`.
std::string core_due(TestServer& s, const std::string& item_id, Timestamp at) {
  const auto* item = s.app().catalog->item(item_id);
  REQUIRE(item);
  json req = {{"op", "deadline"},
              {"accepted_at", yilu::format_timestamp_cst(at)},
              {"limit_days", item->promised_days},
              {"counts_acceptance_day", item->counts_acceptance_day},
              {"now", yilu::format_timestamp_cst(at)}};
  const auto* dept = s.app().catalog->department(item->department);
  if (dept && !dept->region.empty()) req["region"] = dept->region;
  const json res = json::parse(s.app().engine()->call(req.dump(), yilu::context_at(at)));
  REQUIRE(res["ok"] == true);
  return res["due_date"];
}

std::set<std::string> departments_of(const json& tasks, std::int64_t stage) {
  std::set<std::string> out;
  for (const auto& t : tasks)
    if (t.value("stage", 0) == stage) out.insert(t["department"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("the birth bundle end to end over HTTP", "[server][e2e]") {
  TestServer s;
  const std::string me = s.resident("13876001234", kMother);
  REQUIRE(me.size() == 64);

  json body = bundle_application(s, me, "birth");
  auto sub = s.post("/api/v1/applications", body, me, {{"Idempotency-Key", "birth-1"}});
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  const json created = sub.body["application"];
  const std::string id = created["id"];
  CHECK(created["status"] == "submitted");
  CHECK(created["window"] == "w_social");
  CHECK(created["stage"] == 1);
  // The preview is what the core says if the clerk accepted now: the stage's longest item.
  std::string preview;
  for (const auto& item : s.app().catalog->bundle("birth")->stages[0].items)
    preview = std::max(preview, core_due(s, item, s.now));
  CHECK(created["due_preview"]["due_date"] == preview);

  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  auto queue = s.get("/api/v1/staff/queue", clerk);
  REQUIRE(queue.status == 200);
  REQUIRE(queue.body["applications"].size() == 1);
  CHECK(queue.body["applications"][0]["id"] == id);

  std::map<std::string, std::string> reviewers;
  for (const auto& d : s.app().catalog->departments()) reviewers[d.id] = s.staff("rev-" + d.id, "reviewer", "", d.id);

  std::vector<std::string> licence_types;
  const auto& stages = s.app().catalog->bundle("birth")->stages;
  for (std::size_t stage = 1; stage <= stages.size(); ++stage) {
    // Stage 1 starts at acceptance; later stages start when the previous one is issued.
    if (stage == 1) {
      s.now += 3600;
      auto acc = s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk);
      INFO(acc.text);
      REQUIRE(acc.status == 200);
      CHECK(acc.body["application"]["status"] == "accepted");
    }
    const Timestamp stage_start = s.now;
    auto disp = s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk);
    INFO(disp.text);
    REQUIRE(disp.status == 200);
    const json tasks = disp.body["application"]["tasks"];
    std::set<std::string> want;
    for (const auto& item : stages[stage - 1].items) want.insert(s.app().catalog->item(item)->department);
    CHECK(departments_of(tasks, static_cast<std::int64_t>(stage)) == want);
    // Every task's due date is the core's, from the stage's start.
    std::string latest;
    for (const auto& t : tasks) {
      if (t["stage"] != stage) continue;
      CHECK(t["status"] == "reviewing");
      CHECK(t["deadline"]["due_date"] == core_due(s, t["item_id"], stage_start));
      latest = std::max(latest, t["deadline"]["due_date"].get<std::string>());
    }
    CHECK(disp.body["application"]["deadline"]["due_date"] == latest);

    // Each department approves its own tasks, all departments at the same time.
    s.now += 24 * 3600;
    std::vector<std::thread> threads;
    std::atomic<int> approved{0};
    for (const auto& t : tasks) {
      if (t["stage"] != stage) continue;
      const std::string tid = t["id"], token = reviewers[t["department"].get<std::string>()];
      threads.emplace_back([&, tid, token] {
        auto r = s.post("/api/v1/staff/tasks/" + tid + "/approve", {{"note", "材料齐全，同意"}}, token);
        if (r.status == 200) ++approved;
      });
    }
    for (auto& t : threads) t.join();
    CHECK(approved == static_cast<int>(stages[stage - 1].items.size()));
    auto detail = s.get("/api/v1/staff/applications/" + id, clerk);
    REQUIRE(detail.status == 200);
    CHECK(detail.body["application"]["status"] == "ready_for_issue");

    auto issue = s.post("/api/v1/staff/applications/" + id + "/issue", json::object(), clerk);
    INFO(issue.text);
    REQUIRE(issue.status == 200);
    CHECK(issue.body["application"]["status"] == (stage < stages.size() ? "accepted" : "issued"));
    if (stage < stages.size()) CHECK(issue.body["application"]["stage"] == stage + 1);

    // The licences of this stage are now the resident's.
    auto lic = s.get("/api/v1/me/licences", me);
    REQUIRE(lic.status == 200);
    for (const auto& item : stages[stage - 1].items) {
      const std::string& type = s.app().catalog->item(item)->issues;
      if (type.empty()) continue;
      bool found = false;
      for (const auto& l : lic.body["licences"]) found = found || (l["type"] == type && l["application_id"] == id);
      CHECK(found);
    }
  }

  // Stage 2 asked for the birth medical certificate as a reuse of stage 1's licence: the
  // application shows the licence it stands on.
  auto mine = s.get("/api/v1/applications/" + id, me);
  REQUIRE(mine.status == 200);
  bool reuse_bound = false;
  for (const auto& m : mine.body["application"]["material_status"])
    if (m["id"] == "birth_medical_certificate" && m["state"] == "reused")
      reuse_bound = m.contains("licence_issued") && m["licence_issued"]["type"] == "birth_medical_certificate";
  CHECK(reuse_bound);

  // A later application reuses the issued licence instead of an upload …
  auto lic = s.get("/api/v1/me/licences", me);
  std::string bmc;
  for (const auto& l : lic.body["licences"])
    if (l["type"] == "birth_medical_certificate") bmc = l["id"];
  REQUIRE(!bmc.empty());
  const json example = json::parse(read_source_file("core/data/catalog/sanya.json"));
  json later;
  for (const auto& i : example["items"])
    if (i["id"] == "resident_medical_insurance") later = i["example"]["application"];
  REQUIRE(later.is_object());
  later["materials"]["birth_medical_certificate"] = {{"by", "licence"}, {"licence_id", bmc}};
  auto reuse = s.post("/api/v1/applications",
                      {{"kind", "item"},
                       {"target_id", "resident_medical_insurance"},
                       {"fields", later["fields"]},
                       {"materials", later["materials"]}},
                      me);
  INFO(reuse.text);
  CHECK(reuse.status == 201);
  // … and a licence id that was never issued to this resident is refused.
  later["materials"]["birth_medical_certificate"] = {{"by", "licence"}, {"licence_id", "L0000000000000000"}};
  auto forged = s.post("/api/v1/applications",
                       {{"kind", "item"},
                        {"target_id", "resident_medical_insurance"},
                        {"fields", later["fields"]},
                        {"materials", later["materials"]}},
                       me);
  CHECK(forged.status == 422);
  CHECK(forged.body["error"]["code"] == "unknown_licence");

  // 好差评, once.
  auto rate = s.post("/api/v1/applications/" + id + "/rating", {{"score", 5}, {"comment", "一次都没跑"}}, me);
  REQUIRE(rate.status == 200);
  CHECK(rate.body["application"]["status"] == "closed");
  CHECK(s.post("/api/v1/applications/" + id + "/rating", {{"score", 1}}, me).status == 409);
  // Staff see the score and the comment, not just that it was rated.
  auto rated = s.get("/api/v1/staff/applications/" + id, clerk);
  REQUIRE(rated.status == 200);
  CHECK(rated.body["application"]["rating"]["score"] == 5);
  CHECK(rated.body["application"]["rating"]["comment"] == "一次都没跑");
  CHECK(rated.body["application"]["level"] == "done");

  // The timeline: every step, in order, with its actor.
  auto detail = s.get("/api/v1/applications/" + id, me);
  std::vector<std::string> kinds;
  for (const auto& e : detail.body["timeline"]) kinds.push_back(e["kind"]);
  REQUIRE(kinds.size() > 10);
  CHECK(kinds.front() == "submitted");
  CHECK(kinds[1] == "accepted");
  CHECK(kinds[2] == "dispatched");
  CHECK(kinds.back() == "rated");
  CHECK(std::count(kinds.begin(), kinds.end(), "issued") == static_cast<long>(stages.size()));
  for (const auto& e : detail.body["timeline"]) {
    CHECK(!e["actor"]["id"].get<std::string>().empty());
    CHECK(!e["at"].get<std::string>().empty());
  }

  // The same Idempotency-Key again: the first answer, no second application.
  auto again = s.post("/api/v1/applications", body, me, {{"Idempotency-Key", "birth-1"}});
  CHECK(again.status == 201);
  CHECK(again.body["application"]["id"] == id);
  auto all = s.get("/api/v1/me/applications", me);
  CHECK(all.body["applications"].size() == 2);  // the bundle and the later single item
}

TEST_CASE("supplement, resubmit, refuse, pause and extend follow the core's clock", "[server][e2e]") {
  TestServer s;
  const std::string me = s.resident("13876001235", kMother);
  json body = bundle_application(s, me, "birth");
  auto sub = s.post("/api/v1/applications", body, me);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");

  // 补正: one complete notice; the resident resubmits; the clerk accepts.
  auto sup = s.post("/api/v1/staff/applications/" + id + "/supplement",
                    {{"note", "出院记录不清晰，请重新上传"}, {"missing", {"discharge_summary"}}}, clerk);
  REQUIRE(sup.status == 200);
  CHECK(sup.body["application"]["status"] == "supplement_requested");
  CHECK(sup.body["application"]["supplement"]["missing"][0] == "discharge_summary");
  CHECK(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 409);
  json re = {{"answers", body["answers"]}, {"fields", body["fields"]}, {"materials", body["materials"]}};
  const std::string first_received = sub.body["application"]["submitted_at"];
  s.now += 3600;
  auto resub = s.post("/api/v1/applications/" + id + "/resubmit", re, me);
  INFO(resub.text);
  REQUIRE(resub.status == 200);
  CHECK(resub.body["application"]["status"] == "submitted");
  // 收件 stays the first submission; the resubmission has its own time.
  CHECK(resub.body["application"]["submitted_at"] == first_received);
  CHECK(resub.body["application"]["resubmitted_at"] == yilu::format_timestamp_cst(s.now));
  // The resident's timeline names the 补正 request, with the clerk's note.
  auto mine = s.get("/api/v1/applications/" + id, me);
  REQUIRE(mine.status == 200);
  bool saw_notice = false;
  for (const auto& e : mine.body["timeline"])
    if (e["kind"] == "supplement_requested") {
      saw_notice = true;
      CHECK(e["title"] == "要求补正材料");
      CHECK(e["data"]["note"] == "出院记录不清晰，请重新上传");
    }
  CHECK(saw_notice);
  for (const auto& e : mine.body["timeline"]) CHECK(e["title"] != "办理记录");
  // Buttons come from the server: the resident may only withdraw now, the clerk of the window decide.
  CHECK(mine.body["application"]["allowed_actions"] == json::array({"withdraw"}));
  auto seen = s.get("/api/v1/staff/applications/" + id, clerk);
  CHECK(seen.body["application"]["allowed_actions"] == json::array({"accept", "supplement", "refuse"}));
  // The supervisor's overview: a not yet accepted application has a level, counted once.
  const std::string supervisor = s.staff("super-e2e", "supervisor");
  auto overview = s.get("/api/v1/staff/overview", supervisor);
  REQUIRE(overview.status == 200);
  int listed = 0;
  for (const auto& a : overview.body["applications"])
    if (a["level"] == "normal") ++listed;
  CHECK(listed == overview.body["counts"]["normal"].get<int>());
  CHECK(listed >= 1);
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  auto disp = s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk);
  REQUIRE(disp.status == 200);
  const json task = disp.body["application"]["tasks"][0];
  const std::string reviewer =
      s.staff("rev-" + task["department"].get<std::string>(), "reviewer", "", task["department"]);
  const std::string due0 = task["deadline"]["due_date"];

  // Art. 42: +10 working days, once, with a reason.
  CHECK(s.post("/api/v1/staff/tasks/" + task["id"].get<std::string>() + "/extend", json::object(), reviewer).status ==
        422);
  auto ext = s.post("/api/v1/staff/tasks/" + task["id"].get<std::string>() + "/extend", {{"reason", "需要现场核查"}},
                    reviewer);
  REQUIRE(ext.status == 200);
  const json expected = json::parse(s.app().engine()->call(
      json{{"op", "add_workdays"}, {"date", due0}, {"days", 10}}.dump(), yilu::context_at(s.now)));
  CHECK(ext.body["task"]["deadline"]["due_date"] == expected["date"]);
  auto ext2 =
      s.post("/api/v1/staff/tasks/" + task["id"].get<std::string>() + "/extend", {{"reason", "再延"}}, reviewer);
  CHECK(ext2.status == 409);
  CHECK(ext2.body["error"]["code"] == "already_extended");

  // Art. 45: a pause; a paused task cannot be decided until resumed.
  auto pause =
      s.post("/api/v1/staff/tasks/" + task["id"].get<std::string>() + "/pause", {{"reason", "组织听证"}}, reviewer);
  REQUIRE(pause.status == 200);
  CHECK(pause.body["task"]["status"] == "paused");
  CHECK(pause.body["task"]["deadline"]["paused_now"] == true);
  CHECK(s.post("/api/v1/staff/tasks/" + task["id"].get<std::string>() + "/approve", json::object(), reviewer).status ==
        409);
  s.now += 3 * 24 * 3600;
  auto resume = s.post("/api/v1/staff/tasks/" + task["id"].get<std::string>() + "/resume", json::object(), reviewer);
  REQUIRE(resume.status == 200);
  CHECK(resume.body["task"]["deadline"]["due_date"].get<std::string>() >
        ext.body["task"]["deadline"]["due_date"].get<std::string>());

  // A rejection decides the application once every task is decided.
  for (const auto& t : disp.body["application"]["tasks"]) {
    const std::string tok = s.staff("rev-" + t["department"].get<std::string>(), "reviewer", "", t["department"]);
    auto r = s.post("/api/v1/staff/tasks/" + t["id"].get<std::string>() + "/reject", {{"reason", "不符合条件"}}, tok);
    CHECK(r.status == 200);
  }
  auto after = s.get("/api/v1/applications/" + id, me);
  CHECK(after.body["application"]["status"] == "rejected");

  // 不予受理 of another application, with a reason.
  auto other = s.post("/api/v1/applications", body, me);
  REQUIRE(other.status == 201);
  const std::string oid = other.body["application"]["id"];
  CHECK(s.post("/api/v1/staff/applications/" + oid + "/refuse", json::object(), clerk).status == 422);
  auto refused = s.post("/api/v1/staff/applications/" + oid + "/refuse", {{"reason", "不属于本中心受理范围"}}, clerk);
  CHECK(refused.status == 200);
  CHECK(refused.body["application"]["status"] == "refused");
  CHECK(s.post("/api/v1/staff/applications/" + oid + "/dispatch", json::object(), clerk).status == 409);
}

TEST_CASE("the applicant withdraws before acceptance; the window can no longer act on it", "[server][e2e]") {
  TestServer s;
  const std::string me = s.resident("13876001236", kMother);
  auto sub = s.post("/api/v1/applications", bundle_application(s, me, "birth"), me);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  CHECK(sub.body["application"]["allowed_actions"] == json::array({"withdraw"}));
  const std::string clerk = s.staff("clerk-social-w", "clerk", "w_social");
  // Only the applicant: another resident is told the application does not exist.
  CHECK(s.post("/api/v1/applications/" + id + "/withdraw", json::object(), s.resident("13876001237")).status == 404);
  auto w = s.post("/api/v1/applications/" + id + "/withdraw", {{"reason", "信息填错了，重新申请"}}, me);
  INFO(w.text);
  REQUIRE(w.status == 200);
  CHECK(w.body["application"]["status"] == "withdrawn");
  CHECK(w.body["application"]["status_label"] == "已撤回");
  CHECK(w.body["application"]["level"] == "done");
  CHECK(w.body["application"]["allowed_actions"] == json::array());
  CHECK(s.post("/api/v1/applications/" + id + "/withdraw", json::object(), me).status == 409);
  CHECK(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 409);
  // Off the window's queue, on the resident's timeline with the reason.
  auto queue = s.get("/api/v1/staff/queue", clerk);
  for (const auto& a : queue.body["applications"]) CHECK(a["id"] != id);
  auto mine = s.get("/api/v1/applications/" + id, me);
  REQUIRE(mine.status == 200);
  const json& last = mine.body["timeline"].back();
  CHECK(last["kind"] == "withdrawn");
  CHECK(last["title"] == "申请人撤回申请");
  CHECK(last["data"]["reason"] == "信息填错了，重新申请");
}

TEST_CASE("the window cannot issue an application its department is still reviewing", "[server][e2e]") {
  TestServer s;
  const std::string me = s.resident("13876001238");
  auto sub = s.post("/api/v1/applications", item_application(s, me, "id_card_renewal"), me);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  const std::string clerk = s.staff("clerk-police", "clerk", "w_police");
  const std::string reviewer = s.staff("rev-gaj", "reviewer", "", "gaj");
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  auto disp = s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk);
  REQUIRE(disp.status == 200);
  REQUIRE(disp.body["application"]["tasks"].size() == 1);
  const std::string task = disp.body["application"]["tasks"][0]["id"];

  // Every attempt is a 409 that leaves the application, its tasks, its timeline and the
  // resident's licences exactly as they were.
  const auto issue_is_refused = [&](const std::string& task_status) {
    const auto before = s.get("/api/v1/staff/applications/" + id, clerk);
    REQUIRE(before.status == 200);
    CHECK(before.body["application"]["status"] == "dispatched");
    CHECK(before.body["application"]["tasks"][0]["status"] == task_status);
    const json buttons = before.body["application"]["allowed_actions"];
    CHECK(std::find(buttons.begin(), buttons.end(), json("issue")) == buttons.end());
    const auto licences_before = s.get("/api/v1/me/licences", me);
    REQUIRE(licences_before.status == 200);

    auto issue = s.post("/api/v1/staff/applications/" + id + "/issue", json::object(), clerk);
    INFO(issue.text);
    CHECK(issue.status == 409);
    CHECK(issue.body["error"]["code"] == "illegal_transition");

    const auto after = s.get("/api/v1/staff/applications/" + id, clerk);
    REQUIRE(after.status == 200);
    CHECK(after.body == before.body);
    for (const auto& e : after.body["timeline"]) CHECK(e["kind"] != "issued");
    CHECK(s.get("/api/v1/me/licences", me).body == licences_before.body);
  };
  issue_is_refused("reviewing");
  // A paused task is still under review.
  REQUIRE(s.post("/api/v1/staff/tasks/" + task + "/pause", {{"reason", "等待户籍核实"}}, reviewer).status == 200);
  issue_is_refused("paused");

  // Once the department has decided, the same request issues.
  REQUIRE(s.post("/api/v1/staff/tasks/" + task + "/resume", json::object(), reviewer).status == 200);
  REQUIRE(s.post("/api/v1/staff/tasks/" + task + "/approve", json::object(), reviewer).status == 200);
  auto issued = s.post("/api/v1/staff/applications/" + id + "/issue", json::object(), clerk);
  INFO(issued.text);
  CHECK(issued.status == 200);
  CHECK(issued.body["application"]["status"] == "issued");
}
