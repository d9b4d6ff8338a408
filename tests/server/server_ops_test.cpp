// The server's operational edges: an escaping exception becomes a 500 JSON error and the
// server keeps serving; the web app's static files with the SPA fallback; the supervisor's
// overview with levels the core computes at request time.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <sys/stat.h>

#include <fstream>

#include "data_lock.hpp"
#include "sample_applications.hpp"
#include "support/test_files.hpp"
#include "test_server.hpp"

using namespace yilu::test;

TEST_CASE("an exception in a handler is a 500 JSON error, and the server goes on", "[server][safety]") {
  TestServer s;
  auto r = s.get("/test/throw");
  CHECK(r.status == 500);
  CHECK(r.body["ok"] == false);
  CHECK(r.body["error"]["code"] == "internal_error");
  CHECK(r.text.find("boom") == std::string::npos);  // no internals in the answer
  CHECK(s.get("/api/v1/health").status == 200);
}

TEST_CASE("static files of the web app, index.html for client-side routes", "[server][static]") {
  char tmpl[] = "/tmp/yilu-web-XXXXXX";
  const std::string web = ::mkdtemp(tmpl);
  ::mkdir((web + "/assets").c_str(), 0755);
  std::ofstream(web + "/index.html") << "<!doctype html><title>一鹿快办</title>";
  std::ofstream(web + "/assets/app.js") << "console.log(1)";
  {
    TestServer s(web);
    auto index = s.get("/");
    CHECK(index.status == 200);
    CHECK(index.text.find("一鹿快办") != std::string::npos);
    CHECK(s.get("/assets/app.js").text == "console.log(1)");
    auto spa = s.get("/apply/birth/step2");
    CHECK(spa.status == 200);
    CHECK(spa.text.find("一鹿快办") != std::string::npos);
    // The API never falls back to the page.
    auto api = s.get("/api/v1/nope");
    CHECK(api.status == 404);
    CHECK(api.body["error"]["code"] == "not_found");
    // Nothing outside the folder.
    CHECK(s.get("/../../etc/passwd").text.find("root:") == std::string::npos);
    CHECK(s.get("/assets/../../../etc/passwd").text.find("root:") == std::string::npos);
  }
  CHECK(std::system(("rm -rf '" + web + "'").c_str()) == 0);
}

TEST_CASE("the supervisor's overview by level, computed by the core at request time", "[server][overview]") {
  TestServer s;
  const json catalog = json::parse(read_source_file("core/data/catalog/sanya.json"));
  json ex;
  for (const auto& i : catalog["items"])
    if (i["id"] == "child_health_handbook") ex = i["example"]["application"];
  const std::string me = s.resident("13600000001", "46020319950315122X");
  auto sub = s.post("/api/v1/applications",
                    {{"kind", "item"},
                     {"target_id", "child_health_handbook"},
                     {"fields", ex["fields"]},
                     {"materials", ex["materials"]}},
                    me);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  const auto* item = s.app().catalog->item("child_health_handbook");
  const std::string clerk = s.staff("clerk", "clerk", item->window);
  const std::string supervisor = s.staff("super", "supervisor");
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  REQUIRE(s.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk).status == 200);

  auto fresh = s.get("/api/v1/staff/overview", supervisor);
  REQUIRE(fresh.status == 200);
  CHECK(fresh.body["counts"]["normal"] == 1);
  CHECK(fresh.body["by_window"][item->window]["normal"] == 1);
  CHECK(fresh.body["by_department"][item->department]["normal"] == 1);

  // The same data a month later: nothing was written, the level is the core's answer for "now".
  const std::string due = fresh.body["applications"][0]["deadline"]["due_date"];
  s.now += 30 * 24 * 3600;
  auto late = s.get("/api/v1/staff/overview", supervisor);
  CHECK(late.body["counts"]["overdue"] == 1);
  CHECK(late.body["counts"]["normal"] == 0);
  CHECK(late.body["by_department"][item->department]["overdue"] == 1);
  const json core = json::parse(s.app().engine()->call(json{{"op", "deadline"},
                                                            {"accepted_at", yilu::format_timestamp_cst(kTestNow)},
                                                            {"limit_days", item->promised_days},
                                                            {"counts_acceptance_day", item->counts_acceptance_day},
                                                            {"now", yilu::format_timestamp_cst(s.now)}}
                                                           .dump(),
                                                       yilu::context_at(s.now)));
  CHECK(core["level"] == "overdue");
  CHECK(core["due_date"] == due);
}

TEST_CASE("ready answers 200 with the schema version, and 503 when the database is not the one expected",
          "[server][ops]") {
  TestServer s;
  auto ready = s.get("/api/v1/ready");
  REQUIRE(ready.status == 200);
  const int schema = ready.body["schema"];
  CHECK(schema == s.app().store->expected_schema_version());
  // Another program's migration ran on the database (a newer server on shared data, say).
  const auto set_version = [&](int v) {
    auto db = connect_test_db(s.db_url());
    CHECK_FALSE(db->exec(set_schema_version_sql(v)).has_value());
  };
  set_version(schema + 1);
  auto not_ready = s.get("/api/v1/ready");
  CHECK(not_ready.status == 503);
  CHECK(not_ready.body["error"]["code"] == "not_ready");
  CHECK(not_ready.body["schema"] == schema + 1);
  CHECK(not_ready.body["expected"] == schema);
  CHECK(s.get("/api/v1/health").status == 200);  // the process itself is up
  set_version(schema);
  CHECK(s.get("/api/v1/ready").status == 200);
}

TEST_CASE("one data folder, one server: a second lock on it is refused until the first is gone", "[server][ops]") {
  char tmpl[] = "/tmp/yilu-lock-test-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  const std::string data = dir + "/data";
  {
    auto first = yilu::server::DataDirLock::acquire(data);
    REQUIRE(first.ok());
    auto second = yilu::server::DataDirLock::acquire(data);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == "data_dir_locked");
    // The message names the folder and the holder.
    CHECK(second.error().message.find(data) != std::string::npos);
    CHECK(second.error().message.find("PID " + std::to_string(::getpid())) != std::string::npos);
  }
  CHECK(yilu::server::DataDirLock::acquire(data).ok());
  CHECK(std::system(("rm -rf '" + dir + "'").c_str()) == 0);
}

TEST_CASE("behind a trusted proxy the limits count the client in X-Real-IP; anyone else's header is ignored",
          "[server][ops]") {
  // 30 codes per address per hour (App::sms_by_address): 31 people behind the proxy are 31
  // addresses; 31 requests that merely claim to be are one.
  const auto ask = [](TestServer& s, int i) {
    const std::string phone = "1387601" + std::to_string(1000 + i);
    return s.request("POST", "/api/v1/auth/sms/request", json{{"phone", phone}}.dump(), "",
                     {{"X-Real-IP", "10.1.0." + std::to_string(i)}});
  };
  TestServer trusting;
  trusting.app().limits.trusted_proxies = {"127.0.0.1"};
  for (int i = 0; i < 31; ++i) REQUIRE(ask(trusting, i).status == 202);

  TestServer direct;
  for (int i = 0; i < 30; ++i) REQUIRE(ask(direct, i).status == 202);
  const auto refused = ask(direct, 30);
  CHECK(refused.status == 429);
  CHECK(refused.body["error"]["code"] == "rate_limited");
}

TEST_CASE("the overview's counts are kept for overview_max_age seconds and say when they were computed",
          "[server][ops]") {
  TestServer s;
  s.app().limits.overview_max_age = 60;
  const std::string me = s.resident("13800138106");
  const json body = item_application(s, me, "seal_engraving");
  const std::string supervisor = s.staff("sup", "supervisor");
  const auto open_count = [](const Reply& r) {
    const auto& c = r.body["counts"];
    return c["normal"].get<int>() + c["yellow"].get<int>() + c["red"].get<int>() + c["overdue"].get<int>();
  };
  REQUIRE(s.post("/api/v1/applications", body, me).status == 201);
  auto first = s.get("/api/v1/staff/overview", supervisor);
  REQUIRE(first.status == 200);
  CHECK(open_count(first) == 1);
  CHECK(first.body["total"] == 1);

  // Within the minute: the kept summary, with its as_of, although a second one was filed.
  s.now += 30;
  auto second_id = s.post("/api/v1/applications", body, me).body["application"]["id"];
  auto kept = s.get("/api/v1/staff/overview", supervisor);
  CHECK(kept.body["as_of"] == first.body["as_of"]);
  CHECK(open_count(kept) == 1);
  CHECK(kept.body["applications"].size() == 1);

  // Older than a minute: computed again, the new one counted and listed.
  s.now += 31;
  auto fresh = s.get("/api/v1/staff/overview", supervisor);
  CHECK(fresh.body["as_of"] != first.body["as_of"]);
  CHECK(open_count(fresh) == 2);
  REQUIRE(fresh.body["applications"].size() == 2);
  CHECK(fresh.body["applications"][1]["id"] == second_id);
}
