#pragma once
// The catalog in force as the server holds it (docs/catalog.md, "Versions"): a version an
// administrator published, or the shipped file, with what serves it to the phone. Replaced as
// one on a publication; every version once loaded stays loaded for the process's life, so a
// plain pointer to a catalog read from App::catalog stays valid while a request uses it.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "catalog_pub/catalog_publication.hpp"
#include "http/prepared_body.hpp"
#include "yilu/catalog.hpp"

namespace yilu::server {

struct CatalogState {
  std::shared_ptr<const Catalog> catalog;
  std::string text;
  /// Index and slices for the phone, and the whole catalog for the console: null for a version
  /// loaded only to answer for the applications filed under it.
  std::unique_ptr<const CatalogPublication> publication;
  std::unique_ptr<const http::PreparedBody> body;
  std::int64_t id = 0;  ///< catalog_versions id; 0: not stored (tools, tests without a database)
};

/// `App::catalog`: the catalog in force, read atomically, used like the plain pointer it was.
class CatalogPointer {
 public:
  const Catalog* get() const { return p_.load(std::memory_order_acquire); }
  const Catalog* operator->() const { return get(); }
  const Catalog& operator*() const { return *get(); }
  // NOLINTNEXTLINE(google-explicit-constructor): reads as the `const Catalog*` it replaced
  operator const Catalog*() const { return get(); }
  void set(const Catalog* c) { p_.store(c, std::memory_order_release); }

 private:
  std::atomic<const Catalog*> p_{nullptr};
};

}  // namespace yilu::server
