#pragma once
// Which database a test's store lives in. By default the embedded SQLite file at the path the
// test chose; with YILU_TEST_DB set to a PostgreSQL URL (scripts/test.sh starts a throwaway
// cluster and runs the server and storage tests again that way), a schema of its own in that
// database, named after the path: the same test code exercises both stores.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include "storage/pg.hpp"
#include "storage/sqlite.hpp"

namespace yilu::test {

/// Whether the tests run against PostgreSQL (YILU_TEST_DB set).
inline bool testing_postgresql() {
  const char* url = std::getenv("YILU_TEST_DB");
  return url && *url;
}

/// The store URL for a test whose SQLite file would be `sqlite_path`: "sqlite:<path>", or the
/// PostgreSQL database with a schema for this path (created if new; the same path, the same
/// schema, so a test can reopen its store).
inline std::string test_db_url(const std::string& sqlite_path) {
  if (!testing_postgresql()) return "sqlite:" + sqlite_path;
  const std::string base = std::getenv("YILU_TEST_DB");
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a of the path: a stable, short schema name
  for (const unsigned char ch : sqlite_path) h = (h ^ ch) * 1099511628211ULL;
  char schema[24];
  std::snprintf(schema, sizeof schema, "t%016llx", static_cast<unsigned long long>(h));
  auto c = server::db::PgConnection::open(base);
  if (!c.ok()) throw std::runtime_error("YILU_TEST_DB: cannot connect to " + base);
  if (c.value()->exec(std::string("CREATE SCHEMA IF NOT EXISTS ") + schema))
    throw std::runtime_error("YILU_TEST_DB: cannot create schema");
  const char sep = base.find('?') == std::string::npos ? '?' : '&';
  return base + sep + "options=-csearch_path%3D" + schema;
}

/// A connection of its own to a test's database (for what the store does not offer: changing
/// the schema version behind its back, say).
inline std::unique_ptr<server::db::Connection> connect_test_db(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    auto c = server::db::SqliteConnection::open(url.substr(7), "FULL");
    if (!c.ok()) throw std::runtime_error("cannot open " + url);
    return std::move(c.value());
  }
  auto c = server::db::PgConnection::open(url);
  if (!c.ok()) throw std::runtime_error("cannot connect to the test database");
  return std::move(c.value());
}

/// The SQL that records `version` as the database's schema version, in its own dialect.
inline std::string set_schema_version_sql(int version) {
  return testing_postgresql() ? "UPDATE yilu_schema SET version=" + std::to_string(version)
                              : "PRAGMA user_version=" + std::to_string(version);
}

}  // namespace yilu::test
