#include "catalog_pub/catalog_versions.hpp"

#include <map>

#include <nlohmann/json.hpp>

namespace yilu::server {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

// Only one thread of this server puts a version in force at a time (a publication, the poll).
std::mutex& swap_mutex() {
  static std::mutex mu;
  return mu;
}

std::map<std::string, std::string> items_by_id(const std::string& text) {
  std::map<std::string, std::string> out;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) return out;
  for (const auto& it : j["items"])
    if (it.is_object() && it.contains("id") && it["id"].is_string()) out[it["id"].get<std::string>()] = it.dump();
  return out;
}

}  // namespace

Result<std::shared_ptr<const CatalogState>> make_catalog_state(std::string text, std::int64_t id,
                                                               const PinyinInitials* pinyin) {
  CatalogLoad load = Catalog::from_json(text);
  if (!load.catalog) {
    const Problem& first = load.problems.front();
    return Error{"catalog_invalid", first.message, first.path};
  }
  auto s = std::make_shared<CatalogState>();
  s->catalog = std::make_shared<const Catalog>(std::move(*load.catalog));
  s->id = id;
  if (pinyin) {
    s->publication = std::make_unique<const CatalogPublication>(text, *s->catalog, *pinyin);
    // The whole catalog is for the staff console and tools (megabytes at a real center's
    // scale): compressed fast rather than smallest.
    s->body = std::make_unique<const http::PreparedBody>(
        http::PreparedBody::make(text, kJson, "\"" + s->catalog->fingerprint() + "\"", http::CompressionLevels{5, 6}));
  }
  s->text = std::move(text);
  return std::shared_ptr<const CatalogState>(std::move(s));
}

std::string catalog_change_summary(const std::string& before_text, const std::string& after_text) {
  const auto before = items_by_id(before_text);
  const auto after = items_by_id(after_text);
  std::size_t added = 0, changed = 0, removed = 0;
  for (const auto& [id, item] : after) {
    const auto it = before.find(id);
    if (it == before.end()) ++added;
    else if (it->second != item) ++changed;
  }
  for (const auto& [id, item] : before) removed += after.count(id) == 0;
  return "新增 " + std::to_string(added) + " 个事项，修改 " + std::to_string(changed) + " 个，删除 " +
         std::to_string(removed) + " 个";
}

namespace {

std::shared_ptr<const CatalogState> load_stored(App& app, std::int64_t id, bool for_phone) {
  auto v = app.store->catalog_version(id);
  if (!v.ok() || !v.value()) return nullptr;
  auto s = make_catalog_state(std::move(v.value()->text), id, for_phone ? app.pinyin.get() : nullptr);
  return s.ok() ? s.value() : nullptr;
}

// The state loaded from the file at start gets the id it is stored under (before the server
// serves anything: nothing else holds it yet, and its publication is not built twice).
void in_force_as(App& app, const std::shared_ptr<const CatalogState>& s, std::int64_t id) {
  std::const_pointer_cast<CatalogState>(s)->id = id;
  app.set_catalog_state(s);
}

}  // namespace

std::optional<Error> start_catalog_versions(App& app) {
  App* self = &app;
  app.load_catalog_version = [self](std::int64_t id) { return load_stored(*self, id, false); };
  const auto current = app.catalog_state();
  auto known = app.store->catalog_version_by_fingerprint(current->catalog->fingerprint());
  if (!known.ok()) return known.error();
  if (!known.value()) {
    CatalogVersion v{0,
                     current->text,
                     current->catalog->version(),
                     current->catalog->fingerprint(),
                     static_cast<std::int64_t>(current->catalog->items().size()),
                     app.now(),
                     "yilu",
                     "随版本发布的目录文件"};
    if (auto e = app.store->put_catalog_version(v)) return e;
    in_force_as(app, current, v.id);
    return std::nullopt;
  }
  auto latest = app.store->latest_catalog_id();
  if (!latest.ok()) return latest.error();
  // The newest stored version is the file's own: in force under its id, as loaded.
  if (latest.value() == known.value()->id) {
    in_force_as(app, current, latest.value());
    return std::nullopt;
  }
  auto adopted = adopt_published_catalog(app);
  if (!adopted.ok()) return adopted.error();
  return std::nullopt;
}

Result<bool> adopt_published_catalog(App& app) {
  auto latest = app.store->latest_catalog_id();
  if (!latest.ok()) return latest.error();
  if (latest.value() == 0 || latest.value() == app.catalog_state()->id) return false;
  std::lock_guard<std::mutex> lock(swap_mutex());
  if (latest.value() == app.catalog_state()->id) return false;
  auto s = load_stored(app, latest.value(), true);
  if (!s) return Error{"storage_error", "无法读取目录版本 " + std::to_string(latest.value()), ""};
  app.set_catalog_state(std::move(s));
  return true;
}

Result<CatalogPublishing> publish_catalog_version(App& app, std::string text, const std::string& by,
                                                  const std::string& note) {
  CatalogPublishing out;
  out.problems = lint_catalog(text);
  if (!out.problems.empty()) return out;
  std::lock_guard<std::mutex> lock(swap_mutex());
  const auto current = app.catalog_state();
  auto state = make_catalog_state(std::move(text), 0, app.pinyin.get());
  if (!state.ok()) return state.error();
  const Catalog& c = *state.value()->catalog;
  const std::string changes = catalog_change_summary(current->text, state.value()->text);
  CatalogVersion v{0,
                   state.value()->text,
                   c.version(),
                   c.fingerprint(),
                   static_cast<std::int64_t>(c.items().size()),
                   app.now(),
                   by,
                   note.empty() ? changes : note + "（" + changes + "）"};
  if (auto e = app.store->put_catalog_version(v)) return *e;
  auto in_force = std::const_pointer_cast<CatalogState>(state.value());
  in_force->id = v.id;
  app.set_catalog_state(std::move(in_force));
  v.text.clear();
  out.version = std::move(v);
  return out;
}

}  // namespace yilu::server
