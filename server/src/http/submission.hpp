#pragma once
// From a resident's submission to the core's `validate` request: uploads are replaced by the
// metadata the server itself measured (kind by content, size), licence references are checked
// to be the resident's own — then the SAME op the phone runs decides.
#include <optional>
#include <variant>
#include <vector>
#include <string>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "storage/records.hpp"

namespace yilu::server::http {

using json = nlohmann::json;

/// A refusal before validation: HTTP status, code and JSON pointer.
struct SubmitError {
  int status = 422;
  std::string code;
  std::string path;
};

/// The application object for the core ({answers, fields, materials}) built from the body,
/// or the refusal (unknown_upload, unknown_licence, not_object …).
std::variant<json, SubmitError> core_application(App& app, const Resident& me, const json& body);

/// Runs the core's validate for an item or a bundle. Returns the op's response (with "ok").
json run_validate(const App& app, const std::string& kind, const std::string& target, const json& application);

/// Every item id of a target, stages in order for a bundle; empty if the target is unknown.
std::vector<std::string> target_items(const App& app, const std::string& kind, const std::string& target);
/// The window that receives a target, or "".
std::string target_window(const App& app, const std::string& kind, const std::string& target);

}  // namespace yilu::server::http
