#include "yilu/deadline.hpp"

#include <algorithm>

#include "detail/request.hpp"

namespace yilu {

Result<Deadline> compute_deadline(const Calendar& cal, const DeadlineInput& in, Timestamp now) {
  if (in.limit_days < 1 || in.extension_days < 0)
    return Error{"days_out_of_range", detail::render_message("deadline.bad_days"), ""};
  const Date accepted = cst_date(in.accepted_at);
  // "The start day is not counted": the N-th working day strictly after acceptance. When the
  // catalog counts the acceptance day, start one day earlier so that day is day 1 if it works.
  const Date start{accepted.days - (in.counts_acceptance_day ? 1 : 0)};

  std::vector<Pause> pauses = in.pauses;
  std::sort(pauses.begin(), pauses.end(), [](const Pause& a, const Pause& b) { return a.start < b.start; });

  std::int64_t total = in.limit_days;
  auto due = cal.add_workdays(start, total, in.region);
  if (!due.ok()) return due.error();
  Deadline out;
  for (const Pause& p : pauses) {
    const Timestamp end = p.end ? *p.end : std::max(now, p.start);
    if (end < p.start) return detail::make_error("bad_interval", "");
    const Date s = cst_date(p.start);
    if (s > due.value().date) continue;  // a pause after the period ended stops nothing
    const auto paused = cal.workdays_between(s, cst_date(end), in.region);
    if (!paused.ok()) return paused.error();
    out.paused_workdays += paused.value();
    if (!p.end) out.paused_now = true;
    total += paused.value();
    due = cal.add_workdays(start, total, in.region);
    if (!due.ok()) return due.error();
  }
  if (in.extension_days > 0) {
    due = cal.add_workdays(start, total + in.extension_days, in.region);
    if (!due.ok()) return due.error();
  }
  out.due_date = due.value().date;
  out.due_at = cst_end_of_day(out.due_date);
  out.provisional = due.value().provisional;
  return out;
}

const char* supervision_name(Supervision s) {
  switch (s) {
    case Supervision::Normal: return "normal";
    case Supervision::Yellow: return "yellow";
    case Supervision::Red: return "red";
    case Supervision::Overdue: return "overdue";
  }
  return "normal";
}

std::int64_t default_yellow_days(std::int64_t limit_days) { return std::max<std::int64_t>(1, (limit_days + 4) / 5); }

Result<SupervisionStatus> supervise(const Calendar& cal, const Deadline& d, Timestamp now, std::int64_t yellow_days,
                                    const std::string& region) {
  const Date today = cst_date(now);
  const auto left = cal.workdays_between(today, d.due_date, region);
  if (!left.ok()) return left.error();
  SupervisionStatus s;
  s.remaining_workdays = left.value();
  if (now > d.due_at) s.level = Supervision::Overdue;
  else if (today >= d.due_date) s.level = Supervision::Red;
  else if (left.value() <= yellow_days) s.level = Supervision::Yellow;
  return s;
}

}  // namespace yilu
