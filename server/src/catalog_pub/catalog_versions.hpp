#pragma once
// Catalog versions (docs/catalog.md, "Versions"): the catalog in force is the newest version
// stored in the database. A shipped file the database has never seen (a first start, a release
// with a new catalog) is stored as a version at start; an administrator publishes a new one, or
// restores an earlier one, without a restart — here at once, on the other servers of the
// database within seconds (adopt_published_catalog, polled). An application keeps the version it
// was filed under (Application::catalog_version, App::engine_for).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app.hpp"
#include "yilu/catalog.hpp"

namespace yilu::server {

/// A loaded version; with `pinyin`, also its publication for the phone and its whole-catalog
/// body (a version in force), else the catalog only (an earlier version some applications use).
Result<std::shared_ptr<const CatalogState>> make_catalog_state(std::string text, std::int64_t id,
                                                               const PinyinInitials* pinyin);

/// At start, with the shipped catalog in force as version 0: stores it if the database has no
/// version with its fingerprint, then puts the newest stored version in force, and sets
/// App::load_catalog_version.
std::optional<Error> start_catalog_versions(App& app);

/// Puts the database's newest version in force if it is not already. True when it changed.
Result<bool> adopt_published_catalog(App& app);

/// "新增 2 个事项，修改 1 个，删除 0 个" between two catalog texts (items compared by id).
std::string catalog_change_summary(const std::string& before_text, const std::string& after_text);

struct CatalogPublishing {
  std::vector<Problem> problems;  ///< the core's lint: not published when any
  CatalogVersion version;         ///< the stored version (without its text)
};

/// Lints `text`, stores it as the newest version (summary: what changed against the version in
/// force, after `note`) and puts it in force.
Result<CatalogPublishing> publish_catalog_version(App& app, std::string text, const std::string& by,
                                                  const std::string& note);

}  // namespace yilu::server
