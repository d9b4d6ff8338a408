// Validation of applications against the frozen test catalog: every problem at once,
// each field type, cross-field rules, conditions, materials, bundles and size limits.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/call.hpp"
#include "yilu/catalog.hpp"
#include "yilu/validation.hpp"

using nlohmann::json;
using yilu::ValidationReport;
using yilu::Verdict;

namespace {

const yilu::Catalog& catalog() {
  static const yilu::Catalog c =
      *yilu::Catalog::from_json(yilu::test::read_source_file("tests/fixtures/test-catalog.json")).catalog;
  return c;
}

const yilu::Date kAsOf = yilu::date_from_ymd(2026, 6, 1);

// The example application of t_all: valid.
json good() { return catalog().item("t_all")->example["application"]; }

ValidationReport check(const json& app, const char* item = "t_all") {
  return yilu::validate_item(catalog(), *catalog().item(item), app, kAsOf);
}

std::string describe(const std::vector<yilu::Problem>& ps) {
  std::string out;
  for (const auto& p : ps) out += p.path + " " + p.code + " " + p.message + "\n";
  return out;
}

bool has(const std::vector<yilu::Problem>& ps, const std::string& path, const std::string& code) {
  return std::any_of(ps.begin(), ps.end(), [&](const yilu::Problem& p) { return p.path == path && p.code == code; });
}

const yilu::MaterialStatus* material(const ValidationReport& r, const std::string& id) {
  for (const auto& m : r.materials)
    if (m.def->id == id) return &m;
  return nullptr;
}

// One field replaced, the rest of the good application kept: exactly one problem expected.
void expect_field_problem(const std::string& field, const json& value, const std::string& code) {
  json app = good();
  app["fields"][field] = value;
  const auto r = check(app);
  INFO(field << " = " << value.dump() << "\n" << describe(r.problems));
  CHECK(r.problems.size() == 1);
  CHECK(has(r.problems, "/application/fields/" + field, code));
  CHECK(r.verdict == Verdict::NotAcceptable);
}

}  // namespace

TEST_CASE("the example application is acceptable", "[validation]") {
  const auto r = check(good());
  INFO(describe(r.problems) << describe(r.warnings));
  CHECK(r.problems.empty());
  CHECK(r.warnings.empty());
  CHECK(r.verdict == Verdict::Acceptable);
  REQUIRE(material(r, "m_id_card"));
  CHECK(material(r, "m_id_card")->state == yilu::MaterialState::Licence);
  CHECK(material(r, "m_residence")->state == yilu::MaterialState::Commitment);
  CHECK(material(r, "m_photo")->required == false);
  CHECK(material(r, "m_agent_letter") == nullptr);  // its condition does not hold
}

TEST_CASE("five independent faults come back together in one response", "[validation][acceptance]") {
  json app = good();
  app["fields"]["phone"] = "1380013800";                           // 1. ten digits
  app["fields"]["id_number"] = "110105194912310021";               // 2. wrong check digit
  app["fields"].erase("name");                                     // 3. required field missing
  app["materials"].erase("m_residence");                           // 4. required material missing
  app["materials"]["m_income_proof"]["files"][0]["type"] = "exe";  // 5. file type not accepted
  const auto r = check(app);
  INFO(describe(r.problems));
  CHECK(r.problems.size() == 5);
  CHECK(has(r.problems, "/application/fields/phone", "field.mobile"));
  CHECK(has(r.problems, "/application/fields/id_number", "id.checksum"));
  CHECK(has(r.problems, "/application/fields/name", "field.required"));
  CHECK(has(r.problems, "/application/materials/m_residence", "material.missing"));
  CHECK(has(r.problems, "/application/materials/m_income_proof/files/0/type", "material.file_type"));
  CHECK(r.verdict == Verdict::NotAcceptable);
  for (const auto& p : r.problems) CHECK(p.message.find("错误（") == std::string::npos);  // every code has a message
}

TEST_CASE("each field type rejects what it should", "[validation]") {
  expect_field_problem("name", "张", "field.too_short");
  expect_field_problem("name", "张三李四王五赵六钱七孙", "field.too_long");  // 11 characters, 33 bytes
  expect_field_problem("name", 42, "field.wrong_type");
  expect_field_problem("id_number", "11010519491231002", "id.length");
  expect_field_problem("id_number", "110105491231002", "id.legacy_15_digit");
  expect_field_problem("phone", "12800138000", "field.mobile");
  expect_field_problem("email", "someone@localhost", "field.email");
  expect_field_problem("email", "a@b@c.cn", "field.email");
  expect_field_problem("company_code", "91350100M000100Y42", "uscc.checksum");
  expect_field_problem("area", "110105", "field.area_code");
  expect_field_problem("area", "46020", "field.area_code");
  expect_field_problem("income", 1.5, "field.not_integer");
  expect_field_problem("income", -1, "field.too_small");
  expect_field_problem("income", 100001, "field.too_large");
  expect_field_problem("income", "100", "field.wrong_type");
  expect_field_problem("married", "yes", "field.wrong_type");
  expect_field_problem("gender", "other", "field.not_option");
  expect_field_problem("birth_date", "1949-02-30", "field.bad_date");
  expect_field_problem("move_date", "2025-05-31", "field.date_too_early");  // as_of-1y = 2025-06-01
  expect_field_problem("move_date", "2026-07-02", "field.date_too_late");   // as_of+30d = 2026-07-01
  expect_field_problem("children", json::array(), "group.too_few");
  expect_field_problem("children",
                       json::array({json::object({{"child_name", "a"}, {"child_birth", "2021-01-01"}}),
                                    json::object({{"child_name", "b"}, {"child_birth", "2021-01-01"}}),
                                    json::object({{"child_name", "c"}, {"child_birth", "2021-01-01"}}),
                                    json::object({{"child_name", "d"}, {"child_birth", "2021-01-01"}})}),
                       "group.too_many");
  expect_field_problem("children", "twins", "field.wrong_type");
}

TEST_CASE("a required field left out is field.required whatever its type", "[validation]") {
  // Text, resident ID, date, enum, mobile and group: the same code for each, nothing else.
  for (const char* field : {"name", "id_number", "birth_date", "gender", "phone", "children"}) {
    json app = good();
    app["fields"].erase(field);
    const auto r = check(app);
    INFO(field << "\n" << describe(r.problems));
    CHECK(r.problems.size() == 1);
    CHECK(has(r.problems, std::string("/application/fields/") + field, "field.required"));
    CHECK(r.verdict == Verdict::NotAcceptable);
  }
  // An empty string or null is not an answer either (a date picker left blank sends one of them).
  expect_field_problem("birth_date", "", "field.required");
  expect_field_problem("birth_date", nullptr, "field.required");
  // A required date inside a group entry.
  json app = good();
  app["fields"]["children"][0].erase("child_birth");
  const auto r = check(app);
  INFO(describe(r.problems));
  CHECK(r.problems.size() == 1);
  CHECK(has(r.problems, "/application/fields/children/0/child_birth", "field.required"));
}

TEST_CASE("valid values of every type pass", "[validation]") {
  json app = good();
  app["fields"]["email"] = "zhang.san+yilu@example.com.cn";
  app["fields"]["company_code"] = "91350100M000100Y43";
  app["fields"]["area"] = "460203";
  app["fields"]["income"] = 8000.0;  // a float with no fraction is an integer
  app["fields"]["married"] = false;
  app["fields"]["move_date"] = "2025-06-01";
  app["fields"]["phone"] = "19912345678";
  const auto r = check(app);
  INFO(describe(r.problems));
  CHECK(r.problems.empty());
}

TEST_CASE("cross-field rules use the resident ID", "[validation][rules]") {
  SECTION("birth date differs from the ID") {
    json app = good();
    app["fields"]["birth_date"] = "1950-01-01";
    const auto r = check(app);
    INFO(describe(r.problems));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].code == "rule.id_birth_date");
    CHECK(r.problems[0].path == "/application/fields/birth_date");
    CHECK(r.problems[0].params["id_date"] == "1949-12-31");
  }
  SECTION("gender differs from the ID") {
    json app = good();
    app["fields"]["gender"] = "male";
    const auto r = check(app);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].code == "rule.id_gender");
  }
  SECTION("younger than 18 on as_of") {
    json app = good();
    app["fields"]["id_number"] = "110105200806020019";  // born 2008-06-02: 17 on 2026-06-01
    app["fields"]["birth_date"] = "2008-06-02";
    app["fields"]["gender"] = "male";
    const auto r = check(app);
    INFO(describe(r.problems));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].code == "rule.min_age");
    CHECK(r.problems[0].params["years"] == 18);
  }
  SECTION("18 on the birthday itself") {
    json app = good();
    app["fields"]["id_number"] = "110105200806010013";  // born 2008-06-01
    app["fields"]["birth_date"] = "2008-06-01";
    app["fields"]["gender"] = "male";
    const auto r = check(app);
    INFO(describe(r.problems));
    CHECK(r.problems.empty());
  }
  SECTION("date order") {
    json app = good();
    app["fields"]["move_date"] = "2026-05-01";
    app["fields"]["birth_date"] = "2026-05-02";  // also differs from the ID
    const auto r = check(app);
    INFO(describe(r.problems));
    CHECK(has(r.problems, "/application/fields/move_date", "rule.date_order"));
    CHECK(has(r.problems, "/application/fields/birth_date", "rule.id_birth_date"));
  }
  SECTION("a wrong ID gives one problem, not one per rule") {
    json app = good();
    app["fields"]["id_number"] = "110105194912310021";
    const auto r = check(app);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].code == "id.checksum");
  }
  SECTION("rules inside a repeated group entry") {
    json app = good();
    app["fields"]["children"] =
        json::array({{{"child_name", "大宝"}, {"child_birth", "2021-03-04"}},
                     {{"child_name", "二宝"}, {"child_birth", "2021-03-05"}, {"child_id", "110105202103040012"}}});
    const auto r = check(app);
    INFO(describe(r.problems));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].path == "/application/fields/children/1/child_birth");
    CHECK(r.problems[0].code == "rule.id_birth_date");
  }
}

TEST_CASE("conditions decide what is required and shown", "[validation][conditions]") {
  SECTION("an agent must be named and must bring a letter") {
    json app = good();
    app["answers"]["applicant_kind"] = "agent";
    const auto r = check(app);
    INFO(describe(r.problems));
    CHECK(r.problems.size() == 2);
    CHECK(has(r.problems, "/application/fields/agent_name", "field.required"));
    CHECK(has(r.problems, "/application/materials/m_agent_letter", "material.missing"));
  }
  SECTION("a value for a field not shown is a warning only") {
    json app = good();
    app["fields"]["agent_name"] = "李四";
    const auto r = check(app);
    CHECK(r.problems.empty());
    CHECK(has(r.warnings, "/application/fields/agent_name", "field.not_shown"));
    CHECK(r.verdict == Verdict::Acceptable);
  }
  SECTION("a sibling condition inside a group entry") {
    json app = good();
    app["fields"]["children"][0]["child_birth"] = "2015-09-01";  // school age: school required
    const auto r = check(app);
    INFO(describe(r.problems));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].path == "/application/fields/children/0/child_school");
  }
  SECTION("an unanswered or wrong situation question") {
    json app = good();
    app["answers"] = {{"applicant_kind", "cousin"}};
    auto r = check(app);
    CHECK(has(r.problems, "/application/answers/applicant_kind", "answer.not_option"));
    app.erase("answers");
    r = check(app);
    CHECK(has(r.problems, "/application/answers/applicant_kind", "answer.required"));
  }
}

TEST_CASE("materials: deferral, commitment, licences, file metadata", "[validation][materials]") {
  SECTION("a deferrable material deferred: acceptable with deferrals") {
    json app = good();
    app["materials"]["m_income_proof"] = {{"by", "deferral"}};
    const auto r = check(app);
    CHECK(r.problems.empty());
    CHECK(r.verdict == Verdict::AcceptableWithDeferrals);
    CHECK(material(r, "m_income_proof")->state == yilu::MaterialState::Deferred);
  }
  SECTION("a key material cannot be deferred") {
    json app = good();
    app["materials"]["m_id_card"] = {{"by", "deferral"}};
    const auto r = check(app);
    CHECK(has(r.problems, "/application/materials/m_id_card/by", "material.not_deferrable"));
  }
  SECTION("a commitment where none is allowed, or unsigned") {
    json app = good();
    app["materials"]["m_income_proof"] = {{"by", "commitment"}, {"signed", true}};
    app["materials"]["m_residence"] = {{"by", "commitment"}};
    const auto r = check(app);
    CHECK(has(r.problems, "/application/materials/m_income_proof/by", "material.commitment_not_allowed"));
    CHECK(has(r.problems, "/application/materials/m_residence/signed", "material.commitment_unsigned"));
  }
  SECTION("the wrong licence, or a licence where none substitutes") {
    json app = good();
    app["materials"]["m_id_card"]["licence"] = "t_cert";
    app["materials"]["m_income_proof"] = {{"by", "licence"}, {"licence", "t_cert"}, {"number", "1"}};
    const auto r = check(app);
    CHECK(has(r.problems, "/application/materials/m_id_card/licence", "material.licence_mismatch"));
    CHECK(has(r.problems, "/application/materials/m_income_proof/by", "material.licence_not_accepted"));
  }
  SECTION("size and pages against the catalog") {
    json app = good();
    app["materials"]["m_id_card"] = {{"by", "file"}, {"files", {{{"type", "jpg"}, {"bytes", 2097153}, {"pages", 3}}}}};
    const auto r = check(app);
    INFO(describe(r.problems));
    CHECK(has(r.problems, "/application/materials/m_id_card/files/0/bytes", "material.too_large"));
    CHECK(has(r.problems, "/application/materials/m_id_card/files/0/pages", "material.too_many_pages"));
  }
  SECTION("malformed entries") {
    json app = good();
    app["materials"]["m_income_proof"] = "uploaded";
    app["materials"]["m_residence"] = {{"by", "file"}, {"files", json::array()}};
    const auto r = check(app);
    CHECK(has(r.problems, "/application/materials/m_income_proof", "material.bad_entry"));
    CHECK(has(r.problems, "/application/materials/m_residence/files", "material.no_files"));
  }
}

TEST_CASE("a bundle asks shared fields and materials once and reuses licences", "[validation][bundle]") {
  const yilu::BundleDef& b = *catalog().bundle("t_bundle");
  json app = {{"fields", {{"mother_id", "11010519491231002X"}, {"child_name", "小明"}, {"address", "测试路 1 号"}}},
              {"materials",
               {{"m_mother_id", {{"by", "licence"}, {"licence", "t_id_card"}, {"number", "X"}}},
                {"m_birth_record", {{"by", "file"}, {"files", {{{"type", "pdf"}, {"bytes", 10}}}}}},
                {"m_hukou_book", {{"by", "file"}, {"files", {{{"type", "jpg"}, {"bytes", 10}}}}}}}}};
  auto r = yilu::validate_bundle(catalog(), b, app, kAsOf);
  INFO(describe(r.problems) << describe(r.warnings));
  CHECK(r.problems.empty());
  CHECK(r.verdict == Verdict::Acceptable);
  REQUIRE(material(r, "m_cert"));
  CHECK(material(r, "m_cert")->state == yilu::MaterialState::Reused);
  CHECK(material(r, "m_cert")->stage == 2);
  CHECK(material(r, "m_mother_id")->items->size() == 3);  // asked once for three items
  CHECK(material(r, "m_mother_id")->stage == 1);
  CHECK(r.materials.size() == 4);

  app["fields"].erase("child_name");  // shared by three items: one problem, not three
  r = yilu::validate_bundle(catalog(), b, app, kAsOf);
  CHECK(r.problems.size() == 1);
}

TEST_CASE("big applications are bounded with clear codes", "[validation][limits]") {
  SECTION("too many fields") {
    json app = good();
    for (int i = 0; i < 600; ++i) app["fields"]["x" + std::to_string(i)] = i;
    const auto r = check(app);
    CHECK(has(r.problems, "/application/fields", "application.too_many"));
  }
  SECTION("a stretched string") {
    json app = good();
    app["fields"]["name"] = std::string(100000, 'x');
    const auto r = check(app);
    CHECK(has(r.problems, "/application/fields/name", "field.too_long"));
  }
  SECTION("too many files") {
    json app = good();
    json files = json::array();
    for (int i = 0; i < 60; ++i) files.push_back({{"type", "pdf"}, {"bytes", 1}});
    app["materials"]["m_income_proof"] = {{"by", "file"}, {"files", files}};
    const auto r = check(app);
    CHECK(has(r.problems, "/application/materials/m_income_proof/files", "material.too_many_files"));
  }
  SECTION("problems are capped and marked truncated") {
    json app = good();
    json children = json::array();
    for (int i = 0; i < 3; ++i) children.push_back(json::object());
    app["fields"]["children"] = children;
    json materials = json::object();
    for (int i = 0; i < 400; ++i) materials["m" + std::to_string(i)] = 1;  // 400 warnings
    app["materials"] = materials;
    const auto r = check(app);
    CHECK(r.warnings.size() == yilu::kMaxProblems);
    CHECK(r.truncated);
  }
  SECTION("a 5 MiB application through call is refused before parsing") {
    yilu::Engine engine;
    REQUIRE_FALSE(engine.load_catalog(yilu::test::read_source_file("tests/fixtures/test-catalog.json")));
    json req = {{"op", "validate"}, {"item", "t_all"}, {"application", good()}};
    req["application"]["fields"]["name"] = std::string(5u << 20, 'x');
    const json r = json::parse(engine.call(req.dump(), yilu::context_at(0)));
    CHECK(r["ok"] == false);
    CHECK(r["error"]["code"] == "request_too_large");
  }
}

TEST_CASE("validate through call: shapes and request errors", "[validation][call]") {
  yilu::Engine engine;
  REQUIRE_FALSE(engine.load_catalog(yilu::test::read_source_file("tests/fixtures/test-catalog.json")));
  const auto ctx = yilu::context_at(*yilu::parse_timestamp("2026-06-01T10:00:00+08:00"));
  json req = {{"op", "validate"}, {"item", "t_all"}, {"application", good()}};
  json r = json::parse(engine.call(req.dump(), ctx));
  CHECK(r["ok"] == true);
  CHECK(r["verdict"] == "acceptable");
  CHECK(r["as_of"] == "2026-06-01");  // the caller's today
  CHECK(r["catalog_version"] == "test-1");
  CHECK(r["materials"].size() == 4);

  req["item"] = "t_none";
  r = json::parse(engine.call(req.dump(), ctx));
  CHECK(r["error"]["code"] == "unknown_item");
  CHECK(r["error"]["path"] == "/item");
  req["bundle"] = "t_bundle";
  r = json::parse(engine.call(req.dump(), ctx));
  CHECK(r["error"]["code"] == "item_or_bundle");
  req.erase("item");
  req["application"] = "x";
  r = json::parse(engine.call(req.dump(), ctx));
  CHECK(r["error"]["code"] == "wrong_type");
  CHECK(r["error"]["path"] == "/application");
}
