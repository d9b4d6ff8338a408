#pragma once
// Which database a server uses, named by one URL (`yilu serve --db`, env YILU_DB):
//   sqlite:PATH                     the embedded file (the default: <data>/yilu.db)
//   postgresql://user@host:port/db  a shared PostgreSQL server (also postgres://, or a libpq
//                                   "host=… dbname=…" string)
#include <memory>
#include <string>

#include "storage/store.hpp"

namespace yilu::server {

/// Whether the URL names the embedded SQLite file (a data folder one server owns).
bool is_sqlite_url(const std::string& url);

/// Opens and migrates the store the URL names; the error says what failed (`storage_error`,
/// `storage_unavailable`, or `bad_db_url`).
Result<std::unique_ptr<Store>> open_store(const std::string& url);

}  // namespace yilu::server
