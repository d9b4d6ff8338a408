#include "workflow/rating_facts.hpp"

#include <set>

namespace yilu::server::workflow {

void add_rating_records(Change& c, const Catalog* catalog, const std::string& clerk) {
  const Application& a = c.updated;
  if (!a.rating) return;
  const Rating& r = *a.rating;
  const Date day = cst_date(r.at);
  const Ymd ymd = ymd_from_date(day);
  const auto fact = [&](const char* dimension, const std::string& key) {
    c.rating_facts.push_back(RatingFact{a.id, dimension, key, r.score, good_score(r.score), bad_score(r.score),
                                        day.days, ymd.year * 100 + ymd.month});
  };
  fact("center", "");
  fact("window", a.window);
  std::set<std::string> departments;
  std::set<std::string> items(a.items.begin(), a.items.end());  // a bundle names each once
  for (const auto& id : items) {
    fact("item", id);
    if (const ItemDef* item = catalog ? catalog->item(id) : nullptr) departments.insert(item->department);
  }
  for (const auto& d : departments) fact("department", d);
  if (!clerk.empty()) fact("clerk", clerk);
  if (bad_score(r.score)) c.follow_up = RatingFollowUp{a.id, a.window, r.score, r.comment, r.at, 0, "", "", ""};
}

std::string rated_clerk(const Application& a, const std::vector<Event>& events) {
  for (auto it = events.rbegin(); it != events.rend(); ++it)
    if (it->kind == "accepted" && it->actor_kind == "staff") return it->actor_id;
  return a.assisted_by;
}

}  // namespace yilu::server::workflow
