#include "yilu/applicant.hpp"

#include <algorithm>

#include "yilu/identity.hpp"

namespace yilu {

using nlohmann::json;

namespace {

std::string normalized(const json& v, Date as_of) {
  if (!v.is_string()) return {};
  const std::string& s = v.get_ref<const json::string_t&>();
  const IdCheck c = check_resident_id(s, as_of);
  return c.valid() ? std::string(c.normalized_view()) : s;
}

}  // namespace

ApplicantCheck check_applicant(const std::vector<const ItemDef*>& items, const json& fields, std::string_view own_id,
                               Date as_of) {
  ApplicantCheck out;
  std::vector<std::string> names;  // the applicant fields of every personal item, first seen first
  bool all_proxy = true;
  for (const ItemDef* item : items) {
    if (!item || item->applicant_fields.empty()) continue;
    all_proxy = all_proxy && item->proxy_allowed;
    for (const auto& f : item->applicant_fields)
      if (std::find(names.begin(), names.end(), f) == names.end()) names.push_back(f);
  }
  if (names.empty()) return out;
  out.proxy_allowed = all_proxy;
  out.match = ApplicantMatch::Other;
  const json empty = json::object();
  const json& values = fields.is_object() ? fields : empty;
  for (const auto& name : names) {
    const auto it = values.find(name);
    if (it == values.end()) continue;
    const std::string id = normalized(*it, as_of);
    if (id.empty()) continue;
    if (!own_id.empty() && id == own_id) {
      out.match = ApplicantMatch::Self;
      out.field.clear();
      out.principal_id.clear();
      return out;
    }
    if (out.field.empty()) {
      out.field = name;
      out.principal_id = id;
    }
  }
  if (out.field.empty()) out.field = names.front();
  return out;
}

}  // namespace yilu
