#pragma once
// A submission built from a sample-catalog item's example, as a resident would send it: its
// files uploaded for real by the resident, its commitments signed with the resident's name.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "support/test_files.hpp"
#include "test_server.hpp"

namespace yilu::test {

inline json item_application(TestServer& s, const std::string& token, const std::string& item_id) {
  const json catalog = json::parse(read_source_file("core/data/catalog/sanya.json"));
  json app;
  for (const auto& i : catalog["items"])
    if (i["id"] == item_id) app = i["example"]["application"];
  REQUIRE(app.is_object());
  json materials = app.value("materials", json::object());
  for (auto& [mid, m] : materials.items()) {
    if (m.value("by", "") != "file") continue;
    const bool pdf = m["files"][0].value("type", "") == "pdf";
    auto up = s.upload(token, pdf ? tiny_pdf() : tiny_jpeg(), pdf ? "材料.pdf" : "photo.jpg", item_id, mid);
    REQUIRE(up.status == 201);
    m = {{"by", "file"}, {"files", json::array({{{"upload", up.body["upload"]["id"]}}})}};
  }
  sign_commitments(materials);
  return {{"kind", "item"},
          {"target_id", item_id},
          {"answers", app.value("answers", json::object())},
          {"fields", app.value("fields", json::object())},
          {"materials", materials}};
}

// A complete application for a bundle, merged from the examples the catalog ships for its
// items (the catalog lint guarantees each validates). File materials get real uploads.
inline json bundle_application(TestServer& s, const std::string& token, const std::string& bundle_id) {
  const json catalog = json::parse(read_source_file("core/data/catalog/sanya.json"));
  std::map<std::string, json> items;
  for (const auto& i : catalog["items"]) items[i["id"].get<std::string>()] = i;
  json fields = json::object(), materials = json::object(), answers = json::object();
  for (const auto& b : catalog["bundles"]) {
    if (b["id"] != bundle_id) continue;
    for (const auto& st : b["stages"])
      for (const auto& id : st["items"]) {
        const json& item = items[id.get<std::string>()];
        const json app = item.value("example", json::object()).value("application", json::object());
        fields.update(app.value("fields", json::object()));
        answers.update(app.value("answers", json::object()));
        const json mats = app.value("materials", json::object());
        for (auto& [mid, m] : mats.items()) {
          if (materials.contains(mid)) continue;
          json entry = m;
          if (m.value("by", "") == "file") {
            const bool pdf = m["files"][0].value("type", "") == "pdf";
            auto up = s.upload(token, pdf ? tiny_pdf() : tiny_jpeg(), pdf ? "材料.pdf" : "photo.jpg", item["id"], mid);
            REQUIRE(up.status == 201);
            entry = {{"by", "file"}, {"files", json::array({{{"upload", up.body["upload"]["id"]}}})}};
          }
          materials[mid] = entry;
        }
      }
  }
  sign_commitments(materials);
  return {
      {"kind", "bundle"}, {"target_id", bundle_id}, {"answers", answers}, {"fields", fields}, {"materials", materials}};
}

}  // namespace yilu::test
