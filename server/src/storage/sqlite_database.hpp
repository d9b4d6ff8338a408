#pragma once
// The embedded database file: one writer thread that group-commits, a pool of reader connections.
//
// Why group commit: a submission is acknowledged only after its transaction is durable
// (synchronous=FULL: the WAL is fsynced at COMMIT). One fsync per request would cap the
// server at the disk's fsync rate; instead the writer takes every job waiting, runs each in
// its own SAVEPOINT inside one transaction, commits once, and only then wakes the callers.
// Each caller still gets "acknowledged ⇒ durable", and a failing job rolls back alone.
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.hpp"
#include "storage/sqlite.hpp"

namespace yilu::server::db {

class SqliteDatabase final : public Database {
 public:
  /// Opens the file, applies the migrations, starts the writer. Error `storage_error`.
  static Result<std::unique_ptr<SqliteDatabase>> open(const std::string& path);
  ~SqliteDatabase() override;

  std::optional<Error> write(WriteJob job, Isolation isolation = Isolation::Serializable) override;
  Result<int> schema_version() override;
  int expected_schema_version() const override;

 protected:
  std::unique_ptr<Connection> acquire_reader(std::optional<Error>& error) override;
  void release_reader(std::unique_ptr<Connection> c) override;

 private:
  struct Pending {
    WriteJob job;
    std::optional<Error> result;
    bool done = false;
  };

  SqliteDatabase() = default;
  void writer_loop();
  void run_batch(std::vector<Pending*>& batch);

  std::string path_;
  std::unique_ptr<SqliteConnection> writer_;
  std::mutex mu_;
  std::condition_variable wake_writer_;
  std::condition_variable wake_callers_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::thread thread_;

  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> readers_;
};

}  // namespace yilu::server::db
