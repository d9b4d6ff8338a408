#include "storage/sqlite.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "log_text.hpp"

namespace yilu::server::db {

Error storage_error(std::string_view detail) {
  // The detail helps the operator; people see only the fixed message.
  std::fprintf(stderr, "[storage] %s\n", log_text(detail).c_str());
  return Error{"storage_error", "数据存储出错，请稍后重试", ""};
}

Error storage_full(std::string_view detail) {
  std::fprintf(stderr, "[storage] no space left: %s\n", log_text(detail).c_str());
  return Error{"storage_full", "服务器存储空间已满，暂时不能保存新的内容", ""};
}

Error storage_error_from_errno(std::string_view detail, int err) {
  const std::string text = std::string(detail) + ": " + std::strerror(err);
  return err == ENOSPC || err == EDQUOT ? storage_full(text) : storage_error(text);
}

Stmt::Stmt(Connection& c, std::string_view sql) : conn_(c) {
  auto it = c.cache_.find(std::string(sql));
  if (it != c.cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    stmt_ = it->second.stmt;
    in_use_ = &it->second.in_use;  // element references survive rehashing
    return;
  }
  if (sqlite3_prepare_v3(c.raw(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                         nullptr) != SQLITE_OK) {
    error_ = c.last_error();
    return;
  }
  if (it == c.cache_.end()) {
    auto added = c.cache_.emplace(std::string(sql), Connection::Cached{stmt_, true});
    in_use_ = &added.first->second.in_use;
  }
}

Stmt::~Stmt() {
  if (!in_use_) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

Stmt& Stmt::bind(int i, std::string_view text) {
  if (stmt_) sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind(int i, std::int64_t v) {
  if (stmt_) sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  if (stmt_) sqlite3_bind_null(stmt_, i);
  return *this;
}
Stmt& Stmt::bind_opt(int i, std::string_view text) { return text.empty() ? bind_null(i) : bind(i, text); }

bool Stmt::step() {
  if (!stmt_ || error_) return false;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) error_ = conn_.last_error();
  return false;
}

std::optional<Error> Stmt::run() {
  while (step()) {
  }
  return error_;
}

std::string Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (!p) return {};
  return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}
std::int64_t Stmt::integer(int col) const { return sqlite3_column_int64(stmt_, col); }
bool Stmt::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, const char* synchronous) {
  std::unique_ptr<Connection> c(new Connection());
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &c->db_, flags, nullptr) != SQLITE_OK) return c->last_error();
  sqlite3_busy_timeout(c->db_, 10000);
  std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=";
  pragmas += synchronous;
  pragmas += ";";
  if (auto e = c->exec(pragmas)) return *e;
  return c;
}

Connection::~Connection() {
  for (auto& [sql, c] : cache_) sqlite3_finalize(c.stmt);
  sqlite3_close_v2(db_);
}

std::optional<Error> Connection::exec(std::string_view sql) {
  char* msg = nullptr;
  const std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &msg) == SQLITE_OK) return std::nullopt;
  std::string detail = msg ? msg : "exec failed";
  sqlite3_free(msg);
  return is_full() ? storage_full(detail) : storage_error(detail);
}

std::int64_t Connection::changes() const { return sqlite3_changes(db_); }

Error Connection::last_error() const {
  if (!db_) return storage_error("cannot open database");
  return is_full() ? storage_full(sqlite3_errmsg(db_)) : storage_error(sqlite3_errmsg(db_));
}

// SQLite says SQLITE_FULL when a page cannot be added, and an I/O error carrying ENOSPC when
// the WAL or a temporary file cannot grow: both mean "no room", not a broken database.
bool Connection::is_full() const {
  if (!db_) return false;
  const int code = sqlite3_errcode(db_) & 0xff;
  if (code == SQLITE_FULL) return true;
  const int sys = sqlite3_system_errno(db_);
  return code == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT);
}

}  // namespace yilu::server::db
