#pragma once
// Versioned schema migrations of the PostgreSQL store, applied in order at start-up (the
// version lives in the table yilu_schema). Several servers may start at once: the first one
// migrates under an advisory lock, the others wait and then find the schema current.
#include <optional>

#include "storage/pg.hpp"

namespace yilu::server::db {

/// Brings the schema to the latest version, one transaction per step; the error, or nullopt.
/// A database newer than this program is refused (`storage_error`).
std::optional<Error> apply_pg_migrations(PgConnection& c);

/// The schema version this program writes.
int latest_pg_schema_version();

/// The version the database records (0: never migrated).
Result<int> pg_schema_version(Connection& c);

}  // namespace yilu::server::db
