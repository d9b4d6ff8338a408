#pragma once
/// Statutory deadlines (行政许可法): periods in working days, the start day not counted;
/// Art. 45 intervals (hearing, expert review, inspection …) pause the clock; an Art. 42
/// extension adds working days. "Now" is always a parameter: the core never reads the clock.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yilu/calendar.hpp"

namespace yilu {

/// An Art. 45 interval. An open one (no end) is still running at "now".
struct Pause {
  Timestamp start = 0;
  std::optional<Timestamp> end;
};

struct DeadlineInput {
  Timestamp accepted_at = 0;           ///< acceptance (受理): the clock starts
  std::int64_t limit_days = 0;         ///< the time limit in working days (≥ 1)
  bool counts_acceptance_day = false;  ///< the catalog says the acceptance day is day 1
  std::vector<Pause> pauses;
  std::int64_t extension_days = 0;  ///< Art. 42 extensions, summed (usually 10)
  std::string region;               ///< calendar overlay of the department; empty = national
};

struct Deadline {
  Date due_date;         ///< the last working day of the period
  Timestamp due_at = 0;  ///< end of that day, China Standard Time
  std::int32_t paused_workdays = 0;
  bool paused_now = false;   ///< an open pause: the due date keeps moving until it ends
  bool provisional = false;  ///< the due date lies in a year with no published schedule
};

/// The due date. A pause from day S to day E stops the working days in (S, E]; pauses that
/// start after the due date reached so far do not count; an open pause runs until `now`.
/// Errors: `days_out_of_range` (limit < 1, extension < 0), `bad_interval` (a pause ends before
/// it starts), and the calendar's date errors.
Result<Deadline> compute_deadline(const Calendar& cal, const DeadlineInput& in, Timestamp now);

/// Supervision levels (督办): how close a running application is to its due time. Declared in
/// order of urgency: a later enumerator is more urgent (callers combining levels rely on it).
enum class Supervision {
  Normal,   ///< more than the yellow threshold of working days left
  Yellow,   ///< little time left: at most `yellow_days` working days after today
  Red,      ///< due today
  Overdue,  ///< past the end of the due date
};

/// The stable name of a level: "normal", "yellow", "red", "overdue".
const char* supervision_name(Supervision s);

struct SupervisionStatus {
  Supervision level = Supervision::Normal;
  std::int32_t remaining_workdays = 0;  ///< working days after today up to the due date (≤ 0 when due)
};

/// The default yellow threshold for a limit: 20% of it, at least one working day.
std::int64_t default_yellow_days(std::int64_t limit_days);

/// The level of a deadline at `now`. Errors: the calendar's date errors.
Result<SupervisionStatus> supervise(const Calendar& cal, const Deadline& d, Timestamp now, std::int64_t yellow_days,
                                    const std::string& region = {});

}  // namespace yilu
