#pragma once
// Reminders the workflow owes the resident without anyone acting: a deferred (容缺) material
// whose 补交 due date is near (yellow, red) or past (overdue). Run by `yilu serve` every few
// minutes; each material and level is told once (the notification's dedupe key).
#include "app.hpp"

namespace yilu::server {

/// Stores (and sends by SMS) a reminder for every owed material at yellow, red or overdue that
/// was not reminded at that level yet; the number of new reminders. Storage errors are logged
/// and skipped (the next run retries).
int remind_owed_materials(App& app);

}  // namespace yilu::server
