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
  for (const auto& b : catalog.bundles())
    bundles.push_back({{"id", b.id},
                       {"name", b.name},
                       {"window", b.window},
                       {"description", b.description},
                       {"keywords", b.keywords},
                       {"life_events", b.life_events},
                       {"initials", initials(b.name, b.keywords, pinyin)}});
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
    for (const auto& it : catalog.items())
      items.push_back({{"id", it.id},
                       {"name", it.name},
                       {"department", it.department},
                       {"window", it.window},
                       {"level", it.level},
                       {"online_level", it.online_level},
                       {"keywords", it.keywords},
                       {"life_events", it.life_events},
                       {"initials", initials(it.name, it.keywords, pinyin)}});
    index["items"] = std::move(items);
  }
  return index.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace yilu::server
