#pragma once
/// The service guide (办事指南) of one item as structured data for the front end to render:
/// conditions, situation questions, materials resolved for the answers given so far, time
/// limits, fees, online level and where to go.
#include <nlohmann/json.hpp>

#include "yilu/catalog.hpp"

namespace yilu {

/// The guide of `item` (shape in docs/core-api.md, op `guide`). `answers` (an object or nullptr)
/// resolves conditional materials: a condition on an unanswered question stays "conditional".
/// Never fails: unknown answers are ignored.
nlohmann::json service_guide(const Catalog& catalog, const ItemDef& item, const nlohmann::json* answers);

}  // namespace yilu
