#include "yilu/item_deadline.hpp"

namespace yilu {

using nlohmann::json;

std::int64_t promised_days_for(const ItemDef& item, const json* answers) {
  if (item.promised_by.empty() || !answers || !answers->is_object()) return item.promised_days;
  const auto it = answers->find(item.promised_by);
  if (it == answers->end() || !it->is_string()) return item.promised_days;
  for (const auto& [value, days] : item.promised_options)
    if (value == it->get_ref<const json::string_t&>()) return days;
  return item.promised_days;
}

DeadlineInput item_deadline_input(const Catalog& catalog, const ItemDef& item, const json* answers,
                                  Timestamp accepted_at) {
  DeadlineInput in;
  in.accepted_at = accepted_at;
  in.limit_days = promised_days_for(item, answers);
  in.counts_acceptance_day = item.counts_acceptance_day;
  if (const Department* d = catalog.department(item.department)) in.region = d->region;
  return in;
}

namespace {

// A follow-up limit of the item counted in its department's working days from `start`; the
// day of `start` itself does not count (the rule for acceptance without counts_acceptance_day).
DeadlineInput follow_up_input(const Catalog& catalog, const ItemDef& item, std::int64_t days, Timestamp start) {
  DeadlineInput in;
  in.accepted_at = start;
  in.limit_days = days;
  in.counts_acceptance_day = false;
  if (const Department* d = catalog.department(item.department)) in.region = d->region;
  return in;
}

}  // namespace

DeadlineInput deferral_deadline_input(const Catalog& catalog, const ItemDef& item, Timestamp accepted_at) {
  return follow_up_input(catalog, item, item.deferral_days, accepted_at);
}

DeadlineInput check_deadline_input(const Catalog& catalog, const ItemDef& item, Timestamp issued_at) {
  return follow_up_input(catalog, item, item.check_days, issued_at);
}

}  // namespace yilu
