#pragma once
/// Whose application it is (实名办理, 代办): a personal item names the fields that hold its
/// applicant's resident ID; the signed-in resident's own ID must be one of them, unless the
/// item allows filing for someone else (代办), in which case the relation is recorded. The
/// server decides with this before it accepts a submission; nothing else compares IDs.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "yilu/catalog.hpp"

namespace yilu {

enum class ApplicantMatch {
  NotPersonal,  ///< no item names applicant fields: no rule (an enterprise's or a project's item)
  Self,         ///< the resident's own ID is in one of the applicant fields
  Other,        ///< the applicant fields hold someone else's ID
};

struct ApplicantCheck {
  ApplicantMatch match = ApplicantMatch::NotPersonal;
  bool proxy_allowed = false;  ///< every personal item among them allows 代办
  std::string field;           ///< Other: the first applicant field given (the principal's)
  std::string principal_id;    ///< Other: its value, normalized when it is a valid ID
};

/// The applicant of an application for `items` (one item, or a bundle's) with field values
/// `fields` (the application's "fields" object; anything else counts as empty), filed by the
/// resident whose normalized ID is `own_id`. IDs are compared normalized (a lowercase x or
/// full-width digits match). Never fails.
ApplicantCheck check_applicant(const std::vector<const ItemDef*>& items, const nlohmann::json& fields,
                               std::string_view own_id, Date as_of);

}  // namespace yilu
