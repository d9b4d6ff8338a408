#include <catch2/catch.hpp>

#include "yilu/date.hpp"

using namespace yilu;

TEST_CASE("dates round-trip through day numbers", "[date]") {
  for (int days = date_from_ymd(1800, 1, 1).days; days <= date_from_ymd(2199, 12, 31).days; days += 17) {
    const Date d{days};
    const Ymd v = ymd_from_date(d);
    REQUIRE(date_from_ymd(v.year, v.month, v.day) == d);
    REQUIRE(parse_date(format_date(d)) == std::optional<Date>(d));
  }
  CHECK(format_date(Date{0}) == "1970-01-01");
  CHECK(iso_weekday(Date{0}) == 4);                    // Thursday
  CHECK(iso_weekday(*parse_date("2026-11-26")) == 4);  // Thursday
  CHECK(iso_weekday(*parse_date("2024-02-18")) == 7);  // a make-up Sunday
}

TEST_CASE("parse_date accepts only real YYYY-MM-DD days", "[date]") {
  CHECK(parse_date("2024-02-29"));
  CHECK_FALSE(parse_date("2023-02-29"));
  CHECK_FALSE(parse_date("2100-02-29"));
  CHECK(parse_date("2000-02-29"));
  CHECK_FALSE(parse_date("2024-13-01"));
  CHECK_FALSE(parse_date("2024-04-31"));
  CHECK_FALSE(parse_date("2024-4-1"));
  CHECK_FALSE(parse_date("2024/04/01"));
  CHECK_FALSE(parse_date(""));
  CHECK_FALSE(parse_date("2024-04-01 "));
  CHECK_FALSE(parse_date("+024-04-01"));
}

TEST_CASE("timestamps are read in any offset and shown in China Standard Time", "[date]") {
  const auto a = parse_timestamp("2024-09-27T10:00:00+08:00");
  const auto b = parse_timestamp("2024-09-27T02:00:00Z");
  const auto c = parse_timestamp("2024-09-27T02:00:00.123456Z");
  REQUIRE(a);
  CHECK(a == b);
  CHECK(a == c);
  CHECK(format_timestamp_cst(*a) == "2024-09-27T10:00:00+08:00");
  // 20:00 UTC is already the next day in China.
  CHECK(format_date(cst_date(*parse_timestamp("2024-09-27T20:00:00Z"))) == "2024-09-28");
  CHECK(cst_end_of_day(*parse_date("2024-10-30")) == *parse_timestamp("2024-10-30T23:59:59+08:00"));
  CHECK(parse_timestamp("2024-09-27") == parse_timestamp("2024-09-27T00:00:00+08:00"));
  CHECK_FALSE(parse_timestamp("2024-09-27T24:00:00+08:00"));
  CHECK_FALSE(parse_timestamp("2024-09-27T10:00:00"));
  CHECK_FALSE(parse_timestamp("2024-09-27T10:00:00+8:00"));
  CHECK_FALSE(parse_timestamp("2024-09-27T10:00:00.Z"));
}

TEST_CASE("dates and times are written zero-padded, as printf's %04d and %02d would", "[date]") {
  CHECK(format_date(date_from_ymd(999, 3, 7)) == "0999-03-07");
  CHECK(format_date(date_from_ymd(12345, 1, 1)) == "12345-01-01");
  CHECK(format_date(date_from_ymd(-5, 1, 1)) == "-005-01-01");
  CHECK(format_timestamp_cst(*parse_timestamp("2024-09-27T01:02:03+08:00")) == "2024-09-27T01:02:03+08:00");
  CHECK(format_timestamp_cst(*parse_timestamp("2024-12-31T16:00:00Z")) == "2025-01-01T00:00:00+08:00");
  CHECK(format_timestamp_cst(*parse_timestamp("2024-09-27T15:59:59Z")) == "2024-09-27T23:59:59+08:00");
}
