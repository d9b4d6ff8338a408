#pragma once
// The PostgreSQL backend of the SQL layer (storage/sql.hpp), over libpq: one connection to
// the shared database. Statements are prepared once per connection (the store's `?`
// placeholders become `$1…$n`) and run with text parameters; a result is read whole.
#include <memory>
#include <string>

#include "storage/sql.hpp"

struct pg_conn;

namespace yilu::server::db {

class PgConnection final : public Connection {
 public:
  /// Connects (`url`: postgresql://… or a libpq key=value string); `storage_unavailable`
  /// when the server cannot be reached.
  static Result<std::unique_ptr<PgConnection>> open(const std::string& url);
  ~PgConnection() override;

  std::optional<Error> exec(std::string_view sql) override;
  std::int64_t changes() const override { return changes_; }
  const char* begin_snapshot_sql() const override { return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"; }
  bool broken() const override;
  const char* row_lock_sql() const override { return " FOR UPDATE"; }

  /// The SQLSTATE of the last failed statement ("" when none since clear_failure()).
  const std::string& failed_state() const { return failed_state_; }
  /// The last failure as an Error value, or nullopt.
  const std::optional<Error>& failure() const { return failure_; }
  void clear_failure();
  /// Whether the last failure means "another transaction won the race: run it again"
  /// (serialization failure, deadlock, a unique key inserted meanwhile).
  bool lost_race() const;

  // For the statements of this connection.
  pg_conn* raw() const { return conn_; }
  void set_changes(std::int64_t n) { changes_ = n; }
  bool closing() const { return closing_; }
  /// Records a failed result (or a failed connection when `res` is null) and returns it as an Error.
  Error record_failure(const void* res);

 protected:
  std::unique_ptr<Statement> prepare(std::string_view sql, std::optional<Error>& error) override;

 private:
  PgConnection() = default;
  pg_conn* conn_ = nullptr;
  std::int64_t changes_ = 0;
  bool closing_ = false;
  std::uint64_t next_name_ = 0;
  std::string failed_state_;
  std::optional<Error> failure_;
};

/// The SQL with each `?` outside quotes replaced by `$1`, `$2`, …; `count` receives how many.
std::string numbered_placeholders(std::string_view sql, int& count);

}  // namespace yilu::server::db
