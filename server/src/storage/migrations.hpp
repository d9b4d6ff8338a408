#pragma once
// Versioned schema migrations, applied in order at start-up (PRAGMA user_version).
#include <optional>

#include "storage/sqlite.hpp"

namespace yilu::server::db {

/// Brings the schema to the latest version, one transaction per step; the error, or nullopt.
/// A database newer than this program is refused (`storage_error`).
std::optional<Error> apply_migrations(Connection& c);

/// The schema version this program writes.
int latest_schema_version();

}  // namespace yilu::server::db
