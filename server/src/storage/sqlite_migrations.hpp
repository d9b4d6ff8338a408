#pragma once
// Versioned schema migrations, applied in order at start-up (SQLite: PRAGMA user_version).
#include <optional>

#include "storage/sqlite.hpp"

namespace yilu::server::db {

/// Brings the schema to the latest version (or to `up_to`, for tests that build an older
/// database), one transaction per step; the error, or nullopt. A database newer than this
/// program is refused (`storage_error`); a failing step leaves the database at the step before.
std::optional<Error> apply_migrations(SqliteConnection& c, std::optional<int> up_to = std::nullopt);

/// The schema version this program writes.
int latest_schema_version();

}  // namespace yilu::server::db
