#include "step_facts.hpp"

#include "workflow/application_results.hpp"
#include "workflow/deferral_results.hpp"
#include "workflow/notices.hpp"
#include "workflow/task_results.hpp"

namespace yilu::server {

std::optional<Error> add_step_facts(App& app, Change& c) {
  // The application's catalog version (its promised limits), the calendar in force.
  const auto engine = app.engine_for(c.updated);
  workflow::add_task_results(*engine, c);  // every decided review's figures, with the step
  workflow::add_deferral_results(*engine, c);
  if (workflow::issues_last_stage(c)) {
    // 秒批 creates its review with the step; an issue finds its reviews stored.
    std::vector<Task> tasks = c.new_tasks;
    std::vector<Event> timeline = c.events;
    if (c.expected_status != workflow::AppStatus::Submitted) {
      auto stored = app.store->tasks_of(c.application_id);
      if (!stored.ok()) return stored.error();
      tasks = std::move(stored.value());
      auto events = app.store->events_of(c.application_id);
      if (!events.ok()) return events.error();
      timeline.insert(timeline.begin(), events.value().begin(), events.value().end());
    }
    c.application_result = workflow::application_result(*engine, c.updated, tasks, timeline, c.updated.updated_at);
  }
  const Catalog* catalog = app.catalog;
  c.notify = [catalog](const Change& ch) { return workflow::notices_for(catalog, ch); };
  return std::nullopt;
}

}  // namespace yilu::server
