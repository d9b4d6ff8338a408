#include "reminders.hpp"

#include <cstdio>

#include "http/step.hpp"
#include "workflow/deadlines.hpp"
#include "workflow/notices.hpp"

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
    for (const auto& o : workflow::owed_with_due(app.engine, a, now)) {
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

}  // namespace yilu::server
