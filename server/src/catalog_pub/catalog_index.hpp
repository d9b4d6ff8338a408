#pragma once
// The catalog index the phone downloads instead of the whole catalog: every item and bundle
// by name, department, window, level, keywords, life events and pinyin initials — what the
// resident pages list, browse and search — and nothing the core needs to check an application
// (that comes in slices, yilu/catalog_slice.hpp). Format: docs/server-api.md, "The catalog for
// the phone".
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

}  // namespace yilu::server
