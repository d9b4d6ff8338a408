#include "storage/pg_database.hpp"

#include <libpq-fe.h>

#include <chrono>
#include <exception>
#include <random>
#include <thread>

#include "storage/pg_migrations.hpp"

namespace yilu::server::db {

namespace {

// A job losing races this many times in a row is under a contention the caller should see.
constexpr int kMaxAttempts = 20;

// A short random pause before running a job again, growing with the attempts: two servers
// retrying in lockstep would collide again.
void pause_before_retry(int attempt) {
  thread_local std::minstd_rand rng{std::random_device{}()};
  const int ceiling_us = 200 * (1 << std::min(attempt, 6));
  std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, ceiling_us)(rng)));
}

}  // namespace

Result<std::unique_ptr<PgDatabase>> PgDatabase::open(const std::string& url, std::size_t max_connections) {
  std::unique_ptr<PgDatabase> d(new PgDatabase());
  d->url_ = url;
  d->max_ = max_connections < 2 ? 2 : max_connections;
  auto c = PgConnection::open(url);
  if (!c.ok()) return c.error();
  if (auto e = apply_pg_migrations(*c.value())) return *e;
  d->open_ = 1;
  d->idle_.push_back(std::move(c.value()));
  return d;
}

std::unique_ptr<PgConnection> PgDatabase::take(std::optional<Error>& error) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    freed_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
    if (!idle_.empty()) {
      std::unique_ptr<PgConnection> c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    ++open_;  // a slot for the connection made below, outside the lock
  }
  auto c = PgConnection::open(url_);
  if (c.ok()) return std::move(c.value());
  error = c.error();
  {
    std::lock_guard<std::mutex> lock(mu_);
    --open_;
  }
  freed_.notify_one();
  return nullptr;
}

void PgDatabase::give(std::unique_ptr<PgConnection> c) {
  // A connection never goes back inside a transaction (a reader that failed half-way).
  if (!c->broken() && PQtransactionStatus(c->raw()) != PQTRANS_IDLE) c->exec("ROLLBACK");
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (c->broken()) {
      // One connection found the server gone: the idle ones were opened to the same server and
      // are most likely dead too (a restart, a failover). Closing them all now makes the retry
      // of the failed call, and every call after it, start on a fresh connection.
      open_ -= 1 + idle_.size();
      idle_.clear();
    } else {
      c->clear_failure();
      idle_.push_back(std::move(c));
    }
  }
  freed_.notify_one();
}

std::unique_ptr<Connection> PgDatabase::acquire_reader(std::optional<Error>& error) { return take(error); }

void PgDatabase::release_reader(std::unique_ptr<Connection> c) {
  give(std::unique_ptr<PgConnection>(static_cast<PgConnection*>(c.release())));
}

std::optional<Error> PgDatabase::write(WriteJob job, Isolation isolation) {
  const char* begin = isolation == Isolation::Serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                                                           : "BEGIN ISOLATION LEVEL READ COMMITTED";
  for (int attempt = 1;; ++attempt) {
    std::optional<Error> error;
    std::unique_ptr<PgConnection> c = take(error);
    if (!c) return error;
    c->clear_failure();
    bool committing = false;
    if (auto e = c->exec(begin)) {
      error = e;
    } else {
      bool keep = false;
      try {
        keep = job(*c);
      } catch (const std::exception& ex) {
        error = storage_error(ex.what());
      } catch (...) {
        error = storage_error("write job threw");
      }
      if (keep && !error) {
        committing = true;
        error = c->exec("COMMIT");
      } else {
        if (!error) error = c->failure() ? *c->failure() : Error{"storage_error", "数据存储出错，请稍后重试", ""};
        if (!c->broken()) c->exec("ROLLBACK");
      }
    }
    // Lost a race: nothing was written, run again. A connection that broke before COMMIT was
    // sent wrote nothing either (a pooled one may have died with an earlier database
    // restart): once more on a fresh one. A COMMIT whose answer was lost is not repeated —
    // it may have happened; the caller's idempotency key settles it.
    const bool again = error && attempt < kMaxAttempts && (c->lost_race() || (c->broken() && !committing));
    const bool broke = c->broken();
    give(std::move(c));
    if (!again) return error;
    if (!broke) pause_before_retry(attempt);
  }
}

Result<int> PgDatabase::schema_version() {
  return read([](Connection& c) { return pg_schema_version(c); });
}

int PgDatabase::expected_schema_version() const { return latest_pg_schema_version(); }

}  // namespace yilu::server::db
