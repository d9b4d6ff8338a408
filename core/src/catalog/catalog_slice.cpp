#include "yilu/catalog_slice.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "catalog/catalog_reader.hpp"
#include "catalog/slice_merge.hpp"
#include "detail/messages.hpp"
#include "detail/request.hpp"
#include "detail/utf8.hpp"

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

namespace detail {

namespace {

const Value* find_by_id(const std::vector<Value>& list, std::string_view id) {
  for (const Value& v : list) {
    const Value* vid = member(v, "id");
    if (vid && vid->is_string() && vid->str() == id) return &v;
  }
  return nullptr;
}

std::string_view id_of(const Value& v) {
  const Value* id = member(v, "id");
  return id && id->is_string() ? id->str() : std::string_view();
}

}  // namespace

std::optional<Error> MergedSlices::read(std::string_view json_array_text) {
  // The nesting a catalog may have, plus the array around it.
  constexpr std::size_t kDepth = kMaxCatalogDepth + 1;
  Document& outer = docs_.emplace_back();
  const ReadStatus status = outer.read(json_array_text, kDepth);
  if (status == ReadStatus::TooDeep) return make_error("json_too_deep", "");
  if (status != ReadStatus::Ok) return make_error("bad_json", "");
  const Value& parts = outer.root();
  if (!parts.is_array() || parts.empty()) return mismatch("");
  std::vector<std::pair<std::string_view, Value>> header;  // schema_version, id, … of the first
  const Value* slice_of = nullptr;
  std::vector<std::vector<Value>> lists(std::size(kLists));
  std::vector<bool> has_list(std::size(kLists), false);
  std::vector<std::set<std::string, std::less<>>> seen(std::size(kLists));
  for (const Value& raw : parts) {
    const Value* part = &raw;
    if (raw.is_string()) {
      Document& doc = docs_.emplace_back();
      part = doc.read(raw.str(), kMaxCatalogDepth) == ReadStatus::Ok ? &doc.root() : nullptr;
    }
    const Value* its_slice_of = part ? member(*part, "slice_of") : nullptr;
    if (!its_slice_of) return mismatch("");
    if (!slice_of) {
      for (const char* key : {"schema_version", "id", "name", "version", "slice_of"})
        if (const Value* v = member(*part, key)) header.emplace_back(key, *v);
      slice_of = its_slice_of;
    } else if (!equals(*its_slice_of, *slice_of)) {
      return mismatch(std::string(id_of(*part)));
    }
    for (std::size_t k = 0; k < std::size(kLists); ++k) {
      const Value* list = member(*part, kLists[k]);
      if (!list || !list->is_array()) continue;
      has_list[k] = true;
      for (const Value& entry : *list) {
        const std::string_view id = id_of(entry);
        if (seen[k].emplace(id).second) {
          lists[k].push_back(entry);
        } else if (const Value* before = find_by_id(lists[k], id); before && !equals(*before, entry)) {
          return mismatch(std::string(id));
        }
      }
    }
  }
  std::vector<std::pair<std::string_view, Value>> members = std::move(header);
  Document& store = docs_.emplace_back();
  for (std::size_t k = 0; k < std::size(kLists); ++k)
    if (has_list[k]) members.emplace_back(kLists[k], store.make_array(lists[k]));
  std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return key_before(a.first, b.first); });
  root_ = store.make_object(members);
  return std::nullopt;
}

}  // namespace detail

}  // namespace yilu
