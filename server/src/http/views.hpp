#pragma once
// The JSON shapes of server/openapi.json, built from stored records (+ deadlines from the core).
#include <vector>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "storage/records.hpp"

namespace yilu::server::http {

using json = nlohmann::json;

/// The item ids of an application (its stored JSON array); empty on a malformed row.
std::vector<std::string> items_of(const Application& a);

/// An application with its tasks, deadlines (computed now) and licences. Fields and materials
/// are included with `with_body` (detail views), left out of lists.
json application_json(const App& app, const Application& a, const std::vector<Task>& tasks,
                      const std::vector<Licence>& licences, bool with_body);
/// Loads tasks and licences from the store, then application_json.
json application_full(App& app, const Application& a, bool with_body);
/// The item ids of the running stage (all items of a single-item application).
std::vector<std::string> stage_items(const App& app, const Application& a);
json task_json(const App& app, const Task& t);
json event_json(const Event& e);
json licence_json(const Licence& l);
json upload_json(const Upload& u);
json staff_json(const StaffAccount& s);
json resident_json(const Resident& r);

}  // namespace yilu::server::http
