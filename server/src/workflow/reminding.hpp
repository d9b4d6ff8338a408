#pragma once
// 催办 and 督办 on a department's open review: a supervisor presses it with a note, and the
// server raises one itself when the task's supervision level turns red (due today) and again
// when it is overdue. Each is stored on the task (the reviewers see it there), written on the
// application's timeline (staff only: it is the center's internal business) and counted per
// department. This file decides; storage writes (Store::add_reminder), reminders.cpp runs the
// automatic ones.
#include <optional>
#include <string>

#include "storage/records.hpp"
#include "yilu/deadline.hpp"
#include "yilu/error.hpp"

namespace yilu::server::workflow {

/// Whether `viewer` may press 催办 on `t` now: a supervisor or admin, on a review still open
/// (a post-issue 核查 has its own course). The page shows the button by this (`can_remind`).
bool may_remind(const Task& t, const StaffAccount& viewer);

/// A supervisor's (or admin's) 催办 on `t` with `note`. Errors: illegal_transition when the
/// task is decided or not a review, missing_note when the note is empty.
Result<ReminderRecord> staff_reminder(const Task& t, const StaffAccount& by, const std::string& note, Timestamp now);

/// The automatic 催办 an open review at `level` is owed: at red and at overdue, once each
/// (none when `t` already has one of that level, or at normal and yellow).
std::optional<ReminderRecord> escalation_due(const Task& t, Supervision level, Timestamp now);

/// The timeline event of a reminder: "reminded" (a supervisor's, with the note) or
/// "escalated" (the server's, with the level).
Event reminder_event(const ReminderRecord& r);

/// How a reminder's level reads: 今日到期 (red), 已超期 (overdue); "" for none.
const char* reminder_level_label(std::string_view level);

/// Whether an event kind is the center's internal business, left out of the resident's timeline.
bool internal_event(std::string_view kind);

}  // namespace yilu::server::workflow
