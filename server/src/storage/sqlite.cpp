#include "storage/sqlite.hpp"

#include <sqlite3.h>

#include <cerrno>

namespace yilu::server::db {

namespace {

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(SqliteConnection& c, sqlite3_stmt* s) : conn_(c), stmt_(s) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void bind_text(int i, std::string_view text) override {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind_int(int i, std::int64_t v) override { sqlite3_bind_int64(stmt_, i, v); }
  void bind_null(int i) override { sqlite3_bind_null(stmt_, i); }
  bool step(std::optional<Error>& error) override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) error = conn_.last_error();
    return false;
  }
  std::string text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (!p) return {};
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  std::int64_t integer(int col) const override { return sqlite3_column_int64(stmt_, col); }
  bool is_null(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  SqliteConnection& conn_;
  sqlite3_stmt* stmt_;
};

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path, const char* synchronous) {
  std::unique_ptr<SqliteConnection> c(new SqliteConnection());
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &c->db_, flags, nullptr) != SQLITE_OK) return c->last_error();
  sqlite3_busy_timeout(c->db_, 10000);
  std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=";
  pragmas += synchronous;
  pragmas += ";";
  if (auto e = c->exec(pragmas)) return *e;
  return c;
}

SqliteConnection::~SqliteConnection() {
  drop_statements();
  sqlite3_close_v2(db_);
}

std::unique_ptr<Statement> SqliteConnection::prepare(std::string_view sql, std::optional<Error>& error) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr) !=
      SQLITE_OK) {
    error = last_error();
    return nullptr;
  }
  return std::make_unique<SqliteStatement>(*this, s);
}

std::optional<Error> SqliteConnection::exec(std::string_view sql) {
  char* msg = nullptr;
  const std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &msg) == SQLITE_OK) return std::nullopt;
  std::string detail = msg ? msg : "exec failed";
  sqlite3_free(msg);
  return is_full() ? storage_full(detail) : storage_error(detail);
}

std::int64_t SqliteConnection::changes() const { return sqlite3_changes(db_); }

Error SqliteConnection::last_error() const {
  if (!db_) return storage_error("cannot open database");
  return is_full() ? storage_full(sqlite3_errmsg(db_)) : storage_error(sqlite3_errmsg(db_));
}

// SQLite says SQLITE_FULL when a page cannot be added, and an I/O error carrying ENOSPC when
// the WAL or a temporary file cannot grow: both mean "no room", not a broken database.
bool SqliteConnection::is_full() const {
  if (!db_) return false;
  const int code = sqlite3_errcode(db_) & 0xff;
  if (code == SQLITE_FULL) return true;
  const int sys = sqlite3_system_errno(db_);
  return code == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT);
}

}  // namespace yilu::server::db
