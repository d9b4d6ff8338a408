#pragma once
// A thin RAII layer over sqlite3: one connection, prepared statements, typed binds and reads.
// Errors are values (Result/optional<Error>) with the code `storage_error`.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "yilu/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace yilu::server::db {

class Connection;

/// A prepared statement. Binds are 1-based like SQLite's; columns 0-based.
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
  std::string text(int col) const;
  std::int64_t integer(int col) const;
  bool is_null(int col) const;
  /// The failure of the last step, or nullopt.
  const std::optional<Error>& error() const { return error_; }

 private:
  Connection& conn_;
  sqlite3_stmt* stmt_ = nullptr;
  bool* in_use_ = nullptr;  ///< borrowed from the connection's cache: reset, not finalized
  std::optional<Error> error_;
};

/// One SQLite connection. Not shared between threads without the owner's locking.
class Connection {
 public:
  /// Opens (creating) the file with WAL and the given synchronous mode; error `storage_error`.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, const char* synchronous);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one or more statements without results; the error, or nullopt.
  std::optional<Error> exec(std::string_view sql);
  /// The rows changed by the last statement.
  std::int64_t changes() const;
  sqlite3* raw() const { return db_; }
  /// The connection's last error as an Error value.
  Error last_error() const;
  /// Whether the last failure was "no space left" (the disk or the file's quota).
  bool is_full() const;

 private:
  friend class Stmt;
  // Prepared statements by SQL text: the server runs a few dozen distinct statements, and
  // preparing (parsing) each one per request was a visible share of a submission's CPU.
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  Connection() = default;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Cached> cache_;
};

/// An Error with code `storage_error` (no internals in its message; detail goes to the log).
Error storage_error(std::string_view detail);
/// An Error with code `storage_full`: the disk (or quota) has no room for a write. Reads go on
/// and writes work again once there is room, without a restart (docs/deploy.md).
Error storage_full(std::string_view detail);
/// storage_full when the OS error is "no space" (ENOSPC, EDQUOT), else storage_error.
Error storage_error_from_errno(std::string_view detail, int err);

}  // namespace yilu::server::db
