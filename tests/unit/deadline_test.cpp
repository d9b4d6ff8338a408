#include <catch2/catch.hpp>

#include <utility>

#include "support/test_files.hpp"
#include "yilu/deadline.hpp"

using namespace yilu;

namespace {

const Calendar& cal() {
  static const Calendar c = Calendar::from_json(test::calendar_text()).value();
  return c;
}
Timestamp ts(const char* s) { return *parse_timestamp(s); }
std::string due_of(const DeadlineInput& in, const char* now) {
  const auto r = compute_deadline(cal(), in, ts(now));
  REQUIRE(r.ok());
  return format_date(r.value().due_date);
}

}  // namespace

TEST_CASE("the due date is the N-th working day strictly after acceptance", "[deadline]") {
  DeadlineInput in;
  in.accepted_at = ts("2024-09-27T16:30:00+08:00");
  in.limit_days = 20;
  CHECK(due_of(in, "2024-09-27T17:00:00+08:00") == "2024-10-30");
  // Acceptance late in the evening UTC is the next day in China.
  in.accepted_at = ts("2024-09-26T17:00:00Z");
  CHECK(due_of(in, "2024-09-27T17:00:00+08:00") == "2024-10-30");
  // When the acceptance day counts, a working acceptance day is day 1.
  in.accepted_at = ts("2024-09-27T09:00:00+08:00");
  in.counts_acceptance_day = true;
  CHECK(due_of(in, "2024-09-27T17:00:00+08:00") == "2024-10-29");
  // … and a Sunday acceptance (online, say) changes nothing: day 1 is the next working day.
  in.accepted_at = ts("2024-09-22T09:00:00+08:00");
  const std::string counted = due_of(in, "2024-09-22T10:00:00+08:00");
  in.counts_acceptance_day = false;
  CHECK(due_of(in, "2024-09-22T10:00:00+08:00") == counted);
}

TEST_CASE("Art. 45 pauses and Art. 42 extensions move the due date", "[deadline]") {
  DeadlineInput in;
  in.accepted_at = ts("2024-03-01T10:00:00+08:00");
  in.limit_days = 20;
  const std::string plain = due_of(in, "2024-03-02T00:00:00+08:00");
  CHECK(plain == "2024-03-29");
  // A pause from Tue 03-05 to Tue 03-12 stops the working days in (03-05, 03-12]: 5 of them.
  in.pauses.push_back(Pause{ts("2024-03-05T09:00:00+08:00"), ts("2024-03-12T17:00:00+08:00")});
  const auto paused = compute_deadline(cal(), in, ts("2024-03-20T00:00:00+08:00")).value();
  CHECK(paused.paused_workdays == 5);
  CHECK(format_date(paused.due_date) == "2024-04-08");  // 03-29 + 5 working days across 清明 (04-04..06)
  in.extension_days = 10;
  CHECK(format_date(compute_deadline(cal(), in, ts("2024-03-20T00:00:00+08:00")).value().due_date) ==
        format_date(cal().add_workdays(*parse_date("2024-04-08"), 10).value().date));
  // An open pause keeps moving the due date until "now".
  DeadlineInput open;
  open.accepted_at = in.accepted_at;
  open.limit_days = 20;
  open.pauses.push_back(Pause{ts("2024-03-05T09:00:00+08:00"), std::nullopt});
  const auto a = compute_deadline(cal(), open, ts("2024-03-06T09:00:00+08:00")).value();
  const auto b = compute_deadline(cal(), open, ts("2024-03-08T09:00:00+08:00")).value();
  CHECK(a.paused_now);
  CHECK(a.paused_workdays == 1);
  CHECK(b.paused_workdays == 3);
  CHECK(b.due_date > a.due_date);
  // A pause that ends before it starts is refused.
  DeadlineInput bad = open;
  bad.pauses[0].end = ts("2024-03-04T09:00:00+08:00");
  CHECK(compute_deadline(cal(), bad, ts("2024-03-08T09:00:00+08:00")).error().code == "bad_interval");
  bad.limit_days = 0;
  CHECK(compute_deadline(cal(), bad, ts("2024-03-08T09:00:00+08:00")).error().code == "days_out_of_range");
}

TEST_CASE("supervision levels: normal, yellow, red, overdue", "[deadline]") {
  DeadlineInput in;
  in.accepted_at = ts("2024-09-27T10:00:00+08:00");
  in.limit_days = 20;
  const Deadline d = compute_deadline(cal(), in, ts("2024-09-27T10:00:00+08:00")).value();
  const auto level = [&](const char* now) { return supervise(cal(), d, ts(now), default_yellow_days(20)).value(); };
  CHECK(default_yellow_days(20) == 4);
  CHECK(default_yellow_days(1) == 1);
  CHECK(level("2024-10-08T09:00:00+08:00").level == Supervision::Normal);
  CHECK(level("2024-10-24T09:00:00+08:00").level == Supervision::Yellow);  // 4 working days left
  CHECK(level("2024-10-24T09:00:00+08:00").remaining_workdays == 4);
  CHECK(level("2024-10-23T09:00:00+08:00").level == Supervision::Normal);  // 5 left
  CHECK(level("2024-10-30T23:59:59+08:00").level == Supervision::Red);
  CHECK(level("2024-10-31T00:00:00+08:00").level == Supervision::Overdue);
  CHECK(std::string(supervision_name(Supervision::Overdue)) == "overdue");
}

TEST_CASE("the default yellow threshold is a fifth of the limit rounded up, at least one working day", "[deadline]") {
  // ceil(limit / 5): the limits that are not multiples of five are the ones rounding decides.
  const std::pair<std::int64_t, std::int64_t> expected[] = {{1, 1},  {2, 1},  {5, 1},  {6, 2},  {7, 2},   {10, 2},
                                                            {11, 3}, {15, 3}, {16, 4}, {21, 5}, {60, 12}, {61, 13}};
  for (const auto& [limit, yellow] : expected) {
    INFO("limit " << limit);
    CHECK(default_yellow_days(limit) == yellow);
  }
  // A seven-day item: two working days left is already yellow, three is not.
  DeadlineInput in;
  in.accepted_at = ts("2024-09-02T10:00:00+08:00");  // a Monday, before the 中秋 days
  in.limit_days = 7;
  const Deadline d = compute_deadline(cal(), in, ts("2024-09-02T10:00:00+08:00")).value();
  REQUIRE(format_date(d.due_date) == "2024-09-11");
  const auto level = [&](const char* now) {
    return supervise(cal(), d, ts(now), default_yellow_days(in.limit_days)).value();
  };
  CHECK(level("2024-09-09T09:00:00+08:00").remaining_workdays == 2);
  CHECK(level("2024-09-09T09:00:00+08:00").level == Supervision::Yellow);
  CHECK(level("2024-09-06T09:00:00+08:00").remaining_workdays == 3);
  CHECK(level("2024-09-06T09:00:00+08:00").level == Supervision::Normal);
}
