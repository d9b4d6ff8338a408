#pragma once
// The supervisor's overview (全程监管) as a summary of every open application: counts by
// supervision level, per window and per department, the owed 容缺 materials, and each open
// application's level in list order. Computing it reads every open application with its tasks
// and asks the core for each one's deadlines — a second at a million applications — so a
// server keeps its latest summary and serves it while it is younger than
// Limits::overview_max_age (the answer's `as_of` says when it was computed), refreshed in the
// background while someone is looking (serve_cli.cpp). Staleness, not shared state: every
// server computes its own from the database.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.hpp"

namespace yilu::server {

struct OverviewRow {
  Timestamp submitted_at = 0;
  std::string id;
  std::string level;
};

struct OverviewSummary {
  Timestamp as_of = 0;
  nlohmann::json counts;          ///< by level, with owed and owed_overdue
  nlohmann::json by_window;       ///< window → counts by level
  nlohmann::json by_department;   ///< department → counts by level of its open tasks
  nlohmann::json owed;            ///< the most urgent owed materials first (at most 200)
  std::vector<OverviewRow> open;  ///< every open application, oldest first
};

namespace http {

/// A supervision level's rank (normal 0 … overdue 3), -1 for a name that is not a level.
int level_urgency(const std::string& level);
/// The summary to answer with now: the kept one while young enough, else computed (and kept).
Result<std::shared_ptr<const OverviewSummary>> current_overview(App& app);
/// Computes and keeps a fresh summary if someone asked for one in the last ten minutes (the
/// background refresher); nothing otherwise.
void refresh_overview_if_watched(App& app);

}  // namespace http
}  // namespace yilu::server
