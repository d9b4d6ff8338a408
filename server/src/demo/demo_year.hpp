#pragma once
// A year of a center's activity, made up but lived through the real workflow: residents file
// the catalog's example applications, clerks accept, ask for 补正 or refuse, departments
// review (some slower than others, some pausing or extending), supervisors press 催办 on late
// reviews, windows issue, residents rate. Every step is the workflow's own action
// (workflow/actions.hpp) at a simulated time, written through the Store with the figures the
// server keeps with it (task results, rating facts), so the supervision center reads a
// database exactly like a real one. For demos (`yilu serve --demo-year N`), tests and
// benchmarks at scale (docs/workflow.md "A year for demos").
//
// Deterministic: the same seed, count and end time give the same applications, whatever the
// number of threads or the database (docs/workflow.md).
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "app.hpp"

namespace yilu::server::demo {

struct DemoYearOptions {
  std::int64_t applications = 20000;
  std::uint64_t seed = 1;
  Timestamp until = 0;  ///< the simulated year ends here ("now"): later steps are not taken
  int days = 365;       ///< applications are filed over the days before `until`
  int threads = 16;     ///< writers at once (the database group-commits them)
  /// Called now and then from a worker with how many applications are done (for progress).
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

struct DemoYearStats {
  std::int64_t applications = 0;
  std::int64_t steps = 0;                         ///< workflow steps written
  std::int64_t reminders = 0;                     ///< 催办 sent
  std::map<std::string, std::int64_t> by_status;  ///< applications by their final status name
  std::int64_t targets = 0;                       ///< items and bundles filed (those whose example validates)
};

/// Fills `app.store` (which should hold no applications yet: ids are derived from the seed)
/// with `o.applications` applications and their history. Residents 1380000xxxx are created
/// as needed; staff act under the demo accounts' usernames (seed_demo_staff). Errors: the
/// first storage error, or `catalog_not_loaded`.
Result<DemoYearStats> fill_demo_year(App& app, const DemoYearOptions& o);

}  // namespace yilu::server::demo
