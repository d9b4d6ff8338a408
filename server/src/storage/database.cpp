#include "storage/database.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <exception>

#include "storage/migrations.hpp"

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

Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
  std::unique_ptr<Database> d(new Database());
  d->path_ = path;
  // SQLite creates the file 0644 less the umask and gives -wal and -shm the database file's
  // mode: a private database file first makes all three private (people's ID numbers live here).
  if (!make_private(path, true) || !make_private(path + "-wal", false) || !make_private(path + "-shm", false))
    return storage_error("cannot make " + path + " private");
  auto w = Connection::open(path, "FULL");
  if (!w.ok()) return w.error();
  d->writer_ = std::move(w.value());
  if (auto e = apply_migrations(*d->writer_)) return *e;
  d->thread_ = std::thread([p = d.get()] { p->writer_loop(); });
  return d;
}

Database::~Database() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_writer_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<Error> Database::write(WriteJob job) {
  Pending p{std::move(job), std::nullopt, false};
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) return storage_error("database is closing");
  queue_.push_back(&p);
  wake_writer_.notify_one();
  wake_callers_.wait(lock, [&] { return p.done; });
  return p.result;
}

void Database::writer_loop() {
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

void Database::run_batch(std::vector<Pending*>& batch) {
  Connection& c = *writer_;
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

Database::Lease::Lease(Database& d) : db(d) {
  {
    std::lock_guard<std::mutex> lock(d.pool_mu_);
    if (!d.readers_.empty()) {
      conn = std::move(d.readers_.back());
      d.readers_.pop_back();
      return;
    }
  }
  auto c = Connection::open(d.path_, "FULL");
  if (c.ok()) conn = std::move(c.value());
  // A reader that cannot open is a broken data folder: fail loudly rather than serve nothing.
  if (!conn) std::terminate();
}

Database::Lease::~Lease() {
  std::lock_guard<std::mutex> lock(db.pool_mu_);
  db.readers_.push_back(std::move(conn));
}

}  // namespace yilu::server::db
