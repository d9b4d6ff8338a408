#pragma once
/// Chinese working days: Mon–Fri work, Sat/Sun rest, except the State Council's official
/// holidays (rest) and make-up workdays (work). The schedule is data (JSON text handed in by
/// the caller); this class only indexes it so that every query is a few table lookups.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yilu/date.hpp"
#include "yilu/error.hpp"

namespace yilu {

/// What the calendar says about one day.
struct DayInfo {
  bool workday = false;
  std::string_view holiday;     ///< festival name of an official holiday or make-up day; empty if none
  bool makeup_workday = false;  ///< a weekend day that is an official working day (调休上班)
  bool provisional = false;     ///< the year is after the last published schedule: an estimate
};

/// A working-day answer for add_workdays.
struct WorkdayDate {
  Date date;
  bool provisional = false;
};

class Calendar {
 public:
  /// Parses and indexes the calendar JSON (format in docs/calendar.md). Fails with code
  /// `calendar_invalid` and a JSON-pointer path to the first offending entry.
  static Result<Calendar> from_json(std::string_view json_text);

  /// The day's status. Errors: `date_before_calendar` (before the first published year),
  /// `date_after_calendar` (past the estimate horizon), `unknown_region`.
  Result<DayInfo> day_info(Date d, std::string_view region = {}) const;

  /// The `n`-th working day strictly after `d` (n ≥ 1), in constant time. Errors as day_info,
  /// plus `days_out_of_range` when n < 1 or the answer lies past the estimate horizon.
  Result<WorkdayDate> add_workdays(Date d, std::int64_t n, std::string_view region = {}) const;

  /// Working days in (from, to]; negative when to < from. Errors as day_info.
  Result<std::int32_t> workdays_between(Date from, Date to, std::string_view region = {}) const;

  /// Whether the day's year is after the last published schedule.
  bool is_provisional(Date d) const { return d > last_published_day_; }

  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }
  int horizon_year() const { return horizon_year_; }
  /// Stable fingerprint of the calendar text (FNV-1a, hex): clients compare it with the server's.
  const std::string& version() const { return version_; }
  /// Region overlay ids, in the data's order.
  std::vector<std::string> regions() const;

 private:
  struct Table {
    std::vector<std::int32_t> workdays_before;  ///< [i] = working days among days [0, i)
    std::vector<std::int32_t> nth_workday;      ///< [k] = day index of the (k+1)-th working day
    std::vector<std::uint16_t> name;            ///< [i] = index into names_ (0 = none)
    std::vector<std::uint8_t> makeup;           ///< [i] = 1 for an official make-up workday
  };
  struct Overlay {
    std::string id;
    Table table;
  };

  const Table* table_for(std::string_view region) const;
  Result<std::int32_t> index_of(Date d) const;

  friend struct CalendarBuilder;
  int first_year_ = 0;
  int last_year_ = 0;
  int horizon_year_ = 0;
  Date first_day_{};
  Date last_published_day_{};
  std::int32_t day_count_ = 0;
  std::vector<std::string> names_;
  Table base_;
  std::vector<Overlay> overlays_;
  std::string version_;
};

}  // namespace yilu
