#include "app.hpp"

namespace yilu::server {

std::shared_ptr<const Engine> App::engine() const {
  return std::make_shared<const Engine>(calendar_state()->engine.with_catalog(catalog_state()->catalog));
}

std::shared_ptr<const Engine> App::engine_for(const Application& a) const {
  return std::make_shared<const Engine>(
      calendar_state()->engine.with_catalog(catalog_version(a.catalog_version)->catalog));
}

void App::set_catalog_state(std::shared_ptr<const CatalogState> s) {
  {
    std::lock_guard<std::mutex> lock(versions_mu_);
    if (s->id != 0) versions_[s->id] = s;
    else keep_unstored_.push_back(s);
  }
  catalog.set(s->catalog.get());
  std::atomic_store(&catalog_state_, std::move(s));
  // Levels and names of the overview came from the version before.
  std::lock_guard<std::mutex> lock(overview.mu);
  overview.summary.reset();
}

std::shared_ptr<const CatalogState> App::catalog_version(std::int64_t id) const {
  auto current = catalog_state();
  if (id == 0 || id == current->id) return current;
  {
    std::lock_guard<std::mutex> lock(versions_mu_);
    if (const auto it = versions_.find(id); it != versions_.end()) return it->second;
  }
  // Loaded outside the lock (a store read and a parse); two threads may both load it once.
  auto loaded = load_catalog_version ? load_catalog_version(id) : nullptr;
  if (!loaded) return current;  // not readable now: the version in force answers
  std::lock_guard<std::mutex> lock(versions_mu_);
  return versions_.emplace(id, std::move(loaded)).first->second;
}

}  // namespace yilu::server
