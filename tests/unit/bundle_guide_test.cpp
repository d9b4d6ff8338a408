// The guide of a 一件事 bundle asks exactly what validate_bundle checks: the same questions,
// fields and materials (each once), the same required flags, the same reused licences.
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/call.hpp"
#include "yilu/catalog.hpp"
#include "yilu/guide.hpp"
#include "yilu/validation.hpp"

using nlohmann::json;

namespace {

const yilu::Catalog& load(const std::string& path) {
  static std::map<std::string, yilu::Catalog> cache;
  auto it = cache.find(path);
  if (it == cache.end())
    it = cache.emplace(path, std::move(*yilu::Catalog::from_json(yilu::test::read_source_file(path)).catalog)).first;
  return it->second;
}

std::set<std::string> codes_at(const std::vector<yilu::Problem>& list, const std::string& code) {
  std::set<std::string> out;
  for (const auto& p : list)
    if (p.code == code) out.insert(p.path);
  return out;
}

// Answers choosing option `pick` (mod the option count) of every question of the guide.
json answers_for(const json& guide, std::size_t pick) {
  json a = json::object();
  for (const auto& q : guide["questions"])
    a[q["id"].get<std::string>()] = q["options"][pick % q["options"].size()]["value"];
  return a;
}

void check_bundle(const yilu::Catalog& c, const yilu::BundleDef& b, std::size_t pick) {
  const json open = yilu::bundle_guide(c, b, nullptr);
  const json answers = answers_for(open, pick);
  const json g = yilu::bundle_guide(c, b, &answers);
  INFO(b.id << " answers " << answers.dump());
  CHECK(g["kind"] == "bundle");
  CHECK(g["stages"].size() == b.stages.size());

  // Every guide question, field and material given (plus one of each the guide does not ask).
  json app = {{"answers", answers}, {"fields", json::object()}, {"materials", json::object()}};
  std::set<std::string> field_ids, material_ids;
  for (const auto& f : g["fields"]) {
    const std::string id = f["id"].get<std::string>();
    CHECK(field_ids.insert(id).second);  // each once
    app["fields"][id] = "x";
  }
  for (const auto& m : g["materials"]) {
    const std::string id = m["id"].get<std::string>();
    CHECK(material_ids.insert(id).second);
    app["materials"][id] = {{"by", "deferral"}};
  }
  app["fields"]["zz_not_asked"] = "x";
  app["materials"]["zz_not_asked"] = {{"by", "deferral"}};
  const yilu::ValidationReport given = yilu::validate_bundle(c, b, app, *yilu::parse_date("2026-06-01"));
  CHECK(codes_at(given.problems, "answer.required").empty());
  CHECK(codes_at(given.warnings, "answer.unknown").empty());
  CHECK(codes_at(given.warnings, "field.unknown") == std::set<std::string>{"/application/fields/zz_not_asked"});
  CHECK(codes_at(given.warnings, "material.unknown") == std::set<std::string>{"/application/materials/zz_not_asked"});
  std::set<std::string> not_required = codes_at(given.warnings, "material.not_required");
  for (const auto& m : g["materials"])
    if (m["requirement"] != "conditional")
      CHECK(not_required.count("/application/materials/" + m["id"].get<std::string>()) == 0);

  // Nothing given: the materials validate lists are the guide's, with the same flags.
  const json empty = {{"answers", answers}};
  const yilu::ValidationReport bare = yilu::validate_bundle(c, b, empty, *yilu::parse_date("2026-06-01"));
  std::map<std::string, const json*> by_id;
  for (const auto& m : g["materials"]) by_id[m["id"].get<std::string>()] = &m;
  std::set<std::string> listed;
  for (const yilu::MaterialStatus& st : bare.materials) {
    INFO(st.def->id);
    listed.insert(st.def->id);
    REQUIRE(by_id.count(st.def->id));
    const json& m = *by_id[st.def->id];
    if (st.state == yilu::MaterialState::Reused) {
      CHECK(m["requirement"] == "reused");
      CHECK(m["licence"]["id"] == st.def->licence);
    } else {
      CHECK((m["requirement"] == "required") == st.required);
    }
    CHECK(m["stage"] == st.stage);
    std::vector<std::string> items;
    for (const auto* item : *st.items) items.push_back(item->id);
    CHECK(m["items"] == json(items));
  }
  for (const auto& m : g["materials"])
    if (m["requirement"] != "conditional") CHECK(listed.count(m["id"].get<std::string>()) == 1);
  // Required fields: validate reports each one missing (unless not shown in this situation).
  const std::set<std::string> missing = codes_at(bare.problems, "field.required");
  for (const auto& f : g["fields"])
    if (missing.count("/application/fields/" + f["id"].get<std::string>())) CHECK(f["requirement"] != "optional");
}

}  // namespace

TEST_CASE("bundle guide: the questions, fields and materials validate_bundle checks", "[guide][bundle]") {
  for (const char* path : {"tests/fixtures/test-catalog.json", "core/data/catalog/sanya.json"}) {
    const yilu::Catalog& c = load(path);
    for (const auto& b : c.bundles())
      for (std::size_t pick = 0; pick < 3; ++pick) check_bundle(c, b, pick);
  }
}

TEST_CASE("bundle guide of the birth bundle: shared materials once, the certificate reused",
          "[guide][bundle][sample]") {
  const yilu::Catalog& c = load("core/data/catalog/sanya.json");
  const yilu::BundleDef* birth = c.bundle("birth");
  REQUIRE(birth);
  const json g = yilu::bundle_guide(c, *birth, nullptr);
  CHECK(g["name"] == "出生一件事");
  CHECK(g["stages"][0]["items"].size() == 2);
  bool reused = false;
  for (const auto& m : g["materials"]) {
    CHECK(m["stage"] >= 1);
    CHECK_FALSE(m["items"].empty());
    CHECK_FALSE(m["accept"].get<std::string>().empty());
    if (m["requirement"] == "reused") {
      reused = true;
      CHECK(m["stage"] >= 2);  // an earlier stage issued it
      CHECK(m["licence"].is_object());
    }
  }
  CHECK(reused);
}

TEST_CASE("guide op: item or bundle, exactly one", "[guide][call]") {
  yilu::Engine engine;
  REQUIRE_FALSE(engine.load_catalog(yilu::test::read_source_file("tests/fixtures/test-catalog.json")));
  const auto ctx = yilu::context_at(*yilu::parse_timestamp("2026-06-01T10:00:00+08:00"));
  json r = json::parse(engine.call(R"({"op":"guide","bundle":"t_bundle"})", ctx));
  CHECK(r["guide"]["kind"] == "bundle");
  CHECK(r["catalog_version"] == "test-1");
  r = json::parse(engine.call(R"({"op":"guide","bundle":"t_bundle","item":"t_card"})", ctx));
  CHECK(r["error"]["code"] == "item_or_bundle");
  r = json::parse(engine.call(R"({"op":"guide"})", ctx));
  CHECK(r["error"]["code"] == "item_or_bundle");
  r = json::parse(engine.call(R"({"op":"guide","bundle":"nope"})", ctx));
  CHECK(r["error"]["code"] == "unknown_bundle");
  CHECK(r["error"]["path"] == "/bundle");
  r = json::parse(engine.call(R"({"op":"guide","bundle":"t_bundle","answers":[]})", ctx));
  CHECK(r["error"]["code"] == "wrong_type");
}
