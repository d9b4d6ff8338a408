#include "yilu/date.hpp"

#include <cstdint>
#include <string>

#include "detail/digits.hpp"

namespace yilu {
namespace {

using detail::fixed_digits;

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
// calendar, branch-light, no tables.
std::int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// As printf's "%0*d": the sign counts in the width. Written by hand because snprintf pulls
// libc's whole printf (with its float formatting) into the wasm core's first-use compile.
// Writes at `out` (room for 20 digits and a sign) and returns the end.
char* put_padded(char* out, std::int64_t v, int width) {
  if (v < 0) {
    *out++ = '-';
    --width;
  }
  std::uint64_t u = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  for (int i = n; i < width; ++i) *out++ = '0';
  while (n > 0) *out++ = digits[--n];
  return out;
}

void append_padded(std::string& out, std::int64_t v, int width) {
  char buf[24];
  out.append(buf, static_cast<std::size_t>(put_padded(buf, v, width) - buf));
}

int days_in_month(int year, int month) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

Date date_from_ymd(int year, int month, int day) { return Date{days_from_civil(year, month, day)}; }

Ymd ymd_from_date(Date date) {
  const int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return Ymd{yoe + era * 400 + (m <= 2), m, d};
}

std::optional<Date> make_date(int year, int month, int day) {
  if (year < 1800 || year > 2199 || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return date_from_ymd(year, month, day);
}

std::optional<Date> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!fixed_digits(s, 0, 4, y) || !fixed_digits(s, 5, 2, m) || !fixed_digits(s, 8, 2, d)) return std::nullopt;
  return make_date(y, m, d);
}

DateText::DateText(Date date) {
  const Ymd v = ymd_from_date(date);
  char* end = put_padded(chars_, v.year, 4);
  *end++ = '-';
  end = put_padded(end, v.month, 2);
  *end++ = '-';
  end = put_padded(end, v.day, 2);
  size_ = static_cast<std::uint8_t>(end - chars_);
}

std::string format_date(Date date) { return std::string(DateText(date).view()); }

int iso_weekday(Date d) {
  // 1970-01-01 was a Thursday (4).
  const int r = (d.days % 7 + 7) % 7;  // 0 = Thursday
  return (r + 3) % 7 + 1;
}

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  if (s.size() == 10) {
    const auto d = parse_date(s);
    if (!d) return std::nullopt;
    return static_cast<Timestamp>(d->days) * 86400 - kCstOffsetSeconds;
  }
  if (s.size() < 20 || (s[10] != 'T' && s[10] != ' ')) return std::nullopt;
  const auto d = parse_date(s.substr(0, 10));
  int hh = 0, mm = 0, ss = 0;
  if (!d || s[13] != ':' || s[16] != ':' || !fixed_digits(s, 11, 2, hh) || !fixed_digits(s, 14, 2, mm) ||
      !fixed_digits(s, 17, 2, ss) || hh > 23 || mm > 59 || ss > 59)
    return std::nullopt;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {  // fractional seconds are accepted and dropped
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start || pos - start > 9) return std::nullopt;
  }
  std::int64_t offset = 0;
  const std::string_view zone = s.substr(pos);
  if (zone == "Z" || zone == "z") {
    offset = 0;
  } else {
    int oh = 0, om = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' || !fixed_digits(zone, 1, 2, oh) ||
        !fixed_digits(zone, 4, 2, om) || oh > 14 || om > 59)
      return std::nullopt;
    offset = (zone[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  return static_cast<Timestamp>(d->days) * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

Date cst_date(Timestamp t) {
  const std::int64_t local = t + kCstOffsetSeconds;
  const std::int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  return Date{static_cast<std::int32_t>(day)};
}

Timestamp cst_end_of_day(Date d) { return static_cast<Timestamp>(d.days) * 86400 + 86399 - kCstOffsetSeconds; }

std::string format_timestamp_cst(Timestamp t) {
  const Date d = cst_date(t);
  const std::int64_t secs = t + kCstOffsetSeconds - static_cast<std::int64_t>(d.days) * 86400;
  std::string out = format_date(d);
  out.push_back('T');
  append_padded(out, secs / 3600, 2);
  out.push_back(':');
  append_padded(out, secs / 60 % 60, 2);
  out.push_back(':');
  append_padded(out, secs % 60, 2);
  out += "+08:00";
  return out;
}

}  // namespace yilu
