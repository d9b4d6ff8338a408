#pragma once
/// Civil dates and China Standard Time timestamps. Pure arithmetic: no clock, no time zone
/// database (China Standard Time is UTC+8 all year, without daylight saving).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yilu {

/// A proleptic Gregorian date as a day number (0 = 1970-01-01).
struct Date {
  std::int32_t days = 0;
  friend bool operator==(Date a, Date b) { return a.days == b.days; }
  friend bool operator!=(Date a, Date b) { return a.days != b.days; }
  friend bool operator<(Date a, Date b) { return a.days < b.days; }
  friend bool operator<=(Date a, Date b) { return a.days <= b.days; }
  friend bool operator>(Date a, Date b) { return a.days > b.days; }
  friend bool operator>=(Date a, Date b) { return a.days >= b.days; }
};

struct Ymd {
  int year = 1970;
  int month = 1;
  int day = 1;
};

/// Day number of a valid year-month-day (no validation: see make_date).
Date date_from_ymd(int year, int month, int day);
/// The year, month and day of a day number.
Ymd ymd_from_date(Date d);
/// A date if year/month/day form a real calendar day in years 1800..2199, else nullopt.
std::optional<Date> make_date(int year, int month, int day);
/// Parses exactly "YYYY-MM-DD" naming a real day; nullopt on anything else.
std::optional<Date> parse_date(std::string_view s);
/// "YYYY-MM-DD".
std::string format_date(Date d);

/// format_date's text held in place (no allocation), for writers that copy it straight on.
class DateText {
 public:
  explicit DateText(Date d);
  std::string_view view() const { return std::string_view(chars_, size_); }

 private:
  // "-5881580-07-11", the longest an int32 day number can give, fits.
  char chars_[16];
  std::uint8_t size_ = 0;
};

/// 1 = Monday … 7 = Sunday (ISO 8601).
int iso_weekday(Date d);
/// Whether the year is a Gregorian leap year.
bool is_leap_year(int year);

/// Seconds since 1970-01-01T00:00:00Z.
using Timestamp = std::int64_t;

constexpr std::int64_t kCstOffsetSeconds = 8 * 3600;

/// Parses an RFC 3339 timestamp "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"; a plain date
/// "YYYY-MM-DD" means 00:00:00 China Standard Time. nullopt on anything else.
std::optional<Timestamp> parse_timestamp(std::string_view s);
/// "YYYY-MM-DDTHH:MM:SS+08:00" in China Standard Time.
std::string format_timestamp_cst(Timestamp t);
/// The China Standard Time calendar day that contains the instant.
Date cst_date(Timestamp t);
/// The last second (23:59:59 CST) of a day: "end of that day" for due dates.
Timestamp cst_end_of_day(Date d);

}  // namespace yilu
