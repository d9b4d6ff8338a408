#pragma once
// The names people read for the ids the figures group by: a window, department, item or bundle
// as the loaded catalog names it. An id the catalog no longer has (or any id without a catalog)
// is shown as itself, so old figures stay readable after a catalog change.
#include <string>
#include <string_view>

#include "yilu/catalog.hpp"

namespace yilu::server::http {

/// The catalog's name of `id` of `kind` ("window", "department", "item", "bundle"); `id` itself
/// when the catalog has none of that kind.
std::string catalog_name(const Catalog* catalog, std::string_view kind, const std::string& id);

}  // namespace yilu::server::http
