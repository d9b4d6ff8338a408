// Issue 4 acceptance: bad input gets a clear 4xx and stores nothing; idempotent retries give
// one application; the OpenAPI document describes every route; the core over HTTP.
#include <catch2/catch.hpp>

#include <dirent.h>

#include <algorithm>
#include <map>
#include <thread>

#include "support/test_files.hpp"
#include "test_server.hpp"

using namespace yilu::test;

namespace {

json item_application(const std::string& item_id) {
  const json catalog = json::parse(read_source_file("core/data/catalog/sanya.json"));
  for (const auto& i : catalog["items"])
    if (i["id"] == item_id) {
      const json a = i["example"]["application"];
      json materials = a["materials"];
      sign_commitments(materials);
      return {{"kind", "item"},
              {"target_id", item_id},
              {"fields", a["fields"]},
              {"materials", materials},
              {"answers", a.value("answers", json::object())}};
    }
  return nullptr;
}

// Files stored under the blob folder (the tmp folder excluded).
int stored_blobs(const std::string& root) {
  int n = 0;
  DIR* d = opendir(root.c_str());
  if (!d) return 0;
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == ".." || name == "tmp") continue;
    DIR* sub = opendir((root + "/" + name).c_str());
    if (!sub) continue;
    while (dirent* f = readdir(sub))
      if (f->d_name[0] != '.') ++n;
    closedir(sub);
  }
  closedir(d);
  return n;
}

}  // namespace

TEST_CASE("bad input is a clear 4xx and stores nothing", "[server][input]") {
  TestServer s;
  const std::string me = s.resident("13700000001", "46020319950315122X", "李晓燕");
  const std::string blobs = s.dir() + "/data/blobs";

  SECTION("JSON bodies") {
    auto bad = s.request("POST", "/api/v1/applications", "{\"kind\": ", me);
    CHECK(bad.status == 400);
    CHECK(bad.body["error"]["code"] == "bad_json");
    CHECK(s.request("POST", "/api/v1/applications", "[1,2]", me).body["error"]["code"] == "not_object");
    auto text = s.request("POST", "/api/v1/applications", "kind=item", me, {}, "text/plain");
    CHECK(text.status == 415);
    CHECK(text.body["error"]["code"] == "unsupported_media_type");
    auto big = s.request("POST", "/api/v1/applications", "{\"x\":\"" + std::string(2u << 20, 'a') + "\"}", me);
    CHECK(big.status == 413);
    CHECK(big.body["error"]["code"] == "payload_too_large");
    CHECK(s.post("/api/v1/applications", {{"kind", "item"}, {"target_id", "no_such_item"}}, me).status == 422);
    auto nf = s.get("/api/v1/no/such/route");
    CHECK(nf.status == 404);
    CHECK(nf.body["error"]["code"] == "not_found");
    CHECK(s.get("/api/v1/me/applications", me).body["applications"].empty());
  }

  SECTION("an invalid application: 422 with every problem, nothing stored") {
    json a = item_application("birth_medical_certificate");
    a["fields"]["mother_id"] = "46020319950315122Y";  // wrong check character
    a["fields"]["guardian_phone"] = "12345";
    a["fields"].erase("mother_name");
    a["materials"].erase("delivery_record");
    auto r = s.post("/api/v1/applications", a, me);
    INFO(r.text);
    CHECK(r.status == 422);
    CHECK(r.body["error"]["code"] == "invalid_application");
    CHECK(r.body["problems"].size() >= 4);
    for (const auto& p : r.body["problems"]) {
      CHECK(!p["path"].get<std::string>().empty());
      CHECK(!p["message"].get<std::string>().empty());
    }
    CHECK(s.get("/api/v1/me/applications", me).body["applications"].empty());
  }

  SECTION("uploads judged by content, names cleaned, limits from the catalog") {
    auto fake = s.upload(me, "this is not a pdf at all", "scan.pdf");
    CHECK(fake.status == 415);
    CHECK(fake.body["error"]["code"] == "unsupported_file_type");
    CHECK(s.upload(me, tiny_pdf(), "../../etc/passwd.pdf").status == 400);
    CHECK(s.upload(me, tiny_pdf(), "..\\..\\boot.ini.pdf").status == 400);
    CHECK(s.upload(me, tiny_pdf(), std::string("a\0b.pdf", 7)).status == 400);
    CHECK(s.upload(me, tiny_pdf(), "").status == 400);
    // delivery_record accepts PDF only; a JPEG is refused whatever its name.
    CHECK(s.upload(me, tiny_jpeg(), "record.pdf", "birth_medical_certificate", "delivery_record").status == 415);
    CHECK(s.upload(me, tiny_pdf(), "record.pdf", "birth_medical_certificate", "no_such_material").status == 404);
    const auto* m = &s.app().catalog->item("birth_medical_certificate")->materials[0];
    for (const auto& d : s.app().catalog->item("birth_medical_certificate")->materials)
      if (d.id == "delivery_record") m = &d;
    std::string huge = tiny_pdf();
    huge.insert(10, std::string(static_cast<std::size_t>(m->max_bytes), ' '));
    auto too_big = s.upload(me, huge, "record.pdf", "birth_medical_certificate", "delivery_record");
    CHECK(too_big.status == 413);
    CHECK(too_big.body["error"]["code"] == "file_too_large");
    CHECK(stored_blobs(blobs) == 0);
    // Not multipart at all.
    CHECK(s.request("POST", "/api/v1/uploads", "{}", me).status == 400);
    // And a good one is stored once, under its hash.
    auto ok = s.upload(me, tiny_pdf(), "出生记录.pdf", "birth_medical_certificate", "delivery_record");
    CHECK(ok.status == 201);
    CHECK(ok.body["upload"]["kind"] == "pdf");
    CHECK(ok.body["upload"]["name"] == "出生记录.pdf");
    CHECK(s.upload(me, tiny_pdf(), "again.pdf").status == 201);
    CHECK(stored_blobs(blobs) == 1);
  }

  SECTION("profile: the ID number is checked by the core") {
    auto bad = s.request("PUT", "/api/v1/me/profile",
                         json{{"name", "李晓燕"}, {"id_number", "460203199503151221"}}.dump(), me);
    CHECK(bad.status == 422);
    CHECK(bad.body["error"]["code"] == "invalid_id_number");
    CHECK(bad.body["reason"] == "checksum");
    auto good = s.request("PUT", "/api/v1/me/profile",
                          json{{"name", "李晓燕"}, {"id_number", "46020319950315122X"}}.dump(), me);
    CHECK(good.status == 200);
    CHECK(good.body["resident"]["profile"]["id_number_masked"] == "460***********122X");
    CHECK(good.body["resident"]["profile"]["birth_date"] == "1995-03-15");
  }
}

TEST_CASE("a retried submission with the same Idempotency-Key gives one application", "[server][idempotency]") {
  TestServer s;
  const std::string me = s.resident("13700000002", "46020319950315122X");
  const json a = item_application("child_health_handbook");
  REQUIRE(a.is_object());
  // Eight retries racing each other.
  std::vector<std::thread> threads;
  std::vector<Reply> replies(8);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      replies[static_cast<std::size_t>(i)] = s.post("/api/v1/applications", a, me, {{"Idempotency-Key", "k-123"}});
    });
  for (auto& t : threads) t.join();
  std::set<std::string> ids;
  for (const auto& r : replies) {
    CHECK(r.status == 201);
    ids.insert(r.body["application"]["id"].get<std::string>());
  }
  CHECK(ids.size() == 1);
  CHECK(s.get("/api/v1/me/applications", me).body["applications"].size() == 1);
  // The same key with another body is a client bug, not a retry.
  json other = a;
  other["fields"]["mother_name"] = "王芳";
  auto reused = s.post("/api/v1/applications", other, me, {{"Idempotency-Key", "k-123"}});
  CHECK(reused.status == 409);
  CHECK(reused.body["error"]["code"] == "idempotency_key_reused");
  // Keys are per resident: another resident's same key is a different submission.
  const std::string bob = s.resident("13700000003", "46020319950315122X");
  CHECK(s.post("/api/v1/applications", a, bob, {{"Idempotency-Key", "k-123"}}).status == 201);
  CHECK(s.post("/api/v1/applications", a, me, {{"Idempotency-Key", std::string(200, 'k')}}).status == 400);
  // Without a key every POST is a new application.
  CHECK(s.post("/api/v1/applications", a, me).status == 201);
  CHECK(s.get("/api/v1/me/applications", me).body["applications"].size() == 2);
}

TEST_CASE("every route is described in the OpenAPI document", "[server][openapi]") {
  TestServer s;
  const json doc = json::parse(read_source_file("server/openapi.json"));
  REQUIRE(s.routes.size() > 30);
  for (const auto& r : s.routes) {
    INFO(r.method << " " << r.path);
    CHECK(doc["paths"].contains(r.path));
    if (doc["paths"].contains(r.path)) CHECK(doc["paths"][r.path].contains(r.method));
  }
  // And nothing is described that the server does not serve.
  std::size_t described = 0;
  for (const auto& [path, ops] : doc["paths"].items()) described += ops.size();
  CHECK(described == s.routes.size());
  auto served = s.get("/api/v1/openapi.json");
  CHECK(served.status == 200);
  CHECK(served.body == doc);
}

TEST_CASE("the core's call surface over HTTP, single and batch", "[server][core]") {
  TestServer s;
  auto one = s.post("/api/v1/core", {{"op", "check_id"}, {"value", "46020319950315122X"}});
  CHECK(one.status == 200);
  CHECK(one.body["valid"] == true);
  const std::string direct = s.app().engine()->call(R"({"op":"check_id","value":"46020319950315122X"})", s.app().ctx());
  CHECK(one.text == direct);
  auto batch = s.request("POST", "/api/v1/core",
                         R"([{"op":"check_id","value":"1"},{"op":"is_workday","date":"2026-10-01"},{"op":"nope"}])");
  REQUIRE(batch.status == 200);
  REQUIRE(batch.body.size() == 3);
  CHECK(batch.body[0]["reason"] == "length");
  CHECK(batch.body[1]["workday"] == false);
  CHECK(batch.body[2]["error"]["code"] == "unknown_op");
  CHECK(s.request("POST", "/api/v1/core", "{oops").body["error"]["code"] == "bad_json");
  // The data the page loads is the server's, byte for byte, with its version.
  auto cat = s.get("/api/v1/catalog");
  CHECK(cat.status == 200);
  CHECK(cat.text == read_source_file("core/data/catalog/sanya.json"));
  auto versions = s.get("/api/v1/versions");
  CHECK(versions.body["catalog"]["ok"] == true);
  CHECK(versions.body["calendar"]["ok"] == true);
}

TEST_CASE("the phone's catalog index and its summary: the same lists, counts per department and life event",
          "[server][catalog]") {
  TestServer s;
  const json catalog = json::parse(read_source_file("core/data/catalog/sanya.json"));
  auto index = s.get("/api/v1/catalog/index");
  auto summary = s.get("/api/v1/catalog/summary");
  REQUIRE(index.status == 200);
  REQUIRE(summary.status == 200);
  CHECK(index.body["items"].size() == catalog["items"].size());
  CHECK_FALSE(summary.body.contains("items"));
  // The summary is the index without its items, nothing else left out or changed.
  json without_items = index.body;
  without_items.erase("items");
  CHECK(summary.body == without_items);
  CHECK(summary.body["fingerprint"] == index.body["fingerprint"]);
  // Counted by hand from the catalog file: items per department; items and bundles per event.
  std::map<std::string, std::size_t> per_department;
  std::map<std::string, std::size_t> per_event;
  for (const auto& it : catalog["items"]) {
    ++per_department[it["department"].get<std::string>()];
    for (const auto& e : it.value("life_events", json::array())) ++per_event[e.get<std::string>()];
  }
  for (const auto& b : catalog["bundles"])
    for (const auto& e : b.value("life_events", json::array())) ++per_event[e.get<std::string>()];
  REQUIRE(summary.body["departments"].size() == catalog["departments"].size());
  std::size_t counted = 0;
  for (const auto& d : summary.body["departments"]) {
    INFO(d["id"]);
    CHECK(d["item_count"] == per_department[d["id"].get<std::string>()]);
    counted += d["item_count"].get<std::size_t>();
  }
  CHECK(counted == catalog["items"].size());
  REQUIRE_FALSE(summary.body["life_events"].empty());
  for (const auto& e : summary.body["life_events"]) {
    INFO(e["id"]);
    CHECK(e["entry_count"] == per_event[e["id"].get<std::string>()]);
  }
  CHECK(per_event["birth"] > 1);  // the 出生一件事 bundle and its items
  // Revalidated by its own ETag, not the index's.
  const std::string etag = summary.headers.find("ETag")->second;
  CHECK(etag != index.headers.find("ETag")->second);
  auto again = s.request("GET", "/api/v1/catalog/summary", "", {}, {{"If-None-Match", etag}});
  CHECK(again.status == 304);
}

TEST_CASE("what one browse page lists: a window's, a department's and a life event's entries of the index",
          "[server][catalog]") {
  TestServer s;
  const json catalog = json::parse(read_source_file("core/data/catalog/sanya.json"));
  const json index = s.get("/api/v1/catalog/index").body;
  // The index's entries with `key` equal to (or, for an array, holding) `id`, by id, in its order.
  const auto select = [](const json& entries, const std::string& key, const std::string& id) {
    json out = json::array();
    for (const auto& e : entries) {
      const json& v = e.value(key, json());
      if (v == id || (v.is_array() && std::find(v.begin(), v.end(), id) != v.end())) out.push_back(e);
    }
    return out;
  };
  std::size_t windows_with_items = 0;
  for (const auto& w : catalog["windows"]) {
    const std::string id = w["id"];
    auto g = s.get("/api/v1/catalog/index/windows/" + id);
    INFO(id);
    REQUIRE(g.status == 200);
    CHECK(g.body["items"] == select(index["items"], "window", id));
    CHECK(g.body["bundles"] == select(index["bundles"], "window", id));
    CHECK(g.body["fingerprint"] == index["fingerprint"]);
    if (!g.body["items"].empty()) ++windows_with_items;
  }
  CHECK(windows_with_items > 3);
  for (const auto& d : catalog["departments"]) {
    const std::string id = d["id"];
    auto g = s.get("/api/v1/catalog/index/departments/" + id);
    INFO(id);
    REQUIRE(g.status == 200);
    CHECK(g.body["items"] == select(index["items"], "department", id));
    CHECK(g.body["bundles"].empty());
  }
  auto birth = s.get("/api/v1/catalog/index/life_events/birth");
  REQUIRE(birth.status == 200);
  CHECK(birth.body["items"] == select(index["items"], "life_events", "birth"));
  CHECK(birth.body["bundles"] == select(index["bundles"], "life_events", "birth"));
  CHECK(birth.body["items"].size() + birth.body["bundles"].size() > 2);
  // An unknown id or kind is a 404 with the stable code.
  for (const std::string path : {"/api/v1/catalog/index/windows/nope", "/api/v1/catalog/index/shelves/w_social"}) {
    auto r = s.get(path);
    INFO(path);
    CHECK(r.status == 404);
    CHECK(r.body["error"]["code"] == "catalog_entry_not_found");
  }
}
