// A generated year (demo/demo_year.hpp) on the test server: every application's history is
// the workflow's own, and the supervision center's figures read from it add up to what a walk
// over every application and task computes by itself — the on-time figures per department,
// the 好差评 counts and follow-ups, the 催办 per department. The same seed gives the same year
// whatever the number of writers (two or one: more than the two cores here would only
// make the PostgreSQL run retry serialization failures on its few small index pages).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "demo/demo_year.hpp"
#include "figures_rollup.hpp"
#include "test_server.hpp"
#include "workflow/rating_facts.hpp"
#include "workflow/task_results.hpp"

using namespace yilu::test;
using namespace yilu::server;

namespace {

constexpr yilu::Timestamp kDay = 86400;

demo::DemoYearOptions small_year(int threads) {
  demo::DemoYearOptions o;
  o.applications = 300;
  o.seed = 7;
  o.until = kTestNow;
  o.days = 120;
  o.threads = threads;
  return o;
}

std::vector<Application> every_application(App& app) {
  auto all = app.store->applications_by_status("", workflow::every_app_status());
  REQUIRE(all.ok());
  return all.value();
}

}  // namespace

TEST_CASE("a generated year: the on-time figures, ratings and 催办 add up to a walk over every application",
          "[server][supervision][demo]") {
  TestServer s;
  App& app = s.app();
  auto filled = demo::fill_demo_year(app, small_year(2));
  INFO((filled.ok() ? std::string() : filled.error().code + " " + filled.error().message));
  REQUIRE(filled.ok());
  const demo::DemoYearStats& stats = filled.value();
  CHECK(stats.applications == 300);
  std::int64_t counted = 0;
  for (const auto& [status, n] : stats.by_status) counted += n;
  CHECK(counted == 300);

  const auto apps = every_application(app);
  REQUIRE(apps.size() == 300);

  // The walk: each decided review's figures as the workflow computes them for one task, summed
  // here per department; ratings and follow-ups counted from the applications themselves.
  struct Sum {
    std::int64_t decided = 0, on_time = 0, taken = 0, limit = 0;
  };
  std::map<std::string, Sum> by_department;
  std::int64_t rated = 0, bad = 0, good = 0, reminders = 0;
  std::set<std::string> statuses;
  std::map<std::pair<std::int32_t, std::string>, std::int64_t> steps_by_day;  // volumes: (day, kind)
  std::set<std::string> windows_filed;
  for (const auto& a : apps) {
    statuses.insert(workflow::name(a.status));
    CHECK(a.submitted_at <= kTestNow);
    CHECK(a.submitted_at > kTestNow - 121 * kDay);
    auto events = app.store->events_of(a.id);
    REQUIRE(events.ok());
    for (const auto& e : events.value())
      for (const char* k : {"submitted", "accepted", "issued", "refused", "rejected"})
        if (e.kind == k) ++steps_by_day[{yilu::cst_date(e.at).days, e.kind}];
    auto tasks = app.store->tasks_of(a.id);
    REQUIRE(tasks.ok());
    for (const auto& t : tasks.value()) {
      reminders += static_cast<std::int64_t>(t.reminders.size());
      if (t.kind != workflow::TaskKind::Review || workflow::is_open(t.status)) continue;
      const auto r = workflow::task_result(*app.engine(), a, t);
      REQUIRE(r);
      Sum& d = by_department[t.department];
      ++d.decided;
      d.on_time += r->on_time ? 1 : 0;
      d.taken += r->workdays_taken;
      d.limit += r->limit_days;
    }
    if (a.rating) {
      ++rated;
      bad += workflow::bad_score(a.rating->score) ? 1 : 0;
      good += workflow::good_score(a.rating->score) ? 1 : 0;
    }
  }
  // A living year: every kind of ending, open work at the end, late reviews, bad ratings.
  for (const char* st : {"issued", "closed", "refused", "withdrawn", "dispatched", "supplement_requested"})
    CHECK(statuses.count(st) == 1);
  std::int64_t decided = 0, on_time = 0;
  for (const auto& [dep, d] : by_department) {
    decided += d.decided;
    on_time += d.on_time;
  }
  CHECK(decided > 200);
  CHECK(on_time < decided);
  CHECK(on_time * 10 > decided * 8);
  CHECK(rated > 50);
  CHECK(bad > 0);
  CHECK(reminders == stats.reminders);

  // The stored figures, summed by SQL, are the walk's: read from the facts, then from the daily
  // counts once the days are rolled up (a month at a time), then from both (a partial roll-up).
  const auto figures_add_up = [&] {
    ResultQuery q;
    q.from_day = yilu::cst_date(kTestNow - 400 * kDay).days;
    q.to_day = yilu::cst_date(kTestNow + 400 * kDay).days;
    auto groups = app.store->result_groups(q, ResultBy::Department);
    REQUIRE(groups.ok());
    REQUIRE(groups.value().size() == by_department.size());
    for (const auto& g : groups.value()) {
      INFO(g.key);
      const Sum& d = by_department.at(g.key);
      CHECK(g.decided == d.decided);
      CHECK(g.on_time == d.on_time);
      CHECK(g.workdays_taken_sum == d.taken);
      CHECK(g.limit_days_sum == d.limit);
    }
    RatingQuery rq;
    rq.dimension = "center";
    rq.from_day = q.from_day;
    rq.to_day = q.to_day;
    auto center = app.store->rating_groups(rq);
    REQUIRE(center.ok());
    REQUIRE(center.value().size() == 1);
    CHECK(center.value()[0].rated == rated);
    CHECK(center.value()[0].good == good);
    CHECK(center.value()[0].bad == bad);
    auto open = app.store->follow_ups(true, "", 100000);
    REQUIRE(open.ok());
    CHECK(static_cast<std::int64_t>(open.value().size()) == bad);
    auto pressed = app.store->reminder_groups(kTestNow - 400 * kDay, kTestNow + kDay);
    REQUIRE(pressed.ok());
    std::int64_t pressed_total = 0;
    for (const auto& g : pressed.value()) pressed_total += g.by_staff + g.automatic;
    CHECK(pressed_total == stats.reminders);
    auto volumes = app.store->volume_days(q.from_day, q.to_day, "");
    REQUIRE(volumes.ok());
    std::map<std::pair<std::int32_t, std::string>, std::int64_t> volumes_by_day;
    for (const auto& v : volumes.value()) volumes_by_day[{v.day, v.kind}] = v.count;
    CHECK(volumes_by_day == steps_by_day);
  };
  figures_add_up();
  const std::int32_t yesterday_but_one = yilu::cst_date(kTestNow).days - 2;
  auto part = app.store->roll_up_supervision(yesterday_but_one - 40, 31);
  REQUIRE(part.ok());
  CHECK(part.value() > yilu::cst_date(kTestNow - 121 * kDay).days);
  CHECK(part.value() < yesterday_but_one - 40);
  figures_add_up();
  CHECK(roll_up_figures(app) == yesterday_but_one);
  figures_add_up();
  // Rolling again changes nothing.
  CHECK(roll_up_figures(app) == yesterday_but_one);
  figures_add_up();

  // The supervision center answers over HTTP from the same data.
  const std::string sup = s.staff("sup", "supervisor");
  auto reply = s.get("/api/v1/staff/supervision/on_time?by=department&from=2026-07-01&to=2026-11-26", sup);
  INFO(reply.text);
  CHECK(reply.status == 200);
  CHECK(!reply.body["groups"].empty());

  SECTION("the same seed gives the same year with one writer") {
    TestServer again;
    auto second = demo::fill_demo_year(again.app(), small_year(1));
    INFO((second.ok() ? std::string() : second.error().code + " " + second.error().message));
    REQUIRE(second.ok());
    CHECK(second.value().by_status == stats.by_status);
    CHECK(second.value().steps == stats.steps);
    std::map<std::string, std::string> first_ids, second_ids;
    for (const auto& a : apps) first_ids[a.id] = workflow::name(a.status);
    for (const auto& a : every_application(again.app())) second_ids[a.id] = workflow::name(a.status);
    CHECK(first_ids == second_ids);
  }
}
