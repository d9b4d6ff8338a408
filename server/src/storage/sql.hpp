#pragma once
// The SQL layer the store is written against, whatever the database: a connection caches
// prepared statements; a statement binds parameters by position (1-based, written `?` in the
// SQL: each backend translates) and reads columns (0-based) as text or integers. Errors are
// values with the code `storage_error` (or `storage_full`, `storage_unavailable`).
//
// Two backends implement it: SQLite (storage/sqlite.hpp, the embedded file) and PostgreSQL
// (storage/pg.hpp, the shared database). The store's SQL is the dialect both understand:
// COALESCE, ON CONFLICT … DO NOTHING/UPDATE, RETURNING, standard LIKE … ESCAPE.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "yilu/error.hpp"

namespace yilu::server::db {

/// A backend's prepared statement.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void bind_text(int i, std::string_view text) = 0;
  virtual void bind_int(int i, std::int64_t v) = 0;
  virtual void bind_null(int i) = 0;
  /// Advances: true when a row is ready; false when done or on error (then `error` is set).
  virtual bool step(std::optional<Error>& error) = 0;
  virtual std::string text(int col) const = 0;
  virtual std::int64_t integer(int col) const = 0;
  virtual bool is_null(int col) const = 0;
  /// Ready to run again: results dropped, parameters cleared.
  virtual void reset() = 0;
};

/// One database connection. Not shared between threads without the owner's locking.
class Connection {
 public:
  virtual ~Connection() = default;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one or more statements without results; the error, or nullopt.
  virtual std::optional<Error> exec(std::string_view sql) = 0;
  /// The rows changed by the last statement that changed rows.
  virtual std::int64_t changes() const = 0;
  /// The statement that opens a read transaction seeing one snapshot of the database.
  virtual const char* begin_snapshot_sql() const = 0;
  /// What to append to a SELECT to lock the rows it reads until the transaction ends
  /// (PostgreSQL's " FOR UPDATE"; SQLite's one writer needs none).
  virtual const char* row_lock_sql() const { return ""; }
  /// Whether the connection can no longer be used (the server went away): the pool drops it.
  virtual bool broken() const { return false; }

 protected:
  /// A new prepared statement for `sql`, or nullptr with `error` set.
  virtual std::unique_ptr<Statement> prepare(std::string_view sql, std::optional<Error>& error) = 0;
  /// Finalizes the cached statements: a backend's destructor calls it while its handle is open.
  void drop_statements() { cache_.clear(); }

 private:
  friend class Stmt;
  // Prepared statements by SQL text: the server runs a few dozen distinct statements, and
  // preparing (parsing) each one per request was a visible share of a submission's CPU.
  struct Cached {
    std::unique_ptr<Statement> stmt;
    bool in_use = false;
  };
  std::unordered_map<std::string, Cached> cache_;
};

/// A statement in use: the connection's cached one for the SQL (or a private one when the
/// cached one is busy, e.g. the same query nested), reset when this goes away.
class Stmt {
 public:
  Stmt(Connection& c, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::string_view text);
  Stmt& bind(int i, std::int64_t v);
  Stmt& bind_null(int i);
  /// Binds text, or NULL when empty (optional columns).
  Stmt& bind_opt(int i, std::string_view text);
  /// Advances: true when a row is ready; false when done or on error (see error()).
  bool step();
  /// Runs to completion; returns the error, or nullopt on success.
  std::optional<Error> run();
  std::string text(int col) const { return stmt_->text(col); }
  std::int64_t integer(int col) const { return stmt_->integer(col); }
  bool is_null(int col) const { return stmt_->is_null(col); }
  /// The failure of the last step, or nullopt.
  const std::optional<Error>& error() const { return error_; }

 private:
  Statement* stmt_ = nullptr;
  std::unique_ptr<Statement> own_;  ///< set when not the cached one
  bool* in_use_ = nullptr;          ///< the cached one's flag
  std::optional<Error> error_;
};

/// An Error with code `storage_error` (no internals in its message; detail goes to the log).
Error storage_error(std::string_view detail);
/// An Error with code `storage_full`: the disk (or quota) has no room for a write. Reads go on
/// and writes work again once there is room, without a restart (docs/deploy.md).
Error storage_full(std::string_view detail);
/// An Error with code `storage_unavailable`: the database server cannot be reached. Nothing
/// was written; the server reconnects by itself when it is back (docs/deploy.md).
Error storage_unavailable(std::string_view detail);
/// An Error with code `schema_too_new`: the database was migrated by a newer program; this one
/// must not write to it (its message, for the operator, says both versions).
Error schema_too_new(int found, int supported);
/// storage_full when the OS error is "no space" (ENOSPC, EDQUOT), else storage_error.
Error storage_error_from_errno(std::string_view detail, int err);

}  // namespace yilu::server::db
