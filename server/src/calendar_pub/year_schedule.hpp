#pragma once
// A year's holiday schedule as an administrator enters it — the State Council's notice (each
// year around November) or a region's overlay such as Hainan's 三月三 — merged into the calendar
// in force (docs/calendar.md), then checked by the core's calendar loader. Pure: text in, text
// and problems out; publishing and the due dates it moves are calendar_publication's.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace yilu::server {

struct ScheduleProblem {
  std::string path;  ///< JSON pointer into the request ("/holidays/2027-02-30")
  std::string code;  ///< stable: schedule.bad_date, schedule.not_weekend, …
  std::string message;
};

struct ScheduleMerge {
  std::string text;     ///< the new calendar JSON (empty when there are problems)
  std::string summary;  ///< for people: "2027 年全国节假日安排（节假日 28 天，调休上班 6 天）"
  int last_year = 0;    ///< the new calendar's last published year
  std::vector<ScheduleProblem> problems;
};

/// `request`: {"year": 2027, "region": "" | "hainan", "region_name": "海南省" (a new region),
///   "holidays": {"2027-02-06": "春节", …}, "workdays": {"2027-02-14": "春节", …},
///   "notice": "https://www.gov.cn/…"}.
/// The national schedule may replace a published year or add the next one (never skip a year);
/// the added year stops being an estimate (provisional). A region's replaces that region's year.
ScheduleMerge merge_year_schedule(std::string_view calendar_text, const nlohmann::json& request);

}  // namespace yilu::server
