#pragma once
// Reminders the workflow owes the resident without anyone acting: a deferred (容缺) material
// whose 补交 due date is near (yellow, red) or past (overdue). Run by `yilu serve` every few
// minutes; each material and level is told once (the notification's dedupe key). And the 催办
// the server raises itself on a department's review that turned red or overdue.
#include "app.hpp"

namespace yilu::server {

/// Stores (and sends by SMS) a reminder for every owed material at yellow, red or overdue that
/// was not reminded at that level yet; the number of new reminders. Storage errors are logged
/// and skipped (the next run retries).
int remind_owed_materials(App& app);

/// Raises the automatic 催办 every open review at red or overdue is owed (once per level,
/// workflow/reminding.hpp); the number raised. Storage errors are logged and skipped.
int escalate_late_reviews(App& app);

}  // namespace yilu::server
