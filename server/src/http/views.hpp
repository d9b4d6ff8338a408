#pragma once
// The JSON shapes of server/openapi.json, built from stored records, the deadlines of the
// core's typed API and the workflow's decisions for the viewer (allowed_actions).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "storage/records.hpp"
#include "workflow/actions.hpp"

namespace yilu::server::http {

using json = nlohmann::json;

/// An application with its tasks, deadline (computed now), level, licences and the actions
/// `viewer` may take. The form and how each material stands are included with `with_body`
/// (detail views), left out of lists.
json application_json(const App& app, const Application& a, const std::vector<Task>& tasks,
                      const std::vector<Licence>& licences, const workflow::Actor& viewer, bool with_body);
/// Loads tasks and licences from the store, then application_json.
json application_full(App& app, const Application& a, const workflow::Actor& viewer, bool with_body);
/// A task with its deadline and the actions `viewer` may take on it.
json task_json(const App& app, const Application& a, const Task& t, const workflow::Actor& viewer);
json event_json(const Event& e);
json licence_json(const Licence& l);
json upload_json(const Upload& u);
json staff_json(const StaffAccount& s);
json resident_json(const Resident& r);
/// The supervision level an application shows: "done" once decided, else its deadline's
/// (the preview's while not accepted); "normal" when the core could not compute one.
std::string level_of(const json& application_view);

/// The same level computed from the records, without building the view (summaries over every
/// open application); application_json shows exactly this.
std::string application_level(const App& app, const Application& a, const std::vector<Task>& tasks);
/// A task's level as its view shows it (`deadline.level`): nullopt without a deadline, "done"
/// once decided.
std::optional<std::string> task_level(const App& app, const Application& a, const json& answers, const Task& t);
/// The application's deferred materials still owed, each with its due date and level (the
/// view's `owed`).
json owed_json(const App& app, const Application& a);

}  // namespace yilu::server::http
