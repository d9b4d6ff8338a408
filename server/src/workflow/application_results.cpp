#include "workflow/application_results.hpp"

#include <algorithm>
#include <map>

#include "workflow/deadlines.hpp"
#include "yilu/bundle.hpp"
#include "yilu/calendar.hpp"

namespace yilu::server::workflow {

namespace {

// Working days in (from, to] by China Standard Time dates; nullopt outside the calendar.
std::optional<std::int64_t> workdays(const Calendar& cal, Timestamp from, Timestamp to) {
  if (to <= from) return 0;
  auto n = cal.workdays_between(cst_date(from), cst_date(to));
  if (!n.ok()) return std::nullopt;
  return std::max<std::int64_t>(0, n.value());
}

// One bundle stage (0 for an item) as its reviews ran.
struct StageSpan {
  Timestamp start = 0;          // acceptance of the stage: its reviews' clock start
  Timestamp last_decision = 0;  // its last review decision
  const Task* last = nullptr;   // the review decided last
};

bool given(const MaterialRecord& m) { return m.state == "provided" || (m.state == "deferred" && m.supplied_at > 0); }

}  // namespace

bool issues_last_stage(const Change& c) {
  const AppStatus to = c.updated.status;
  if (to != AppStatus::Issued && to != AppStatus::PartiallyIssued) return false;
  // From ready-for-issue (出件) or, for 秒批, straight from submission; a revocation after issue
  // also lands in PartiallyIssued but issues nothing.
  return c.expected_status == AppStatus::ReadyForIssue || c.expected_status == AppStatus::Submitted;
}

std::optional<ApplicationResult> application_result(const Engine& engine, const Application& a,
                                                    const std::vector<Task>& tasks, const std::vector<Event>& timeline,
                                                    Timestamp issued_at) {
  const Calendar* cal = engine.calendar();
  const Catalog* catalog = engine.catalog();
  if (!cal || !catalog) return std::nullopt;

  std::map<std::int64_t, StageSpan> stages;
  for (const auto& t : tasks) {
    if (t.kind != TaskKind::Review) continue;
    StageSpan& s = stages[t.stage];
    if (s.start == 0 || t.started_at < s.start) s.start = t.started_at;
    if (!is_open(t.status) && t.updated_at >= s.last_decision) {
      s.last_decision = t.updated_at;
      s.last = &t;
    }
  }
  if (stages.empty()) return std::nullopt;
  const Timestamp first_accept = stages.begin()->second.start;

  ApplicationResult r;
  r.application_id = a.id;
  r.kind = a.kind;
  r.target_id = a.target_id;
  r.window_id = a.window;
  r.issued_at = issued_at;
  r.issued_on = cst_date(issued_at).days;

  // 补正: from each notice to the resubmission that answered it (in time order).
  std::vector<const Event*> events;
  events.reserve(timeline.size());
  for (const auto& e : timeline) events.push_back(&e);
  std::stable_sort(events.begin(), events.end(), [](const Event* x, const Event* y) { return x->at < y->at; });
  Timestamp notice = 0;
  for (const Event* e : events) {
    if (e->kind == "supplement_requested") {
      notice = e->at;
    } else if (e->kind == "resubmitted" && notice != 0) {
      const auto d = workdays(*cal, notice, e->at);
      if (!d) return std::nullopt;
      r.correction_workdays += *d;
      notice = 0;
    }
  }
  const auto before_acceptance = workdays(*cal, a.submitted_at, first_accept);
  if (!before_acceptance) return std::nullopt;
  r.intake_workdays = std::max<std::int64_t>(0, *before_acceptance - r.correction_workdays);
  r.correction_workdays = *before_acceptance - r.intake_workdays;  // never more than the span

  for (auto it = stages.begin(); it != stages.end(); ++it) {
    const StageSpan& s = it->second;
    const auto next = std::next(it);
    const Timestamp end = next == stages.end() ? issued_at : next->second.start;  // the stage's issue
    const Timestamp decided = s.last ? s.last_decision : end;
    const auto span = workdays(*cal, s.start, decided);
    const auto wait = workdays(*cal, decided, end);
    if (!span || !wait) return std::nullopt;
    std::int64_t paused = 0;
    if (s.last)
      for (const auto& p : s.last->pauses) {
        const auto d = workdays(*cal, p.start, p.end.value_or(decided));
        if (!d) return std::nullopt;
        paused += *d;
      }
    paused = std::min(paused, *span);
    r.paused_workdays += paused;
    r.review_workdays += *span - paused;
    r.issue_wait_workdays += *wait;
  }
  r.total_workdays =
      r.intake_workdays + r.correction_workdays + r.review_workdays + r.paused_workdays + r.issue_wait_workdays;
  const auto taken = workdays(*cal, first_accept, issued_at);
  if (!taken) return std::nullopt;
  r.taken_workdays = *taken;

  for (const auto& m : a.materials)
    if (given(m)) ++r.materials_given;
  const nlohmann::json answers = answers_of(a);
  if (a.kind == "bundle") {
    const BundleDef* b = catalog->bundle(a.target_id);
    if (!b) return std::nullopt;
    // The promise the resident was made, for the answers given, planned from the first acceptance.
    auto plan = plan_bundle(*catalog, *cal, *b, first_accept, &answers);
    if (!plan.ok()) return std::nullopt;
    r.promised_days = plan.value().workdays.bundle;
    r.separate_days = plan.value().workdays.separate;
    r.materials_promised = plan.value().materials.bundle;
    r.materials_separate = plan.value().materials.separate;
  } else {
    for (const auto& t : tasks) {
      if (t.kind != TaskKind::Review) continue;
      const auto due = task_due(engine, answers, t, issued_at);
      if (!due) return std::nullopt;
      r.promised_days = std::max(r.promised_days, due->limit_days);
    }
    r.separate_days = r.promised_days;
    for (const auto& m : a.materials)
      if (m.required) ++r.materials_promised;
    r.materials_separate = r.materials_promised;
  }
  return r;
}

}  // namespace yilu::server::workflow
