#include "calendar_pub/year_schedule.hpp"

#include "yilu/calendar.hpp"
#include "yilu/date.hpp"

namespace yilu::server {
namespace {

using json = nlohmann::ordered_json;

constexpr std::size_t kMaxNameBytes = 60;  // 20 characters of Chinese

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

class Merger {
 public:
  explicit Merger(const nlohmann::json& request) : req_(request) {}

  ScheduleMerge run(std::string_view calendar_text) {
    json cal = json::parse(calendar_text, nullptr, false);
    if (cal.is_discarded() || !cal.is_object()) {
      problem("", "schedule.calendar_unreadable", "现行日历无法读取");
      return std::move(out_);
    }
    if (!req_.is_object()) {
      problem("", "schedule.bad_request", "请求应为 JSON 对象");
      return std::move(out_);
    }
    const int last_year = cal.value("last_year", 0);
    const int first_year = cal.value("first_year", 0);
    int year = 0;
    if (!req_.contains("year") || !req_["year"].is_number_integer()) {
      problem("/year", "schedule.bad_year", "请填写年份（如 2027）");
    } else {
      year = req_["year"].get<int>();
    }
    const std::string region = req_.value("region", std::string());
    const bool national = region.empty();
    if (year != 0 && national && (year < first_year || year > last_year + 1))
      problem("/year", "schedule.bad_year",
              "全国安排只能更正 " + std::to_string(first_year) + "–" + std::to_string(last_year) + " 年或发布 " +
                  std::to_string(last_year + 1) + " 年（不能跳过年份）");
    if (!national && (!cal.contains("regions") || !cal["regions"].contains(region)) &&
        req_.value("region_name", std::string()).empty())
      problem("/region_name", "schedule.missing_region_name", "新的地方安排需要填写地区名称（如 海南省）");
    json holidays = days(year, "holidays");
    json workdays = days(year, "workdays");
    for (auto it = workdays.begin(); it != workdays.end(); ++it) {
      const auto d = parse_date(it.key());
      if (holidays.contains(it.key()))
        problem("/workdays/" + it.key(), "schedule.both", it.key() + " 不能既是放假日又是调休上班日");
      else if (d && national && weekday(*d) < 6)
        problem("/workdays/" + it.key(), "schedule.not_weekend", it.key() + " 是工作日，调休上班日应为周六或周日");
    }
    if (national && holidays.empty()) problem("/holidays", "schedule.no_holidays", "全国安排应至少有一天放假");
    if (!out_.problems.empty()) return std::move(out_);

    json entry = {{"holidays", holidays}};
    if (!workdays.empty()) entry["workdays"] = workdays;
    const std::string key = std::to_string(year);
    if (national) {
      cal["years"][key] = entry;
      if (year > last_year) cal["last_year"] = year;
      if (const std::string notice = req_.value("notice", std::string()); !notice.empty())
        cal["notices"][key] = json::array({notice});
      // The year is published now: its estimate (lunar festivals) no longer applies; the
      // estimate's horizon moves with it when it would end before the new last year.
      if (cal.contains("estimate") && cal["estimate"].is_object()) {
        json& est = cal["estimate"];
        if (est.contains("years") && est["years"].is_object()) est["years"].erase(key);
        if (est.contains("through_year") && est["through_year"].is_number_integer() &&
            est["through_year"].get<int>() <= year)
          est["through_year"] = year + 10;
      }
    } else {
      json& r = cal["regions"][region];
      if (!r.contains("name")) r["name"] = req_.value("region_name", region);
      r["years"][key] = entry;
    }
    const std::string scope = national ? std::string("全国") : cal["regions"][region].value("name", region);
    out_.text = cal.dump(1);
    // The core's loader is the calendar lint: ranges, real dates, the estimate's bounds.
    auto loaded = Calendar::from_json(out_.text);
    if (!loaded.ok()) {
      problem(loaded.error().path, loaded.error().code, "日历检查未通过：" + loaded.error().message);
      out_.text.clear();
      return std::move(out_);
    }
    out_.last_year = loaded.value().last_year();
    out_.summary = std::to_string(year) + " 年" + scope + "节假日安排（放假 " + std::to_string(holidays.size()) +
                   " 天，调休上班 " + std::to_string(workdays.size()) + " 天）";
    return std::move(out_);
  }

 private:
  void problem(std::string path, std::string code, std::string message) {
    out_.problems.push_back(ScheduleProblem{std::move(path), std::move(code), std::move(message)});
  }

  // ISO weekday, Monday 1 … Sunday 7 (1970-01-01 was a Thursday).
  static int weekday(Date d) { return static_cast<int>(((d.days % 7) + 7 + 3) % 7) + 1; }

  // {date: festival} of one list, each date a real day of `year`, each name given.
  json days(int year, const char* list) {
    json out = json::object();
    if (!req_.contains(list)) return out;
    const auto& v = req_[list];
    const std::string base = std::string("/") + list;
    if (!v.is_object()) {
      problem(base, "schedule.bad_list", "应为 {日期: 节日名称}");
      return out;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string path = base + "/" + it.key();
      const auto d = parse_date(it.key());
      if (!d || it.key().size() != 10) {
        problem(path, "schedule.bad_date", "“" + it.key() + "”不是有效日期（YYYY-MM-DD）");
        continue;
      }
      if (year != 0 && it.key().compare(0, 4, std::to_string(year)) != 0) {
        problem(path, "schedule.other_year", it.key() + " 不在 " + std::to_string(year) + " 年");
        continue;
      }
      if (!it.value().is_string() || it.value().get<std::string>().empty() ||
          it.value().get<std::string>().size() > kMaxNameBytes || code_points(it.value().get<std::string>()) > 20) {
        problem(path, "schedule.bad_name", it.key() + " 需要节日名称（不超过 20 个字）");
        continue;
      }
      out[it.key()] = it.value().get<std::string>();
    }
    return out;
  }

  const nlohmann::json& req_;
  ScheduleMerge out_;
};

}  // namespace

ScheduleMerge merge_year_schedule(std::string_view calendar_text, const nlohmann::json& request) {
  return Merger(request).run(calendar_text);
}

}  // namespace yilu::server
