#pragma once
/// The service guide (办事指南) of one item, or of a 一件事 bundle, as structured data for the
/// front end to render: conditions, situation questions, fields and materials resolved for the
/// answers given so far, time limits, fees, online level and where to go.
#include <nlohmann/json.hpp>

#include "yilu/catalog.hpp"

namespace yilu {

/// The guide of `item` (shape in docs/core-api.md, op `guide`). `answers` (an object or nullptr)
/// resolves conditional materials: a condition on an unanswered question stays "conditional".
/// Never fails: unknown answers are ignored.
/// The 告知承诺书 an applicant signs for `item`: the catalog's text, or the standard one
/// naming the item (the core's message table) when the catalog gives none.
std::string commitment_text(const ItemDef& item);

nlohmann::json service_guide(const Catalog& catalog, const ItemDef& item, const nlohmann::json* answers);

/// The guide of `bundle`: its stages and items, and its questions, fields and materials merged
/// exactly as validate_bundle merges them (each once; required when any item requires it; a
/// material a earlier stage's licence replaces is "reused"). Shape in docs/core-api.md, op
/// `guide` with `bundle`. Never fails (the bundle must belong to `catalog`).
nlohmann::json bundle_guide(const Catalog& catalog, const BundleDef& bundle, const nlohmann::json* answers);

}  // namespace yilu
