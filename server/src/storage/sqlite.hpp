#pragma once
// The SQLite backend of the SQL layer (storage/sql.hpp): one connection to the embedded file.
#include <memory>
#include <string>

#include "storage/sql.hpp"

struct sqlite3;

namespace yilu::server::db {

class SqliteConnection final : public Connection {
 public:
  /// Opens (creating) the file with WAL and the given synchronous mode; error `storage_error`.
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, const char* synchronous);
  ~SqliteConnection() override;

  std::optional<Error> exec(std::string_view sql) override;
  std::int64_t changes() const override;
  const char* begin_snapshot_sql() const override { return "BEGIN"; }
  sqlite3* raw() const { return db_; }
  /// The connection's last error as an Error value.
  Error last_error() const;
  /// Whether the last failure was "no space left" (the disk or the file's quota).
  bool is_full() const;

 protected:
  std::unique_ptr<Statement> prepare(std::string_view sql, std::optional<Error>& error) override;

 private:
  SqliteConnection() = default;
  sqlite3* db_ = nullptr;
};

}  // namespace yilu::server::db
