#include "http/overview.hpp"

#include <algorithm>
#include <mutex>

#include "http/views.hpp"
#include "workflow/deadlines.hpp"
#include "yilu/deadline.hpp"

namespace yilu::server::http {

namespace {

using workflow::AppStatus;

// The owed materials listed (the counts cover all of them).
constexpr std::size_t kMaxOwed = 200;
// How long after the last request the background refresher keeps the summary fresh.
constexpr std::int64_t kWatchedSeconds = 600;

json zero_counts() { return {{"normal", 0}, {"yellow", 0}, {"red", 0}, {"overdue", 0}}; }

void count(json& counts, const std::string& level) {
  const std::string key = counts.contains(level) ? level : std::string("normal");
  counts[key] = counts[key].get<int>() + 1;
}

// Every open application with its tasks in one read; levels from the records by the rules the
// views use (application_level, task_level, owed_json).
Result<OverviewSummary> compute(App& app) {
  auto open_apps = app.store->applications_with_tasks("", workflow::open_statuses());
  if (!open_apps.ok()) return open_apps.error();
  OverviewSummary s;
  s.as_of = app.now();
  s.counts = zero_counts();
  s.by_window = json::object();
  s.by_department = json::object();
  s.owed = json::array();
  int owed_overdue = 0;
  s.open.reserve(open_apps.value().size());
  for (const auto& [a, tasks] : open_apps.value()) {
    std::string target_name = a.target_id;
    if (app.catalog) {
      if (a.kind == "item") {
        if (const ItemDef* i = app.catalog->item(a.target_id)) target_name = i->name;
      } else if (const BundleDef* b = app.catalog->bundle(a.target_id)) {
        target_name = b->name;
      }
    }
    for (auto& row : owed_json(app, a)) {
      row["application_id"] = a.id;
      row["window"] = a.window;
      row["target_name"] = target_name;
      if (row.value("level", std::string()) == "overdue") ++owed_overdue;
      s.owed.push_back(std::move(row));
    }
    std::string level = application_level(app, a, tasks);
    count(s.counts, level);
    if (!s.by_window.contains(a.window)) s.by_window[a.window] = zero_counts();
    count(s.by_window[a.window], level);
    const json answers = workflow::answers_of(a);
    for (const auto& t : tasks) {
      if (t.stage != a.stage) continue;
      const auto task_lvl = task_level(app, a, answers, t);
      if (!task_lvl || *task_lvl == "done") continue;
      if (!s.by_department.contains(t.department)) s.by_department[t.department] = zero_counts();
      count(s.by_department[t.department], *task_lvl);
    }
    s.open.push_back(OverviewRow{a.submitted_at, a.id, std::move(level)});
  }
  const auto rank = [](const json& o) { return level_urgency(o.value("level", std::string())); };
  std::stable_sort(s.owed.begin(), s.owed.end(), [&](const json& x, const json& y) {
    if (rank(x) != rank(y)) return rank(x) > rank(y);
    return x.value("due_date", std::string()) < y.value("due_date", std::string());
  });
  s.counts["owed_overdue"] = owed_overdue;
  s.counts["owed"] = s.owed.size();
  if (s.owed.size() > kMaxOwed) s.owed.erase(s.owed.begin() + static_cast<std::ptrdiff_t>(kMaxOwed), s.owed.end());
  return s;
}

}  // namespace

int level_urgency(const std::string& level) {
  for (int i = 0; i <= static_cast<int>(Supervision::Overdue); ++i)
    if (level == supervision_name(static_cast<Supervision>(i))) return i;
  return -1;
}

Result<std::shared_ptr<const OverviewSummary>> current_overview(App& app) {
  OverviewCache& k = app.overview;
  const Timestamp now = app.now();
  {
    std::lock_guard<std::mutex> lock(k.mu);
    k.asked = now;
    const std::int64_t max_age = app.limits.overview_max_age;
    if (k.summary && max_age > 0 && now - k.summary->as_of < max_age && now >= k.summary->as_of) return k.summary;
  }
  auto fresh = compute(app);
  if (!fresh.ok()) return fresh.error();
  auto made = std::make_shared<const OverviewSummary>(std::move(fresh.value()));
  std::lock_guard<std::mutex> lock(k.mu);
  k.summary = made;
  return made;
}

void refresh_overview_if_watched(App& app) {
  OverviewCache& k = app.overview;
  {
    std::lock_guard<std::mutex> lock(k.mu);
    if (k.asked == 0 || app.now() - k.asked > kWatchedSeconds) return;
  }
  auto fresh = compute(app);
  if (!fresh.ok()) return;  // the next request computes it (or answers the error)
  auto made = std::make_shared<const OverviewSummary>(std::move(fresh.value()));
  std::lock_guard<std::mutex> lock(k.mu);
  k.summary = made;
}

}  // namespace yilu::server::http
