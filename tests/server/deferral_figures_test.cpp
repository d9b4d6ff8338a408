// 容缺 over time: deferred materials supplied in a period per window, on time or late against
// the core's deferral deadline, and those owed now. Worked out by hand on the 2026 calendar:
// 失业登记's example defers the termination proof, due 5 working days after acceptance; accepted
// Thursday 2026-11-26, it is due Thursday 12-03 (27, 30, 1, 2, 3).
#include <catch2/catch.hpp>

#include "sample_applications.hpp"
#include "test_server.hpp"

using namespace yilu::test;

namespace {

constexpr yilu::Timestamp kDay = 86400;

std::string accepted(TestServer& s, const std::string& me, const std::string& clerk) {
  auto sub = s.post("/api/v1/applications", item_application(s, me, "unemployment_registration"), me);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  auto acc = s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk);
  INFO(acc.text);
  REQUIRE(acc.status == 200);
  REQUIRE(acc.body["application"]["owed"][0]["due_date"] == "2026-12-03");
  return id;
}

void supply(TestServer& s, const std::string& id, const std::string& clerk) {
  auto r = s.post("/api/v1/staff/applications/" + id + "/supply", {{"material", "termination_proof"}}, clerk);
  INFO(r.text);
  REQUIRE(r.status == 200);
}

}  // namespace

TEST_CASE("supervision: deferred materials supplied on time and late per window, and those owed now",
          "[server][supervision]") {
  TestServer s;  // now: Thursday 2026-11-26 10:00
  const std::string me = s.resident("13876005001");
  const std::string clerk = s.staff("clerk-social", "clerk", "w_social");
  const std::string sup = s.staff("sup", "supervisor");
  const std::string early = accepted(s, me, clerk);
  const std::string late = accepted(s, me, clerk);
  accepted(s, me, clerk);  // never supplied: overdue from Friday 12-04

  s.now = kTestNow + 1 * kDay;  // Friday 11-27: in time
  supply(s, early, clerk);
  // Friday 12-04: a day late.
  s.now = kTestNow + 8 * kDay;
  supply(s, late, clerk);

  auto r = s.get("/api/v1/staff/supervision/deferrals?from=2026-11-01&to=2026-12-31", sup);
  INFO(r.text);
  REQUIRE(r.status == 200);
  REQUIRE(r.body["groups"].size() == 1);
  const json& g = r.body["groups"][0];
  CHECK(g["id"] == "w_social");
  CHECK(g["name"] == "社会民生综合窗口");
  CHECK(g["supplied"] == 2);
  CHECK(g["on_time"] == 1);
  CHECK(g["late"] == 1);
  CHECK(g["on_time_rate"] == 50.0);
  CHECK(g["by_clerk"] == 2);
  CHECK(g["by_resident"] == 0);
  CHECK(r.body["total"]["supplied"] == 2);
  // Owed now: the overview's count, overdue since Friday 12-04.
  auto overview = s.get("/api/v1/staff/overview", sup);
  REQUIRE(overview.status == 200);
  CHECK(overview.body["counts"]["owed"] == 1);
  CHECK(overview.body["counts"]["owed_overdue"] == 1);

  // By supply day: November has the early one only.
  auto november = s.get("/api/v1/staff/supervision/deferrals?from=2026-11-01&to=2026-11-30", sup);
  REQUIRE(november.status == 200);
  CHECK(november.body["total"] == json({{"supplied", 1}, {"on_time", 1}, {"late", 0}, {"on_time_rate", 100.0}}));
  CHECK(s.get("/api/v1/staff/supervision/deferrals?from=2026-12-31&to=2026-12-01", sup).body["error"]["code"] ==
        "bad_period");
  CHECK(s.get("/api/v1/staff/supervision/deferrals", clerk).status == 403);
}
