#pragma once
/// Validation of an application for one item or a 一件事 bundle against the catalog: every
/// problem at once (JSON pointer, stable code, params, Chinese message), the materials required
/// in this situation and how each is satisfied, and the verdict. An invalid application is a
/// result, not an error.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "yilu/catalog.hpp"
#include "yilu/date.hpp"

namespace yilu {

enum class Verdict {
  Acceptable,               ///< nothing missing or wrong: it can be accepted (受理)
  AcceptableWithDeferrals,  ///< acceptable, with non-key materials to be supplied later (容缺受理)
  NotAcceptable,            ///< at least one problem
};

/// The stable name: "acceptable", "acceptable_with_deferrals", "not_acceptable".
const char* verdict_name(Verdict v);

/// How a material stands in the application.
enum class MaterialState {
  Provided,    ///< files uploaded (metadata checked)
  Licence,     ///< an electronic licence (电子证照) referenced instead of an upload
  Commitment,  ///< replaced by a signed commitment (告知承诺)
  Deferred,    ///< accepted missing, to be supplied later (容缺)
  Reused,      ///< bundle only: issued by an earlier stage and reused, nothing to supply
  Missing,     ///< required and not supplied (a problem)
  NotGiven,    ///< optional and not supplied
};

/// The stable name: "provided", "licence", "commitment", "deferred", "reused", "missing", "not_given".
const char* material_state_name(MaterialState s);

/// A material that applies in this situation (its conditions resolved).
struct MaterialStatus {
  const MaterialDef* def = nullptr;                    ///< the first definition (a bundle asks shared ones once)
  const std::vector<const ItemDef*>* items = nullptr;  ///< the items that ask for it (owned by the catalog)
  std::int32_t stage = 0;                              ///< bundle: 1-based stage where it is first asked; 0 for an item
  bool required = false;
  MaterialState state = MaterialState::NotGiven;
  /// Its members that depend on the catalog alone, as the validate op writes them (made once
  /// when the catalog's forms are built); empty for a material checked on its own.
  std::string_view head;
};

struct ValidationReport {
  Verdict verdict = Verdict::Acceptable;
  std::vector<Problem> problems;
  std::vector<Problem> warnings;
  std::vector<MaterialStatus> materials;
  bool truncated = false;  ///< more problems than kMaxProblems: the rest were not listed
};

/// At most this many problems (and warnings) are listed; past it `truncated` is set.
constexpr std::size_t kMaxProblems = 200;
/// Limits on an application's size: counts and string lengths, with stable codes.
constexpr std::size_t kMaxApplicationFields = 500;
constexpr std::size_t kMaxApplicationMaterials = 500;
constexpr std::size_t kMaxFilesPerMaterial = 50;
constexpr std::size_t kMaxStringBytes = 4000;

/// Validates `application` ({"answers", "fields", "materials"}; see docs/core-api.md) for one
/// item on day `as_of`. Paths are JSON pointers under `base` (e.g. "/application").
/// Never fails: a malformed application is reported as problems.
ValidationReport validate_item(const Catalog& catalog, const ItemDef& item, const nlohmann::json& application,
                               Date as_of, const std::string& base = "/application");

/// The same for a bundle: shared fields and materials once, licences issued by an earlier
/// stage reused (not asked for), every item's rules.
ValidationReport validate_bundle(const Catalog& catalog, const BundleDef& bundle, const nlohmann::json& application,
                                 Date as_of, const std::string& base = "/application");

/// A deferred (容缺) material supplied after acceptance: its entry ({"by":"file","files":[…]})
/// checked by the same rules as within an application (file types, sizes, pages); problem paths
/// start at `base`. The verdict is acceptable when there is no problem.
ValidationReport validate_supply(const Catalog& catalog, const MaterialDef& material, const nlohmann::json& entry,
                                 Date as_of, const std::string& base);

/// The report as the `validate` op's response members (besides "ok").
nlohmann::json report_to_json(const ValidationReport& report);

/// Problems as the JSON array every op returns: [{"path","code","params","message"}].
nlohmann::json problems_to_json(const std::vector<Problem>& problems);

}  // namespace yilu
