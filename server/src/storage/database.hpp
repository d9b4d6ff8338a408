#pragma once
// The database file: one writer thread that group-commits, a pool of reader connections.
//
// Why group commit: a submission is acknowledged only after its transaction is durable
// (synchronous=FULL: the WAL is fsynced at COMMIT). One fsync per request would cap the
// server at the disk's fsync rate; instead the writer takes every job waiting, runs each in
// its own SAVEPOINT inside one transaction, commits once, and only then wakes the callers.
// Each caller still gets "acknowledged ⇒ durable", and a failing job rolls back alone.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/sqlite.hpp"

namespace yilu::server::db {

/// A write job: runs inside a savepoint; returns false (or throws) to roll back its changes.
using WriteJob = std::function<bool(Connection&)>;

class Database {
 public:
  /// Opens the file, applies the migrations, starts the writer. Error `storage_error`.
  static Result<std::unique_ptr<Database>> open(const std::string& path);
  ~Database();

  /// Runs the job in a durable transaction; returns once committed (the error if the job
  /// failed, threw, or the commit did). The job must not block on other writes.
  std::optional<Error> write(WriteJob job);

  /// Runs `fn` with a reader connection (a consistent snapshot per statement).
  template <class Fn>
  auto read(Fn&& fn) {
    Lease lease(*this);
    return fn(*lease.conn);
  }

 private:
  struct Pending {
    WriteJob job;
    std::optional<Error> result;
    bool done = false;
  };
  struct Lease {
    explicit Lease(Database& d);
    ~Lease();
    Database& db;
    std::unique_ptr<Connection> conn;
  };

  Database() = default;
  void writer_loop();
  void run_batch(std::vector<Pending*>& batch);

  std::string path_;
  std::unique_ptr<Connection> writer_;
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
