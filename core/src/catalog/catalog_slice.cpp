#include "yilu/catalog_slice.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "detail/messages.hpp"
#include "detail/request.hpp"

namespace yilu {

namespace {

using json = nlohmann::json;

// Lists a slice may hold, in the whole catalog's key order (a merged slice keeps it too).
constexpr const char* kLists[] = {"departments", "windows", "licence_types", "life_events", "items", "bundles"};

// What the core never reads when answering (lint's example, the sources note, "_" comments)
// stays out of a slice: the phone pays for every byte.
json without_comments(const json& v) {
  if (!v.is_object()) return v;
  json out = json::object();
  for (auto it = v.begin(); it != v.end(); ++it)
    if (it.key().empty() || it.key()[0] != '_') out[it.key()] = without_comments(it.value());
  return out;
}

json item_for_slice(const json& item) {
  json out = without_comments(item);
  out.erase("example");
  return out;
}

const json* find_by_id(const json& list, std::string_view id) {
  if (!list.is_array()) return nullptr;
  for (const json& v : list) {
    if (!v.is_object()) continue;
    const auto it = v.find("id");
    if (it != v.end() && it->is_string() && it->get_ref<const std::string&>() == id) return &v;
  }
  return nullptr;
}

const json* list_of(const json& doc, const char* key) {
  const auto it = doc.find(key);
  return it == doc.end() ? nullptr : &*it;
}

std::string id_of(const json& v) {
  const auto it = v.find("id");
  return it != v.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Error mismatch(const std::string& id) {
  return detail::make_error(
      "catalog_invalid", "",
      {{"count", 1}, {"first", "/ " + detail::render_message("catalog.slice_mismatch", {{"id", id}})}});
}

}  // namespace

CatalogSlicer::CatalogSlicer(std::string_view whole_text, const Catalog& catalog)
    : catalog_(catalog), whole_(json::parse(whole_text.begin(), whole_text.end(), nullptr, false)) {
  // Indexed once: a real center's catalog has thousands of items, each cut into a slice.
  const auto index = [this](const char* key, std::map<std::string, const json*, std::less<>>& out) {
    if (const json* all = list_of(whole_, key); all && all->is_array())
      for (const json& v : *all) out.emplace(id_of(v), &v);
  };
  index("items", items_by_id_);
  index("bundles", bundles_by_id_);
}

std::optional<std::string> CatalogSlicer::item(std::string_view id) const {
  if (!catalog_.item(id)) return std::nullopt;
  return closure({std::string(id)}, {});
}

std::optional<std::string> CatalogSlicer::bundle(std::string_view id) const {
  if (!catalog_.bundle(id)) return std::nullopt;
  return closure({}, {std::string(id)});
}

std::string CatalogSlicer::closure(std::set<std::string> items, std::set<std::string> bundles) const {
  // An item's guide names the bundles it belongs to, and a bundle needs its items: a slice
  // holds both ways until nothing is added (a handful of entries in a real catalog).
  for (bool grew = true; grew;) {
    grew = false;
    for (const BundleDef& b : catalog_.bundles()) {
      bool in = bundles.count(b.id) > 0;
      for (const Stage& stage : b.stages)
        for (const std::string& item : stage.items) in = in || items.count(item) > 0;
      if (!in) continue;
      grew = bundles.insert(b.id).second || grew;
      for (const Stage& stage : b.stages)
        for (const std::string& item : stage.items) grew = items.insert(item).second || grew;
    }
  }
  // In the whole catalog's order, so the merged lists read as the whole one's do.
  const auto in_order = [](const std::map<std::string, const json*, std::less<>>& by_id,
                           const std::set<std::string>& ids) {
    std::vector<const json*> out;
    for (const std::string& id : ids)
      if (const auto it = by_id.find(id); it != by_id.end()) out.push_back(it->second);
    std::sort(out.begin(), out.end());  // pointers into one array: document order
    return out;
  };
  const std::vector<const json*> item_json = in_order(items_by_id_, items);
  const std::vector<const json*> bundle_json = in_order(bundles_by_id_, bundles);
  return slice(bundle_json, item_json);
}

std::string CatalogSlicer::slice(const std::vector<const json*>& bundles, const std::vector<const json*>& items) const {
  // What the entries refer to, by list.
  std::set<std::string> departments, windows, licences, events;
  const auto note_events = [&](const json& v) {
    if (const auto it = v.find("life_events"); it != v.end() && it->is_array())
      for (const json& e : *it)
        if (e.is_string()) events.insert(e.get<std::string>());
  };
  for (const json* bundle : bundles) {
    windows.insert(bundle->value("window", std::string()));
    note_events(*bundle);
  }
  for (const json* item : items) {
    const ItemDef* def = catalog_.item(id_of(*item));
    if (!def) continue;
    departments.insert(def->department);
    windows.insert(def->window);
    if (!def->issues.empty()) licences.insert(def->issues);
    for (const MaterialDef& m : def->materials)
      if (!m.licence.empty()) licences.insert(m.licence);
    note_events(*item);
  }
  for (const json* bundle : bundles)
    for (const Stage& stage : catalog_.bundle(id_of(*bundle))->stages)
      licences.insert(stage.reuse.begin(), stage.reuse.end());

  json out = json::object();
  for (const char* key : {"schema_version", "id", "name", "version"})
    if (whole_.contains(key)) out[key] = whole_[key];
  out["slice_of"] = catalog_.fingerprint();
  const auto pick = [&](const char* key, const std::set<std::string>& ids) {
    json list = json::array();
    if (const json* all = list_of(whole_, key); all && all->is_array())
      for (const json& v : *all)
        if (ids.count(id_of(v))) list.push_back(without_comments(v));
    if (!list.empty()) out[key] = std::move(list);
  };
  pick("departments", departments);
  pick("windows", windows);
  pick("licence_types", licences);
  pick("life_events", events);
  json item_list = json::array();
  for (const json* item : items) item_list.push_back(item_for_slice(*item));
  out["items"] = std::move(item_list);
  if (!bundles.empty()) {
    json bundle_list = json::array();
    for (const json* bundle : bundles) bundle_list.push_back(without_comments(*bundle));
    out["bundles"] = std::move(bundle_list);
  }
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::string> merge_slices(std::string_view json_array_text) {
  const json parts = json::parse(json_array_text.begin(), json_array_text.end(), nullptr, false);
  if (parts.is_discarded()) return detail::make_error("bad_json", "");
  if (!parts.is_array() || parts.empty()) return mismatch("");
  json merged = json::object();
  std::vector<std::set<std::string>> seen(std::size(kLists));
  for (const json& raw : parts) {
    const json part = raw.is_string() ? json::parse(raw.get_ref<const std::string&>(), nullptr, false) : raw;
    if (!part.is_object() || !part.contains("slice_of")) return mismatch("");
    if (merged.empty()) {
      for (const char* key : {"schema_version", "id", "name", "version", "slice_of"})
        if (part.contains(key)) merged[key] = part[key];
    } else if (part["slice_of"] != merged["slice_of"]) {
      return mismatch(part.value("id", std::string()));
    }
    for (std::size_t k = 0; k < std::size(kLists); ++k) {
      const auto it = part.find(kLists[k]);
      if (it == part.end() || !it->is_array()) continue;
      json& list = merged[kLists[k]];
      if (list.is_null()) list = json::array();
      for (const json& entry : *it) {
        const std::string id = id_of(entry);
        if (seen[k].insert(id).second) {
          list.push_back(entry);
        } else if (const json* before = find_by_id(list, id); before && *before != entry) {
          return mismatch(id);
        }
      }
    }
  }
  return merged.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace yilu
