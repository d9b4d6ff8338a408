#pragma once
// Building the App from a data folder: calendar and catalog into the engine, the database,
// the blob store. Shared by `yilu serve`, `yilu admin` and the tests.
#include <memory>
#include <string>

#include "app.hpp"

namespace yilu::server {

struct AppOptions {
  std::string data_dir;        ///< uploads, and the SQLite database by default (created if missing)
  std::string db_url;          ///< `--db`: empty = sqlite:<data_dir>/yilu.db (storage/open_store.hpp)
  std::string catalog_path;    ///< empty = <data root>/catalog/sanya.json
  std::string calendar_path;   ///< empty = the shipped calendar
  std::string web_dir;         ///< static files; empty = none
  std::string openapi_path;    ///< empty = <source>/server/openapi.json
  std::string pinyin_path;     ///< empty = <source>/server/data/pinyin/initials.txt (search initials)
  std::string divisions_path;  ///< empty = <source>/server/data/divisions/hainan.json (area pickers)
};

/// The ready App, or an Error whose message says what failed (for the terminal).
Result<std::unique_ptr<App>> make_app(const AppOptions& o);

/// The default OpenAPI document of the source tree (compiled in).
std::string default_openapi_path();
/// The pinyin initials table and the administrative divisions of the source tree (compiled in).
std::string default_pinyin_path();
std::string default_divisions_path();
/// The default web folder: <source>/web/dist.
std::string default_web_dir();
/// The database of a data folder when `--db` is not given: its SQLite file.
std::string default_db_url(const std::string& data_dir);
/// The URL with any password masked (for messages and logs).
std::string redacted_db_url(const std::string& url);

}  // namespace yilu::server
