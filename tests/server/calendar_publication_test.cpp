// The holiday calendar as data (docs/calendar.md, "Publishing a year's schedule"): an
// administrator publishes next year's schedule and, with no restart, the open applications'
// provisional due dates become official and those the schedule moves are moved; supervisors see
// which. The 2027 schedule below is made up for the test (the shipped calendar ends in 2026 and
// estimates 2027 from the lunar festivals: 春节 2027-02-05..08).
#include <catch2/catch.hpp>

#include "app_setup.hpp"
#include "calendar_pub/calendar_publication.hpp"
#include "sample_applications.hpp"
#include "test_server.hpp"

using namespace yilu::test;

namespace {

constexpr yilu::Timestamp kDay = 86400;
// Monday 2027-01-18 10:00 CST: the schedule for 2027 is not in the shipped calendar yet.
constexpr yilu::Timestamp kMonday = kTestNow + 53 * kDay;

// Submitted, accepted and dispatched at the server's "now"; the application's id.
std::string dispatched(TestServer& s, const std::string& resident, const std::string& clerk, const std::string& item) {
  auto sub = s.post("/api/v1/applications", item_application(s, resident, item), resident);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  auto disp = s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk);
  INFO(disp.text);
  REQUIRE(disp.status == 200);
  return id;
}

json deadline_of(TestServer& s, const std::string& id, const std::string& token) {
  auto r = s.get("/api/v1/staff/applications/" + id, token);
  INFO(r.text);
  REQUIRE(r.status == 200);
  return r.body["application"]["deadline"];
}

// 春节 2027: eight days off from 除夕 (Fri 02-05) to Fri 02-12, Saturday 02-20 worked; 元旦 01-01..03.
json schedule_2027() {
  json holidays = json::object();
  for (const char* d : {"2027-01-01", "2027-01-02", "2027-01-03"}) holidays[d] = "元旦";
  for (int day = 5; day <= 12; ++day)
    holidays["2027-02-" + std::string(day < 10 ? "0" : "") + std::to_string(day)] = "春节";
  return {{"year", 2027},
          {"holidays", holidays},
          {"workdays", {{"2027-02-20", "春节"}}},
          {"notice", "https://www.gov.cn/example-2027"}};
}

const json* change_of(const json& changes, const std::string& id) {
  for (const auto& c : changes)
    if (c["application_id"] == id) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("calendar: publishing next year's schedule makes due dates official and moves those it changes",
          "[server][calendar]") {
  TestServer s;
  s.now = kMonday;
  const std::string me = s.resident("13876004001");
  const std::string clerk = s.staff("clerk-police", "clerk", "w_police");
  const std::string admin = s.staff("admin1", "admin");
  const std::string sup = s.staff("sup1", "supervisor");
  // 身份证换领, 20 working days from Tue 01-19: 01-19..22 (4), 01-25..29 (9), 02-01..04 (13),
  // then the estimate's 春节 (Fri 02-05, Mon 02-08) skipped: 02-09..12 (17), 02-15..17 (20).
  const std::string renewal = dispatched(s, me, clerk, "id_card_renewal");
  // 居住证, 10 working days: 01-19..22 (4), 01-25..29 (9), Mon 02-01 (10): before any festival.
  const std::string permit = dispatched(s, me, clerk, "residence_permit");
  json before = deadline_of(s, renewal, clerk);
  CHECK(before["due_date"] == "2027-02-17");
  CHECK(before["provisional"] == true);
  CHECK(deadline_of(s, permit, clerk)["due_date"] == "2027-02-01");
  CHECK(deadline_of(s, permit, clerk)["provisional"] == true);
  const auto calendar_etag = s.get("/api/v1/calendar").headers.find("ETag")->second;

  SECTION("a schedule with mistakes is refused, each at its place, and changes nothing") {
    json bad = schedule_2027();
    bad["holidays"]["2027-02-30"] = "春节";
    bad["workdays"]["2027-02-17"] = "春节";  // a Wednesday: make-up days are weekend days
    bad["holidays"]["2026-12-31"] = "元旦";
    auto r = s.post("/api/v1/admin/calendar/schedules", bad, admin);
    INFO(r.text);
    CHECK(r.status == 422);
    CHECK(r.body["error"]["code"] == "calendar_schedule_invalid");
    std::set<std::string> got;
    for (const auto& p : r.body["problems"])
      got.insert(p["path"].get<std::string>() + " " + p["code"].get<std::string>());
    CHECK(got == std::set<std::string>{"/holidays/2027-02-30 schedule.bad_date",
                                       "/workdays/2027-02-17 schedule.not_weekend",
                                       "/holidays/2026-12-31 schedule.other_year"});
    json skip = schedule_2027();
    skip["year"] = 2028;
    CHECK(s.post("/api/v1/admin/calendar/schedules", skip, admin).body["problems"][0]["code"] == "schedule.bad_year");
    CHECK(s.post("/api/v1/admin/calendar/schedules", schedule_2027(), sup).status == 403);
    CHECK(deadline_of(s, renewal, clerk) == before);
  }

  SECTION("a preview lists the changes and publishes nothing; publishing puts them in force at once") {
    json preview = schedule_2027();
    preview["dry_run"] = true;
    auto p = s.post("/api/v1/admin/calendar/schedules", preview, admin);
    INFO(p.text);
    REQUIRE(p.status == 200);
    CHECK(p.body["published"] == false);
    REQUIRE(p.body["changes"].size() == 2);
    CHECK(deadline_of(s, renewal, clerk) == before);
    CHECK(s.get("/api/v1/admin/calendar", admin).body["versions"].empty());

    auto r = s.post("/api/v1/admin/calendar/schedules", schedule_2027(), admin);
    INFO(r.text);
    REQUIRE(r.status == 200);
    CHECK(r.body["published"] == true);
    CHECK(r.body["last_year"] == 2027);
    CHECK(r.body["changes"] == p.body["changes"]);
    // 02-01..04 (13), 春节 02-05..12, 02-15..19 (18), Saturday 02-20 worked (19), Mon 02-22 (20).
    const json after = deadline_of(s, renewal, clerk);
    CHECK(after["due_date"] == "2027-02-22");
    CHECK(after["provisional"] == false);
    CHECK(deadline_of(s, permit, clerk)["due_date"] == "2027-02-01");
    CHECK(deadline_of(s, permit, clerk)["provisional"] == false);

    // What supervisors see: the renewal moved, the permit made official on the same day.
    auto seen = s.get("/api/v1/staff/supervision/due-changes", sup);
    INFO(seen.text);
    REQUIRE(seen.status == 200);
    CHECK(seen.body["calendar"]["last_year"] == 2027);
    const json* moved = change_of(seen.body["changes"], renewal);
    REQUIRE(moved);
    CHECK((*moved)["before"] == json{{"due_date", "2027-02-17"}, {"provisional", true}});
    CHECK((*moved)["after"] == json{{"due_date", "2027-02-22"}, {"provisional", false}});
    CHECK((*moved)["moved"] == true);
    CHECK((*moved)["target_name"] == "居民身份证换领");
    const json* official = change_of(seen.body["changes"], permit);
    REQUIRE(official);
    CHECK((*official)["moved"] == false);
    CHECK((*official)["after"]["provisional"] == false);

    // The page's calendar is the new one (a new ETag), and the core answers by it.
    auto cal = s.get("/api/v1/calendar");
    CHECK(cal.headers.find("ETag")->second != calendar_etag);
    CHECK(cal.body["last_year"] == 2027);
    CHECK_FALSE(cal.body["estimate"]["years"].contains("2027"));
    auto info = s.get("/api/v1/admin/calendar", admin);
    CHECK(info.body["in_force"]["source"] == "published");
    CHECK(info.body["versions"].size() == 1);
    CHECK(info.body["versions"][0]["published_by"] == "admin1");
    const auto trail = s.get("/api/v1/admin/audit?kind=calendar_published", admin);
    REQUIRE(trail.body["entries"].size() == 1);
    CHECK(trail.body["entries"][0]["detail"]["changed"] == 2);

    // Another server of the database (or this one restarted) starts with the published
    // calendar, and takes a later publication when it polls.
    yilu::server::AppOptions o;
    o.data_dir = s.dir() + "/data";
    o.db_url = s.db_url();
    o.catalog_path = std::string(YILU_SOURCE_DIR) + "/core/data/catalog/sanya.json";
    auto other = yilu::server::make_app(o);
    REQUIRE(other.ok());
    CHECK(other.value()->engine()->calendar()->last_year() == 2027);
    auto hainan = s.post("/api/v1/admin/calendar/schedules",
                         {{"year", 2027}, {"region", "hainan"}, {"holidays", {{"2027-04-09", "三月三"}}}}, admin);
    INFO(hainan.text);
    REQUIRE(hainan.status == 200);
    CHECK(hainan.body["summary"] == "2027 年海南省节假日安排（放假 1 天，调休上班 0 天）");
    auto adopted = yilu::server::adopt_published_calendar(*other.value());
    REQUIRE(adopted.ok());
    CHECK(adopted.value());
    CHECK(other.value()->calendar_state()->id == hainan.body["calendar"]["id"]);
    CHECK(s.app().calendar_state()->id == hainan.body["calendar"]["id"]);
  }
}
