// The authorization matrix — each role against each route, including
// cross-resident and cross-department attempts, all refused with the right status.
#include <catch2/catch.hpp>

#include <algorithm>

#include "support/test_files.hpp"
#include "test_server.hpp"

using namespace yilu::test;

namespace {

json item_example(const std::string& item_id) {
  const json catalog = json::parse(read_source_file("core/data/catalog/sanya.json"));
  for (const auto& i : catalog["items"])
    if (i["id"] == item_id) return i["example"]["application"];
  return nullptr;
}

// The department of the item's task and some other department.
std::pair<std::string, std::string> departments(TestServer& s, const std::string& item) {
  const std::string own = s.app().catalog->item(item)->department;
  for (const auto& d : s.app().catalog->departments())
    if (d.id != own) return {own, d.id};
  return {own, own};
}

}  // namespace

TEST_CASE("authorization matrix", "[server][authz]") {
  TestServer s;
  const std::string item = "child_health_handbook";
  const json ex = item_example(item);
  REQUIRE(ex.is_object());
  const std::string window = s.app().catalog->item(item)->window;
  std::string other_window;
  for (const auto& w : s.app().catalog->windows())
    if (w.id != window) other_window = w.id;
  const auto [dept, other_dept] = departments(s, item);

  const std::string alice = s.resident("13800000001", "46020319950315122X");
  const std::string bob = s.resident("13800000002", "46020319950315122X");
  const std::string clerk = s.staff("clerk-own", "clerk", window);
  const std::string clerk_other = s.staff("clerk-other", "clerk", other_window);
  const std::string reviewer = s.staff("rev-own", "reviewer", "", dept);
  const std::string reviewer_other = s.staff("rev-other", "reviewer", "", other_dept);
  const std::string supervisor = s.staff("super", "supervisor");
  const std::string admin = s.staff("root", "admin");
  const std::string anon;

  auto up = s.upload(alice, tiny_pdf(), "a.pdf");
  REQUIRE(up.status == 201);
  const std::string sha = up.body["upload"]["id"];
  json app_body = {{"kind", "item"}, {"target_id", item}, {"fields", ex["fields"]}, {"materials", ex["materials"]}};
  app_body["materials"]["extra_scan"] = {{"by", "file"}, {"files", json::array({{{"upload", sha}}})}};
  auto sub = s.post("/api/v1/applications", app_body, alice);
  INFO(sub.text);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  // Bob cannot submit with Alice's upload.
  auto stolen = s.post("/api/v1/applications", app_body, bob);
  CHECK(stolen.status == 422);
  CHECK(stolen.body["error"]["code"] == "unknown_upload");

  const std::string base = "/api/v1/staff/applications/" + id;
  // Who may accept: only the clerk of the application's window.
  for (const auto& [who, status] : std::vector<std::pair<std::string, int>>{
           {anon, 401}, {alice, 403}, {bob, 403}, {clerk_other, 403}, {reviewer, 403}, {supervisor, 403}, {admin, 403}})
    CHECK(s.post(base + "/accept", json::object(), who).status == status);
  REQUIRE(s.post(base + "/accept", json::object(), clerk).status == 200);
  for (const auto& who : {clerk_other, reviewer, supervisor, alice})
    CHECK(s.post(base + "/dispatch", json::object(), who).status == 403);
  auto disp = s.post(base + "/dispatch", json::object(), clerk);
  REQUIRE(disp.status == 200);
  const std::string task = "/api/v1/staff/tasks/" + disp.body["application"]["tasks"][0]["id"].get<std::string>();

  SECTION("a resident sees only their own application: another's is 404") {
    CHECK(s.get("/api/v1/applications/" + id, alice).status == 200);
    CHECK(s.get("/api/v1/applications/" + id, bob).status == 404);
    CHECK(s.get("/api/v1/applications/" + id, anon).status == 401);
    CHECK(s.get("/api/v1/applications/" + id, clerk).status == 403);  // staff use the staff routes
    CHECK(s.post("/api/v1/applications/" + id + "/rating", {{"score", 5}}, bob).status == 404);
    CHECK(s.post("/api/v1/applications/" + id + "/resubmit", app_body, bob).status == 404);
    CHECK(s.get("/api/v1/me/applications", bob).body["applications"].empty());
    CHECK(s.post("/api/v1/applications/" + id + "/supply", {{"material", "x"}, {"files", json::array()}}, bob).status ==
          404);
    CHECK(s.post("/api/v1/applications/" + id + "/withdraw", json::object(), bob).status == 404);
    // Notices are the resident's own: Alice's accepted notice is not Bob's to read or mark.
    const auto alices = s.get("/api/v1/me/notifications", alice);
    REQUIRE(alices.body["notifications"].size() == 1);
    CHECK(s.get("/api/v1/me/notifications", bob).body["notifications"].empty());
    const std::string notice = std::to_string(alices.body["notifications"][0]["id"].get<std::int64_t>());
    CHECK(s.post("/api/v1/me/notifications/" + notice + "/read", json::object(), bob).status == 404);
    CHECK(s.get("/api/v1/me/notifications", clerk).status == 403);
    CHECK(s.get("/api/v1/me/licences", clerk).status == 403);
    CHECK(s.get("/api/v1/me", anon).status == 401);
  }

  SECTION("the window's own clerk records a supply and files for walk-ins of its items") {
    for (const auto& [who, status] : std::vector<std::pair<std::string, int>>{
             {clerk_other, 403}, {reviewer, 403}, {supervisor, 403}, {alice, 403}, {anon, 401}})
      CHECK(s.post(base + "/supply", {{"material", "x"}}, who).status == status);
    CHECK(s.post(base + "/supply", {{"material", "x"}}, clerk).status == 409);  // nothing is owed
    json walk_in = app_body;
    walk_in["resident"] = {{"phone", "13800000077"}, {"name", "李晓燕"}, {"id_number", "46020319950315122X"}};
    walk_in["materials"].erase("extra_scan");
    CHECK(s.post("/api/v1/staff/applications", walk_in, clerk_other).status == 403);
    for (const auto& who : {reviewer, supervisor, alice})
      CHECK(s.post("/api/v1/staff/applications", walk_in, who).status == 403);
  }

  SECTION("staff read by scope") {
    for (const auto& [who, status] : std::vector<std::pair<std::string, int>>{{clerk, 200},
                                                                              {reviewer, 200},
                                                                              {supervisor, 200},
                                                                              {admin, 200},
                                                                              {clerk_other, 403},
                                                                              {reviewer_other, 403},
                                                                              {alice, 403},
                                                                              {anon, 401}})
      CHECK(s.get(base, who).status == status);
    CHECK(s.get("/api/v1/staff/queue", clerk).status == 200);
    CHECK(s.get("/api/v1/staff/queue?window=" + other_window, clerk).status == 403);
    CHECK(s.get("/api/v1/staff/queue", reviewer).status == 403);
    CHECK(s.get("/api/v1/staff/queue?window=" + window, supervisor).status == 200);
    CHECK(s.get("/api/v1/staff/queue", alice).status == 403);
    CHECK(s.get("/api/v1/staff/tasks", reviewer).body["tasks"].size() == 1);
    CHECK(s.get("/api/v1/staff/tasks", reviewer_other).body["tasks"].empty());
    CHECK(s.get("/api/v1/staff/tasks?department=" + dept, reviewer_other).status == 403);
    CHECK(s.get("/api/v1/staff/tasks", clerk).status == 403);
    for (const auto& [who, status] : std::vector<std::pair<std::string, int>>{
             {supervisor, 200}, {admin, 200}, {clerk, 403}, {reviewer, 403}, {alice, 403}, {anon, 401}})
      CHECK(s.get("/api/v1/staff/overview", who).status == status);
  }

  SECTION("another department's task is 403; only its own reviewer decides") {
    for (const char* action : {"/approve", "/reject", "/pause", "/extend"})
      for (const auto& [who, status] : std::vector<std::pair<std::string, int>>{
               {reviewer_other, 403}, {clerk, 403}, {supervisor, 403}, {admin, 403}, {alice, 403}, {anon, 401}})
        CHECK(s.post(task + action, {{"reason", "x"}}, who).status == status);
    for (const auto& [who, status] : std::vector<std::pair<std::string, int>>{
             {reviewer_other, 403}, {clerk, 403}, {supervisor, 403}, {alice, 403}, {anon, 401}})
      CHECK(s.post(task + "/revoke", {{"reason", "x"}}, who).status == status);
    CHECK(s.post(task + "/revoke", {{"reason", "x"}}, reviewer).status == 409);  // a review task has no revoke
    CHECK(s.post(task + "/approve", json::object(), reviewer).status == 200);
    CHECK(s.post(task + "/approve", json::object(), reviewer).status == 409);
  }

  SECTION("files: the owner, or staff through an application they may see") {
    CHECK(s.get("/api/v1/uploads/" + sha, alice).status == 200);
    CHECK(s.get("/api/v1/uploads/" + sha, bob).status == 404);
    CHECK(s.get("/api/v1/uploads/" + sha + "?application=" + id, clerk).status == 200);
    CHECK(s.get("/api/v1/uploads/" + sha + "?application=" + id, reviewer).status == 200);
    CHECK(s.get("/api/v1/uploads/" + sha + "?application=" + id, clerk_other).status == 404);
    CHECK(s.get("/api/v1/uploads/" + sha, clerk).status == 404);
  }

  SECTION("accounts: admin only; a disabled account's sessions end at once") {
    const json nw = {
        {"username", "new-clerk"}, {"password", "long-enough-pass"}, {"role", "clerk"}, {"window", window}};
    for (const auto& who : {supervisor, clerk, reviewer, alice})
      CHECK(s.post("/api/v1/admin/staff", nw, who).status == 403);
    CHECK(s.get("/api/v1/admin/staff", supervisor).status == 403);
    CHECK(s.post("/api/v1/admin/staff", nw, admin).status == 201);
    CHECK(s.post("/api/v1/admin/staff", nw, admin).status == 409);
    json weak = nw;
    weak["username"] = "weak";
    weak["password"] = "short";
    CHECK(s.post("/api/v1/admin/staff", weak, admin).body["error"]["code"] == "weak_password");
    CHECK(s.post("/api/v1/admin/staff/clerk-own/disable", json::object(), clerk).status == 403);
    CHECK(s.post("/api/v1/admin/staff/clerk-own/disable", json::object(), admin).status == 200);
    CHECK(s.get("/api/v1/staff/me", clerk).status == 401);
    CHECK(s.post("/api/v1/staff/login", {{"username", "clerk-own"}, {"password", "test-password-clerk-own"}}).status ==
          401);
  }

  SECTION("tokens: wrong, logged out, or of the wrong kind") {
    CHECK(s.get("/api/v1/me", std::string(64, 'a')).status == 401);
    CHECK(s.get("/api/v1/staff/me", alice).status == 403);
    CHECK(s.post("/api/v1/auth/logout", json::object(), alice).status == 200);
    CHECK(s.get("/api/v1/me", alice).status == 401);
    CHECK(s.post("/api/v1/staff/login", {{"username", "super"}, {"password", "wrong-password"}}).status == 401);
  }
}

TEST_CASE("sign-in codes are single-use, expire and are rate limited", "[server][auth]") {
  TestServer s;
  CHECK(s.post("/api/v1/auth/sms/request", {{"phone", "12345"}}).status == 400);
  REQUIRE(s.post("/api/v1/auth/sms/request", {{"phone", "13900000001"}}).status == 202);
  CHECK(s.post("/api/v1/auth/sms/request", {{"phone", "13900000001"}}).status == 429);  // within 60 s
  for (int i = 0; i < 4; ++i)
    CHECK(s.post("/api/v1/auth/sms/verify", {{"phone", "13900000001"}, {"code", "000000x"}}).status == 401);
  CHECK(s.post("/api/v1/auth/sms/verify", {{"phone", "13900000001"}, {"code", "000000x"}}).status == 429);
  // The code is gone after too many tries: even a right guess now fails.
  CHECK(s.post("/api/v1/auth/sms/verify", {{"phone", "13900000001"}, {"code", "123456"}}).status == 401);
  s.now += 61;
  const std::string token = s.resident("13900000001");
  CHECK(token.size() == 64);
  // Expired code.
  s.now += 61;
  s.post("/api/v1/auth/sms/request", {{"phone", "13900000002"}});
  s.now += 301;
  auto late = s.post("/api/v1/auth/sms/verify", {{"phone", "13900000002"}, {"code", "000000"}});
  CHECK(late.status == 401);
  // Per number: the wait between codes doubles once three went unused (60, 60, 60, 120, 240 s).
  int accepted = 0;
  for (int i = 0; i < 8; ++i) {
    s.now += 61;
    if (s.post("/api/v1/auth/sms/request", {{"phone", "13900000003"}}).status == 202) ++accepted;
  }
  CHECK(accepted == 5);
}

// Generated from the route declarations (http/router.hpp): every registered route, called by
// every kind of caller. The router must refuse exactly the kinds the declaration leaves out
// (401 without a token, 403 for another kind); the kinds it lets in never get 401/403 for
// an id that does not exist (they get 404, 409, 422 … from the handler).
TEST_CASE("every route lets in exactly the callers its declaration names", "[server][authz]") {
  TestServer s;
  const std::string window = s.app().catalog->windows().front().id;
  const std::string dept = s.app().catalog->departments().front().id;
  struct Who {
    const char* name;
    unsigned kind;
    std::string token;
  };
  std::vector<Who> callers = {
      {"anonymous", 0, ""},
      {"resident", yilu::server::http::Access::Resident, s.resident("13800000009")},
      {"clerk", yilu::server::http::Access::Clerk, s.staff("m-clerk", "clerk", window)},
      {"reviewer", yilu::server::http::Access::Reviewer, s.staff("m-rev", "reviewer", "", dept)},
      {"supervisor", yilu::server::http::Access::Supervisor, s.staff("m-sup", "supervisor")},
      {"admin", yilu::server::http::Access::Admin, s.staff("m-admin", "admin")}};
  auto routes = s.routes;
  REQUIRE(routes.size() > 30);
  // Signing out ends the caller's session: that route goes last.
  std::stable_partition(routes.begin(), routes.end(), [](const auto& r) { return r.path != "/api/v1/auth/logout"; });
  std::size_t calls = 0;
  for (const auto& r : routes) {
    std::string path = r.path;
    for (std::size_t open; (open = path.find('{')) != std::string::npos;)
      path.replace(open, path.find('}', open) - open + 1, "no-such-id");
    for (const auto& who : callers) {
      INFO(r.method << " " << r.path << " as " << who.name << " (declared " << r.access.name << ")");
      const auto reply = s.request(r.method == "get"   ? "GET"
                                   : r.method == "put" ? "PUT"
                                                       : "POST",
                                   path, "{}", who.token);
      REQUIRE(reply.status != 0);
      const std::string code =
          reply.body.is_object() && reply.body.contains("error") ? reply.body["error"].value("code", "") : "";
      const bool let_in = r.access.kinds == 0 || (r.access.kinds & who.kind) != 0;
      if (let_in) {
        CHECK(code != "unauthorized");
        CHECK(code != "forbidden");
      } else if (who.kind == 0) {
        CHECK(reply.status == 401);
        CHECK(code == "unauthorized");
      } else {
        CHECK(reply.status == 403);
        CHECK(code == "forbidden");
      }
      ++calls;
    }
  }
  CHECK(calls == routes.size() * callers.size());
}
