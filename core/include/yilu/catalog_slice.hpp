#pragma once
/// Slices of a catalog: the self-contained part one item or one bundle needs — the entry, a
/// bundle's items, and the departments, windows, licence types and life events they name — so
/// the phone downloads and loads only what the resident opens (docs/catalog.md, "Slices").
/// A slice is catalog text of the same schema plus `slice_of`, the whole catalog's fingerprint.
/// An item's slice holds the bundles it belongs to too (its guide names them), with their items.
/// Slices merge into one catalog that answers validate, guide and plan_bundle for their entries
/// byte for byte as the whole catalog does (Engine::load_catalog_slices;
/// tests/unit/catalog_slice_test.cpp, tests/js).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "yilu/catalog.hpp"
#include "yilu/error.hpp"

namespace yilu {

/// Cuts slices out of a whole catalog. Parses the text once; slicing is then a copy of the
/// entries each slice needs.
class CatalogSlicer {
 public:
  /// `catalog` must be the one loaded from `whole_text`.
  CatalogSlicer(std::string_view whole_text, const Catalog& catalog);

  /// The slice of item `id` (compact JSON text), or nullopt when the catalog has no such item.
  /// With the item come the bundles it belongs to and their items.
  std::optional<std::string> item(std::string_view id) const;
  /// The slice of bundle `id` with every item of its stages, or nullopt.
  std::optional<std::string> bundle(std::string_view id) const;

 private:
  std::string closure(std::set<std::string> items, std::set<std::string> bundles) const;
  std::string slice(const std::vector<const nlohmann::json*>& bundles,
                    const std::vector<const nlohmann::json*>& items) const;

  const Catalog& catalog_;
  nlohmann::json whole_;
  std::map<std::string, const nlohmann::json*, std::less<>> items_by_id_;  ///< into whole_
  std::map<std::string, const nlohmann::json*, std::less<>> bundles_by_id_;
};

}  // namespace yilu
