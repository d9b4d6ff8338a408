#include "workflow/reminding.hpp"

#include <nlohmann/json.hpp>

namespace yilu::server::workflow {

namespace {

ReminderRecord reminder_on(const Task& t, Timestamp now) {
  ReminderRecord r;
  r.task_id = t.id;
  r.application_id = t.application_id;
  r.department = t.department;
  r.at = now;
  return r;
}

}  // namespace

bool may_remind(const Task& t, const StaffAccount& viewer) {
  const bool supervises = viewer.role == Role::Supervisor || viewer.role == Role::Admin;
  return supervises && !viewer.disabled && t.kind == TaskKind::Review && is_open(t.status);
}

Result<ReminderRecord> staff_reminder(const Task& t, const StaffAccount& by, const std::string& note, Timestamp now) {
  if (!may_remind(t, by)) return Error{"illegal_transition", "", ""};
  if (note.empty()) return Error{"missing_note", "", "/note"};
  ReminderRecord r = reminder_on(t, now);
  r.actor_kind = "staff";
  r.actor_id = by.username;
  r.actor_name = by.display_name;
  r.note = note;
  return r;
}

std::optional<ReminderRecord> escalation_due(const Task& t, Supervision level, Timestamp now) {
  if (!is_open(t.status) || t.kind != TaskKind::Review) return std::nullopt;
  if (level != Supervision::Red && level != Supervision::Overdue) return std::nullopt;
  const std::string name = supervision_name(level);
  for (const auto& r : t.reminders)
    if (r.level == name) return std::nullopt;
  ReminderRecord r = reminder_on(t, now);
  r.actor_kind = "system";
  r.actor_id = "supervision";
  r.level = name;
  return r;
}

Event reminder_event(const ReminderRecord& r) {
  Event e;
  e.application_id = r.application_id;
  e.task_id = r.task_id;
  e.actor_kind = r.actor_kind;
  e.actor_id = r.actor_id;
  e.actor_name = r.actor_name;
  e.at = r.at;
  if (r.actor_kind == "system") {
    e.kind = "escalated";
    e.data = nlohmann::json{{"level", r.level}, {"level_label", reminder_level_label(r.level)}}.dump();
  } else {
    e.kind = "reminded";
    e.data = nlohmann::json{{"note", r.note}}.dump();
  }
  return e;
}

const char* reminder_level_label(std::string_view level) {
  if (level == "red") return "今日到期";
  if (level == "overdue") return "已超期";
  return "";
}

bool internal_event(std::string_view kind) { return kind == "reminded" || kind == "escalated"; }

}  // namespace yilu::server::workflow
