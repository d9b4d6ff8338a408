// The admin console's catalog import (POST /api/v1/admin/catalog/import): the workbook the
// browser reads from an XLSX goes through the same import as `yilu catalog import`.
#include <catch2/catch.hpp>

#include "catalog_import/workbook.hpp"
#include "support/test_files.hpp"
#include "test_server.hpp"
#include "yilu/catalog.hpp"

using namespace yilu::test;

namespace {

// The templates of docs/templates as the console sends them: {"sheets":[{name, rows}]}.
json template_workbook() {
  json sheets = json::array();
  for (const auto& [name, file] : {std::pair<const char*, const char*>{"事项清单", "docs/templates/事项清单模板.csv"},
                                   {"部门与窗口", "docs/templates/部门与窗口模板.csv"}}) {
    std::string error;
    const auto rows = yilu::server::read_csv_rows(read_source_file(file), error);
    REQUIRE(rows);
    sheets.push_back({{"name", name}, {"rows", *rows}});
  }
  return {{"sheets", sheets}};
}

}  // namespace

TEST_CASE("catalog import from the console: problems at their cells and a catalog that lints clean",
          "[server][catalog_import]") {
  TestServer s;
  const std::string admin = s.staff("admin1", "admin");
  const std::string sup = s.staff("sup1", "supervisor");
  json book = template_workbook();

  auto r = s.post("/api/v1/admin/catalog/import", book, admin);
  INFO(r.text);
  REQUIRE(r.status == 200);
  CHECK(r.body["items_read"] == 3);
  CHECK(r.body["items_imported"] == 3);
  CHECK(r.body["departments"] == 3);
  CHECK(r.body["problems"].empty());
  CHECK(yilu::lint_catalog(r.body["catalog"].dump()).empty());
  // The catalog's members keep the documented order (a download reads like the sample).
  CHECK(r.text.find("\"schema_version\":1,\"id\"") != std::string::npos);

  // Into the catalog in force: the sample's 47 items stay.
  auto into = s.post("/api/v1/admin/catalog/import?into=current", book, admin);
  REQUIRE(into.status == 200);
  CHECK(into.body["catalog"]["items"].size() == 47 + 3);
  CHECK(into.body["catalog"]["bundles"].size() == 3);

  // A missing 承诺办结时限 (H2) is listed at its cell; the other items are imported.
  book["sheets"][0]["rows"][1][7] = "";
  auto broken = s.post("/api/v1/admin/catalog/import", book, admin);
  REQUIRE(broken.status == 200);
  CHECK(broken.body["items_imported"] == 2);
  REQUIRE(broken.body["problems"].size() == 1);
  CHECK(broken.body["problems"][0]["cell"] == "H2");
  CHECK(broken.body["problems"][0]["column"] == "承诺办结时限");
  CHECK(broken.body["problems"][0]["code"] == "import.missing_value");

  CHECK(s.post("/api/v1/admin/catalog/import", book, sup).status == 403);
  auto bad = s.post("/api/v1/admin/catalog/import", {{"sheets", {{{"name", "x"}, {"rows", {{1, 2}}}}}}}, admin);
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["code"] == "bad_workbook");
}
