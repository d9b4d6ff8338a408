#pragma once
// From a resident's submission to the core's `validate` request: uploads are replaced by the
// metadata the server itself measured (kind by content, size), licence references are checked
// to be the resident's own — then the SAME op the phone runs decides.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "storage/records.hpp"
#include "yilu/validation.hpp"

namespace yilu::server::http {

using json = nlohmann::json;

/// A refusal before validation: a code of the error table and a JSON pointer.
struct SubmitError {
  std::string code;
  std::string path;
};

/// A resident's form as the core checked it.
struct CheckedForm {
  json application;         ///< {answers, fields, materials}, uploads replaced by what the server measured
  ValidationReport report;  ///< the core's verdict, problems and how each material stands
};

/// Builds the core's application from the body ({answers, fields, materials}) and validates it
/// with the core's typed API for the item or bundle on the day of `now` — the same rules the
/// phone ran. Refusals before validation: unknown_upload, unknown_licence, not_object,
/// unknown_target, catalog_not_loaded. An invalid form is a CheckedForm whose verdict says so.
std::variant<CheckedForm, SubmitError> check_form(App& app, const Resident& me, const std::string& kind,
                                                  const std::string& target, const json& body, Timestamp now);

/// Puts the checked form into the stored application: form text, verdict, materials, files.
void store_form(Application& a, const CheckedForm& f);

/// Every item id of a target, stages in order for a bundle; empty if the target is unknown.
std::vector<std::string> target_items(const App& app, const std::string& kind, const std::string& target);
/// The window that receives a target, or "".
std::string target_window(const App& app, const std::string& kind, const std::string& target);

}  // namespace yilu::server::http
