// The one-window workflow's daily steps over HTTP with the sample catalog: 容缺 materials
// supplied after acceptance (issue blocked until then), 告知承诺 signed and checked afterwards
// (a false one revokes the result), a bundle's outcome per department (部分办结), the
// resident's notifications, real name and 代办, 帮办 at the window, and 秒批.
#include <catch2/catch.hpp>

#include <algorithm>

#include "reminders.hpp"
#include "sample_applications.hpp"
#include "support/test_files.hpp"
#include "test_server.hpp"
#include "yilu/item_deadline.hpp"

using namespace yilu::test;

namespace {

json sample_catalog() { return json::parse(read_source_file("core/data/catalog/sanya.json")); }

json item_of(const std::string& id) {
  const json catalog = sample_catalog();
  for (const auto& i : catalog["items"])
    if (i["id"] == id) return i;
  FAIL("no item " << id);
  return {};
}

bool has(const json& list, const std::string& v) { return std::find(list.begin(), list.end(), json(v)) != list.end(); }

const json* task_of_kind(const json& tasks, const std::string& kind) {
  for (const auto& t : tasks)
    if (t["kind"] == kind) return &t;
  return nullptr;
}

std::vector<std::string> kinds_of(const json& notifications) {
  std::vector<std::string> out;
  for (const auto& n : notifications) out.push_back(n["kind"]);
  return out;
}

}  // namespace

TEST_CASE("a deferred material is supplied after acceptance and issue waits for it", "[server][workflow]") {
  TestServer s;
  const std::string me = s.resident("13876002001");
  auto sub = s.post("/api/v1/applications", item_application(s, me, "unemployment_registration"), me);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  CHECK(sub.body["application"]["owed"].empty());  // before acceptance a deferral is a plan

  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  const std::string rev = s.staff("rev-rsj", "reviewer", "", "rsj");
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);

  auto mine = s.get("/api/v1/applications/" + id, me);
  REQUIRE(mine.status == 200);
  const json owed = mine.body["application"]["owed"];
  REQUIRE(owed.size() == 1);
  CHECK(owed[0]["material_id"] == "termination_proof");
  CHECK(owed[0]["due_date"].get<std::string>() > yilu::format_date(yilu::cst_date(s.now)));
  CHECK(has(mine.body["application"]["allowed_actions"], "supply"));

  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk).status == 200);
  auto tasks = s.get("/api/v1/staff/tasks", rev);
  REQUIRE(tasks.body["tasks"].size() == 1);
  const std::string task = tasks.body["tasks"][0]["id"];
  REQUIRE(s.post("/api/v1/staff/tasks/" + task + "/approve", json::object(), rev).status == 200);

  // Approved, but a material is owed: no 出件 yet.
  auto staff_view = s.get("/api/v1/staff/applications/" + id, clerk);
  CHECK(staff_view.body["application"]["status"] == "ready_for_issue");
  CHECK_FALSE(has(staff_view.body["application"]["allowed_actions"], "issue"));
  auto blocked = s.post("/api/v1/staff/applications/" + id + "/issue", json::object(), clerk);
  CHECK(blocked.status == 409);
  CHECK(blocked.body["error"]["code"] == "materials_owed");

  // The supervisor sees what is owed.
  const std::string sup = s.staff("sup", "supervisor");
  auto overview = s.get("/api/v1/staff/overview", sup);
  REQUIRE(overview.body["owed"].size() == 1);
  CHECK(overview.body["owed"][0]["application_id"] == id);

  // A material that is not owed, then a wrong file type, then the right file from the phone.
  auto wrong = s.post("/api/v1/applications/" + id + "/supply",
                      {{"material", "applicant_id_card"}, {"files", json::array()}}, me);
  CHECK(wrong.status == 422);
  CHECK(wrong.body["error"]["code"] == "not_owed");
  auto up = s.upload(me, tiny_pdf(), "解除劳动合同证明.pdf", "unemployment_registration", "termination_proof");
  REQUIRE(up.status == 201);
  auto supplied =
      s.post("/api/v1/applications/" + id + "/supply",
             {{"material", "termination_proof"}, {"files", json::array({{{"upload", up.body["upload"]["id"]}}})}}, me);
  INFO(supplied.text);
  REQUIRE(supplied.status == 200);
  CHECK(supplied.body["application"]["owed"].empty());
  CHECK_FALSE(has(supplied.body["application"]["allowed_actions"], "supply"));
  bool recorded = false;
  for (const auto& m : supplied.body["application"]["material_status"])
    if (m["id"] == "termination_proof") recorded = m["supplied_by"] == "resident" && m.contains("supplied_at");
  CHECK(recorded);
  // A second supply of the same material is refused.
  CHECK(s.post("/api/v1/applications/" + id + "/supply",
               {{"material", "termination_proof"}, {"files", json::array({{{"upload", up.body["upload"]["id"]}}})}}, me)
            .status == 409);

  auto issued = s.post("/api/v1/staff/applications/" + id + "/issue", json::object(), clerk);
  INFO(issued.text);
  CHECK(issued.status == 200);
  CHECK(issued.body["application"]["status"] == "issued");
}

TEST_CASE("the clerk records a deferred material handed in at the window", "[server][workflow]") {
  TestServer s;
  const std::string me = s.resident("13876002002");
  auto sub = s.post("/api/v1/applications", item_application(s, me, "unemployment_registration"), me);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  const std::string other = s.staff("clerk-police", "clerk", "w_police");
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  CHECK(s.post("/api/v1/staff/applications/" + id + "/supply", {{"material", "termination_proof"}}, other).status ==
        403);
  auto ok = s.post("/api/v1/staff/applications/" + id + "/supply",
                   {{"material", "termination_proof"}, {"note", "收到原件，已核验"}}, clerk);
  INFO(ok.text);
  REQUIRE(ok.status == 200);
  CHECK(ok.body["application"]["owed"].empty());
  auto detail = s.get("/api/v1/staff/applications/" + id, clerk);
  bool event = false;
  for (const auto& e : detail.body["timeline"])
    if (e["kind"] == "supplied") event = e["data"]["by"] == "clerk" && e["data"]["note"] == "收到原件，已核验";
  CHECK(event);
}

TEST_CASE("a commitment is signed text, checked after issue, and a false one revokes the result",
          "[server][workflow]") {
  TestServer s;
  const std::string me = s.resident("13876002003");
  json body = item_application(s, me, "residence_permit");

  // Signed by another name: refused.
  json forged = body;
  forged["materials"]["residence_proof"]["signer"] = "李四";
  auto bad = s.post("/api/v1/applications", forged, me);
  CHECK(bad.status == 422);
  CHECK(bad.body["error"]["code"] == "commitment_signer_mismatch");

  auto sub = s.post("/api/v1/applications", body, me);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  const std::string clerk = s.staff("clerk-police", "clerk", "w_police");
  const std::string rev = s.staff("rev-gaj", "reviewer", "", "gaj");

  // The clerk reads the text the resident signed, with the name and time.
  auto view = s.get("/api/v1/staff/applications/" + id, clerk);
  const json* commitment = nullptr;
  for (const auto& m : view.body["application"]["material_status"])
    if (m["id"] == "residence_proof") commitment = &m;
  REQUIRE(commitment);
  CHECK((*commitment)["state"] == "commitment");
  CHECK((*commitment)["commitment"]["signer"] == TestServer::kExampleName);
  CHECK((*commitment)["commitment"]["signed_at"] == yilu::format_timestamp_cst(s.now));
  CHECK((*commitment)["commitment"]["text"] == item_of("residence_permit")["commitment"]["text"]);

  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk).status == 200);
  auto tasks = s.get("/api/v1/staff/tasks", rev);
  REQUIRE(tasks.body["tasks"].size() == 1);
  REQUIRE(
      s.post("/api/v1/staff/tasks/" + tasks.body["tasks"][0]["id"].get<std::string>() + "/approve", json::object(), rev)
          .status == 200);
  s.now += 3600;
  const yilu::Timestamp issued_at = s.now;
  auto issued = s.post("/api/v1/staff/applications/" + id + "/issue", json::object(), clerk);
  INFO(issued.text);
  REQUIRE(issued.status == 200);
  CHECK(issued.body["application"]["status"] == "issued");

  // The post-check task: the department's, due check_days working days after the issue (the core's rule).
  const json* check = task_of_kind(issued.body["application"]["tasks"], "check");
  REQUIRE(check);
  CHECK((*check)["department"] == "gaj");
  CHECK((*check)["status_label"] == "待核查");
  const auto* item = s.app().catalog->item("residence_permit");
  yilu::DeadlineInput in = yilu::check_deadline_input(*s.app().catalog, *item, issued_at);
  const auto due = yilu::compute_deadline(*s.app().engine()->calendar(), in, issued_at);
  REQUIRE(due.ok());
  CHECK((*check)["deadline"]["due_date"] == yilu::format_date(due.value().due_date));
  CHECK((*check)["deadline"]["limit_days"] == item->check_days);
  const std::string check_id = (*check)["id"];
  auto listed = s.get("/api/v1/staff/tasks", rev);
  REQUIRE(listed.body["tasks"].size() == 1);
  CHECK(listed.body["tasks"][0]["kind"] == "check");
  CHECK(listed.body["tasks"][0]["allowed_actions"] == json::array({"approve", "revoke"}));
  // A check cannot be paused; a revocation needs a reason.
  CHECK(s.post("/api/v1/staff/tasks/" + check_id + "/pause", {{"reason", "x"}}, rev).status == 409);
  CHECK(s.post("/api/v1/staff/tasks/" + check_id + "/revoke", json::object(), rev).status == 422);

  auto revoked = s.post("/api/v1/staff/tasks/" + check_id + "/revoke", {{"reason", "实地核查：申报住址无人居住"}}, rev);
  INFO(revoked.text);
  REQUIRE(revoked.status == 200);
  CHECK(revoked.body["application"]["status"] == "revoked");
  auto lic = s.get("/api/v1/me/licences", me);
  REQUIRE(lic.body["licences"].size() == 1);
  CHECK(lic.body["licences"][0]["revoked_reason"] == "实地核查：申报住址无人居住");
  auto inbox = s.get("/api/v1/me/notifications", me);
  CHECK(has(json(kinds_of(inbox.body["notifications"])), "revoked"));
}

TEST_CASE("a bundle finishes per department: a rejection keeps its reason and the issued licence stands",
          "[server][workflow]") {
  TestServer s;
  const std::string me = s.resident("13876002004");
  // The business start-up bundle from its items' examples.
  const json catalog = sample_catalog();
  json fields = json::object(), materials = json::object();
  for (const auto& b : catalog["bundles"]) {
    if (b["id"] != "business_startup") continue;
    for (const auto& st : b["stages"])
      for (const auto& id : st["items"]) {
        const json app = item_application(s, me, id);
        fields.update(app["fields"]);
        for (auto& [mid, m] : app["materials"].items())
          if (!materials.contains(mid)) materials[mid] = m;
      }
  }
  auto sub =
      s.post("/api/v1/applications",
             {{"kind", "bundle"}, {"target_id", "business_startup"}, {"fields", fields}, {"materials", materials}}, me);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  const std::string clerk = s.staff("clerk-market", "clerk", "w_market");
  std::map<std::string, std::string> rev;
  for (const auto& d : s.app().catalog->departments()) rev[d.id] = s.staff("rev-" + d.id, "reviewer", "", d.id);

  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  for (int stage = 1; stage <= 2; ++stage) {
    auto disp = s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk);
    REQUIRE(disp.status == 200);
    for (const auto& t : disp.body["application"]["tasks"]) {
      if (t["stage"] != stage || t["kind"] != "review") continue;
      const std::string dept = t["department"];
      const bool reject = t["item_id"] == "tax_registration";
      auto r = s.post("/api/v1/staff/tasks/" + t["id"].get<std::string>() + (reject ? "/reject" : "/approve"),
                      reject ? json{{"reason", "经营范围与申领发票种类不符"}} : json::object(), rev[dept]);
      INFO(r.text);
      REQUIRE(r.status == 200);
    }
    auto issued = s.post("/api/v1/staff/applications/" + id + "/issue", json::object(), clerk);
    INFO(issued.text);
    REQUIRE(issued.status == 200);
  }
  auto mine = s.get("/api/v1/applications/" + id, me);
  const json& a = mine.body["application"];
  CHECK(a["status"] == "partially_issued");
  CHECK(a["status_label"] == "部分办结");
  bool reason = false;
  for (const auto& t : a["tasks"])
    if (t["item_id"] == "tax_registration")
      reason = t["status"] == "rejected" && t["decision_note"] == "经营范围与申领发票种类不符" &&
               t["department_name"].is_string();
  CHECK(reason);
  bool licence = false;
  for (const auto& l : a["licences"])
    if (l["type"] == "business_licence") licence = !l.contains("revoked_at");
  CHECK(licence);
  auto inbox = s.get("/api/v1/me/notifications", me);
  bool told = false;
  for (const auto& n : inbox.body["notifications"])
    if (n["kind"] == "rejected")
      told = n["body"].get<std::string>().find("经营范围与申领发票种类不符") != std::string::npos;
  CHECK(told);
  CHECK(has(json(kinds_of(inbox.body["notifications"])), "partially_issued"));
  // Still rateable.
  CHECK(has(a["allowed_actions"], "rate"));
}

TEST_CASE("every change the resident must know about lands in the inbox and goes by SMS", "[server][workflow]") {
  TestServer s;
  const std::string phone = "13876002005";
  const std::string me = s.resident(phone);
  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  const std::string rev = s.staff("rev-rsj", "reviewer", "", "rsj");

  auto sub = s.post("/api/v1/applications", item_application(s, me, "unemployment_registration"), me);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  // 补正 with its list.
  auto sup = s.post("/api/v1/staff/applications/" + id + "/supplement",
                    {{"note", "身份证照片不清晰"}, {"missing", json::array({"applicant_id_card"})}}, clerk);
  REQUIRE(sup.status == 200);
  auto inbox = s.get("/api/v1/me/notifications", me);
  REQUIRE(inbox.status == 200);
  CHECK(inbox.body["unread"] == 1);
  REQUIRE(inbox.body["notifications"].size() == 1);
  const json n = inbox.body["notifications"][0];
  CHECK(n["kind"] == "supplement_requested");
  CHECK(n["application_id"] == id);
  CHECK(n["body"].get<std::string>().find("居民身份证") != std::string::npos);
  CHECK(n["body"].get<std::string>().find("身份证照片不清晰") != std::string::npos);
  CHECK(n["read"] == false);

  // The resident resubmits (no notice for one's own step), the clerk accepts, a department pauses, resumes, approves.
  auto again =
      s.post("/api/v1/applications/" + id + "/resubmit", item_application(s, me, "unemployment_registration"), me);
  REQUIRE(again.status == 200);
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/supply", {{"material", "termination_proof"}}, clerk).status ==
          200);
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk).status == 200);
  const std::string task = s.get("/api/v1/staff/tasks", rev).body["tasks"][0]["id"];
  REQUIRE(s.post("/api/v1/staff/tasks/" + task + "/pause", {{"reason", "需核实原单位参保记录"}}, rev).status == 200);
  REQUIRE(s.post("/api/v1/staff/tasks/" + task + "/resume", json::object(), rev).status == 200);
  REQUIRE(s.post("/api/v1/staff/tasks/" + task + "/approve", json::object(), rev).status == 200);
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/issue", json::object(), clerk).status == 200);

  inbox = s.get("/api/v1/me/notifications", me);
  CHECK(kinds_of(inbox.body["notifications"]) ==
        std::vector<std::string>{"issued", "task_paused", "accepted", "supplement_requested"});
  CHECK(inbox.body["unread"] == 4);
  bool paused_reason = false;
  for (const auto& x : inbox.body["notifications"])
    if (x["kind"] == "task_paused")
      paused_reason = x["body"].get<std::string>().find("需核实原单位参保记录") != std::string::npos;
  CHECK(paused_reason);
  CHECK(s.texts_for(phone).size() == 4);

  // Read one, then all; another resident's notification is not found.
  const std::int64_t first = inbox.body["notifications"][0]["id"];
  auto read = s.post("/api/v1/me/notifications/" + std::to_string(first) + "/read", json::object(), me);
  REQUIRE(read.status == 200);
  CHECK(read.body["unread"] == 3);
  const std::string stranger = s.resident("13876002099", "");
  CHECK(s.post("/api/v1/me/notifications/" + std::to_string(first + 1) + "/read", json::object(), stranger).status ==
        404);
  CHECK(s.post("/api/v1/me/notifications/read", json::object(), me).body["unread"] == 0);

  // 不予受理 with the reason.
  auto sub2 = s.post("/api/v1/applications", item_application(s, me, "unemployment_registration"), me);
  REQUIRE(sub2.status == 201);
  REQUIRE(s.post("/api/v1/staff/applications/" + sub2.body["application"]["id"].get<std::string>() + "/refuse",
                 {{"reason", "不属于本中心受理范围"}}, clerk)
              .status == 200);
  inbox = s.get("/api/v1/me/notifications", me);
  CHECK(inbox.body["notifications"][0]["kind"] == "refused");
  CHECK(inbox.body["notifications"][0]["body"].get<std::string>().find("不属于本中心受理范围") != std::string::npos);
}

TEST_CASE("a deferred material near or past its due date is reminded once per level", "[server][workflow]") {
  TestServer s;
  const std::string phone = "13876002006";
  const std::string me = s.resident(phone);
  auto sub = s.post("/api/v1/applications", item_application(s, me, "unemployment_registration"), me);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  CHECK(yilu::server::remind_owed_materials(s.app()) == 0);  // five working days ahead: nothing yet
  s.now += 30 * 24 * 3600;                                   // long past the due date
  CHECK(yilu::server::remind_owed_materials(s.app()) == 1);
  CHECK(yilu::server::remind_owed_materials(s.app()) == 0);  // told once
  auto inbox = s.get("/api/v1/me/notifications", me);
  REQUIRE(inbox.body["notifications"].size() == 2);
  CHECK(inbox.body["notifications"][0]["kind"] == "deferral_due");
  CHECK(inbox.body["notifications"][0]["title"] == "容缺材料已逾期");
  // A fresh one owes too, but the overdue one is listed first (most urgent first).
  auto fresh = s.post("/api/v1/applications", item_application(s, me, "unemployment_registration"), me);
  REQUIRE(fresh.status == 201);
  REQUIRE(s.post("/api/v1/staff/applications/" + fresh.body["application"]["id"].get<std::string>() + "/accept",
                 json::object(), clerk)
              .status == 200);
  auto overview = s.get("/api/v1/staff/overview", s.staff("sup", "supervisor"));
  REQUIRE(overview.body["owed"].size() == 2);
  CHECK(overview.body["owed"][0]["level"] == "overdue");
  CHECK(overview.body["owed"][0]["application_id"] == id);
  CHECK(overview.body["owed"][1]["level"] == "normal");
  CHECK(overview.body["counts"]["owed_overdue"] == 1);
}

TEST_CASE("filing needs a real name; another person's ID needs an item that allows 代办 and a relation",
          "[server][workflow]") {
  TestServer s;
  const std::string anonymous = s.resident_without_profile("13876002007");
  auto no_name = s.post("/api/v1/applications", item_application(s, anonymous, "unemployment_registration"), anonymous);
  CHECK(no_name.status == 403);
  CHECK(no_name.body["error"]["code"] == "profile_required");

  // Someone else's ID on an item that must be filed by the person: refused at the field.
  const std::string other = s.resident("13876002008", "11010519491231002X", "张三");
  auto not_self = s.post("/api/v1/applications", item_application(s, other, "id_card_renewal"), other);
  CHECK(not_self.status == 422);
  CHECK(not_self.body["error"]["code"] == "applicant_not_self");
  CHECK(not_self.body["error"]["path"] == "/fields/applicant_id");
  // The real name cannot be changed from the phone afterwards.
  CHECK(s.request("PUT", "/api/v1/me/profile", json{{"name", "王海明"}, {"id_number", "460202198805123338"}}.dump(),
                  other)
            .status == 409);

  // 代办 for an elderly parent: the relation is required, then recorded.
  json senior = item_application(s, other, "senior_allowance");
  auto no_relation = s.post("/api/v1/applications", senior, other);
  CHECK(no_relation.status == 422);
  CHECK(no_relation.body["error"]["code"] == "proxy_relation_required");
  senior["proxy"] = {{"relation", "子女"}};
  auto filed = s.post("/api/v1/applications", senior, other);
  INFO(filed.text);
  REQUIRE(filed.status == 201);
  auto view = s.get("/api/v1/staff/applications/" + filed.body["application"]["id"].get<std::string>(),
                    s.staff("clerk-social", "clerk", "w_social"));
  CHECK(view.body["application"]["proxy"]["relation"] == "子女");
  CHECK(view.body["application"]["proxy"]["principal_id_masked"] == "460***********0363");

  // One's own ID: no relation asked.
  const std::string self = s.resident("13876002009");
  CHECK(s.post("/api/v1/applications", item_application(s, self, "id_card_renewal"), self).status == 201);
}

TEST_CASE("a clerk files at the window for a walk-in resident (帮办)", "[server][workflow]") {
  TestServer s;
  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  const std::string police = s.staff("clerk-police", "clerk", "w_police");
  json app = item_of("unemployment_registration")["example"]["application"];
  json body = {{"kind", "item"},
               {"target_id", "unemployment_registration"},
               {"fields", app["fields"]},
               {"materials", app["materials"]},
               {"resident", {{"phone", "13876002010"}, {"name", "王海明"}, {"id_number", "460202198805123338"}}}};
  CHECK(s.post("/api/v1/staff/applications", body, police).status == 403);  // not that window's item
  auto filed = s.post("/api/v1/staff/applications", body, clerk);
  INFO(filed.text);
  REQUIRE(filed.status == 201);
  const json& a = filed.body["application"];
  CHECK(a["channel"] == "window");
  CHECK(a["assisted_by"]["username"] == "clerk-social");
  CHECK(a["status"] == "submitted");
  // The resident finds it on the phone afterwards, with the real name already given.
  const std::string me = s.resident_without_profile("13876002010");
  auto mine = s.get("/api/v1/me/applications", me);
  REQUIRE(mine.body["applications"].size() == 1);
  CHECK(s.get("/api/v1/me", me).body["resident"]["profile"]["name"] == "王海明");
  auto detail = s.get("/api/v1/applications/" + a["id"].get<std::string>(), me);
  CHECK(detail.body["timeline"][0]["kind"] == "assisted_submitted");
  CHECK(detail.body["timeline"][0]["title"] == "窗口帮办提交");
  // Another name for the same number is refused.
  body["resident"]["name"] = "王小明";
  CHECK(s.post("/api/v1/staff/applications", body, clerk).status == 409);
}

TEST_CASE("an item decided by rules alone is issued at once by the system (秒批)", "[server][workflow]") {
  TestServer s;
  const std::string me = s.resident("13876002011");
  auto sub = s.post("/api/v1/applications", item_application(s, me, "project_filing"), me);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  const json& a = sub.body["application"];
  CHECK(a["status"] == "issued");
  CHECK(a["instant"] == true);
  REQUIRE(a["licences"].size() == 1);
  CHECK(a["licences"][0]["type"] == "project_filing_notice");
  auto detail = s.get("/api/v1/applications/" + a["id"].get<std::string>(), me);
  std::vector<std::string> kinds;
  for (const auto& e : detail.body["timeline"]) {
    kinds.push_back(e["kind"]);
    if (e["kind"] != "submitted") CHECK(e["actor"]["name"] == "系统");
  }
  CHECK(kinds == std::vector<std::string>{"submitted", "instant_decided", "accepted", "task_approved", "issued"});
  auto inbox = s.get("/api/v1/me/notifications", me);
  CHECK(kinds_of(inbox.body["notifications"]) == std::vector<std::string>{"instant_issued"});
  // Nothing waits at the window.
  auto queue = s.get("/api/v1/staff/queue", s.staff("clerk-build", "clerk", "w_build"));
  CHECK(queue.body["applications"].empty());
}
