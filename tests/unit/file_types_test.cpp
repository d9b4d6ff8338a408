// One vocabulary of upload types, and one mobile-number rule.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/call.hpp"
#include "yilu/catalog.hpp"
#include "yilu/contact.hpp"
#include "yilu/file_types.hpp"
#include "yilu/validation.hpp"

using nlohmann::json;

TEST_CASE("file types: ids, the jpeg alias, and nothing else", "[file_types]") {
  REQUIRE(yilu::find_file_type("jpeg"));
  CHECK(yilu::find_file_type("jpeg")->id == "jpg");
  CHECK(yilu::find_file_type("dwg")->mime == "image/vnd.dwg");
  CHECK(yilu::find_file_type("dwg")->extensions[0] == ".dwg");
  CHECK(yilu::find_file_type("ofd"));
  CHECK_FALSE(yilu::find_file_type("PDF"));
  CHECK_FALSE(yilu::find_file_type("exe"));
  CHECK_FALSE(yilu::find_file_type(""));
  for (const auto& id : yilu::kDefaultFileTypes) CHECK(yilu::find_file_type(id));
  CHECK(yilu::accept_attribute({"pdf", "jpg"}) == ".pdf,application/pdf,.jpg,.jpeg,image/jpeg");
  CHECK(yilu::accept_attribute({}).empty());
}

namespace {

std::string catalog_with_types(const std::string& types) {
  return R"({"schema_version":1,"id":"t","version":"1","departments":[{"id":"d","name":"部门"}],
    "windows":[{"id":"w","name":"窗口","kind":"comprehensive"}],
    "items":[{"id":"i","name":"事项","department":"d","window":"w","kind":"公共服务","online_level":"full_online",
      "legal_days":5,"promised_days":5,"materials":[{"id":"m","name":"图纸","required":true,"file_types":)" +
         types + "}]}]}";
}

}  // namespace

TEST_CASE("the catalog reader stores jpeg as jpg and refuses unknown types", "[file_types][catalog]") {
  auto load = yilu::Catalog::from_json(catalog_with_types(R"(["jpeg","jpg","dwg"])"));
  REQUIRE(load.catalog);
  CHECK(load.catalog->item("i")->materials[0].file_types == std::vector<std::string>{"jpg", "dwg"});
  load = yilu::Catalog::from_json(catalog_with_types(R"(["pdf","docx"])"));
  REQUIRE(load.problems.size() == 1);
  CHECK(load.problems[0].code == "catalog.unknown_file_type");
  CHECK(load.problems[0].path == "/items/0/materials/0/file_types/1");
  CHECK(load.problems[0].message.find("docx") != std::string::npos);
  load = yilu::Catalog::from_json(catalog_with_types("[]"));
  REQUIRE(load.catalog);
  CHECK(load.catalog->item("i")->materials[0].file_types == std::vector<std::string>{"pdf", "jpg", "png"});

  // Validation reads a file's type the same way: "jpeg" is a jpg.
  const yilu::Catalog c = std::move(*yilu::Catalog::from_json(catalog_with_types(R"(["jpg"])")).catalog);
  const auto with_type = [&](const char* type) {
    const json app = {{"materials", {{"m", {{"by", "file"}, {"files", {{{"type", type}, {"bytes", 10}}}}}}}}};
    return yilu::validate_item(c, *c.item("i"), app, *yilu::parse_date("2026-06-01")).problems;
  };
  CHECK(with_type("jpeg").empty());
  CHECK(with_type("jpg").empty());
  REQUIRE(with_type("png").size() == 1);
  CHECK(with_type("png")[0].code == "material.file_type");
  CHECK(with_type("exe")[0].code == "material.file_type");
}

TEST_CASE("check_mobile: 11 digits starting 13-19, full-width digits normalized", "[mobile]") {
  CHECK(yilu::check_mobile("13800138000").valid());
  CHECK(yilu::check_mobile("19912345678").valid());
  const auto full = yilu::check_mobile("１３８００１３８０００");
  CHECK(full.valid());
  CHECK(full.normalized_view() == "13800138000");
  CHECK(yilu::check_mobile("1380013800").reason == yilu::MobileReason::Length);
  CHECK(yilu::check_mobile("138001380001").reason == yilu::MobileReason::Length);
  CHECK(yilu::check_mobile("").reason == yilu::MobileReason::Length);
  CHECK(yilu::check_mobile(" 3800138000").reason == yilu::MobileReason::Charset);  // nothing is trimmed
  CHECK(yilu::check_mobile("1380013800a").reason == yilu::MobileReason::Charset);
  CHECK(yilu::check_mobile("12800138000").reason == yilu::MobileReason::Prefix);
  CHECK(yilu::check_mobile("23800138000").reason == yilu::MobileReason::Prefix);
  CHECK(std::string(yilu::mobile_reason_code(yilu::MobileReason::Prefix)) == "prefix");
}

TEST_CASE("check_mobile and file_types ops", "[mobile][file_types][call]") {
  yilu::Engine engine;
  const yilu::CallContext ctx{};
  json r = json::parse(engine.call(R"({"op":"check_mobile","value":"13800138000"})", ctx));
  CHECK(r == json::parse(R"({"ok":true,"valid":true,"normalized":"13800138000"})"));
  r = json::parse(engine.call(R"({"op":"check_mobile","value":"12800138000"})", ctx));
  CHECK(r["valid"] == false);
  CHECK(r["reason"] == "prefix");
  CHECK(r["message"].is_string());
  r = json::parse(engine.call(R"({"op":"check_mobile"})", ctx));
  CHECK(r["error"]["code"] == "missing_field");
  r = json::parse(engine.call(R"({"op":"file_types"})", ctx));
  CHECK(r["ok"] == true);
  CHECK(r["default"] == json::array({"pdf", "jpg", "png"}));
  CHECK(r["types"].size() == yilu::file_types().size());
  CHECK(r["types"][1]["extensions"] == json::array({".jpg", ".jpeg"}));
}
