#pragma once
// What every workflow step carries to the store besides its rows, in one place for the HTTP
// routes and the demo year: the figures of the reviews it decides and of the deferred materials
// it supplies, the stage figures of an application whose last stage it issues, and the notices
// it sends.
#include <optional>

#include "app.hpp"
#include "storage/records.hpp"

namespace yilu::server {

/// Adds the step's facts to `c` (workflow/task_results.hpp, deferral_results.hpp,
/// application_results.hpp) and its notices (workflow/notices.hpp). An issue of the last stage
/// reads the application's tasks and timeline; an error is the store's.
std::optional<Error> add_step_facts(App& app, Change& c);

}  // namespace yilu::server
