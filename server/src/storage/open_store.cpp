#include "storage/open_store.hpp"

#include "storage/pg_database.hpp"
#include "storage/sql_store.hpp"
#include "storage/sqlite_database.hpp"

namespace yilu::server {

namespace {

constexpr const char* kSqlitePrefix = "sqlite:";

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool is_pg_url(const std::string& url) {
  return starts_with(url, "postgresql://") || starts_with(url, "postgres://") || url.find('=') != std::string::npos;
}

}  // namespace

bool is_sqlite_url(const std::string& url) { return starts_with(url, kSqlitePrefix); }

Result<std::unique_ptr<Store>> open_store(const std::string& url) {
  if (is_sqlite_url(url)) {
    const std::string path = url.substr(std::string(kSqlitePrefix).size());
    if (path.empty()) return Error{"bad_db_url", "sqlite: 后面需要数据库文件的路径", ""};
    auto d = db::SqliteDatabase::open(path);
    if (!d.ok()) return d.error();
    return std::unique_ptr<Store>(new SqlStore(std::move(d.value())));
  }
  if (is_pg_url(url)) {
    auto d = db::PgDatabase::open(url);
    if (!d.ok()) return d.error();
    return std::unique_ptr<Store>(new SqlStore(std::move(d.value())));
  }
  return Error{"bad_db_url", "数据库地址应为 sqlite:路径 或 postgresql://用户@主机:端口/库名", ""};
}

}  // namespace yilu::server
