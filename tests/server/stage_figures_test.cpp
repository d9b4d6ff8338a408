// The supervision center's time per stage and the reductions a bundle achieved, checked against
// values worked out by hand on the 2026 calendar (late November and early December 2026 have no
// holiday; a working day counts from the day after, 行政许可法): two 失业登记 (rsj, promised 1
// working day), one with 补正 and a pause, and one 企业开办一件事 (two stages of 1-day items).
#include <catch2/catch.hpp>

#include <algorithm>

#include "sample_applications.hpp"
#include "test_server.hpp"

using namespace yilu::test;

namespace {

constexpr yilu::Timestamp kDay = 86400;
constexpr yilu::Timestamp kHour = 3600;

const json& group(const json& reply, const std::string& id) {
  for (const auto& g : reply["groups"])
    if (g["id"] == id) return g;
  FAIL("no group " << id << " in " << reply.dump());
  static const json none;
  return none;
}

void step(TestServer& s, const std::string& path, const std::string& token, const json& body = json::object()) {
  auto r = s.post(path, body, token);
  INFO(path << " " << r.text);
  REQUIRE(r.status == 200);
}

// The review tasks of `stage` as the dispatch answered them.
std::vector<json> dispatch(TestServer& s, const std::string& id, const std::string& clerk, std::int64_t stage) {
  auto d = s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk);
  INFO(d.text);
  REQUIRE(d.status == 200);
  std::vector<json> out;
  for (const auto& t : d.body["application"]["tasks"])
    if (t["kind"] == "review" && t.value("stage", std::int64_t{0}) == stage) out.push_back(t);
  REQUIRE(!out.empty());
  return out;
}

// The example defers (容缺) the termination proof; it is handed in at the window after acceptance.
void supply_at_window(TestServer& s, const std::string& id, const std::string& clerk) {
  step(s, "/api/v1/staff/applications/" + id + "/supply", clerk, {{"material", "termination_proof"}});
}

std::string submit(TestServer& s, const std::string& me, const json& body) {
  auto sub = s.post("/api/v1/applications", body, me);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  return sub.body["application"]["id"];
}

}  // namespace

TEST_CASE("supervision: working days per stage of issued applications and the reductions a bundle achieved",
          "[server][supervision]") {
  TestServer s;  // now: Thursday 2026-11-26 10:00
  const yilu::Timestamp thu = kTestNow;
  const std::string me = s.resident("13876004001");
  const std::string social = s.staff("clerk-social", "clerk", "w_social");
  const std::string market = s.staff("clerk-market", "clerk", "w_market");
  const std::string rsj = s.staff("rev-rsj", "reviewer", "", "rsj");
  const std::string sup = s.staff("sup", "supervisor");
  std::map<std::string, std::string> reviewers;
  for (const auto& d : s.app().catalog->departments()) reviewers[d.id] = s.staff("r-" + d.id, "reviewer", "", d.id);

  // A: submitted Thu 11-26; 补正 Fri 11-27; resubmitted Tue 12-01; accepted Wed 12-02; paused Thu
  // 12-03 to Mon 12-07; approved Tue 12-08; issued Thu 12-10.
  //   intake: Thu→Wed is 4 working days (27, 30, 1, 2) less the 2 of 补正 (Fri→Tue: 30, 1) = 2;
  //   review: Wed→Tue 12-08 is 4 (3, 4, 7, 8) less 2 paused (Thu→Mon: 4, 7) = 2;
  //   issue_wait: Tue→Thu 12-10 = 2; total 10 (Thu 11-26 → Thu 12-10); taken 6 (Wed → Thu).
  const std::string a = submit(s, me, item_application(s, me, "unemployment_registration"));
  s.now = thu + 1 * kDay;
  step(s, "/api/v1/staff/applications/" + a + "/supplement", social,
       {{"note", "身份证照片不清晰"}, {"missing", json::array({"applicant_id_card"})}});
  s.now = thu + 5 * kDay;
  step(s, "/api/v1/applications/" + a + "/resubmit", me, item_application(s, me, "unemployment_registration"));
  s.now = thu + 6 * kDay;
  step(s, "/api/v1/staff/applications/" + a + "/accept", social);
  const std::string a_task = dispatch(s, a, social, 0).front()["id"];
  supply_at_window(s, a, social);
  s.now = thu + 7 * kDay;
  step(s, "/api/v1/staff/tasks/" + a_task + "/pause", rsj, {{"reason", "专家评审"}});
  s.now = thu + 11 * kDay;
  step(s, "/api/v1/staff/tasks/" + a_task + "/resume", rsj);
  s.now = thu + 12 * kDay;
  step(s, "/api/v1/staff/tasks/" + a_task + "/approve", rsj);

  // B: submitted, accepted and dispatched Thu 11-26 10:00, approved Fri 11-27, issued at once:
  // review 1, total 1.
  s.now = thu;
  const std::string b = submit(s, me, item_application(s, me, "unemployment_registration"));
  step(s, "/api/v1/staff/applications/" + b + "/accept", social);
  const std::string b_task = dispatch(s, b, social, 0).front()["id"];
  supply_at_window(s, b, social);
  s.now = thu + 1 * kDay;
  step(s, "/api/v1/staff/tasks/" + b_task + "/approve", rsj);
  step(s, "/api/v1/staff/applications/" + b + "/issue", social);

  // C: 企业开办一件事 submitted and accepted Thu 11-26; stage 1 approved Fri 11-27, issued Mon
  // 11-30 (review 1, wait 1); stage 2 approved and issued Wed 12-02 (review 2, wait 0). Total and
  // taken 4; promised 1 + 1 = 2 (a stage lasts its longest item), one by one 1 × 5 = 5.
  s.now = thu;
  const std::string c = submit(s, me, bundle_application(s, me, "business_startup"));
  step(s, "/api/v1/staff/applications/" + c + "/accept", market);
  const std::int64_t days_to_approve[] = {1, 6};
  const std::int64_t days_to_issue[] = {4, 6};
  for (std::int64_t stage = 1; stage <= 2; ++stage) {
    const auto tasks = dispatch(s, c, market, stage);
    s.now = thu + days_to_approve[stage - 1] * kDay;
    for (const auto& t : tasks)
      step(s, "/api/v1/staff/tasks/" + t["id"].get<std::string>() + "/approve",
           reviewers[t["department"].get<std::string>()]);
    s.now = thu + days_to_issue[stage - 1] * kDay + kHour;
    step(s, "/api/v1/staff/applications/" + c + "/issue", market);
  }
  s.now = thu + 14 * kDay;
  step(s, "/api/v1/staff/applications/" + a + "/issue", social);  // A last: Thu 12-10

  const auto check_targets = [&](const json& r) {
    CHECK(r["groups"].size() == 2);
    const json& item = group(r, "unemployment_registration");
    CHECK(item["kind"] == "item");
    CHECK(item["name"] == "失业登记");
    CHECK(item["issued"] == 2);
    CHECK(item["avg_total_workdays"] == 5.5);  // (10 + 1) / 2
    CHECK(item["avg_promised_days"] == 1.0);
    CHECK(item["stages"] ==
          json({{"intake", 1.0}, {"correction", 1.0}, {"review", 1.5}, {"paused", 1.0}, {"issue_wait", 1.0}}));
    CHECK_FALSE(item.contains("reductions"));

    const json& bundle = group(r, "business_startup");
    CHECK(bundle["kind"] == "bundle");
    CHECK(bundle["name"] == "企业开办一件事");
    CHECK(bundle["issued"] == 1);
    CHECK(bundle["avg_total_workdays"] == 4.0);
    CHECK(bundle["stages"] ==
          json({{"intake", 0.0}, {"correction", 0.0}, {"review", 3.0}, {"paused", 0.0}, {"issue_wait", 1.0}}));
    CHECK(bundle["reductions"]["workdays"] == json({{"separate", 5.0}, {"promised", 2.0}, {"taken", 4.0}}));
    // The materials the catalog promises are the core's plan for the same answers.
    auto plan =
        s.post("/api/v1/core",
               {{"op", "plan_bundle"}, {"bundle", "business_startup"}, {"accepted_at", "2026-11-26T10:00:00+08:00"}});
    REQUIRE(plan.status == 200);
    const json& materials = bundle["reductions"]["materials"];
    CHECK(materials["separate"] == static_cast<double>(plan.body["separate"]["materials"].get<int>()));
    CHECK(materials["promised"] == static_cast<double>(plan.body["bundled"]["materials"].get<int>()));
    CHECK(materials["given"].get<double>() > 0);
    CHECK(materials["given"].get<double>() <= materials["promised"].get<double>());

    CHECK(r["total"]["issued"] == 3);
    CHECK(r["total"]["avg_total_workdays"] == 5.0);  // (10 + 1 + 4) / 3
    CHECK(r["total"]["stages"]["review"] == 2.0);    // (2 + 1 + 3) / 3
  };

  SECTION("per item and bundle, from the stored facts and after the days are rolled up") {
    const std::string q = "/api/v1/staff/supervision/stages?from=2026-11-01&to=2026-12-31";
    auto r = s.get(q, sup);
    INFO(r.text);
    REQUIRE(r.status == 200);
    CHECK(r.body["by"] == "target");
    check_targets(r.body);
    // Up to Mon 11-30 into the daily counts (B), the rest from the facts: the same answer.
    REQUIRE(s.app().store->roll_up_supervision(yilu::cst_date(thu + 4 * kDay).days, 31).ok());
    auto half = s.get(q, sup);
    CHECK(half.body == r.body);
    REQUIRE(s.app().store->roll_up_supervision(yilu::cst_date(thu + 20 * kDay).days, 31).ok());
    auto all = s.get(q, sup);
    CHECK(all.body == r.body);
  }

  SECTION("per window, one window, one target and a period by issue day") {
    auto r = s.get("/api/v1/staff/supervision/stages?by=window&from=2026-11-01&to=2026-12-31", sup);
    REQUIRE(r.status == 200);
    REQUIRE(r.body["groups"].size() == 2);
    CHECK(group(r.body, "w_social")["issued"] == 2);
    CHECK(group(r.body, "w_social")["kind"] == "window");
    CHECK(group(r.body, "w_market")["avg_total_workdays"] == 4.0);

    auto one = s.get("/api/v1/staff/supervision/stages?window=w_market&from=2026-11-01&to=2026-12-31", sup);
    REQUIRE(one.body["groups"].size() == 1);
    CHECK(one.body["groups"][0]["id"] == "business_startup");

    auto target =
        s.get("/api/v1/staff/supervision/stages?target=unemployment_registration&from=2026-11-01&to=2026-12-31", sup);
    REQUIRE(target.body["groups"].size() == 1);
    CHECK(target.body["total"]["issued"] == 2);

    // November alone: B (issued Fri 11-27) and the bundle's first stage is not an issue of it.
    auto november = s.get("/api/v1/staff/supervision/stages?from=2026-11-01&to=2026-11-30", sup);
    REQUIRE(november.body["groups"].size() == 1);
    CHECK(november.body["total"]["issued"] == 1);
    CHECK(november.body["total"]["avg_total_workdays"] == 1.0);
  }

  SECTION("per department: an item's figures under its department, each bundle a row of its own after them") {
    auto r = s.get("/api/v1/staff/supervision/stages?by=department&from=2026-11-01&to=2026-12-31", sup);
    INFO(r.text);
    REQUIRE(r.status == 200);
    CHECK(r.body["by"] == "department");
    REQUIRE(r.body["groups"].size() == 2);
    const json& dept = r.body["groups"][0];
    CHECK(dept["id"] == "rsj");
    CHECK(dept["kind"] == "department");
    CHECK(dept["name"] == "三亚市人力资源和社会保障局");
    CHECK(dept["issued"] == 2);
    CHECK(dept["avg_total_workdays"] == 5.5);
    CHECK(dept["stages"] ==
          json({{"intake", 1.0}, {"correction", 1.0}, {"review", 1.5}, {"paused", 1.0}, {"issue_wait", 1.0}}));
    CHECK_FALSE(dept.contains("reductions"));
    const json& bundle = r.body["groups"][1];
    CHECK(bundle["id"] == "business_startup");
    CHECK(bundle["kind"] == "bundle");
    CHECK(bundle["avg_total_workdays"] == 4.0);
    CHECK(r.body["total"]["issued"] == 3);
    CHECK(r.body["total"]["avg_total_workdays"] == 5.0);
  }

  SECTION("every issued application exports as CSV, in issue day order, a store page at a time") {
    auto r = s.get("/api/v1/staff/supervision/stages/applications.csv?from=2026-11-01&to=2026-12-31", sup);
    REQUIRE(r.status == 200);
    CHECK(r.headers.find("Content-Type")->second == "text/csv; charset=utf-8");
    CHECK(r.headers.find("Content-Disposition")->second == "attachment; filename=\"issued-2026-11-01-2026-12-31.csv\"");
    REQUIRE(r.text.rfind("\xEF\xBB\xBF", 0) == 0);  // the byte order mark Excel needs
    std::vector<std::string> lines;
    for (std::size_t at = 3; at < r.text.size();) {
      const std::size_t end = r.text.find("\r\n", at);
      REQUIRE(end != std::string::npos);
      lines.push_back(r.text.substr(at, end - at));
      at = end + 2;
    }
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] ==
          "申请编号,事项或一件事,类型,窗口,出件时间,总用时（工作日）,等待受理,补正,审查,暂停,等待出件,受理至出件,"
          "承诺时限,逐项办理时限,提交材料（份）,承诺材料（份）,逐项材料（份）");
    CHECK(lines[1].rfind(b + ",失业登记,事项,社会民生综合窗口,2026-11-27T10:00:00+08:00,1,0,0,1,0,0,1,1,1,", 0) == 0);
    CHECK(lines[2].rfind(c + ",企业开办一件事,一件事,", 0) == 0);
    CHECK(lines[2].find(",4,0,0,3,0,1,4,2,5,") != std::string::npos);
    CHECK(lines[3].rfind(a + ",失业登记,事项,社会民生综合窗口,2026-12-10T10:00:00+08:00,10,2,2,2,2,2,6,1,1,", 0) == 0);

    // One window's, and the pages the stream is read in: each starts after the previous one's last.
    auto one_window =
        s.get("/api/v1/staff/supervision/stages/applications.csv?window=w_social&from=2026-11-01&to=2026-12-31", sup);
    CHECK(std::count(one_window.text.begin(), one_window.text.end(), '\n') == 3);  // the header, A and B
    yilu::server::StageQuery q;
    q.from_day = yilu::cst_date(thu).days;
    q.to_day = yilu::cst_date(thu + 30 * kDay).days;
    std::vector<std::string> paged;
    std::int32_t day = 0;
    std::string after;
    for (;;) {
      auto page = s.app().store->application_results_after(q, day, after, 1);
      REQUIRE(page.ok());
      if (page.value().empty()) break;
      REQUIRE(page.value().size() == 1);
      day = page.value()[0].issued_on;
      after = page.value()[0].application_id;
      paged.push_back(after);
    }
    CHECK(paged == std::vector<std::string>{b, c, a});
    CHECK(s.get("/api/v1/staff/supervision/stages/applications.csv?target=nothing", sup).status == 422);
    CHECK(s.get("/api/v1/staff/supervision/stages/applications.csv", social).status == 403);
  }

  SECTION("bad requests get stable codes, and only supervisors read it") {
    CHECK(s.get("/api/v1/staff/supervision/stages?by=clerk", sup).body["error"]["code"] == "bad_group_by");
    CHECK(s.get("/api/v1/staff/supervision/stages?window=w_none", sup).body["error"]["code"] == "unknown_window");
    CHECK(s.get("/api/v1/staff/supervision/stages?target=nothing", sup).body["error"]["code"] == "unknown_target");
    CHECK(s.get("/api/v1/staff/supervision/stages?from=2026-12-02&to=2026-12-01", sup).body["error"]["code"] ==
          "bad_period");
    CHECK(s.get("/api/v1/staff/supervision/stages", social).status == 403);
  }
}
