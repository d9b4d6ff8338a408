#pragma once
/// An item's time limit in a situation, and the deadline input of an application for it: the
/// one place that turns the catalog's promised limits into what compute_deadline needs. The
/// guide, the bundle plan, the `deadline` op and the server all go through it.
#include <cstdint>

#include <nlohmann/json.hpp>

#include "yilu/catalog.hpp"
#include "yilu/deadline.hpp"

namespace yilu {

/// The item's promised limit for the situation in `answers` (an object or nullptr): the
/// option chosen by its promised_days_by question, else its (longest) promised limit. Never
/// fails: an unknown or missing answer gives the longest limit.
std::int64_t promised_days_for(const ItemDef& item, const nlohmann::json* answers);

/// The deadline input of an application for `item` accepted at `accepted_at`: the limit from
/// promised_days_for, whether the acceptance day counts from the item, the calendar region
/// from the item's department (empty when the department has none). No pauses, no extensions:
/// the caller adds those. Never fails (the item must belong to `catalog`).
DeadlineInput item_deadline_input(const Catalog& catalog, const ItemDef& item, const nlohmann::json* answers,
                                  Timestamp accepted_at);

/// 容缺补交: the deadline input for supplying a deferred material of `item` accepted at
/// `accepted_at` — the item's deferral_days working days (5 unless the catalog says), the
/// acceptance day not counted, the department's calendar region. Never fails.
DeadlineInput deferral_deadline_input(const Catalog& catalog, const ItemDef& item, Timestamp accepted_at);

/// 告知承诺 核查: the deadline input of the department's post-check of a commitment made for
/// `item`, issued at `issued_at` — the item's check_days working days, as above. Never fails.
DeadlineInput check_deadline_input(const Catalog& catalog, const ItemDef& item, Timestamp issued_at);

}  // namespace yilu
