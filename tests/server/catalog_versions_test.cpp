// Catalog versions (docs/catalog.md, "Versions"): the shipped file is the first stored version;
// an administrator publishes a new one (linted first) and it is in force at once — the phone's
// slices change, new applications get its rules — while an application filed before keeps the
// rules of its version; restoring an earlier version is one request; another server on the
// database starts with, and polls for, the newest version.
#include <catch2/catch.hpp>

#include "app_setup.hpp"
#include "catalog_pub/catalog_versions.hpp"
#include "sample_applications.hpp"
#include "support/test_files.hpp"
#include "test_server.hpp"

using namespace yilu::test;

namespace {

// Submitted, accepted and dispatched now; the application's id.
std::string dispatched(TestServer& s, const std::string& resident, const std::string& clerk, const std::string& item) {
  auto sub = s.post("/api/v1/applications", item_application(s, resident, item), resident);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk).status == 200);
  return id;
}

json limit_of(TestServer& s, const std::string& id, const std::string& token) {
  auto r = s.get("/api/v1/staff/applications/" + id, token);
  REQUIRE(r.status == 200);
  return r.body["application"]["deadline"]["limit_days"];
}

json& item_in(json& catalog, const std::string& id) {
  for (auto& it : catalog["items"])
    if (it["id"] == id) return it;
  FAIL("no item " << id);
  return catalog;
}

}  // namespace

TEST_CASE("catalog versions: publish, in force at once, earlier applications keep their version, restore",
          "[server][catalog_versions]") {
  TestServer s;
  const std::string me = s.resident("13876005001");
  const std::string clerk = s.staff("clerk-police", "clerk", "w_police");
  const std::string admin = s.staff("admin1", "admin");

  // The shipped file is version 1, in force.
  auto listed = s.get("/api/v1/admin/catalog/versions", admin);
  INFO(listed.text);
  REQUIRE(listed.status == 200);
  REQUIRE(listed.body["versions"].size() == 1);
  const auto first = listed.body["versions"][0]["id"].get<std::int64_t>();
  CHECK(listed.body["in_force"] == first);
  CHECK(listed.body["versions"][0]["items"] == 47);

  // 居住证: 10 working days promised when this application is filed.
  const std::string before = dispatched(s, me, clerk, "residence_permit");
  CHECK(limit_of(s, before, clerk) == 10);
  const std::string slice_etag = s.get("/api/v1/catalog/items/residence_permit").headers.find("ETag")->second;

  json catalog = json::parse(read_source_file("core/data/catalog/sanya.json"));
  json& permit = item_in(catalog, "residence_permit");
  permit["promised_days"] = 5;
  permit["materials"][1]["name"] = "居住证明（租赁合同、房产证明或单位证明）";

  SECTION("a catalog with a problem is refused with every problem's path, and nothing changes") {
    json bad = catalog;
    item_in(bad, "residence_permit")["promised_days"] = 20;  // over the legal 15
    auto r = s.post("/api/v1/admin/catalog/versions", {{"catalog", bad}}, admin);
    INFO(r.text);
    CHECK(r.status == 422);
    CHECK(r.body["error"]["code"] == "catalog_invalid");
    REQUIRE(r.body["problems"].size() == 1);
    CHECK(r.body["problems"][0]["code"] == "catalog.promised_exceeds_legal");
    CHECK(r.body["problems"][0]["path"] == "/items/27/promised_days");
    CHECK(s.get("/api/v1/admin/catalog/versions", admin).body["versions"].size() == 1);
    CHECK(s.post("/api/v1/admin/catalog/versions", {{"catalog", catalog}}, clerk).status == 403);
  }

  SECTION("published: the phone and new applications get it, the earlier application keeps its own") {
    auto r = s.post("/api/v1/admin/catalog/versions", {{"catalog", catalog}, {"note", "居住证提速"}}, admin);
    INFO(r.text);
    REQUIRE(r.status == 200);
    const auto second = r.body["version"]["id"].get<std::int64_t>();
    CHECK(second > first);
    CHECK(r.body["version"]["summary"] == "居住证提速（新增 0 个事项，修改 1 个，删除 0 个）");

    auto slice = s.get("/api/v1/catalog/items/residence_permit");
    CHECK(slice.headers.find("ETag")->second != slice_etag);
    CHECK(slice.text.find("\"promised_days\":5") != std::string::npos);
    CHECK(slice.text.find("单位证明") != std::string::npos);

    const std::string after = dispatched(s, me, clerk, "residence_permit");
    CHECK(limit_of(s, after, clerk) == 5);
    CHECK(limit_of(s, before, clerk) == 10);  // filed under version 1

    // One click back: version 1's text as the newest version.
    auto back = s.post("/api/v1/admin/catalog/versions/" + std::to_string(first) + "/restore", json::object(), admin);
    INFO(back.text);
    REQUIRE(back.status == 200);
    const auto third = back.body["version"]["id"].get<std::int64_t>();
    CHECK(back.body["version"]["summary"] ==
          "恢复第 " + std::to_string(first) + " 版（新增 0 个事项，修改 1 个，删除 0 个）");
    CHECK(s.get("/api/v1/catalog/items/residence_permit").text.find("\"promised_days\":10") != std::string::npos);
    CHECK(limit_of(s, after, clerk) == 5);  // filed under version 2
    CHECK(s.post("/api/v1/admin/catalog/versions/999/restore", json::object(), admin).status == 404);
    const auto trail = s.get("/api/v1/admin/audit?kind=catalog_published", admin);
    CHECK(trail.body["entries"].size() == 2);

    // Another server of the database (or this one restarted) starts with the newest version,
    // not the file, and takes a later one when it polls.
    yilu::server::AppOptions o;
    o.data_dir = s.dir() + "/data";
    o.db_url = s.db_url();
    o.catalog_path = std::string(YILU_SOURCE_DIR) + "/core/data/catalog/sanya.json";
    auto other = yilu::server::make_app(o);
    REQUIRE(other.ok());
    CHECK(other.value()->catalog_state()->id == third);
    REQUIRE(s.post("/api/v1/admin/catalog/versions", {{"catalog", catalog}}, admin).status == 200);
    auto adopted = yilu::server::adopt_published_catalog(*other.value());
    REQUIRE(adopted.ok());
    CHECK(adopted.value());
    CHECK(other.value()->catalog->item("residence_permit")->promised_days == 5);
    // Its earlier applications answer by their own version, loaded from the database.
    yilu::server::Application filed;
    filed.catalog_version = first;
    CHECK(other.value()->catalog_for(filed)->item("residence_permit")->promised_days == 10);
  }
}
