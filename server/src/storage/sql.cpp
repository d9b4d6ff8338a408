#include "storage/sql.hpp"

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

Error storage_unavailable(std::string_view detail) {
  std::fprintf(stderr, "[storage] database unreachable: %s\n", log_text(detail).c_str());
  return Error{"storage_unavailable", "数据库暂时无法连接，请稍后重试；已提交的内容不会丢失", ""};
}

Error schema_too_new(int found, int supported) {
  std::fprintf(stderr, "[storage] database schema %d is newer than this program (%d)\n", found, supported);
  return Error{"schema_too_new",
               "数据库结构版本 " + std::to_string(found) + " 比本程序支持的版本 " + std::to_string(supported) +
                   " 新：请使用新版本的 yilu",
               ""};
}

Error storage_error_from_errno(std::string_view detail, int err) {
  const std::string text = std::string(detail) + ": " + std::strerror(err);
  return err == ENOSPC || err == EDQUOT ? storage_full(text) : storage_error(text);
}

Stmt::Stmt(Connection& c, std::string_view sql) {
  auto it = c.cache_.find(std::string(sql));
  if (it != c.cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    stmt_ = it->second.stmt.get();
    in_use_ = &it->second.in_use;  // element references survive rehashing
    return;
  }
  std::unique_ptr<Statement> fresh = c.prepare(sql, error_);
  if (!fresh) return;
  if (it == c.cache_.end()) {
    auto added = c.cache_.emplace(std::string(sql), Connection::Cached{std::move(fresh), true});
    stmt_ = added.first->second.stmt.get();
    in_use_ = &added.first->second.in_use;
    return;
  }
  own_ = std::move(fresh);
  stmt_ = own_.get();
}

Stmt::~Stmt() {
  if (!stmt_) return;
  stmt_->reset();
  if (in_use_) *in_use_ = false;
}

Stmt& Stmt::bind(int i, std::string_view text) {
  if (stmt_) stmt_->bind_text(i, text);
  return *this;
}
Stmt& Stmt::bind(int i, std::int64_t v) {
  if (stmt_) stmt_->bind_int(i, v);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  if (stmt_) stmt_->bind_null(i);
  return *this;
}
Stmt& Stmt::bind_opt(int i, std::string_view text) { return text.empty() ? bind_null(i) : bind(i, text); }

bool Stmt::step() {
  if (!stmt_ || error_) return false;
  return stmt_->step(error_);
}

std::optional<Error> Stmt::run() {
  while (step()) {
  }
  return error_;
}

}  // namespace yilu::server::db
