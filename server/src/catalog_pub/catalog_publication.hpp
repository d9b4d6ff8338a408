#pragma once
// What the server publishes of its catalog for the phone (docs/server-api.md, "The catalog
// for the phone"): the index, what each browse page lists, and one slice per item and per
// bundle, cut once at start. The
// server itself keeps and uses the whole catalog. Bodies are prepared (compressed, with their
// ETag) on first request and kept.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "catalog_pub/pinyin_initials.hpp"
#include "http/prepared_body.hpp"
#include "yilu/catalog.hpp"

namespace yilu::server {

class CatalogPublication {
 public:
  CatalogPublication(std::string_view catalog_text, const Catalog& catalog, const PinyinInitials& pinyin);

  /// The whole catalog's fingerprint: the version of the index and of every slice.
  const std::string& fingerprint() const { return fingerprint_; }
  const http::PreparedBody& index() const { return *index_; }
  /// The index without its items (catalog_index.hpp, IndexPart::Summary).
  const http::PreparedBody& summary() const { return *summary_; }
  /// What a browse page lists (catalog_index.hpp, IndexGroups): `kind` is "windows",
  /// "departments" or "life_events"; nullptr for another kind or an unknown id.
  std::shared_ptr<const http::PreparedBody> group(std::string_view kind, std::string_view id) const;
  /// A slice, or nullptr when the catalog has no such item / bundle.
  std::shared_ptr<const http::PreparedBody> item(std::string_view id) const;
  std::shared_ptr<const http::PreparedBody> bundle(std::string_view id) const;

 private:
  struct Slices {
    std::map<std::string, std::string, std::less<>> texts;
    std::map<std::string, std::shared_ptr<const http::PreparedBody>, std::less<>> prepared;
  };
  std::shared_ptr<const http::PreparedBody> prepare(Slices& slices, std::string_view id) const;

  std::string fingerprint_;
  std::unique_ptr<const http::PreparedBody> index_;
  std::unique_ptr<const http::PreparedBody> summary_;
  mutable std::mutex mu_;
  mutable Slices items_;
  mutable Slices bundles_;
  mutable Slices windows_;
  mutable Slices departments_;
  mutable Slices life_events_;
};

}  // namespace yilu::server
