#include "app_setup.hpp"

#include <sys/stat.h>

#include <cerrno>

#include "calendar_pub/calendar_publication.hpp"
#include "catalog_pub/catalog_publication.hpp"
#include "catalog_pub/catalog_versions.hpp"
#include "clock.hpp"
#include "data_files.hpp"
#include "storage/open_store.hpp"

namespace yilu::server {

namespace {

Error fail(std::string message) { return Error{"startup_failed", std::move(message), ""}; }

}  // namespace

std::string default_openapi_path() { return std::string(YILU_SOURCE_DIR) + "/server/openapi.json"; }
std::string default_pinyin_path() { return std::string(YILU_SOURCE_DIR) + "/server/data/pinyin/initials.txt"; }
std::string default_divisions_path() { return std::string(YILU_SOURCE_DIR) + "/server/data/divisions/hainan.json"; }
std::string default_web_dir() { return std::string(YILU_SOURCE_DIR) + "/web/dist"; }
std::string default_db_url(const std::string& data_dir) { return "sqlite:" + data_dir + "/yilu.db"; }

std::string redacted_db_url(const std::string& url) {
  // postgresql://user:secret@host/db → postgresql://user:***@host/db; key=value strings lose password=….
  std::string out = url;
  const auto scheme = out.find("://");
  const auto at = out.find('@');
  if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
    const auto colon = out.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  const auto pw = out.find("password=");
  if (pw != std::string::npos) {
    const auto end = out.find_first_of(" &", pw);
    out.replace(pw + 9, (end == std::string::npos ? out.size() : end) - pw - 9, "***");
  }
  return out;
}

Result<std::unique_ptr<App>> make_app(const AppOptions& o) {
  auto app = std::make_unique<App>();
  app->clock = [] { return now_seconds(); };
  const std::string cal_path = o.calendar_path.empty() ? default_calendar_path() : o.calendar_path;
  auto cal = read_file(cal_path);
  if (!cal) return fail("无法读取日历文件 " + cal_path);
  const std::string cat_path = o.catalog_path.empty() ? sample_catalog_path() : o.catalog_path;
  auto cat = read_file(cat_path);
  if (!cat) return fail("无法读取事项目录 " + cat_path);
  const std::string pinyin_path = o.pinyin_path.empty() ? default_pinyin_path() : o.pinyin_path;
  auto pinyin = read_file(pinyin_path);
  if (!pinyin) return fail("无法读取拼音首字母表 " + pinyin_path);
  app->pinyin = std::make_shared<const PinyinInitials>(PinyinInitials::from_text(*pinyin));
  // The shipped catalog and calendar for now; the database's newest versions once the store is
  // open (start_catalog_versions, adopt_published_calendar).
  auto catalog = make_catalog_state(std::move(*cat), 0, app->pinyin.get());
  if (!catalog.ok()) return fail("事项目录无效: " + catalog.error().message + " " + catalog.error().path);
  app->set_catalog_state(std::move(catalog.value()));
  const Engine with_catalog = Engine().with_catalog(app->catalog_state()->catalog);
  auto state = make_calendar_state(with_catalog, std::move(*cal), 0);
  if (!state.ok()) return fail("日历无效: " + state.error().message + " " + state.error().path);
  app->set_calendar_state(std::move(state.value()));
  constexpr const char* kJson = "application/json; charset=utf-8";
  // Optional: without it the page's area fields fall back to typing the code.
  const std::string divisions_path = o.divisions_path.empty() ? default_divisions_path() : o.divisions_path;
  if (auto divisions = read_file(divisions_path)) {
    app->divisions_body =
        std::make_unique<const http::PreparedBody>(http::PreparedBody::make(std::move(*divisions), kJson));
  }
  auto openapi = read_file(o.openapi_path.empty() ? default_openapi_path() : o.openapi_path);
  app->openapi_text = openapi ? *openapi : std::string("{}");

  // Owner only whatever the umask or its old mode: the database and uploads are people's data.
  if ((::mkdir(o.data_dir.c_str(), 0700) != 0 && errno != EEXIST) || ::chmod(o.data_dir.c_str(), 0700) != 0)
    return fail("无法创建数据目录 " + o.data_dir);
  const std::string db_url = o.db_url.empty() ? default_db_url(o.data_dir) : o.db_url;
  auto store = open_store(db_url);
  if (!store.ok()) {
    if (store.error().code == "bad_db_url" || store.error().code == "schema_too_new")
      return fail(store.error().message);
    return fail("无法打开数据库 " + redacted_db_url(db_url) + "（" + store.error().message + "）");
  }
  app->store = std::move(store.value());
  if (auto adopted = adopt_published_calendar(*app); !adopted.ok())
    return fail("无法读取已发布的日历（" + adopted.error().message + "）");
  if (auto e = start_catalog_versions(*app)) return fail("无法读取事项目录的版本（" + e->message + "）");
  auto blobs = BlobStore::open(o.data_dir + "/blobs");
  if (!blobs.ok()) return fail("无法创建上传目录 " + o.data_dir + "/blobs");
  app->blobs = std::move(blobs.value());
  app->sms = std::make_unique<LogSmsSender>();
  app->web_dir = o.web_dir;
  return app;
}

}  // namespace yilu::server
