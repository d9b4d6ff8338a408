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
  json application;            ///< {answers, fields, materials}, uploads replaced by what the server measured
  ValidationReport report;     ///< the core's verdict, problems and how each material stands
  std::string proxy_relation;  ///< 代办: the filer's relation to the applicant
  std::string principal_id;    ///< 代办: the applicant's ID number
  Timestamp checked_at = 0;    ///< when it was checked (a commitment's signing time)
};

/// Builds the core's application from the body ({answers, fields, materials}) and validates it
/// with the core's typed API for the item or bundle on the day of `now` — the same rules the
/// phone ran. Refusals before validation: unknown_upload, unknown_licence, not_object,
/// unknown_target, catalog_not_loaded, profile_required (no real name yet). An invalid form is a
/// CheckedForm whose verdict says so. A valid one is then checked for who files it (the core's
/// check_applicant): applicant_not_self, proxy_relation_required (body `proxy.relation`), and a
/// commitment signed by another name than the resident's: commitment_signer_mismatch.
std::variant<CheckedForm, SubmitError> check_form(App& app, const Resident& me, const std::string& kind,
                                                  const std::string& target, const json& body, Timestamp now);

/// Puts the checked form into the stored application: form text, verdict, materials (with a
/// commitment's signer and time), files, and the 代办 relation.
void store_form(Application& a, const CheckedForm& f);

/// A deferred material's files supplied by the applicant after acceptance (body {"files":
/// [{"upload": sha256}]}), measured by the server and checked by the core's validate_supply:
/// the files as the application will keep them, a SubmitError (unknown_upload, not_owed when
/// no item of the application has the material), or problems (an invalid entry; the caller
/// answers 422 invalid_application with them).
struct SupplyCheck {
  std::vector<ApplicationFile> files;
  std::optional<SubmitError> error;
  std::vector<Problem> problems;
};
SupplyCheck check_supply(App& app, const Resident& owner, const Application& a, const std::string& material_id,
                         const json& body, Timestamp now);

/// A new application of the resident for the target, as received now (收件): status
/// submitted, a fresh id (YLyyyymmdd-xxxxxxxxxx), the window and items from the catalog, the
/// checked form stored.
Application new_application(const App& app, const std::string& resident_id, const std::string& kind,
                            const std::string& target, const CheckedForm& f, Timestamp now);

/// Every item id of a target, stages in order for a bundle; empty if the target is unknown.
std::vector<std::string> target_items(const App& app, const std::string& kind, const std::string& target);
/// The window that receives a target, or "".
std::string target_window(const App& app, const std::string& kind, const std::string& target);

}  // namespace yilu::server::http
