#pragma once
// 好差评 counted where it belongs: a rating is one resident's verdict on one application, and
// the supervision center reads it per window, per department, per item, per clerk and for the
// whole center. Each heading gets a fact row, written with the rating (so a figure is one
// indexed GROUP BY, never a walk over applications); a bad rating (1–2) also opens a
// follow-up (整改) that someone at the center must answer.
#include <string>

#include "storage/records.hpp"
#include "yilu/catalog.hpp"

namespace yilu::server::workflow {

/// A score of 4–5 is good (好评), 1–2 bad (差评), 3 neither.
inline bool good_score(std::int64_t s) { return s >= 4; }
inline bool bad_score(std::int64_t s) { return s <= 2; }

/// Adds to `c` (a rating step: `c.updated.rating` set) the facts of its rating: the window,
/// the department of each item the application asked for (catalog), each item, `clerk` (who
/// accepted it; empty: none) and the center; and the follow-up when the score is bad.
void add_rating_records(Change& c, const Catalog* catalog, const std::string& clerk);

/// The clerk an application's rating is counted for: who accepted it (the latest
/// "accepted" event by staff), else who filed it at the window (帮办), else "".
std::string rated_clerk(const Application& a, const std::vector<Event>& events);

}  // namespace yilu::server::workflow
