#include "reminders.hpp"

#include <cstdio>

#include "http/step.hpp"
#include "workflow/deadlines.hpp"
#include "workflow/notices.hpp"
#include "workflow/reminding.hpp"

namespace yilu::server {

int remind_owed_materials(App& app) {
  auto apps = app.store->applications_owing("");
  if (!apps.ok()) {
    std::fprintf(stderr, "[remind] %s\n", apps.error().code.c_str());
    return 0;
  }
  const Timestamp now = app.now();
  int sent = 0;
  for (const auto& a : apps.value()) {
    for (const auto& o : workflow::owed_with_due(*app.engine_for(a), a, now)) {
      if (!o.due || o.due->supervision.level == Supervision::Normal) continue;
      Notification n = workflow::deferral_notice(app.catalog, a, *o.material, format_date(o.due->deadline.due_date),
                                                 supervision_name(o.due->supervision.level), now);
      auto w = app.store->add_notification(n);
      if (!w.ok() || w.value() != WriteOutcome::Done) continue;
      http::send_sms(app, {n});
      ++sent;
    }
  }
  return sent;
}

int escalate_late_reviews(App& app) {
  auto open = app.store->applications_with_tasks("", {workflow::AppStatus::Dispatched});
  if (!open.ok()) {
    std::fprintf(stderr, "[escalate] %s\n", open.error().code.c_str());
    return 0;
  }
  const Timestamp now = app.now();
  int raised = 0;
  for (const auto& [a, tasks] : open.value()) {
    const auto answers = workflow::answers_of(a);  // parsed once for the application's tasks
    for (const auto& t : tasks) {
      if (!workflow::is_open(t.status)) continue;
      const auto due = workflow::task_due(*app.engine_for(a), answers, t, now);
      if (!due) continue;
      const auto r = workflow::escalation_due(t, due->supervision.level, now);
      if (!r) continue;
      ReminderRecord stored = *r;
      auto w = app.store->add_reminder(stored, workflow::reminder_event(stored));
      if (!w.ok()) {
        std::fprintf(stderr, "[escalate] %s\n", w.error().code.c_str());
        continue;
      }
      if (w.value() == WriteOutcome::Done) ++raised;  // Conflict: another server raised it first
    }
  }
  return raised;
}

}  // namespace yilu::server
