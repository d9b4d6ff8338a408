// The catalog loader and lint: every problem with its path, never only the first;
// hostile catalogs (deep conditions, 10,000 items) load or fail cleanly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "detail/fingerprint.hpp"
#include "support/test_files.hpp"
#include "yilu/call.hpp"
#include "yilu/catalog.hpp"

using nlohmann::json;
using yilu::Catalog;
using yilu::Problem;

namespace {

json test_catalog() { return json::parse(yilu::test::read_source_file("tests/fixtures/test-catalog.json")); }

std::vector<Problem> problems_of(const json& doc) { return Catalog::from_json(doc.dump()).problems; }

bool has(const std::vector<Problem>& ps, const std::string& path, const std::string& code) {
  return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.path == path && p.code == code; });
}

std::string describe(const std::vector<Problem>& ps) {
  std::string out;
  for (const auto& p : ps) out += p.path + " " + p.code + "\n";
  return out;
}

}  // namespace

TEST_CASE("the frozen test catalog loads and indexes its ids", "[catalog]") {
  const auto load = Catalog::from_json(yilu::test::read_source_file("tests/fixtures/test-catalog.json"));
  INFO(describe(load.problems));
  REQUIRE(load.catalog);
  const Catalog& c = *load.catalog;
  CHECK(c.id() == "test");
  CHECK(c.version() == "test-1");
  CHECK(c.items().size() == 5);
  CHECK(c.departments().size() == 4);
  CHECK(c.bundles().size() == 1);
  REQUIRE(c.item("t_permit"));
  CHECK(c.item("t_permit")->promised_options.size() == 2);
  CHECK(c.item("nope") == nullptr);
  CHECK(c.fingerprint().size() == 16);
  const auto* all = c.item("t_all");
  REQUIRE(all);
  CHECK(all->fields.size() == 13);
  CHECK(all->fields[12].type == yilu::FieldType::Group);
  CHECK(all->fields[12].fields.size() == 4);
}

TEST_CASE("the five-fault fixture gives exactly its five problems with paths", "[catalog][lint]") {
  const auto problems = yilu::lint_catalog(yilu::test::read_source_file("tests/fixtures/lint-five-faults.json"));
  INFO(describe(problems));
  REQUIRE(problems.size() == 5);
  CHECK(has(problems, "/items/3/id", "catalog.duplicate_id"));
  CHECK(has(problems, "/items/4/department", "catalog.unknown_department"));
  CHECK(has(problems, "/items/0/materials/3/required_when/field", "catalog.unknown_reference"));
  CHECK(has(problems, "/bundles/0/stages/0/items/1", "catalog.unknown_item"));
  CHECK(has(problems, "/bundles/0/stages/0/reuse/0", "catalog.licence_not_yet_issued"));
  for (const auto& p : problems) CHECK_FALSE(p.message.empty());
}

TEST_CASE("each kind of catalog fault is reported where it is", "[catalog]") {
  SECTION("promised days above legal days") {
    json c = test_catalog();
    c["items"][1]["promised_days"] = 11;  // legal 10
    CHECK(has(problems_of(c), "/items/1/promised_days", "catalog.promised_exceeds_legal"));
  }
  SECTION("a situation-dependent limit above the legal limit") {
    json c = test_catalog();
    c["items"][4]["promised_days_by"]["days"]["large"] = 25;
    const auto ps = problems_of(c);
    CHECK(has(ps, "/items/4/promised_days_by/days/large", "catalog.promised_exceeds_legal"));
  }
  SECTION("an unsupported schema version stops reading") {
    json c = test_catalog();
    c["schema_version"] = 2;
    const auto ps = problems_of(c);
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].code == "catalog.schema_version");
    CHECK(ps[0].path == "/schema_version");
  }
  SECTION("an unknown window") {
    json c = test_catalog();
    c["items"][2]["window"] = "w_moon";
    CHECK(has(problems_of(c), "/items/2/window", "catalog.unknown_window"));
  }
  SECTION("a key material marked deferrable") {
    json c = test_catalog();
    c["items"][0]["materials"][0]["deferrable"] = true;
    CHECK(has(problems_of(c), "/items/0/materials/0/deferrable", "catalog.key_deferrable"));
  }
  SECTION("a misspelt key") {
    json c = test_catalog();
    c["items"][0]["fields"][0]["requird"] = true;
    CHECK(has(problems_of(c), "/items/0/fields/0/requird", "catalog.unknown_key"));
  }
  SECTION("a rule naming a field of the wrong type") {
    json c = test_catalog();
    c["items"][0]["rules"][0]["date"] = "name";
    CHECK(has(problems_of(c), "/items/0/rules/0/date", "catalog.rule_field_type"));
  }
  SECTION("a group condition may name a sibling; an unknown name is reported") {
    json c = test_catalog();
    c["items"][0]["fields"][12]["fields"][3]["required_when"] = {{"field", "child_shoe_size"}, {"gt", 1}};
    CHECK(has(problems_of(c), "/items/0/fields/12/fields/3/required_when/field", "catalog.unknown_reference"));
  }
  SECTION("shared bundle fields must agree on their type") {
    json c = test_catalog();
    c["items"][2]["fields"][1]["type"] = "date";  // t_register.child_name; t_cert_issue has it as text
    CHECK(has(problems_of(c), "/bundles/0/stages/1/items/0", "catalog.field_conflict"));
  }
  SECTION("not JSON") {
    const auto ps = Catalog::from_json("{\"schema_version\": 1,");
    REQUIRE(ps.problems.size() == 1);
    CHECK(ps.problems[0].code == "catalog.bad_json");
    CHECK_FALSE(ps.catalog);
  }
  SECTION("many faults are all listed") {
    json c = test_catalog();
    c["items"][0]["department"] = "x1";
    c["items"][1]["department"] = "x2";
    c["items"][2]["department"] = "x3";
    c["items"][3]["window"] = "x4";
    c["items"][4]["legal_days"] = 1;
    const auto ps = problems_of(c);
    CHECK(has(ps, "/items/0/department", "catalog.unknown_department"));
    CHECK(has(ps, "/items/1/department", "catalog.unknown_department"));
    CHECK(has(ps, "/items/2/department", "catalog.unknown_department"));
    CHECK(has(ps, "/items/3/window", "catalog.unknown_window"));
    CHECK(has(ps, "/items/4/promised_days", "catalog.promised_exceeds_legal"));
  }
}

TEST_CASE("a condition nested past the limit is a lint error, not a stack overflow", "[catalog][limits]") {
  for (const int depth : {yilu::kMaxConditionDepth - 2, yilu::kMaxConditionDepth + 1, 100000}) {
    // Built as text: a json value this deep would itself recurse when copied.
    std::string cond;
    for (int i = 0; i < depth; ++i) cond += "{\"not\":";
    cond += "{\"field\":\"scale\",\"equals\":\"large\"}";
    for (int i = 0; i < depth; ++i) cond += "}";
    json c = test_catalog();
    c["items"][4]["materials"][1]["required_when"] = "__COND__";
    std::string text = c.dump();
    const auto at = text.find("\"__COND__\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 10, cond);
    const auto ps = yilu::lint_catalog(text);
    INFO("depth " << depth << "\n" << describe(ps));
    REQUIRE(ps.size() == (depth < yilu::kMaxConditionDepth ? 0 : 1));
    if (depth >= yilu::kMaxConditionDepth) {
      // Past the nesting any catalog may have, the text is refused before it is read.
      CHECK(ps[0].code == (depth > 1000 ? "catalog.too_deep" : "catalog.condition_too_deep"));
      if (depth < 1000) CHECK(ps[0].path.rfind("/items/4/materials/1/required_when/not/", 0) == 0);
      else CHECK(ps[0].path.empty());
    }
  }
}

TEST_CASE("an example nested past the JSON limit is a lint error, not a stack overflow", "[catalog][limits]") {
  // Any public caller reaches the loader (`lint_catalog` through POST /api/v1/core); a 1 MiB text
  // nests half a million levels, and copying the example recursed once per level.
  for (const int depth : {10, 63, 64, 500000}) {
    std::string deep = "{\"a\":";
    for (int i = 1; i < depth; ++i) deep += "[";
    deep += "1";
    for (int i = 1; i < depth; ++i) deep += "]";
    deep += "}";
    json c = test_catalog();
    c["items"][0]["example"] = "__EXAMPLE__";
    std::string text = c.dump();
    const auto at = text.find("\"__EXAMPLE__\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 13, deep);
    const auto ps = yilu::lint_catalog(text);
    INFO("depth " << depth << "\n" << describe(ps));
    const bool too_deep = has(ps, "/items/0/example", "catalog.example_too_deep");
    CHECK(too_deep == (depth > static_cast<int>(yilu::kMaxJsonDepth) && depth < 1000));
    // Past the nesting any catalog may have, the text is refused before it is read.
    CHECK(has(ps, "", "catalog.too_deep") == (depth >= 1000));
  }
}

TEST_CASE("a 10,000-item catalog loads", "[catalog][limits]") {
  json c = test_catalog();
  const json model = c["items"][0];
  json items = json::array();
  for (int i = 0; i < 10000; ++i) {
    json it = model;
    it["id"] = "item_" + std::to_string(i);
    items.push_back(std::move(it));
  }
  c["items"] = std::move(items);
  c["bundles"] = json::array();
  const std::string text = c.dump();
  const auto start = std::chrono::steady_clock::now();
  const auto load = Catalog::from_json(text);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  INFO(describe(load.problems) << ms << " ms for " << text.size() << " bytes");
  REQUIRE(load.catalog);
  CHECK(load.catalog->items().size() == 10000);
  CHECK(load.catalog->item("item_9999"));
  // No time assertion: under sanitizers on a shared 2-core machine it takes over a minute
  // (RelWithDebInfo: about 5 s for 33 MB); "loads" is the point.
}

TEST_CASE("Engine::load_catalog keeps the previous catalog on failure", "[catalog][engine]") {
  yilu::Engine engine;
  REQUIRE_FALSE(engine.load_catalog(yilu::test::read_source_file("tests/fixtures/test-catalog.json")));
  REQUIRE(engine.catalog());
  const auto err = engine.load_catalog(yilu::test::read_source_file("tests/fixtures/lint-five-faults.json"));
  REQUIRE(err);
  CHECK(err->code == "catalog_invalid");
  CHECK_FALSE(err->path.empty());
  CHECK(err->message.find("5") != std::string::npos);
  REQUIRE(engine.catalog());
  CHECK(engine.catalog()->id() == "test");
  const yilu::CallContext ctx = yilu::context_at(*yilu::parse_timestamp("2026-06-01T10:00:00+08:00"));
  CHECK(json::parse(engine.call(R"({"op":"catalog_info"})", ctx))["id"] == "test");
}

TEST_CASE("catalog ops without a catalog answer catalog_not_loaded", "[catalog][engine]") {
  yilu::Engine engine;
  const yilu::CallContext ctx = yilu::context_at(0);
  for (const char* req : {R"({"op":"catalog_info"})", R"({"op":"validate","item":"x","application":{}})",
                          R"({"op":"guide","item":"x"})"}) {
    const json r = json::parse(engine.call(req, ctx));
    CHECK(r["ok"] == false);
    CHECK(r["error"]["code"] == "catalog_not_loaded");
  }
}

TEST_CASE("data fingerprints are FNV-1a 64 in sixteen lower-case hex digits", "[catalog]") {
  // Published FNV-1a test values (draft-eastlake-fnv): "", "a", "foobar".
  CHECK(yilu::detail::fnv1a_hex("") == "cbf29ce484222325");
  CHECK(yilu::detail::fnv1a_hex("a") == "af63dc4c8601ec8c");
  CHECK(yilu::detail::fnv1a_hex("foobar") == "85944171f73967e8");
}

TEST_CASE("an item's to_complete names what an operator still has to write, from a fixed list", "[catalog]") {
  const auto with = [](const std::string& list) {
    return yilu::Catalog::from_json(
        R"({"schema_version":1,"id":"t","version":"1","departments":[{"id":"d","name":"部门"}],
        "windows":[{"id":"w","name":"窗口","kind":"comprehensive"}],
        "items":[{"id":"i","name":"事项","department":"d","window":"w","kind":"公共服务","online_level":"on_site",
          "legal_days":5,"promised_days":5,"to_complete":)" +
        list + "}]}");
  };
  auto load = with(R"(["form","commitment_text"])");
  REQUIRE(load.catalog);
  CHECK(load.catalog->item("i")->to_complete == std::vector<std::string>{"form", "commitment_text"});
  load = with(R"(["form","fields"])");
  REQUIRE(load.problems.size() == 1);
  CHECK(load.problems[0].code == "catalog.bad_enum");
  CHECK(load.problems[0].path == "/items/0/to_complete/1");
}
