#pragma once
// The figures of a deferred (容缺) material as it is supplied, for the supervision center:
// whether it came by its due date (the core's deferral deadline from acceptance,
// deadlines.hpp owed_with_due), computed once and stored with the supply step.
#include "storage/records.hpp"
#include "yilu/call.hpp"

namespace yilu::server::workflow {

/// Adds to `c` a DeferralResult for each material the step supplies. The step's own data
/// decides: the material's due date is the one it had while still owed, at the supply. A
/// material whose item is gone from the catalog, or whose dates the calendar does not cover,
/// has none.
void add_deferral_results(const Engine& engine, Change& c);

}  // namespace yilu::server::workflow
