#include "workflow/deferral_results.hpp"

#include "workflow/deadlines.hpp"

namespace yilu::server::workflow {

void add_deferral_results(const Engine& engine, Change& c) {
  for (const auto& supply : c.supplies) {
    // The application as it stood just before: the material still owed.
    Application before = c.updated;
    for (auto& m : before.materials)
      if (m.material_id == supply.material_id) {
        m.supplied_at = 0;
        m.supplied_by.clear();
      }
    for (const auto& owed : owed_with_due(engine, before, supply.supplied_at)) {
      if (owed.material->material_id != supply.material_id || !owed.due) continue;
      DeferralResult r;
      r.application_id = c.application_id;
      r.material_id = supply.material_id;
      r.window_id = c.updated.window;
      r.supplied_at = supply.supplied_at;
      r.supplied_on = cst_date(supply.supplied_at).days;
      r.due_on = owed.due->deadline.due_date.days;
      r.on_time = supply.supplied_at <= owed.due->deadline.due_at;
      r.supplied_by = supply.supplied_by;
      c.deferral_results.push_back(std::move(r));
    }
  }
}

}  // namespace yilu::server::workflow
