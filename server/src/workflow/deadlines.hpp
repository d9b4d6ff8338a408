#pragma once
// Due dates and supervision levels from the core's typed API — the same functions the phone's
// `deadline` op runs: the limit for the resident's answers and the department's calendar come
// from item_deadline_input; the server only adds what it stores (acceptance, pauses,
// extensions) and combines the items of a stage.
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "storage/records.hpp"
#include "yilu/call.hpp"
#include "yilu/catalog.hpp"
#include "yilu/deadline.hpp"

namespace yilu::server::workflow {

/// One deadline with its supervision level at "now".
struct Due {
  Deadline deadline;
  SupervisionStatus supervision;
  std::int64_t limit_days = 0;  ///< the promised limit used (for the answers given)
};

/// The situation answers of an application's form (an object; empty when none).
nlohmann::json answers_of(const Application& a);

/// The deadline of `item` accepted at `accepted_at` in the situation `answers`, with Art. 45
/// pauses and Art. 42 extensions, at `now`. Errors: the core's (a date past the calendar …).
Result<Due> item_due(const Engine& engine, const ItemDef& item, const nlohmann::json& answers, Timestamp accepted_at,
                     const std::vector<PauseRecord>& pauses, const std::vector<ExtensionRecord>& extensions,
                     Timestamp now);

/// A task's deadline: its item, the application's `answers` (answers_of, parsed once per
/// application), its own start, pauses and extension; a post-check task's: the item's check
/// limit from its start (the issue). nullopt when its item is gone from the
/// catalog or the core refused the dates.
std::optional<Due> task_due(const Engine& engine, const nlohmann::json& answers, const Task& t, Timestamp now);

/// The application's deadline: the latest due date of the running stage's items (they run in
/// parallel), the most urgent level, the fewest working days left. While not accepted, what it
/// would be if accepted at `now` (the preview the resident was promised). nullopt when a stage
/// item is unknown or the core refused.
std::optional<Due> application_due(const Engine& engine, const Application& a, const std::vector<Task>& tasks,
                                   Timestamp now);

/// A deferred (容缺) material still owed, with its due date: accepted_at plus the deferral
/// limit of the first item that asks for it (the core's deferral_deadline_input); no due when
/// the item is gone or the core refused the dates.
struct OwedDue {
  const MaterialRecord* material = nullptr;  ///< points into the application passed in
  std::optional<Due> due;
};
/// Every owed material of the application (workflow::owed_materials) with its due date at `now`.
std::vector<OwedDue> owed_with_due(const Engine& engine, const Application& a, Timestamp now);

/// Parallel items: latest due date, most urgent level, fewest remaining working days.
std::optional<Due> latest_of(const std::vector<Due>& dues);

/// The JSON members of a deadline ({due_date, due_at, level, remaining_workdays, paused_now,
/// paused_workdays, provisional, limit_days}); `decided` reports level "done" (off the clock).
/// The level a due date shows: its supervision level, or "done" once `decided` (off the clock).
std::string level_name(const Due& d, bool decided);
nlohmann::json due_json(const Due& d, bool decided);

}  // namespace yilu::server::workflow
