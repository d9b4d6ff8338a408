#include "catalog_pub/catalog_publication.hpp"

#include "catalog_pub/catalog_index.hpp"
#include "yilu/catalog_slice.hpp"

namespace yilu::server {

namespace {
constexpr const char* kJson = "application/json; charset=utf-8";
}

CatalogPublication::CatalogPublication(std::string_view catalog_text, const Catalog& catalog,
                                       const PinyinInitials& pinyin)
    : fingerprint_(catalog.fingerprint()),
      index_(std::make_unique<const http::PreparedBody>(
          http::PreparedBody::make(catalog_index_json(catalog, pinyin), kJson, "\"" + catalog.fingerprint() + "\""))),
      summary_(std::make_unique<const http::PreparedBody>(
          http::PreparedBody::make(catalog_index_json(catalog, pinyin, IndexPart::Summary), kJson,
                                   "\"" + catalog.fingerprint() + "-summary\""))) {
  // Cut every slice now and let the parsed whole catalog go: the texts are a fraction of it.
  const CatalogSlicer slicer(catalog_text, catalog);
  for (const auto& it : catalog.items())
    if (auto s = slicer.item(it.id)) items_.texts.emplace(it.id, std::move(*s));
  for (const auto& b : catalog.bundles())
    if (auto s = slicer.bundle(b.id)) bundles_.texts.emplace(b.id, std::move(*s));
  IndexGroups groups = catalog_index_groups(catalog, pinyin);
  windows_.texts = std::move(groups.windows);
  departments_.texts = std::move(groups.departments);
  life_events_.texts = std::move(groups.life_events);
}

std::shared_ptr<const http::PreparedBody> CatalogPublication::group(std::string_view kind, std::string_view id) const {
  if (kind == "windows") return prepare(windows_, id);
  if (kind == "departments") return prepare(departments_, id);
  if (kind == "life_events") return prepare(life_events_, id);
  return nullptr;
}

std::shared_ptr<const http::PreparedBody> CatalogPublication::prepare(Slices& slices, std::string_view id) const {
  const std::lock_guard<std::mutex> lock(mu_);
  if (const auto p = slices.prepared.find(id); p != slices.prepared.end()) return p->second;
  const auto t = slices.texts.find(id);
  if (t == slices.texts.end()) return nullptr;
  // Compressed on first request, not at start: thousands of slices, few of them asked for.
  auto body = std::make_shared<const http::PreparedBody>(
      http::PreparedBody::make(t->second, kJson, "\"" + fingerprint_ + "\""));
  slices.prepared.emplace(std::string(id), body);
  return body;
}

std::shared_ptr<const http::PreparedBody> CatalogPublication::item(std::string_view id) const {
  return prepare(items_, id);
}

std::shared_ptr<const http::PreparedBody> CatalogPublication::bundle(std::string_view id) const {
  return prepare(bundles_, id);
}

}  // namespace yilu::server
