#include "catalog_pub/catalog_index.hpp"

#include <cstddef>
#include <map>

#include <nlohmann/json.hpp>

namespace yilu::server {

namespace {

using json = nlohmann::json;

// Initials of the name, then of each keyword: "社保卡" finds an item by "sbk" as well.
json initials(const std::string& name, const std::vector<std::string>& keywords, const PinyinInitials& pinyin) {
  json out = json::array({pinyin.of(name)});
  for (const auto& k : keywords) out.push_back(pinyin.of(k));
  return out;
}

json bundle_json(const BundleDef& b, const PinyinInitials& pinyin) {
  return {{"id", b.id},
          {"name", b.name},
          {"window", b.window},
          {"description", b.description},
          {"keywords", b.keywords},
          {"life_events", b.life_events},
          {"initials", initials(b.name, b.keywords, pinyin)}};
}

json item_json(const ItemDef& it, const PinyinInitials& pinyin) {
  return {{"id", it.id},
          {"name", it.name},
          {"department", it.department},
          {"window", it.window},
          {"level", it.level},
          {"online_level", it.online_level},
          {"keywords", it.keywords},
          {"life_events", it.life_events},
          {"initials", initials(it.name, it.keywords, pinyin)}};
}

std::string text(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string catalog_index_json(const Catalog& catalog, const PinyinInitials& pinyin, IndexPart part) {
  // The counts on the browse lists: items per department, items and bundles per life event.
  std::map<std::string, std::size_t, std::less<>> per_department;
  std::map<std::string, std::size_t, std::less<>> per_event;
  for (const auto& it : catalog.items()) {
    ++per_department[it.department];
    for (const auto& e : it.life_events) ++per_event[e];
  }
  for (const auto& b : catalog.bundles())
    for (const auto& e : b.life_events) ++per_event[e];
  const auto count = [](const auto& counts, const std::string& id) {
    const auto found = counts.find(id);
    return found == counts.end() ? std::size_t{0} : found->second;
  };

  json departments = json::array();
  for (const auto& d : catalog.departments())
    departments.push_back(
        {{"id", d.id}, {"name", d.name}, {"level", d.level}, {"item_count", count(per_department, d.id)}});
  json windows = json::array();
  for (const auto& w : catalog.windows())
    windows.push_back({{"id", w.id}, {"name", w.name}, {"kind", w.kind}, {"location", w.location}, {"hours", w.hours}});
  json events = json::array();
  for (const auto& e : catalog.life_events())
    events.push_back({{"id", e.id}, {"name", e.name}, {"kind", e.kind}, {"entry_count", count(per_event, e.id)}});
  json bundles = json::array();
  for (const auto& b : catalog.bundles()) bundles.push_back(bundle_json(b, pinyin));
  json index = {{"id", catalog.id()},
                {"name", catalog.name()},
                {"version", catalog.version()},
                {"fingerprint", catalog.fingerprint()},
                {"departments", std::move(departments)},
                {"windows", std::move(windows)},
                {"life_events", std::move(events)},
                {"bundles", std::move(bundles)}};
  if (part == IndexPart::Whole) {
    json items = json::array();
    for (const auto& it : catalog.items()) items.push_back(item_json(it, pinyin));
    index["items"] = std::move(items);
  }
  return text(index);
}

IndexGroups catalog_index_groups(const Catalog& catalog, const PinyinInitials& pinyin) {
  struct Lists {
    json items = json::array();
    json bundles = json::array();
  };
  std::map<std::string, Lists, std::less<>> windows;
  std::map<std::string, Lists, std::less<>> departments;
  std::map<std::string, Lists, std::less<>> events;
  // Every window, department and life event has a list, empty or not.
  for (const auto& w : catalog.windows()) windows[w.id];
  for (const auto& d : catalog.departments()) departments[d.id];
  for (const auto& e : catalog.life_events()) events[e.id];
  for (const auto& it : catalog.items()) {
    json j = item_json(it, pinyin);
    for (const auto& e : it.life_events) events[e].items.push_back(j);
    departments[it.department].items.push_back(j);
    windows[it.window].items.push_back(std::move(j));
  }
  for (const auto& b : catalog.bundles()) {
    json j = bundle_json(b, pinyin);
    for (const auto& e : b.life_events) events[e].bundles.push_back(j);
    windows[b.window].bundles.push_back(std::move(j));
  }
  const auto texts = [&catalog](std::map<std::string, Lists, std::less<>>& lists) {
    std::map<std::string, std::string, std::less<>> out;
    for (auto& [id, l] : lists)
      out.emplace(id, text({{"fingerprint", catalog.fingerprint()},
                            {"items", std::move(l.items)},
                            {"bundles", std::move(l.bundles)}}));
    return out;
  };
  return {texts(windows), texts(departments), texts(events)};
}

}  // namespace yilu::server
