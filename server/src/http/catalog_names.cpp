#include "http/catalog_names.hpp"

namespace yilu::server::http {

std::string catalog_name(const Catalog* catalog, std::string_view kind, const std::string& id) {
  if (!catalog) return id;
  if (kind == "window") {
    const Window* w = catalog->window(id);
    return w ? w->name : id;
  }
  if (kind == "department") {
    const Department* d = catalog->department(id);
    return d ? d->name : id;
  }
  if (kind == "bundle") {
    const BundleDef* b = catalog->bundle(id);
    return b ? b->name : id;
  }
  if (kind == "item") {
    const ItemDef* i = catalog->item(id);
    return i ? i->name : id;
  }
  return id;
}

}  // namespace yilu::server::http
