#pragma once
// Where an issued application's working days went (time per stage) and, for a bundle, the
// reductions it achieved against the items done one by one: computed once, as its last stage is
// issued, from its own rows (submission, 补正 timeline, each stage's reviews and pauses) and the
// core's calendar and bundle plan, and stored with the step. The supervision center sums them
// (docs/workflow.md "Time per stage").
#include <optional>
#include <vector>

#include "storage/records.hpp"
#include "yilu/call.hpp"

namespace yilu::server::workflow {

/// The figures of `a` (its final state, issued at `issued_at`) from its tasks of every
/// stage and its timeline (the stored events and the issuing step's). Working days are the
/// national calendar's days in (from, to], by China Standard Time date:
/// - intake: submission to the first acceptance, less 补正;
/// - correction: each 补正 notice to the resubmission;
/// - per stage: review from its acceptance to its last decision, less the paused working days of
///   that last-decided review (paused); issue_wait from that decision to the stage's issue.
/// They add up to the total (a part is never negative: pauses are capped by their review span).
/// nullopt when the calendar does not cover the dates, or the target is gone from the catalog.
std::optional<ApplicationResult> application_result(const Engine& engine, const Application& a,
                                                    const std::vector<Task>& tasks, const std::vector<Event>& timeline,
                                                    Timestamp issued_at);

/// Whether the step `c` issues the application's last stage (an issue or a 秒批): only then
/// has it an ApplicationResult.
bool issues_last_stage(const Change& c);

}  // namespace yilu::server::workflow
