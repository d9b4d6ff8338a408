#pragma once
// The shared database: a PostgreSQL server that any number of `yilu serve` use at once.
//
// Every write job runs in its own SERIALIZABLE transaction by default: the store's jobs read,
// check and write (a status still the expected one, a key not yet used), and serializable
// isolation makes that as safe across servers as SQLite's single writer is within one. A job
// that loses a race with another server (serialization failure, deadlock, a unique key inserted
// meanwhile) runs again and then sees the winner's write: one winner, a 409 for the other. The
// submission, the hot insert, runs READ COMMITTED instead and guards itself (Isolation). COMMIT returns once
// the WAL is flushed (synchronous_commit on): acknowledged ⇒ durable. Concurrent commits share
// flushes in PostgreSQL itself, so there is no group commit here.
//
// When the server goes away, calls fail at once with `storage_unavailable` (503); broken
// connections are dropped and new ones made on the next call, so service resumes by itself.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/pg.hpp"

namespace yilu::server::db {

class PgDatabase final : public Database {
 public:
  /// Connects, migrates; at most `max_connections` open at once. Error `storage_unavailable`
  /// or `storage_error`.
  static Result<std::unique_ptr<PgDatabase>> open(const std::string& url, std::size_t max_connections = 16);

  std::optional<Error> write(WriteJob job, Isolation isolation = Isolation::Serializable) override;
  Result<int> schema_version() override;
  int expected_schema_version() const override;

 protected:
  std::unique_ptr<Connection> acquire_reader(std::optional<Error>& error) override;
  void release_reader(std::unique_ptr<Connection> c) override;

 private:
  PgDatabase() = default;
  /// An idle connection or a new one (waiting while `max_` are in use); nullptr with `error`.
  std::unique_ptr<PgConnection> take(std::optional<Error>& error);
  /// Back to the pool; a broken one is closed instead.
  void give(std::unique_ptr<PgConnection> c);

  std::string url_;
  std::size_t max_ = 16;
  std::mutex mu_;
  std::condition_variable freed_;
  std::size_t open_ = 0;  ///< connections in use or idle
  std::vector<std::unique_ptr<PgConnection>> idle_;
};

}  // namespace yilu::server::db
