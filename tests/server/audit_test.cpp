// The audit trail: staff sign-ins (and failures), every staff read of an application and of a
// file, account changes and a resident's real name are recorded where the admin can find them
// by kind, person, subject and time; nobody can change or delete an entry.
#include <catch2/catch.hpp>

#include <set>

#include "sample_applications.hpp"
#include "test_server.hpp"

using namespace yilu::test;

namespace {

// Every entry the filter query finds, following the pages.
std::vector<json> audit(TestServer& s, const std::string& admin, const std::string& query = {}) {
  std::vector<json> out;
  std::string cursor;
  for (int i = 0; i < 50; ++i) {
    std::string path = "/api/v1/admin/audit?limit=3" + (query.empty() ? "" : "&" + query);
    if (!cursor.empty()) path += "&cursor=" + cursor;
    auto r = s.get(path, admin);
    REQUIRE(r.status == 200);
    for (const auto& e : r.body["entries"]) out.push_back(e);
    if (r.body["next_cursor"].is_null()) {
      CHECK(r.body["total"] == out.size());
      break;
    }
    cursor = r.body["next_cursor"];
  }
  return out;
}

std::multiset<std::string> kinds(const std::vector<json>& entries) {
  std::multiset<std::string> k;
  for (const auto& e : entries) k.insert(e["kind"].get<std::string>());
  return k;
}

}  // namespace

TEST_CASE("audit: sign-ins, reads of applications and files, accounts and real names are recorded", "[server][audit]") {
  TestServer s;
  const std::string admin = s.staff("root", "admin");
  const std::string resident = s.resident("13800138201");  // sets the real name: profile_changed
  const json body = item_application(s, resident, "business_licence");
  auto submitted = s.post("/api/v1/applications", body, resident);
  REQUIRE(submitted.status == 201);
  const std::string id = submitted.body["application"]["id"];
  std::string sha;
  for (const auto& [mid, m] : body["materials"].items())
    if (m.value("by", "") == "file") sha = m["files"][0]["upload"];
  REQUIRE(!sha.empty());

  // A clerk mistypes the password, then signs in; someone tries a name that does not exist.
  const std::string clerk = s.staff("clerk_m", "clerk", "w_market");
  s.post("/api/v1/staff/login", {{"username", "clerk_m"}, {"password", "wrong-password-1"}});
  s.post("/api/v1/staff/login", {{"username", "nobody"}, {"password", "whatever-123"}});
  // The clerk reads the application and opens its file; the resident's own reads are not staff reads.
  REQUIRE(s.get("/api/v1/staff/applications/" + id, clerk).status == 200);
  REQUIRE(s.get("/api/v1/uploads/" + sha + "?application=" + id, clerk).status == 200);
  REQUIRE(s.get("/api/v1/applications/" + id, resident).status == 200);
  // The admin makes and disables an account.
  REQUIRE(s.post("/api/v1/admin/staff",
                 {{"username", "temp"},
                  {"display_name", "临时"},
                  {"role", "supervisor"},
                  {"password", "a-long-enough-Passphrase"}},
                 admin)
              .status == 201);
  REQUIRE(s.post("/api/v1/admin/staff/temp/disable", json::object(), admin).status == 200);

  const auto all = audit(s, admin);
  const auto k = kinds(all);
  CHECK(k.count("profile_changed") == 1);
  CHECK(k.count("staff_sign_in") == 2);  // root and clerk_m (TestServer::staff signs in)
  CHECK(k.count("staff_sign_in_failed") == 2);
  CHECK(k.count("application_read") == 1);
  CHECK(k.count("file_read") == 1);
  CHECK(k.count("account_created") == 1);
  CHECK(k.count("account_disabled") == 1);
  // Newest first, numbered in order.
  for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1]["seq"].get<int>() > all[i]["seq"].get<int>());
  CHECK(all.front()["kind"] == "account_disabled");

  // Who, what, from where, and why a sign-in failed.
  const auto failed = audit(s, admin, "kind=staff_sign_in_failed");
  REQUIRE(failed.size() == 2);
  CHECK(failed[0]["actor"] == json{{"kind", "anonymous"}, {"id", "nobody"}});
  CHECK(failed[0]["detail"]["reason"] == "unknown_account");
  CHECK(failed[1]["actor"] == json{{"kind", "staff"}, {"id", "clerk_m"}});
  CHECK(failed[1]["detail"]["reason"] == "wrong_password");
  CHECK(failed[1]["kind_label"] == "工作人员登录失败");
  CHECK(failed[1]["address"] == "127.0.0.1");
  // An application's id finds its reads and the reads of its files.
  const auto about = audit(s, admin, "subject=" + id);
  CHECK(kinds(about) == std::multiset<std::string>{"application_read", "file_read"});
  for (const auto& e : about) CHECK(e["actor"]["id"] == "clerk_m");
  // By person.
  CHECK(kinds(audit(s, admin, "actor=root")) ==
        std::multiset<std::string>{"staff_sign_in", "account_created", "account_disabled"});
  // By time: today has everything, tomorrow nothing.
  CHECK(audit(s, admin, "since=2026-11-26&until=2026-11-26").size() == all.size());
  CHECK(audit(s, admin, "since=2026-11-27").empty());
  CHECK(s.get("/api/v1/admin/audit?since=yesterday", admin).body["error"]["code"] == "bad_time");
  CHECK(s.get("/api/v1/admin/audit?kind=coffee", admin).body["error"]["code"] == "bad_audit_kind");
  // Only the admin reads it.
  CHECK(s.get("/api/v1/admin/audit", clerk).status == 403);
  CHECK(s.get("/api/v1/admin/audit", resident).status == 403);
}

TEST_CASE("audit: entries cannot be changed or deleted, even with the database file at hand", "[server][audit]") {
  TestServer s;
  const std::string admin = s.staff("root", "admin");
  REQUIRE(audit(s, admin).size() == 1);
  {
    auto db = connect_test_db(s.db_url());
    // The table is there (a SELECT works): the refusals below are the guard's, not a typo's.
    CHECK_FALSE(db->exec("SELECT COUNT(*) FROM audit").has_value());
    CHECK(db->exec("UPDATE audit SET actor_id='someone_else'").has_value());
    CHECK(db->exec("DELETE FROM audit").has_value());
  }
  const auto after = audit(s, admin);
  REQUIRE(after.size() == 1);
  CHECK(after[0]["actor"]["id"] == "root");
}
