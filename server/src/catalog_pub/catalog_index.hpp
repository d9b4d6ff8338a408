#pragma once
// The catalog index the phone downloads instead of the whole catalog: every item and bundle
// by name, department, window, level, keywords, life events and pinyin initials — what the
// resident pages list, browse and search — and nothing the core needs to check an application
// (that comes in slices, yilu/catalog_slice.hpp). Format: docs/server-api.md, "The catalog for
// the phone".
#include <map>
#include <string>

#include "catalog_pub/pinyin_initials.hpp"
#include "yilu/catalog.hpp"

namespace yilu::server {

/// Whole: everything above. Summary: all but the items — departments, windows, life events
/// (with their counts) and bundles, what the home page and the browse lists show — a few KB
/// where the whole index of a real center is hundreds.
enum class IndexPart { Whole, Summary };

/// The index (or its summary) as compact JSON text.
std::string catalog_index_json(const Catalog& catalog, const PinyinInitials& pinyin, IndexPart part = IndexPart::Whole);

/// What one browse page lists, by id: {fingerprint, items, bundles} with the index's entries of
/// a window (its items and bundles), a department (its items) or a life event (its items and
/// bundles). Every window, department and life event of the catalog has one, empty or not.
struct IndexGroups {
  std::map<std::string, std::string, std::less<>> windows;
  std::map<std::string, std::string, std::less<>> departments;
  std::map<std::string, std::string, std::less<>> life_events;
};
IndexGroups catalog_index_groups(const Catalog& catalog, const PinyinInitials& pinyin);

}  // namespace yilu::server
