#include "storage/sqlite_database.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <exception>

#include "storage/sqlite_migrations.hpp"

namespace yilu::server::db {

namespace {
// Enough to amortize one fsync over a burst; small enough to bound a batch's latency.
constexpr std::size_t kMaxBatch = 256;

// Makes `p` readable by the owner only, creating it when `create`; a missing file is fine
// otherwise. fchmod, because open's mode passes through the umask and an old file keeps its own.
bool make_private(const std::string& p, bool create) {
  const int fd = ::open(p.c_str(), O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
  if (fd < 0) return !create && errno == ENOENT;
  const bool ok = ::fchmod(fd, 0600) == 0;
  ::close(fd);
  return ok;
}
}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& path) {
  std::unique_ptr<SqliteDatabase> d(new SqliteDatabase());
  d->path_ = path;
  // SQLite creates the file 0644 less the umask and gives -wal and -shm the database file's
  // mode: a private database file first makes all three private (people's ID numbers live here).
  if (!make_private(path, true) || !make_private(path + "-wal", false) || !make_private(path + "-shm", false))
    return storage_error("cannot make " + path + " private");
  auto w = SqliteConnection::open(path, "FULL");
  if (!w.ok()) return w.error();
  d->writer_ = std::move(w.value());
  if (auto e = apply_migrations(*d->writer_)) return *e;
  d->thread_ = std::thread([p = d.get()] { p->writer_loop(); });
  return d;
}

SqliteDatabase::~SqliteDatabase() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_writer_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<Error> SqliteDatabase::write(WriteJob job, Isolation /*isolation: one writer runs jobs in turn*/) {
  Pending p{std::move(job), std::nullopt, false};
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) return storage_error("database is closing");
  queue_.push_back(&p);
  wake_writer_.notify_one();
  wake_callers_.wait(lock, [&] { return p.done; });
  return p.result;
}

void SqliteDatabase::writer_loop() {
  std::vector<Pending*> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_writer_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    run_batch(batch);
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (Pending* p : batch) p->done = true;
    }
    wake_callers_.notify_all();
    batch.clear();
  }
}

void SqliteDatabase::run_batch(std::vector<Pending*>& batch) {
  SqliteConnection& c = *writer_;
  if (auto e = c.exec("BEGIN IMMEDIATE")) {
    for (Pending* p : batch) p->result = e;
    return;
  }
  for (Pending* p : batch) {
    if (auto e = c.exec("SAVEPOINT job")) {
      p->result = e;
      continue;
    }
    bool keep = false;
    try {
      keep = p->job(c);
    } catch (const std::exception& ex) {
      p->result = storage_error(ex.what());
    } catch (...) {
      p->result = storage_error("write job threw");
    }
    if (!keep) {
      if (!p->result) p->result = Error{"storage_error", "数据存储出错，请稍后重试", ""};
      c.exec("ROLLBACK TO job");
    }
    c.exec("RELEASE job");
  }
  if (auto e = c.exec("COMMIT")) {
    c.exec("ROLLBACK");
    for (Pending* p : batch) p->result = e;
  }
}

std::unique_ptr<Connection> SqliteDatabase::acquire_reader(std::optional<Error>& error) {
  {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (!readers_.empty()) {
      std::unique_ptr<Connection> c = std::move(readers_.back());
      readers_.pop_back();
      return c;
    }
  }
  auto c = SqliteConnection::open(path_, "FULL");
  if (!c.ok()) {
    error = c.error();
    return nullptr;
  }
  return std::move(c.value());
}

void SqliteDatabase::release_reader(std::unique_ptr<Connection> c) {
  std::lock_guard<std::mutex> lock(pool_mu_);
  readers_.push_back(std::move(c));
}

Result<int> SqliteDatabase::schema_version() {
  return read([](Connection& c) -> Result<int> {
    Stmt q(c, "PRAGMA user_version");
    if (!q.step()) return q.error() ? *q.error() : storage_error("PRAGMA user_version returned no row");
    return static_cast<int>(q.integer(0));
  });
}

int SqliteDatabase::expected_schema_version() const { return latest_schema_version(); }

}  // namespace yilu::server::db
