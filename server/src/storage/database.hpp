#pragma once
// A database the store writes to and reads from: write jobs run in durable transactions, reads
// on pooled connections. Two implementations: SqliteDatabase (the embedded file, one writer
// that group-commits) and PgDatabase (a PostgreSQL server shared by several `yilu serve`).
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "storage/sql.hpp"

namespace yilu::server::db {

/// A write job: runs inside its own transaction (or savepoint); returns false (or throws) to
/// roll back its changes. It may run more than once (PostgreSQL retries a transaction that
/// lost a race with another server): it must set its outputs afresh each time it runs.
using WriteJob = std::function<bool(Connection&)>;

/// How a write job is isolated from concurrent ones on a shared database (SQLite runs one job at
/// a time: both are the same there).
enum class Isolation {
  /// As if jobs ran one after another: a job that reads, checks and writes needs nothing else.
  Serializable,
  /// Each statement sees what is committed; the job itself must guard what it checks (a unique
  /// key, a row lock: Connection::row_lock_sql). For hot inserts whose reads would make
  /// serializable transactions collide although they touch different rows.
  ReadCommitted,
};

class Database {
 public:
  virtual ~Database() = default;

  /// Runs the job in a durable transaction; returns once committed (the error if the job
  /// failed, threw, or the commit did). The job must not block on other writes.
  virtual std::optional<Error> write(WriteJob job, Isolation isolation = Isolation::Serializable) = 0;

  /// Runs `fn` with a reader connection (each statement sees a consistent snapshot; use
  /// the connection's begin_snapshot_sql() for several). `fn` returns a Result.
  /// A read that failed because its pooled connection had died (the database restarted
  /// since) runs once more; the pool closes its idle connections when one is found dead, so
  /// that second run gets a fresh one.
  template <class Fn>
  auto read(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    for (int attempt = 0;; ++attempt) {
      std::optional<Error> error;
      std::unique_ptr<Connection> c = acquire_reader(error);
      if (!c) return *error;
      auto r = fn(*c);
      const bool again = !r.ok() && c->broken() && attempt == 0;
      release_reader(std::move(c));
      if (!again) return r;
    }
  }

  /// The schema version stored in the database, read now (readiness).
  virtual Result<int> schema_version() = 0;
  /// The version this program's migrations give the database.
  virtual int expected_schema_version() const = 0;

 protected:
  /// A reader connection from the pool (or a new one); nullptr with `error` when none can be had.
  virtual std::unique_ptr<Connection> acquire_reader(std::optional<Error>& error) = 0;
  virtual void release_reader(std::unique_ptr<Connection> c) = 0;
};

}  // namespace yilu::server::db
