#include <catch2/catch.hpp>

#include "support/test_files.hpp"
#include "yilu/calendar.hpp"

using namespace yilu;

namespace {

const Calendar& real_calendar() {
  static const Calendar cal = [] {
    auto r = Calendar::from_json(test::calendar_text());
    REQUIRE(r.ok());
    return r.value();
  }();
  return cal;
}

Date d(const char* s) { return *parse_date(s); }

// The naive definition, walked day by day: the reference for the table-driven answers.
Date walk(const Calendar& cal, Date from, std::int64_t n, std::string_view region = {}) {
  Date x = from;
  while (n > 0) {
    x.days += 1;
    if (cal.day_info(x, region).value().workday) --n;
  }
  return x;
}

}  // namespace

TEST_CASE("the working-day rule on the published schedule", "[calendar]") {
  const Calendar& cal = real_calendar();
  CHECK(cal.first_year() == 2004);
  CHECK(cal.last_year() == 2026);
  CHECK(cal.day_info(d("2026-02-14")).value().workday);  // make-up Saturday
  CHECK(cal.day_info(d("2026-02-14")).value().makeup_workday);
  CHECK_FALSE(cal.day_info(d("2026-02-16")).value().workday);  // Spring Festival Monday
  CHECK(cal.day_info(d("2026-02-16")).value().holiday == "春节");
  CHECK_FALSE(cal.day_info(d("2026-11-28")).value().workday);  // plain Saturday
  CHECK(cal.day_info(d("2026-11-28")).value().holiday.empty());
  CHECK(cal.day_info(d("2026-11-26")).value().workday);
  CHECK_FALSE(cal.day_info(d("2026-11-26")).value().provisional);
}

TEST_CASE("add_workdays agrees with a day-by-day walk everywhere", "[calendar]") {
  const Calendar& cal = real_calendar();
  for (Date x = d("2004-01-01"); x < d("2035-06-01"); x.days += 3) {
    for (const std::int64_t n : {1, 2, 5, 11, 20, 36, 60}) {
      const auto r = cal.add_workdays(x, n);
      REQUIRE(r.ok());
      REQUIRE(r.value().date == walk(cal, x, n));
      REQUIRE(r.value().provisional == (ymd_from_date(r.value().date).year > 2026));
    }
  }
}

TEST_CASE("workdays_between inverts add_workdays", "[calendar]") {
  const Calendar& cal = real_calendar();
  for (Date x = d("2023-11-01"); x < d("2027-03-01"); x.days += 5) {
    const auto r = cal.add_workdays(x, 20);
    REQUIRE(r.ok());
    CHECK(cal.workdays_between(x, r.value().date).value() == 20);
    CHECK(cal.workdays_between(r.value().date, x).value() == -20);
  }
}

TEST_CASE("years past the last published one are provisional estimates", "[calendar]") {
  const Calendar& cal = real_calendar();
  const auto ny = cal.day_info(d("2027-01-01")).value();
  CHECK_FALSE(ny.workday);
  CHECK(ny.holiday == "元旦");
  CHECK(ny.provisional);
  CHECK_FALSE(cal.day_info(d("2027-02-08")).value().workday);  // 春节 (lunar date from the data)
  CHECK(cal.day_info(d("2027-02-09")).value().workday);        // no make-up days are guessed
  CHECK(cal.day_info(d("2030-03-04")).value().provisional);    // weekend rule only
  CHECK(cal.day_info(d("2003-12-31")).error().code == "date_before_calendar");
  CHECK(cal.day_info(d("2037-01-01")).error().code == "date_after_calendar");
  CHECK(cal.add_workdays(d("2036-12-30"), 5).error().code == "days_out_of_range");
  CHECK(cal.add_workdays(d("2024-01-01"), 0).error().code == "days_out_of_range");
  CHECK(cal.add_workdays(d("2024-01-01"), -1).error().code == "days_out_of_range");
  CHECK(cal.add_workdays(d("2024-01-01"), 1000000000000LL).error().code == "days_out_of_range");
}

TEST_CASE("a region overlay adds local rest days on top of the national schedule", "[calendar]") {
  const Calendar& cal = real_calendar();
  CHECK(cal.day_info(d("2024-04-11")).value().workday);  // national: a Thursday at work
  const auto local = cal.day_info(d("2024-04-11"), "hainan").value();
  CHECK_FALSE(local.workday);
  CHECK(local.holiday == "三月三");
  // 2024-04-10 + 1 working day: national 04-11, in the region the Monday after (04-15).
  CHECK(format_date(cal.add_workdays(d("2024-04-10"), 1).value().date) == "2024-04-11");
  CHECK(format_date(cal.add_workdays(d("2024-04-10"), 1, "hainan").value().date) == "2024-04-15");
  CHECK(cal.add_workdays(d("2024-04-10"), 30, "hainan").value().date == walk(cal, d("2024-04-10"), 30, "hainan"));
  CHECK(cal.day_info(d("2024-04-11"), "atlantis").error().code == "unknown_region");
}

TEST_CASE("a calendar file is data: replaced text, new answers, bad text rejected with a path", "[calendar]") {
  const char* tiny = R"({"first_year":2030,"last_year":2030,
    "years":{"2030":{"holidays":{"2030-01-01":"元旦"},"workdays":{"2030-01-05":"测试"}}},
    "estimate":{"through_year":2031}})";
  auto cal = Calendar::from_json(tiny);
  REQUIRE(cal.ok());
  CHECK_FALSE(cal.value().day_info(d("2030-01-01")).value().workday);
  CHECK(cal.value().day_info(d("2030-01-05")).value().workday);  // a Saturday made a workday
  CHECK(cal.value().add_workdays(d("2029-12-31"), 1).error().code == "date_before_calendar");
  CHECK(format_date(cal.value().add_workdays(d("2030-01-01"), 3).value().date) == "2030-01-04");
  CHECK(cal.value().version() != real_calendar().version());

  const auto bad_date =
      Calendar::from_json(R"({"first_year":2030,"last_year":2030,"years":{"2030":{"holidays":{"2030-02-30":"x"}}}})");
  REQUIRE_FALSE(bad_date.ok());
  CHECK(bad_date.error().code == "calendar_invalid");
  CHECK(bad_date.error().path == "/years/2030/holidays/2030-02-30");
  CHECK_FALSE(Calendar::from_json("not json").ok());
  CHECK_FALSE(Calendar::from_json(R"({"first_year":2030,"last_year":2020,"years":{}})").ok());
  CHECK(Calendar::from_json(R"({"first_year":2030,"last_year":2030,"years":{},"estimate":{"through_year":99999}})")
            .error()
            .path == "/estimate/through_year");
  CHECK(Calendar::from_json(R"({"first_year":2030,"last_year":2030,"years":{"2031":{}}})").error().path ==
        "/years/2031");
}
