// The storage layer on its own: a database written by the released schema (version 1, JSON
// text columns) migrates to the typed records with nothing lost; typed records survive a
// round trip through the store; a database newer than the program is refused.
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "storage/open_store.hpp"
#include "storage/sql_store.hpp"
#include "storage/sqlite.hpp"
#include "storage/sqlite_migrations.hpp"
#include "support/test_store.hpp"
#include "yilu/date.hpp"

using json = nlohmann::json;
using yilu::Error;
using yilu::Timestamp;
using namespace yilu::server;
using workflow::AppStatus;
using workflow::Role;
using workflow::TaskStatus;

namespace {

/// 2026-11-26 (a Thursday) 10:00 China Standard Time.
constexpr Timestamp kT0 = 1795658400;

const std::string kShaA(64, 'a');
const std::string kShaB(64, 'b');
const std::string kShaC(64, 'c');

// A fresh folder for one test's database, removed afterwards.
class TempDb {
 public:
  TempDb() {
    char tmpl[] = "/tmp/yilu-storage-test-XXXXXX";
    const char* made = ::mkdtemp(tmpl);
    if (!made) throw std::runtime_error("mkdtemp failed");
    dir_ = made;
  }
  ~TempDb() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
  std::string path() const { return dir_ + "/yilu.db"; }

 private:
  std::string dir_;
};

std::unique_ptr<db::SqliteConnection> connect(const std::string& path) {
  auto c = db::SqliteConnection::open(path, "FULL");
  REQUIRE(c.ok());
  return std::move(c.value());
}

void exec(db::Connection& c, const std::string& sql) {
  INFO(sql);
  REQUIRE(!c.exec(sql).has_value());
}

std::int64_t scalar(db::Connection& c, const std::string& sql) {
  db::Stmt s(c, sql);
  INFO(sql);
  REQUIRE(s.step());
  return s.integer(0);
}

bool has_column(db::Connection& c, const std::string& table, const std::string& column) {
  db::Stmt s(c, "SELECT COUNT(*) FROM pragma_table_info(?) WHERE name=?");
  s.bind(1, table).bind(2, column);
  REQUIRE(s.step());
  return s.integer(0) == 1;
}

// The store of the test's database (SQLite at `path`, or PostgreSQL: support/test_store.hpp).
std::unique_ptr<Store> open_test_store(const std::string& path) {
  auto s = yilu::server::open_store(yilu::test::test_db_url(path));
  REQUIRE(s.ok());
  return std::move(s.value());
}

// The embedded store at `path` whatever YILU_TEST_DB says: the SQLite migrations' tests.
std::unique_ptr<Store> open_sqlite_store(const std::string& path) {
  auto s = yilu::server::open_store("sqlite:" + path);
  REQUIRE(s.ok());
  return std::move(s.value());
}

template <class T>
const T& ok(const yilu::Result<T>& r) {
  if (!r.ok()) FAIL("storage error: " << r.error().code);
  return r.value();
}

std::string n(AppStatus s) { return workflow::name(s); }
std::string n(TaskStatus s) { return workflow::name(s); }
std::string n(Role r) { return workflow::name(r); }

// --- every field of every record ------------------------------------------------------------

void check_same(const Application& got, const Application& want) {
  INFO("application " << want.id);
  CHECK(got.id == want.id);
  CHECK(got.resident_id == want.resident_id);
  CHECK(got.kind == want.kind);
  CHECK(got.target_id == want.target_id);
  CHECK(got.stage == want.stage);
  CHECK(got.window == want.window);
  CHECK(got.items == want.items);
  CHECK(n(got.status) == n(want.status));
  CHECK(got.form == want.form);
  CHECK(got.verdict == want.verdict);
  REQUIRE(got.materials.size() == want.materials.size());
  for (std::size_t i = 0; i < want.materials.size(); ++i) {
    INFO("material " << i);
    const auto& g = got.materials[i];
    const auto& w = want.materials[i];
    CHECK(g.material_id == w.material_id);
    CHECK(g.name == w.name);
    CHECK(g.stage == w.stage);
    CHECK(g.required == w.required);
    CHECK(g.state == w.state);
    CHECK(g.licence == w.licence);
    CHECK(g.supplied_at == w.supplied_at);
    CHECK(g.supplied_by == w.supplied_by);
    CHECK(g.signer == w.signer);
    CHECK(g.signed_at == w.signed_at);
  }
  REQUIRE(got.files.size() == want.files.size());
  for (std::size_t i = 0; i < want.files.size(); ++i) {
    INFO("file " << i);
    CHECK(got.files[i].material_id == want.files[i].material_id);
    CHECK(got.files[i].index == want.files[i].index);
    CHECK(got.files[i].sha256 == want.files[i].sha256);
    CHECK(got.files[i].type == want.files[i].type);
    CHECK(got.files[i].bytes == want.files[i].bytes);
  }
  CHECK(got.submitted_at == want.submitted_at);
  CHECK(got.resubmitted_at == want.resubmitted_at);
  CHECK(got.accepted_at == want.accepted_at);
  REQUIRE(got.supplement.has_value() == want.supplement.has_value());
  if (want.supplement) {
    CHECK(got.supplement->note == want.supplement->note);
    CHECK(got.supplement->missing == want.supplement->missing);
    CHECK(got.supplement->at == want.supplement->at);
  }
  CHECK(got.refusal_reason == want.refusal_reason);
  REQUIRE(got.rating.has_value() == want.rating.has_value());
  if (want.rating) {
    CHECK(got.rating->score == want.rating->score);
    CHECK(got.rating->comment == want.rating->comment);
    CHECK(got.rating->at == want.rating->at);
  }
  CHECK(got.updated_at == want.updated_at);
  CHECK(got.channel == want.channel);
  CHECK(got.assisted_by == want.assisted_by);
  CHECK(got.assisted_by_name == want.assisted_by_name);
  CHECK(got.proxy_relation == want.proxy_relation);
  CHECK(got.principal_id == want.principal_id);
  CHECK(got.instant == want.instant);
}

void check_same(const Task& got, const Task& want) {
  INFO("task " << want.id);
  CHECK(got.id == want.id);
  CHECK(workflow::name(got.kind) == std::string(workflow::name(want.kind)));
  CHECK(got.application_id == want.application_id);
  CHECK(got.item_id == want.item_id);
  CHECK(got.department == want.department);
  CHECK(got.stage == want.stage);
  CHECK(got.started_at == want.started_at);
  CHECK(n(got.status) == n(want.status));
  REQUIRE(got.pauses.size() == want.pauses.size());
  for (std::size_t i = 0; i < want.pauses.size(); ++i) {
    INFO("pause " << i);
    CHECK(got.pauses[i].start == want.pauses[i].start);
    CHECK(got.pauses[i].end == want.pauses[i].end);
    CHECK(got.pauses[i].reason == want.pauses[i].reason);
  }
  REQUIRE(got.extensions.size() == want.extensions.size());
  for (std::size_t i = 0; i < want.extensions.size(); ++i) {
    INFO("extension " << i);
    CHECK(got.extensions[i].days == want.extensions[i].days);
    CHECK(got.extensions[i].reason == want.extensions[i].reason);
    CHECK(got.extensions[i].at == want.extensions[i].at);
  }
  CHECK(got.note == want.note);
  CHECK(got.updated_at == want.updated_at);
}

void check_same(const std::vector<Task>& got, const std::vector<Task>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) check_same(got[i], want[i]);
}

void check_same(const Licence& got, const Licence& want) {
  INFO("licence " << want.id);
  CHECK(got.id == want.id);
  CHECK(got.resident_id == want.resident_id);
  CHECK(got.type == want.type);
  CHECK(got.name == want.name);
  CHECK(got.number == want.number);
  CHECK(got.item_id == want.item_id);
  CHECK(got.application_id == want.application_id);
  CHECK(got.issued_at == want.issued_at);
  CHECK(got.revoked_at == want.revoked_at);
  CHECK(got.revoked_reason == want.revoked_reason);
}

void check_same(const Notification& got, const Notification& want) {
  INFO("notification " << want.id << " " << want.kind);
  CHECK(got.id == want.id);
  CHECK(got.resident_id == want.resident_id);
  CHECK(got.application_id == want.application_id);
  CHECK(got.kind == want.kind);
  CHECK(got.title == want.title);
  CHECK(got.body == want.body);
  CHECK(got.sms == want.sms);
  CHECK(got.created_at == want.created_at);
  CHECK(got.read_at == want.read_at);
  CHECK(got.dedupe == want.dedupe);
}

void check_same(const Event& got, const Event& want) {
  INFO("event " << want.seq << " " << want.kind);
  CHECK(got.seq == want.seq);
  CHECK(got.application_id == want.application_id);
  CHECK(got.task_id == want.task_id);
  CHECK(got.kind == want.kind);
  CHECK(got.actor_kind == want.actor_kind);
  CHECK(got.actor_id == want.actor_id);
  CHECK(got.actor_name == want.actor_name);
  CHECK(got.at == want.at);
  CHECK(got.data == want.data);
}

// --- a version 1 database, written the way the released server wrote it ---------------------

// The v1 applications row: items, body, supplement and rating are JSON text.
struct V1App {
  std::string id, resident_id, kind, target_id;
  std::int64_t stage = 0;
  std::string window;
  json items;
  std::string status;
  json body;  ///< the core application plus "verdict" and "required_materials"
  Timestamp submitted_at = 0, accepted_at = 0;
  std::string supplement, refusal_reason, rating;  ///< JSON text or empty (NULL)
  Timestamp updated_at = 0;
};

void v1_insert_app(db::Connection& c, const V1App& a) {
  // The released insert_app, verbatim (the released apply updated the same columns).
  db::Stmt s(c,
             "INSERT INTO applications (id, resident_id, kind, target_id, stage, window_id, items, status, body, "
             "submitted_at, accepted_at, supplement, refusal_reason, rating, updated_at) "
             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, a.id).bind(2, a.resident_id).bind(3, a.kind).bind(4, a.target_id).bind(5, a.stage).bind(6, a.window);
  s.bind(7, a.items.dump()).bind(8, a.status).bind(9, a.body.dump()).bind(10, a.submitted_at);
  if (a.accepted_at) s.bind(11, a.accepted_at);
  else s.bind_null(11);
  s.bind_opt(12, a.supplement).bind_opt(13, a.refusal_reason).bind_opt(14, a.rating).bind(15, a.updated_at);
  REQUIRE(!s.run().has_value());
}

void v1_insert_task(db::Connection& c, const std::string& id, const std::string& app, const std::string& item,
                    const std::string& dept, std::int64_t stage, Timestamp started, const std::string& status,
                    const json& pauses, const json& extensions, const std::string& note, Timestamp updated) {
  db::Stmt s(c,
             "INSERT INTO tasks (status, pauses, extensions, note, updated_at, id, application_id, item_id, "
             "department, stage, started_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, status).bind(2, pauses.dump()).bind(3, extensions.dump()).bind_opt(4, note).bind(5, updated).bind(6, id);
  s.bind(7, app).bind(8, item).bind(9, dept).bind(10, stage).bind(11, started);
  REQUIRE(!s.run().has_value());
}

// Inserts the event as the released server did; returns it with its seq.
Event v1_event(db::Connection& c, Event e) {
  db::Stmt s(c,
             "INSERT INTO events (application_id, task_id, kind, actor_kind, actor_id, actor_name, at, data) "
             "VALUES (?,?,?,?,?,?,?,?)");
  s.bind(1, e.application_id).bind_opt(2, e.task_id).bind(3, e.kind).bind(4, e.actor_kind).bind(5, e.actor_id);
  s.bind_opt(6, e.actor_name).bind(7, e.at).bind(8, e.data);
  REQUIRE(!s.run().has_value());
  e.seq = scalar(c, "SELECT last_insert_rowid()");
  return e;
}

// A material report entry exactly as the core's report_to_json wrote it.
json report_entry(const std::string& id, const std::string& name, const std::vector<std::string>& items, bool required,
                  const std::string& state, bool key, const json& licence, int stage = 0) {
  json e = {{"id", id},          {"name", name}, {"items", items},      {"required", required},
            {"state", state},    {"key", key},   {"deferrable", false}, {"commitment", state == "commitment"},
            {"licence", licence}};
  if (stage > 0) e["stage"] = stage;
  return e;
}

// The released stored_body: the application the core validated plus its verdict and report.
json v1_body(const json& application, const std::string& verdict, const json& report) {
  json b = application;
  b["verdict"] = verdict;
  b["required_materials"] = report;
  return b;
}

// What a migrated database must hold (filled while the v1 rows are written).
struct Expected {
  std::vector<Application> apps;
  std::map<std::string, std::vector<Task>> tasks;  ///< by application, in stage, id order
  std::map<std::string, std::vector<Event>> events;
  std::vector<Licence> licences;
};

Event staff_ev(const std::string& app, const std::string& kind, Timestamp at, const json& data = json::object(),
               const std::string& task = {}) {
  const bool reviewer = !task.empty();
  return Event{0,  app,        task, kind, "staff", reviewer ? "rev1" : "clerk1", reviewer ? "王审核" : "李窗口",
               at, data.dump()};
}

Expected write_v1_database(db::Connection& c) {
  Expected x;
  exec(c, "BEGIN");
  exec(c,
       "INSERT INTO residents (id, phone, name, id_number, created_at) VALUES "
       "('R0000000000000001', '13800000001', '张三', '460100199001011234', " +
           std::to_string(kT0 - 1000) +
           "), "
           "('R0000000000000002', '13800000002', NULL, NULL, " +
           std::to_string(kT0 - 900) + ")");
  exec(c,
       "INSERT INTO staff (username, display_name, role, window_id, department, password_hash, disabled, created_at) "
       "VALUES "
       "('clerk1', '李窗口', 'clerk', 'W1', NULL, 'h1', 0, 1), ('rev1', '王审核', 'reviewer', NULL, 'D1', 'h2', 0, 2), "
       "('sup1', '赵主任', 'supervisor', NULL, NULL, 'h3', 0, 3), ('admin1', '管理员', 'admin', NULL, NULL, 'h4', 1, "
       "4)");
  exec(c,
       "INSERT INTO sessions (token_hash, subject_kind, subject_id, expires_at, created_at) VALUES "
       "('tok-r', 'resident', 'R0000000000000001', " +
           std::to_string(kT0 + 1000000) +
           ", 5), "
           "('tok-s', 'staff', 'clerk1', " +
           std::to_string(kT0 + 1000000) + ", 6)");
  exec(c,
       "INSERT INTO uploads (resident_id, sha256, kind, content_type, size, name, created_at) VALUES "
       "('R0000000000000001', '" +
           kShaA +
           "', 'jpeg', 'image/jpeg', 204800, '户口簿.jpg', 7), "
           "('R0000000000000001', '" +
           kShaB +
           "', 'pdf', 'application/pdf', 51200, '户口簿.pdf', 8), "
           "('R0000000000000002', '" +
           kShaC + "', 'png', 'image/png', 3000, 'id.png', 9)");
  exec(c,
       "INSERT INTO idempotency (resident_id, key, request_hash, status, response, created_at) VALUES "
       "('R0000000000000001', 'key-1', 'hash-1', 201, '{\"ok\":true,\"application\":{\"id\":\"A1\"}}', 10)");

  // A1: an item through its whole life — two 补正 rounds, a pause, an extension, issued, rated.
  {
    const json form = {{"answers", {{"born_in_hospital", "yes"}}},
                       {"fields",
                        {{"child_name", "张小明"},
                         {"weight_kg", 3.25},
                         {"twins", json::array({{{"name", "甲"}}})},
                         {"note", "第一行\n第二行 \"引号\" \\ /"}}},
                       {"materials",
                        {{"birth_medical_certificate",
                          {{"by", "licence"},
                           {"licence", "birth_medical_certificate"},
                           {"number", "BMC-001"},
                           {"licence_id", "L0001"},
                           {"verified", true}}},
                         {"household_register",
                          {{"by", "file"},
                           {"files", json::array({{{"upload", kShaA}, {"type", "jpg"}, {"bytes", 204800}},
                                                  {{"upload", kShaB}, {"type", "pdf"}, {"bytes", 51200}}})}}},
                         {"parents_commitment", {{"by", "commitment"}, {"signed", true}}}}}};
    const std::vector<std::string> items = {"birth_registration"};
    const json report =
        json::array({report_entry("household_register", "户口簿", items, true, "provided", true, nullptr),
                     report_entry("birth_medical_certificate", "出生医学证明", items, true, "licence", true,
                                  "birth_medical_certificate"),
                     report_entry("parents_commitment", "父母承诺书", items, true, "commitment", false, nullptr),
                     report_entry("photo", "照片", items, false, "not_given", false, nullptr)});
    const json rating = {{"score", 5}, {"comment", "办事快"}, {"at", yilu::format_timestamp_cst(kT0 + 90000)}};
    V1App a{"A1",
            "R0000000000000001",
            "item",
            "birth_registration",
            0,
            "W1",
            items,
            "closed",
            v1_body(form, "acceptable", report),
            kT0,
            kT0 + 50,
            "",
            "",
            rating.dump(),
            kT0 + 90000};
    v1_insert_app(c, a);
    auto& ev = x.events["A1"];
    ev.push_back(v1_event(c, {0, "A1", "", "submitted", "resident", "R0000000000000001", "", kT0,
                              json{{"verdict", "acceptable"}}.dump()}));
    const json notice1 = {{"note", "请补充户口簿"}, {"missing", json::array({"household_register"})}};
    ev.push_back(v1_event(c, staff_ev("A1", "supplement_requested", kT0 + 10, notice1)));
    ev.push_back(v1_event(c, {0, "A1", "", "resubmitted", "resident", "R0000000000000001", "", kT0 + 20,
                              json{{"verdict", "acceptable"}}.dump()}));
    ev.push_back(v1_event(c, staff_ev("A1", "supplement_requested", kT0 + 30, notice1)));
    ev.push_back(v1_event(c, {0, "A1", "", "resubmitted", "resident", "R0000000000000001", "", kT0 + 40,
                              json{{"verdict", "acceptable"}}.dump()}));
    ev.push_back(v1_event(c, staff_ev("A1", "accepted", kT0 + 50)));
    ev.push_back(v1_event(
        c, staff_ev("A1", "dispatched", kT0 + 60,
                    {{"tasks",
                      json::array({{{"task", "A1-0-1"}, {"item", "birth_registration"}, {"department", "D1"}}})}})));
    ev.push_back(v1_event(c, staff_ev("A1", "task_paused", kT0 + 100, {{"reason", "听证"}}, "A1-0-1")));
    ev.push_back(v1_event(c, staff_ev("A1", "task_resumed", kT0 + 200, json::object(), "A1-0-1")));
    ev.push_back(
        v1_event(c, staff_ev("A1", "task_extended", kT0 + 300, {{"reason", "情况复杂"}, {"days", 10}}, "A1-0-1")));
    ev.push_back(v1_event(c, staff_ev("A1", "task_approved", kT0 + 400, {{"reason", "准予许可"}}, "A1-0-1")));
    ev.push_back(v1_event(c, {0, "A1", "", "ready_for_issue", "system", "workflow", "", kT0 + 400, "{}"}));
    ev.push_back(v1_event(c, staff_ev("A1", "issued", kT0 + 500, {{"stage", 0}, {"licences", json::array()}})));
    ev.push_back(v1_event(c, {0, "A1", "", "rated", "resident", "R0000000000000001", "", kT0 + 90000, rating.dump()}));
    v1_insert_task(c, "A1-0-1", "A1", "birth_registration", "D1", 0, kT0 + 50, "approved",
                   json::array({{{"start", kT0 + 100}, {"reason", "听证"}, {"end", kT0 + 200}}}),
                   json::array({{{"days", 10}, {"reason", "情况复杂"}, {"at", yilu::format_timestamp_cst(kT0 + 300)}}}),
                   "准予许可", kT0 + 400);
    exec(c,
         "INSERT INTO licences (id, resident_id, type, name, number, item_id, application_id, issued_at) VALUES "
         "('L0009', 'R0000000000000001', 'birth_certificate', '出生证', 'A1-0-1', 'birth_registration', 'A1', " +
             std::to_string(kT0 + 500) + ")");
    x.licences.push_back({"L0009", "R0000000000000001", "birth_certificate", "出生证", "A1-0-1", "birth_registration",
                          "A1", kT0 + 500, 0, ""});

    Application want;
    want.id = "A1";
    want.resident_id = "R0000000000000001";
    want.kind = "item";
    want.target_id = "birth_registration";
    want.window = "W1";
    want.items = items;
    want.status = AppStatus::Closed;
    want.form = form.dump();  // the body without verdict and required_materials, byte for byte
    want.verdict = "acceptable";
    want.materials = {
        {"household_register", "户口簿", 0, true, "provided", "", 0, "", "", 0},
        {"birth_medical_certificate", "出生医学证明", 0, true, "licence", "birth_medical_certificate", 0, "", "", 0},
        {"parents_commitment", "父母承诺书", 0, true, "commitment", "", 0, "", "", 0},
        {"photo", "照片", 0, false, "not_given", "", 0, "", "", 0}};
    want.files = {{"household_register", 0, kShaA, "jpg", 204800}, {"household_register", 1, kShaB, "pdf", 51200}};
    want.submitted_at = kT0;
    want.resubmitted_at = kT0 + 40;  // the latest of the two resubmissions
    want.accepted_at = kT0 + 50;
    want.rating = Rating{5, "办事快", kT0 + 90000};
    want.updated_at = kT0 + 90000;
    x.apps.push_back(want);
    Task t;
    t.id = "A1-0-1";
    t.application_id = "A1";
    t.item_id = "birth_registration";
    t.department = "D1";
    t.started_at = kT0 + 50;
    t.status = TaskStatus::Approved;
    t.pauses = {{kT0 + 100, kT0 + 200, "听证"}};
    t.extensions = {{10, "情况复杂", kT0 + 300}};
    t.note = "准予许可";
    t.updated_at = kT0 + 400;
    x.tasks["A1"] = {t};
  }

  // A2: a bundle waiting for 补正 (the notice is on the row), one material deferred.
  {
    const json form = {
        {"answers", json::object()},
        {"fields", {{"mother_name", "李四"}}},
        {"materials",
         {{"mother_id_card",
           {{"by", "file"}, {"files", json::array({{{"upload", kShaC}, {"type", "png"}, {"bytes", 3000}}})}}},
          {"vaccination_record", {{"by", "deferral"}}}}}};
    const std::vector<std::string> items = {"birth_registration", "birth_insurance", "birth_vaccination"};
    const json report = json::array(
        {report_entry("mother_id_card", "母亲身份证", {"birth_registration"}, true, "provided", true,
                      "resident_id_card", 1),
         report_entry("vaccination_record", "接种记录", {"birth_vaccination"}, true, "deferred", false, nullptr, 2)});
    const json notice = {{"note", "请补充母亲身份证正反面"},
                         {"missing", json::array({"mother_id_card", "vaccination_record"})}};
    V1App a{"A2",
            "R0000000000000002",
            "bundle",
            "birth",
            1,
            "W1",
            items,
            "supplement_requested",
            v1_body(form, "acceptable_with_deferrals", report),
            kT0 + 1000,
            0,
            notice.dump(),
            "",
            "",
            kT0 + 1200};
    v1_insert_app(c, a);
    auto& ev = x.events["A2"];
    // Two 补正 rounds: the notice on the row is the second one (its time is that event's).
    ev.push_back(v1_event(c, {0, "A2", "", "submitted", "resident", "R0000000000000002", "", kT0 + 1000,
                              json{{"verdict", "acceptable_with_deferrals"}}.dump()}));
    ev.push_back(v1_event(c, staff_ev("A2", "supplement_requested", kT0 + 1100,
                                      {{"note", "请补充"}, {"missing", json::array({"mother_id_card"})}})));
    ev.push_back(v1_event(c, {0, "A2", "", "resubmitted", "resident", "R0000000000000002", "", kT0 + 1150,
                              json{{"verdict", "acceptable_with_deferrals"}}.dump()}));
    ev.push_back(v1_event(c, staff_ev("A2", "supplement_requested", kT0 + 1200, notice)));
    Application want;
    want.id = "A2";
    want.resident_id = "R0000000000000002";
    want.kind = "bundle";
    want.target_id = "birth";
    want.stage = 1;
    want.window = "W1";
    want.items = items;
    want.status = AppStatus::SupplementRequested;
    want.form = form.dump();
    want.verdict = "acceptable_with_deferrals";
    want.materials = {{"mother_id_card", "母亲身份证", 1, true, "provided", "resident_id_card", 0, "", "", 0},
                      {"vaccination_record", "接种记录", 2, true, "deferred", "", 0, "", "", 0}};
    want.files = {{"mother_id_card", 0, kShaC, "png", 3000}};
    want.submitted_at = kT0 + 1000;
    want.resubmitted_at = kT0 + 1150;
    want.supplement = SupplementNotice{"请补充母亲身份证正反面", {"mother_id_card", "vaccination_record"}, kT0 + 1200};
    want.updated_at = kT0 + 1200;
    x.apps.push_back(want);
  }

  // A3: dispatched to two departments; one task reviewing, one paused (an open pause after a
  // closed one) and extended.
  {
    const json form = {{"fields", {{"shop_name", "椰风小店"}}}};
    V1App a{"A3",
            "R0000000000000001",
            "item",
            "food_licence",
            0,
            "W2",
            json::array({"food_licence"}),
            "dispatched",
            v1_body(form, "acceptable", json::array()),
            kT0 + 2000,
            kT0 + 2100,
            "",
            "",
            "",
            kT0 + 2600};
    v1_insert_app(c, a);
    auto& ev = x.events["A3"];
    ev.push_back(v1_event(c, {0, "A3", "", "submitted", "resident", "R0000000000000001", "", kT0 + 2000,
                              json{{"verdict", "acceptable"}}.dump()}));
    ev.push_back(v1_event(c, staff_ev("A3", "accepted", kT0 + 2100)));
    v1_insert_task(c, "A3-0-1", "A3", "food_licence", "D1", 0, kT0 + 2100, "reviewing", json::array(), json::array(),
                   "", kT0 + 2200);
    v1_insert_task(
        c, "A3-0-2", "A3", "food_licence", "D2", 0, kT0 + 2100, "paused",
        json::array({{{"start", kT0 + 2300}, {"reason", "专家评审"}, {"end", kT0 + 2400}},
                     {{"start", kT0 + 2500}, {"reason", "现场核查"}}}),
        json::array({{{"days", 5}, {"reason", "需补充调查"}, {"at", yilu::format_timestamp_cst(kT0 + 2450)}}}), "",
        kT0 + 2500);
    Application want;
    want.id = "A3";
    want.resident_id = "R0000000000000001";
    want.kind = "item";
    want.target_id = "food_licence";
    want.window = "W2";
    want.items = {"food_licence"};
    want.status = AppStatus::Dispatched;
    want.form = form.dump();
    want.verdict = "acceptable";
    want.submitted_at = kT0 + 2000;
    want.accepted_at = kT0 + 2100;
    want.updated_at = kT0 + 2600;
    x.apps.push_back(want);
    Task t1;
    t1.id = "A3-0-1";
    t1.application_id = "A3";
    t1.item_id = "food_licence";
    t1.department = "D1";
    t1.started_at = kT0 + 2100;
    t1.status = TaskStatus::Reviewing;
    t1.updated_at = kT0 + 2200;
    Task t2 = t1;
    t2.id = "A3-0-2";
    t2.department = "D2";
    t2.status = TaskStatus::Paused;
    t2.pauses = {{kT0 + 2300, kT0 + 2400, "专家评审"}, {kT0 + 2500, std::nullopt, "现场核查"}};
    t2.extensions = {{5, "需补充调查", kT0 + 2450}};
    t2.updated_at = kT0 + 2500;
    x.tasks["A3"] = {t1, t2};
  }

  // A4: refused at the window, then rated with an empty comment.
  {
    const json form = {{"answers", {{"q", "a"}}}};
    const json rating = {{"score", 1}, {"comment", ""}, {"at", yilu::format_timestamp_cst(kT0 + 3500)}};
    V1App a{"A4",
            "R0000000000000001",
            "item",
            "food_licence",
            0,
            "W2",
            json::array({"food_licence"}),
            "closed",
            v1_body(form, "acceptable", json::array()),
            kT0 + 3000,
            0,
            "",
            "材料不属实",
            rating.dump(),
            kT0 + 3500};
    v1_insert_app(c, a);
    auto& ev = x.events["A4"];
    ev.push_back(v1_event(c, {0, "A4", "", "submitted", "resident", "R0000000000000001", "", kT0 + 3000,
                              json{{"verdict", "acceptable"}}.dump()}));
    ev.push_back(v1_event(c, staff_ev("A4", "refused", kT0 + 3100, {{"reason", "材料不属实"}})));
    ev.push_back(v1_event(c, {0, "A4", "", "rated", "resident", "R0000000000000001", "", kT0 + 3500, rating.dump()}));
    Application want;
    want.id = "A4";
    want.resident_id = "R0000000000000001";
    want.kind = "item";
    want.target_id = "food_licence";
    want.window = "W2";
    want.items = {"food_licence"};
    want.status = AppStatus::Closed;
    want.form = form.dump();
    want.verdict = "acceptable";
    want.submitted_at = kT0 + 3000;
    want.refusal_reason = "材料不属实";
    want.rating = Rating{1, "", kT0 + 3500};
    want.updated_at = kT0 + 3500;
    x.apps.push_back(want);
    x.tasks["A4"] = {};
  }
  x.tasks["A2"] = {};
  exec(c, "COMMIT");
  return x;
}

// A typed application with every part filled in.
Application sample_application(const std::string& id, const std::string& resident, const std::string& window) {
  Application a;
  a.id = id;
  a.resident_id = resident;
  a.kind = "bundle";
  a.target_id = "birth";
  a.stage = 1;
  a.window = window;
  a.items = {"i1", "i2", "i3"};
  a.status = AppStatus::Submitted;
  a.form = R"({"answers":{"q":"y"},"fields":{"name":"王五"},"materials":{}})";
  a.verdict = "acceptable_with_deferrals";
  // Materials keep their order (the core's report order), not their ids' order.
  a.materials = {{"m_b", "乙材料", 1, true, "provided", "lt_b", 0, "", "", 0},
                 {"m_a", "甲材料", 2, false, "deferred", "", 0, "", "", 0}};
  // Files come back by material id, then index.
  a.files = {
      {"m_a", 0, id + "-sha-1", "pdf", 10}, {"m_a", 1, id + "-sha-2", "jpg", 20}, {"m_b", 0, id + "-sha-3", "png", 30}};
  a.submitted_at = kT0;
  a.resubmitted_at = kT0 + 3;
  a.supplement = SupplementNotice{"请补正", {"m_b", "m_a"}, kT0 + 1};
  a.rating = Rating{3, "一般", kT0 + 2};
  a.updated_at = kT0 + 4;
  return a;
}

Event submitted_event(const Application& a) {
  return Event{0, a.id, "", "submitted", "resident", a.resident_id, "", a.submitted_at, R"({"verdict":"acceptable"})"};
}

Task sample_task(const std::string& app, const std::string& id, const std::string& dept) {
  Task t;
  t.id = id;
  t.application_id = app;
  t.item_id = "i1";
  t.department = dept;
  t.stage = 1;
  t.started_at = kT0 + 10;
  t.status = TaskStatus::Reviewing;
  t.updated_at = kT0 + 10;
  return t;
}

}  // namespace

TEST_CASE("a version 1 database migrates to the typed records with nothing lost", "[storage][migration]") {
  TempDb dir;
  Expected x;
  {
    auto c = connect(dir.path());
    REQUIRE(!db::apply_migrations(*c, 1).has_value());
    REQUIRE(scalar(*c, "PRAGMA user_version") == 1);
    REQUIRE(has_column(*c, "applications", "body"));
    x = write_v1_database(*c);
  }
  auto store = open_sqlite_store(dir.path());

  {
    auto c = connect(dir.path());
    CHECK(scalar(*c, "PRAGMA user_version") == db::latest_schema_version());
    CHECK(db::latest_schema_version() == 16);
    // The JSON text columns are gone (nothing can read them by mistake).
    for (const char* col : {"body", "items", "supplement", "rating"}) CHECK_FALSE(has_column(*c, "applications", col));
    for (const char* col : {"pauses", "extensions"}) CHECK_FALSE(has_column(*c, "tasks", col));
    CHECK(scalar(*c, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
  }
  // The migration turned foreign keys off around its steps: they are enforced again after.
  Application orphan = x.apps[0];
  orphan.id = "A-orphan";
  orphan.resident_id = "R-nobody";
  CHECK_FALSE(store
                  ->create_application(orphan, {0, "A-orphan", "", "submitted", "resident", "R-nobody", "", kT0, "{}"},
                                       "", {}, nullptr)
                  .ok());
  CHECK_FALSE(ok(store->application("A-orphan")).has_value());

  SECTION("applications, with their materials, files, notice and rating") {
    for (const auto& want : x.apps) {
      const auto got = ok(store->application(want.id));
      REQUIRE(got.has_value());
      check_same(*got, want);
    }
    // The same rows through the list queries (one statement per child table for the list).
    const auto mine = ok(store->applications_of_resident("R0000000000000001"));
    REQUIRE(mine.size() == 3);
    check_same(mine[0], x.apps[3]);  // newest first
    check_same(mine[1], x.apps[2]);
    check_same(mine[2], x.apps[0]);
    const auto all = ok(
        store->applications_by_status("", {AppStatus::Closed, AppStatus::SupplementRequested, AppStatus::Dispatched}));
    REQUIRE(all.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) check_same(all[i], x.apps[i]);
    const auto w2 = ok(store->applications_by_status("W2", {AppStatus::Dispatched}));
    REQUIRE(w2.size() == 1);
    check_same(w2[0], x.apps[2]);
  }

  SECTION("tasks, with their pauses and extensions") {
    for (const auto& [app, want] : x.tasks) check_same(ok(store->tasks_of(app)), want);
    const auto paused = ok(store->task("A3-0-2"));
    REQUIRE(paused.has_value());
    check_same(*paused, x.tasks["A3"][1]);
    const auto d1 = ok(store->tasks_by_department("D1", {TaskStatus::Reviewing, TaskStatus::Approved}));
    REQUIRE(d1.size() == 2);
    check_same(d1[0], x.tasks["A1"][0]);
    check_same(d1[1], x.tasks["A3"][0]);
  }

  SECTION("the event log, licences, residents, staff, sessions, uploads and idempotency keys") {
    for (const auto& [app, want] : x.events) {
      const auto got = ok(store->events_of(app));
      REQUIRE(got.size() == want.size());
      for (std::size_t i = 0; i < want.size(); ++i) check_same(got[i], want[i]);
    }
    const auto lic = ok(store->licences_of("R0000000000000001"));
    REQUIRE(lic.size() == 1);
    check_same(lic[0], x.licences[0]);
    CHECK(ok(store->licences_of_application("A1")).size() == 1);

    const auto r1 = ok(store->resident("R0000000000000001"));
    REQUIRE(r1.has_value());
    CHECK(r1->phone == "13800000001");
    CHECK(r1->name == "张三");
    CHECK(r1->id_number == "460100199001011234");
    CHECK(r1->created_at == kT0 - 1000);
    const auto r2 = ok(store->resident_by_phone("13800000002", kT0));
    CHECK(r2.id == "R0000000000000002");
    CHECK(r2.name.empty());
    CHECK(r2.created_at == kT0 - 900);

    const auto staff = ok(store->list_staff());
    REQUIRE(staff.size() == 4);
    CHECK(staff[0].username == "admin1");
    CHECK(n(staff[0].role) == "admin");
    CHECK(staff[0].disabled);
    CHECK(staff[1].username == "clerk1");
    CHECK(n(staff[1].role) == "clerk");
    CHECK(staff[1].window == "W1");
    CHECK(staff[1].display_name == "李窗口");
    CHECK(staff[1].password_hash == "h1");
    CHECK_FALSE(staff[1].disabled);
    CHECK(n(staff[2].role) == "reviewer");
    CHECK(staff[2].department == "D1");
    CHECK(n(staff[3].role) == "supervisor");

    const auto ses = ok(store->session("tok-s", kT0));
    REQUIRE(ses.has_value());
    CHECK(ses->subject_kind == "staff");
    CHECK(ses->subject_id == "clerk1");
    CHECK(ses->expires_at == kT0 + 1000000);

    // The sniffed kind "jpeg" is the core's file type "jpg" now; the media type is unchanged.
    const auto jpg = ok(store->upload("R0000000000000001", kShaA));
    REQUIRE(jpg.has_value());
    CHECK(jpg->kind == "jpg");
    CHECK(jpg->content_type == "image/jpeg");
    CHECK(jpg->size == 204800);
    CHECK(jpg->name == "户口簿.jpg");
    CHECK(jpg->created_at == 7);
    CHECK(ok(store->upload("R0000000000000001", kShaB))->kind == "pdf");
    CHECK(ok(store->any_upload(kShaC))->kind == "png");

    const auto idem = ok(store->idempotent("R0000000000000001", "key-1"));
    REQUIRE(idem.has_value());
    CHECK(idem->request_hash == "hash-1");
    CHECK(idem->status == 201);
    CHECK(idem->response == R"({"ok":true,"application":{"id":"A1"}})");
  }

  SECTION("a migrated application takes the next workflow step") {
    Change c;
    c.application_id = "A2";
    c.expected_status = AppStatus::SupplementRequested;
    c.updated = x.apps[1];
    c.updated.status = AppStatus::Submitted;
    c.updated.resubmitted_at = kT0 + 5000;
    c.updated.updated_at = kT0 + 5000;
    c.events.push_back({0, "A2", "", "resubmitted", "resident", "R0000000000000002", "", kT0 + 5000, "{}"});
    REQUIRE(ok(store->apply(c)) == WriteOutcome::Done);
    check_same(*ok(store->application("A2")), c.updated);
    CHECK(ok(store->application("A2"))->submitted_at == kT0 + 1000);  // 收件 does not move
  }
}

TEST_CASE("a migration that cannot carry a row over changes nothing", "[storage][migration]") {
  TempDb dir;
  {
    auto c = connect(dir.path());
    REQUIRE(!db::apply_migrations(*c, 1).has_value());
    write_v1_database(*c);
    // A status outside the vocabulary: the typed table refuses it, so the step must roll back.
    exec(*c, "UPDATE tasks SET status='weird' WHERE id='A3-0-1'");
  }
  auto s = yilu::server::open_store("sqlite:" + dir.path());
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == "storage_error");
  auto c = connect(dir.path());
  CHECK(scalar(*c, "PRAGMA user_version") == 1);
  CHECK(has_column(*c, "applications", "body"));
  CHECK(has_column(*c, "tasks", "pauses"));
  CHECK(scalar(*c, "SELECT COUNT(*) FROM applications") == 4);
  CHECK(scalar(*c, "SELECT COUNT(*) FROM tasks") == 3);
  CHECK(scalar(*c, "SELECT COUNT(*) FROM uploads WHERE kind='jpeg'") == 1);
  CHECK(scalar(*c, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('task_pauses','applications_v2')") == 0);
}

TEST_CASE("a database newer than the program is refused", "[storage][migration]") {
  TempDb dir;
  { open_sqlite_store(dir.path()); }
  {
    auto c = connect(dir.path());
    exec(*c, "PRAGMA user_version=" + std::to_string(db::latest_schema_version() + 1));
    CHECK(db::apply_migrations(*c).has_value());
  }
  auto s = yilu::server::open_store("sqlite:" + dir.path());
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == "schema_too_new");
  auto c = connect(dir.path());
  CHECK(scalar(*c, "PRAGMA user_version") == db::latest_schema_version() + 1);
}

TEST_CASE("typed applications and tasks round-trip through the store", "[storage]") {
  TempDb dir;
  auto store = open_test_store(dir.path());
  const Resident r = ok(store->resident_by_phone("13900000000", kT0));
  CHECK(r.id.size() == 17);
  CHECK(r.id[0] == 'R');
  CHECK(ok(store->resident_by_phone("13900000000", kT0 + 5)).id == r.id);

  Application a = sample_application("YL-1", r.id, "W1");
  const Event first = submitted_event(a);
  const IdempotentResponse resp{"h", 201, R"({"ok":true})"};
  std::optional<IdempotentResponse> existing;
  REQUIRE(ok(store->create_application(a, first, "k1", resp, &existing)) == WriteOutcome::Done);
  CHECK_FALSE(existing.has_value());
  check_same(*ok(store->application(a.id)), a);

  SECTION("files come back in material, index order whatever order they were written in") {
    Application b = sample_application("YL-2", r.id, "W1");
    std::swap(b.files[0], b.files[2]);
    REQUIRE(ok(store->create_application(b, submitted_event(b), "", resp, nullptr)) == WriteOutcome::Done);
    CHECK(ok(store->application("YL-2"))->files[0].sha256 == "YL-2-sha-1");
    CHECK(ok(store->application("YL-2"))->files[2].sha256 == "YL-2-sha-3");
  }

  SECTION("a reused idempotency key writes nothing and returns the first response") {
    Application again = sample_application("YL-3", r.id, "W1");
    REQUIRE(ok(store->create_application(again, submitted_event(again), "k1", {"h2", 201, "{}"}, &existing)) ==
            WriteOutcome::Conflict);
    REQUIRE(existing.has_value());
    CHECK(existing->request_hash == "h");
    CHECK(existing->response == R"({"ok":true})");
    CHECK_FALSE(ok(store->application("YL-3")).has_value());
  }

  SECTION("a workflow step writes the application whole, its child rows replaced") {
    Change c;
    c.application_id = a.id;
    c.expected_status = AppStatus::Submitted;
    c.updated = a;
    c.updated.status = AppStatus::Dispatched;
    c.updated.accepted_at = kT0 + 10;
    c.updated.supplement.reset();
    c.updated.rating.reset();
    c.updated.resubmitted_at = 0;
    c.updated.form = R"({"answers":{}})";
    c.updated.verdict = "acceptable";
    c.updated.materials = {{"m_a", "甲材料", 2, false, "provided", "", kT0 + 11, "", "", 0}};
    c.updated.files = {{"m_c", 0, "new-sha", "ofd", 40}};
    c.updated.refusal_reason = "";
    c.updated.updated_at = kT0 + 10;
    c.replace_children = true;
    Task t1 = sample_task(a.id, "YL-1-1-1", "D1");
    t1.pauses = {{kT0 + 12, kT0 + 13, "听证"}, {kT0 + 14, std::nullopt, "鉴定"}};
    t1.status = TaskStatus::Paused;
    t1.extensions = {{7, "延期", kT0 + 15}};
    t1.note = "备注";
    Task t2 = sample_task(a.id, "YL-1-1-2", "D2");
    c.new_tasks = {t1, t2};
    c.events.push_back({0, a.id, "", "dispatched", "staff", "clerk1", "李窗口", kT0 + 10, "{}"});
    REQUIRE(ok(store->apply(c)) == WriteOutcome::Done);
    check_same(*ok(store->application(a.id)), c.updated);
    check_same(ok(store->tasks_of(a.id)), {t1, t2});
    REQUIRE(ok(store->events_of(a.id)).size() == 2);

    SECTION("a stale expected status writes nothing") {
      Change stale = c;
      stale.expected_status = AppStatus::Submitted;
      stale.updated.status = AppStatus::Refused;
      stale.updated.materials.clear();
      REQUIRE(ok(store->apply(stale)) == WriteOutcome::Conflict);
      check_same(*ok(store->application(a.id)), c.updated);
      CHECK(ok(store->events_of(a.id)).size() == 2);
    }

    SECTION("a stale task status rolls the whole step back") {
      Change step;
      step.application_id = a.id;
      step.expected_status = AppStatus::Dispatched;
      step.updated = c.updated;
      step.updated.updated_at = kT0 + 20;
      step.updated.files.clear();
      step.replace_children = true;
      Task t = t2;
      t.status = TaskStatus::Approved;
      step.task_updates = {{TaskStatus::Paused, t}};  // t2 is reviewing
      step.events.push_back({0, a.id, t.id, "task_approved", "staff", "rev2", "", kT0 + 20, "{}"});
      REQUIRE(ok(store->apply(step)) == WriteOutcome::Conflict);
      check_same(*ok(store->application(a.id)), c.updated);
      check_same(ok(store->tasks_of(a.id)), {t1, t2});
    }

    SECTION("task updates are written whole and the status is derived from the stage's tasks") {
      std::vector<std::vector<std::string>> seen;
      const auto derive = [&seen](const std::vector<TaskStatus>& statuses) {
        std::vector<std::string> names;
        bool all_approved = true;
        for (TaskStatus s : statuses) {
          names.push_back(n(s));
          all_approved = all_approved && s == TaskStatus::Approved;
        }
        seen.push_back(names);
        return all_approved ? AppStatus::ReadyForIssue : AppStatus::Dispatched;
      };
      // Resume and approve t1 (its open pause closed), then approve t2.
      Task r1 = t1;
      r1.status = TaskStatus::Approved;
      r1.pauses[1].end = kT0 + 30;
      r1.extensions.clear();
      r1.note = "同意";
      r1.updated_at = kT0 + 30;
      Change s1;
      s1.application_id = a.id;
      s1.expected_status = AppStatus::Dispatched;
      s1.updated = c.updated;
      s1.updated.updated_at = kT0 + 30;
      s1.task_updates = {{TaskStatus::Paused, r1}};
      s1.derive_status = derive;
      REQUIRE(ok(store->apply(s1)) == WriteOutcome::Done);
      CHECK(n(s1.updated.status) == "dispatched");
      CHECK(s1.events.empty());
      check_same(ok(store->tasks_of(a.id)), {r1, t2});

      Task r2 = t2;
      r2.status = TaskStatus::Approved;
      r2.updated_at = kT0 + 40;
      Change s2;
      s2.application_id = a.id;
      s2.expected_status = AppStatus::Dispatched;
      s2.updated = s1.updated;
      s2.updated.updated_at = kT0 + 40;
      s2.task_updates = {{TaskStatus::Reviewing, r2}};
      s2.derive_status = derive;
      REQUIRE(ok(store->apply(s2)) == WriteOutcome::Done);
      CHECK(n(s2.updated.status) == "ready_for_issue");
      REQUIRE(s2.events.size() == 1);
      CHECK(s2.events[0].kind == "ready_for_issue");
      CHECK(s2.events[0].actor_kind == "system");
      REQUIRE(seen.size() == 2);
      CHECK(seen[0].size() == 2);
      CHECK(seen[1] == std::vector<std::string>{"approved", "approved"});
      check_same(*ok(store->application(a.id)), s2.updated);
      const auto events = ok(store->events_of(a.id));
      REQUIRE(events.size() == 3);
      CHECK(events[2].kind == "ready_for_issue");
      CHECK(events[2].at == kT0 + 40);
      const auto done = ok(store->tasks_by_department("", {TaskStatus::Approved}));
      check_same(done, {r1, r2});
      CHECK(ok(store->tasks_by_department("D1", {TaskStatus::Reviewing, TaskStatus::Paused})).empty());
    }
  }

  SECTION("lists carry each application's own child rows") {
    const Resident other = ok(store->resident_by_phone("13900000001", kT0));
    Application b = sample_application("YL-9", other.id, "W2");
    b.items = {"j1"};
    b.materials = {{"m_z", "丙材料", 0, true, "licence", "lt_z", 0, "", "", 0}};
    b.files = {};
    b.supplement = SupplementNotice{"", {}, kT0 + 7};  // a notice with an empty note is still a notice
    b.rating.reset();
    b.status = AppStatus::SupplementRequested;
    b.submitted_at = kT0 + 1;
    REQUIRE(ok(store->create_application(b, submitted_event(b), "", resp, nullptr)) == WriteOutcome::Done);
    const auto both = ok(store->applications_by_status("", {AppStatus::Submitted, AppStatus::SupplementRequested}));
    REQUIRE(both.size() == 2);
    check_same(both[0], a);
    check_same(both[1], b);
    const auto w2 = ok(store->applications_by_status("W2", {AppStatus::Submitted, AppStatus::SupplementRequested}));
    REQUIRE(w2.size() == 1);
    check_same(w2[0], b);
    CHECK(ok(store->applications_by_status("W1", {AppStatus::Closed})).empty());
    const auto theirs = ok(store->applications_of_resident(other.id));
    REQUIRE(theirs.size() == 1);
    check_same(theirs[0], b);
  }
}

TEST_CASE("a retry that raced past the idempotency read is answered inside the write", "[storage][idempotency]") {
  // POST /applications reads the key first, outside the write; two retries of one request can
  // both see nothing there and both call create_application. This test is the second of them,
  // made deterministic: the store alone must keep one application and return the first answer.
  TempDb dir;
  auto store = open_test_store(dir.path());
  const Resident r = ok(store->resident_by_phone("13900000001", kT0));
  const IdempotentResponse first_answer{"hash-of-body", 201, R"({"ok":true,"application":{"id":"YL-A"}})"};

  Application first = sample_application("YL-A", r.id, "W1");
  std::optional<IdempotentResponse> existing;
  REQUIRE(ok(store->create_application(first, submitted_event(first), "retry-key", first_answer, &existing)) ==
          WriteOutcome::Done);
  REQUIRE_FALSE(existing.has_value());

  // The racing retry: its own new application id (made before the write), the same key.
  Application retry = sample_application("YL-B", r.id, "W1");
  retry.submitted_at = first.submitted_at + 1;
  const auto w =
      store->create_application(retry, submitted_event(retry), "retry-key",
                                {"hash-of-body", 201, R"({"ok":true,"application":{"id":"YL-B"}})"}, &existing);
  REQUIRE(w.ok());
  CHECK(w.value() == WriteOutcome::Conflict);
  REQUIRE(existing.has_value());
  CHECK(existing->request_hash == first_answer.request_hash);
  CHECK(existing->status == 201);
  CHECK(existing->response == first_answer.response);

  // One application, with its one event; the stored answer is still the first.
  const auto apps = ok(store->applications_of_resident(r.id));
  REQUIRE(apps.size() == 1);
  CHECK(apps[0].id == "YL-A");
  CHECK_FALSE(ok(store->application("YL-B")).has_value());
  CHECK(ok(store->events_of("YL-B")).empty());
  CHECK(ok(store->events_of("YL-A")).size() == 1);
  CHECK(ok(store->idempotent(r.id, "retry-key"))->response == first_answer.response);

  // Keys are per resident: another resident's same key is a new application.
  const Resident other = ok(store->resident_by_phone("13900000002", kT0));
  Application theirs = sample_application("YL-C", other.id, "W1");
  std::optional<IdempotentResponse> none;
  CHECK(ok(store->create_application(theirs, submitted_event(theirs), "retry-key", {"h", 201, "{}"}, &none)) ==
        WriteOutcome::Done);
  CHECK_FALSE(none.has_value());
}

TEST_CASE("an application's files answer the upload access check", "[storage]") {
  TempDb dir;
  auto store = open_test_store(dir.path());
  const Resident r = ok(store->resident_by_phone("13900000000", kT0));
  const Application a = sample_application("YL-1", r.id, "W1");
  const Application b = sample_application("YL-2", r.id, "W1");
  REQUIRE(ok(store->create_application(a, submitted_event(a), "", {}, nullptr)) == WriteOutcome::Done);
  REQUIRE(ok(store->create_application(b, submitted_event(b), "", {}, nullptr)) == WriteOutcome::Done);

  CHECK(ok(store->application_has_file("YL-1", "YL-1-sha-2")));
  CHECK_FALSE(ok(store->application_has_file("YL-1", "YL-2-sha-2")));  // another application's file
  CHECK_FALSE(ok(store->application_has_file("YL-404", "YL-1-sha-2")));
  CHECK_FALSE(ok(store->application_has_file("YL-1", "")));

  Change c;
  c.application_id = a.id;
  c.expected_status = AppStatus::Submitted;
  c.updated = a;
  c.updated.files = {{"m_c", 0, "replacement", "pdf", 1}};
  c.replace_children = true;
  REQUIRE(ok(store->apply(c)) == WriteOutcome::Done);
  CHECK_FALSE(ok(store->application_has_file("YL-1", "YL-1-sha-2")));
  CHECK(ok(store->application_has_file("YL-1", "replacement")));
}

TEST_CASE("staff roles are stored by name and read back as roles", "[storage]") {
  TempDb dir;
  auto store = open_test_store(dir.path());
  const Role roles[] = {Role::Clerk, Role::Reviewer, Role::Supervisor, Role::Admin};
  for (Role role : roles) {
    StaffAccount s{std::string("u_") + workflow::name(role), "名", role, "W1", "D1", "hash", false};
    REQUIRE(ok(store->create_staff(s, kT0)) == WriteOutcome::Done);
  }
  CHECK(ok(store->create_staff({"u_clerk", "x", Role::Admin, "", "", "h", false}, kT0)) == WriteOutcome::Conflict);
  for (Role role : roles) {
    const auto s = ok(store->staff(std::string("u_") + workflow::name(role)));
    REQUIRE(s.has_value());
    CHECK(n(s->role) == n(role));
  }
  CHECK(n(ok(store->staff("u_clerk"))->role) == "clerk");  // not overwritten by the refused duplicate
  CHECK(ok(store->list_staff()).size() == 4);
  // The only admin stays enabled (nobody could manage accounts); a second one lets it go.
  CHECK(ok(store->disable_staff("u_admin")) == WriteOutcome::Refused);
  CHECK_FALSE(ok(store->staff("u_admin"))->disabled);
  REQUIRE(ok(store->create_staff({"u_admin2", "名", Role::Admin, "", "", "hash", false}, kT0)) == WriteOutcome::Done);
  CHECK(ok(store->disable_staff("u_admin")) == WriteOutcome::Done);
  CHECK(ok(store->staff("u_admin"))->disabled);
  CHECK(ok(store->disable_staff("u_admin2")) == WriteOutcome::Refused);
  CHECK(ok(store->disable_staff("nobody")) == WriteOutcome::Conflict);
}

namespace {

// An application filed at the window (帮办) for someone else (代办) and decided at once (秒批),
// with a commitment signed and a deferred material the clerk supplied.
Application assisted_application(const std::string& id, const std::string& resident, const std::string& window) {
  Application a = sample_application(id, resident, window);
  a.channel = "window";
  a.assisted_by = "clerk1";
  a.assisted_by_name = "李窗口";
  a.proxy_relation = "父母";
  a.principal_id = "46010020200101123X";
  a.instant = true;
  a.materials = {{"m_b", "乙材料", 1, true, "commitment", "", 0, "", "王五", kT0 - 5},
                 {"m_a", "甲材料", 2, false, "deferred", "", kT0 + 1, "clerk", "", 0}};
  return a;
}

Licence sample_licence(const std::string& id, const Application& a) {
  return Licence{id, a.resident_id, "birth_certificate", "出生证", id + "-no", "i1", a.id, kT0 + 50, 0, ""};
}

Notification message(const std::string& resident, const std::string& app, const std::string& kind, Timestamp at,
                     const std::string& dedupe = {}) {
  return Notification{0, resident, app, kind, "标题 " + kind, "正文 " + kind, "短信 " + kind, at, 0, dedupe};
}

// Stores `a` as created (its first event only); the test fails if it cannot.
void create(Store& store, const Application& a) {
  REQUIRE(ok(store.create_application(a, submitted_event(a), "", {}, nullptr)) == WriteOutcome::Done);
}

// A step from `from` (as the caller loaded it) with one staff event.
Change step_from(const Application& from, AppStatus to, Timestamp at, const std::string& event) {
  Change c;
  c.application_id = from.id;
  c.expected_status = from.status;
  c.updated = from;
  c.updated.status = to;
  c.updated.updated_at = at;
  c.events.push_back({0, from.id, "", event, "staff", "clerk1", "李窗口", at, "{}"});
  return c;
}

std::vector<std::string> kinds_of(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.kind);
  return out;
}

// Every row of `table` (its `cols`, in `order`) as one JSON text, to compare a table before
// and after a migration.
std::string table_text(db::Connection& c, const std::string& table, const std::string& cols, const std::string& order) {
  const std::string sql = "SELECT IFNULL(json_group_array(json_array(" + cols + ")), '[]') FROM (SELECT * FROM " +
                          table + " ORDER BY " + order + ")";
  db::Stmt s(c, sql);
  INFO(sql);
  REQUIRE(s.step());
  return s.text(0);
}

}  // namespace

TEST_CASE("how an application was filed, signed and supplied round-trips through the store", "[storage]") {
  TempDb dir;
  auto store = open_test_store(dir.path());
  const Resident r = ok(store->resident_by_phone("13900000000", kT0));
  const Application a = assisted_application("YL-1", r.id, "W1");
  create(*store, a);
  check_same(*ok(store->application(a.id)), a);
  const auto listed = ok(store->applications_by_status("W1", {AppStatus::Submitted}));
  REQUIRE(listed.size() == 1);
  check_same(listed[0], a);

  // A step that rewrites the child rows writes the new members too; the row's own members
  // are written by every step.
  Change c = step_from(a, AppStatus::PartiallyIssued, kT0 + 60, "issued");
  c.replace_children = true;
  c.updated.channel = "online";
  c.updated.assisted_by = "";
  c.updated.assisted_by_name = "";
  c.updated.proxy_relation = "";
  c.updated.principal_id = "";
  c.updated.instant = false;
  c.updated.materials = {{"m_a", "甲材料", 2, false, "deferred", "", kT0 + 2, "resident", "", 0},
                         {"m_c", "丙材料", 0, true, "commitment", "", 0, "", "赵六", kT0 + 3}};
  Task review = sample_task(a.id, "YL-1-1-1", "D1");
  Task check = sample_task(a.id, "YL-1-1-2", "D2");
  check.kind = workflow::TaskKind::Check;
  c.new_tasks = {review, check};
  Licence valid = sample_licence("L1", a);
  Licence revoked = sample_licence("L2", a);
  revoked.revoked_at = kT0 + 70;
  revoked.revoked_reason = "承诺不实";
  c.new_licences = {valid, revoked};
  REQUIRE(ok(store->apply(c)) == WriteOutcome::Done);
  check_same(*ok(store->application(a.id)), c.updated);
  check_same(ok(store->tasks_of(a.id)), {review, check});
  check_same(ok(store->tasks_by_department("D2", {TaskStatus::Reviewing})), {check});
  const auto lic = ok(store->licences_of_application(a.id));
  REQUIRE(lic.size() == 2);
  check_same(lic[0], valid);
  check_same(lic[1], revoked);

  // A task update writes its kind.
  Change k = step_from(c.updated, AppStatus::PartiallyIssued, kT0 + 80, "task_checked");
  Task review_as_check = review;
  review_as_check.kind = workflow::TaskKind::Check;
  k.task_updates = {{TaskStatus::Reviewing, review_as_check}};
  REQUIRE(ok(store->apply(k)) == WriteOutcome::Done);
  check_same(*ok(store->task(review.id)), review_as_check);
}

TEST_CASE("a deferred material is supplied on its own rows, which other steps keep", "[storage]") {
  TempDb dir;
  auto store = open_test_store(dir.path());
  const Resident r = ok(store->resident_by_phone("13900000000", kT0));
  Application a = sample_application("YL-1", r.id, "W1");
  a.status = AppStatus::Accepted;
  a.accepted_at = kT0 + 5;
  a.supplement.reset();
  a.materials.push_back({"m_c", "丙材料", 2, true, "deferred", "", 0, "", "", 0});  // owed, no files yet
  create(*store, a);
  const Application loaded = *ok(store->application(a.id));  // what a reviewer's step started from

  Change supply = step_from(loaded, AppStatus::Accepted, kT0 + 20, "material_supplied");
  supply.supplies = {{"m_a", kT0 + 20, "resident", {{"", 0, "new-1", "pdf", 11}, {"", 0, "new-2", "jpg", 12}}},
                     {"m_c", kT0 + 21, "clerk", {{"m_c", 0, "new-3", "png", 13}}}};
  REQUIRE(ok(store->apply(supply)) == WriteOutcome::Done);
  Application want = loaded;
  want.updated_at = kT0 + 20;
  want.materials[1].supplied_at = kT0 + 20;
  want.materials[1].supplied_by = "resident";
  want.materials[2].supplied_at = kT0 + 21;
  want.materials[2].supplied_by = "clerk";
  // The files continue after the material's own (m_a had 0 and 1), from 0 for one without.
  want.files = {{"m_a", 0, "YL-1-sha-1", "pdf", 10}, {"m_a", 1, "YL-1-sha-2", "jpg", 20},
                {"m_a", 2, "new-1", "pdf", 11},      {"m_a", 3, "new-2", "jpg", 12},
                {"m_b", 0, "YL-1-sha-3", "png", 30}, {"m_c", 0, "new-3", "png", 13}};
  check_same(*ok(store->application(a.id)), want);
  CHECK(ok(store->application_has_file(a.id, "new-3")));

  SECTION("a step without replace_children, from rows loaded before the supply, keeps it") {
    Change later = step_from(loaded, AppStatus::Dispatched, kT0 + 30, "dispatched");
    later.new_tasks = {sample_task(a.id, "YL-1-1-1", "D1")};
    REQUIRE(ok(store->apply(later)) == WriteOutcome::Done);
    want.status = AppStatus::Dispatched;
    want.updated_at = kT0 + 30;
    check_same(*ok(store->application(a.id)), want);
  }

  SECTION("a supply of a material no longer owed writes nothing of the step") {
    const std::size_t events = ok(store->events_of(a.id)).size();
    Application owed = want;
    owed.materials.push_back({"m_d", "丁材料", 2, true, "deferred", "", 0, "", "", 0});
    Change add = step_from(want, AppStatus::Accepted, kT0 + 25, "material_added");
    add.updated = owed;
    add.replace_children = true;
    REQUIRE(ok(store->apply(add)) == WriteOutcome::Done);
    const Application before = *ok(store->application(a.id));

    // m_d is owed and comes first, m_a is supplied already: the whole step rolls back.
    Change again = step_from(before, AppStatus::Dispatched, kT0 + 40, "material_supplied");
    again.supplies = {{"m_d", kT0 + 40, "clerk", {{"", 0, "new-4", "pdf", 14}}},
                      {"m_a", kT0 + 40, "clerk", {{"", 0, "new-5", "pdf", 15}}}};
    again.new_tasks = {sample_task(a.id, "YL-1-1-9", "D9")};
    REQUIRE(ok(store->apply(again)) == WriteOutcome::Conflict);
    check_same(*ok(store->application(a.id)), before);
    CHECK(ok(store->application(a.id))->materials[3].supplied_at == 0);
    CHECK_FALSE(ok(store->application_has_file(a.id, "new-4")));
    CHECK(ok(store->tasks_of(a.id)).empty());
    CHECK(ok(store->events_of(a.id)).size() == events + 1);

    // A material the application does not have is not owed either.
    Change unknown = step_from(before, AppStatus::Accepted, kT0 + 41, "material_supplied");
    unknown.supplies = {{"m_zz", kT0 + 41, "resident", {}}};
    REQUIRE(ok(store->apply(unknown)) == WriteOutcome::Conflict);
    check_same(*ok(store->application(a.id)), before);
  }
}

TEST_CASE("a licence revocation is written whole and only to a licence that exists", "[storage]") {
  TempDb dir;
  auto store = open_test_store(dir.path());
  const Resident r = ok(store->resident_by_phone("13900000000", kT0));
  Application a = sample_application("YL-1", r.id, "W1");
  a.status = AppStatus::ReadyForIssue;
  create(*store, a);
  Change issue = step_from(a, AppStatus::Issued, kT0 + 50, "issued");
  const Licence l1 = sample_licence("L1", a);
  const Licence l2 = sample_licence("L2", a);
  issue.new_licences = {l1, l2};
  REQUIRE(ok(store->apply(issue)) == WriteOutcome::Done);
  check_same(ok(store->licences_of(r.id))[0], l1);

  Change revoke = step_from(issue.updated, AppStatus::Revoked, kT0 + 90, "revoked");
  Licence r1 = l1;
  r1.revoked_at = kT0 + 90;
  r1.revoked_reason = "告知承诺不实";
  revoke.licence_updates = {r1};
  REQUIRE(ok(store->apply(revoke)) == WriteOutcome::Done);
  CHECK(n(ok(store->application(a.id))->status) == "revoked");
  const auto lic = ok(store->licences_of(r.id));
  REQUIRE(lic.size() == 2);
  check_same(lic[0], r1);
  check_same(lic[1], l2);  // untouched

  Change missing = step_from(revoke.updated, AppStatus::Closed, kT0 + 95, "closed");
  Licence ghost = l2;
  ghost.id = "L-404";
  ghost.revoked_at = kT0 + 95;
  missing.licence_updates = {ghost};
  REQUIRE(ok(store->apply(missing)) == WriteOutcome::Conflict);
  CHECK(n(ok(store->application(a.id))->status) == "revoked");
  CHECK(ok(store->events_of(a.id)).size() == 3);
}

TEST_CASE("a step's notifications are made from its final events and stored with it", "[storage]") {
  TempDb dir;
  auto store = open_test_store(dir.path());
  const Resident r = ok(store->resident_by_phone("13900000000", kT0));
  Application a = sample_application("YL-1", r.id, "W1");
  a.status = AppStatus::Dispatched;
  create(*store, a);
  Task t1 = sample_task(a.id, "YL-1-1-1", "D1");
  t1.status = TaskStatus::Approved;
  Task t2 = sample_task(a.id, "YL-1-1-2", "D2");
  Task check = sample_task(a.id, "YL-1-1-3", "D3");  // a 核查 still running: not the stage's clock
  check.kind = workflow::TaskKind::Check;
  Change tasks = step_from(a, AppStatus::Dispatched, kT0 + 10, "tasks_added");
  tasks.new_tasks = {t1, t2, check};
  REQUIRE(ok(store->apply(tasks)) == WriteOutcome::Done);

  std::vector<TaskStatus> derived_from;
  const auto derive = [&derived_from](const std::vector<TaskStatus>& statuses) {
    derived_from = statuses;
    for (TaskStatus s : statuses)
      if (s != TaskStatus::Approved) return AppStatus::Dispatched;
    return AppStatus::ReadyForIssue;
  };
  Task approved = t2;
  approved.status = TaskStatus::Approved;
  approved.updated_at = kT0 + 40;
  Change c = step_from(tasks.updated, AppStatus::Dispatched, kT0 + 40, "task_approved");
  c.task_updates = {{TaskStatus::Reviewing, approved}};
  c.derive_status = derive;
  int calls = 0;
  std::vector<std::string> seen_events;
  std::string seen_status;
  c.notify = [&](const Change& ch) {
    ++calls;
    seen_events = kinds_of(ch.events);
    seen_status = n(ch.updated.status);
    return std::vector<Notification>{message(r.id, a.id, "ready_for_issue", kT0 + 40),
                                     message(r.id, a.id, "task_approved", kT0 + 41, "approved:YL-1-1-2")};
  };
  REQUIRE(ok(store->apply(c)) == WriteOutcome::Done);
  CHECK(calls == 1);
  CHECK(derived_from == std::vector<TaskStatus>{TaskStatus::Approved, TaskStatus::Approved});
  CHECK(seen_events == std::vector<std::string>{"task_approved", "ready_for_issue"});
  CHECK(seen_status == "ready_for_issue");
  REQUIRE(c.notifications.size() == 2);
  CHECK(c.notifications[0].id > 0);
  CHECK(c.notifications[1].id > c.notifications[0].id);
  const auto stored = ok(store->notifications_of(r.id, 10));
  REQUIRE(stored.size() == 2);
  check_same(stored[0], c.notifications[1]);  // newest first
  check_same(stored[1], c.notifications[0]);
  CHECK(stored[1].application_id == a.id);
  CHECK(stored[0].dedupe == "approved:YL-1-1-2");

  SECTION("a notification that cannot be stored rolls the whole step back") {
    Change bad = step_from(c.updated, AppStatus::Issued, kT0 + 50, "issued");
    bad.new_licences = {sample_licence("L1", a)};
    bad.notify = [&](const Change&) {
      return std::vector<Notification>{message(r.id, a.id, "issued", kT0 + 50),
                                       message("R-nobody", a.id, "issued", kT0 + 50)};
    };
    CHECK_FALSE(store->apply(bad).ok());
    CHECK(bad.notifications.empty());
    CHECK(n(ok(store->application(a.id))->status) == "ready_for_issue");
    CHECK(ok(store->licences_of(r.id)).empty());
    CHECK(kinds_of(ok(store->events_of(a.id))).back() == "ready_for_issue");
    CHECK(ok(store->notifications_of(r.id, 10)).size() == 2);
  }

  SECTION("a message already stored under its dedupe is neither stored nor sent again") {
    Change again = step_from(c.updated, AppStatus::Issued, kT0 + 50, "issued");
    again.notify = [&](const Change&) {
      return std::vector<Notification>{message(r.id, a.id, "task_approved", kT0 + 50, "approved:YL-1-1-2"),
                                       message(r.id, a.id, "issued", kT0 + 50)};
    };
    REQUIRE(ok(store->apply(again)) == WriteOutcome::Done);
    REQUIRE(again.notifications.size() == 1);
    CHECK(again.notifications[0].kind == "issued");
    CHECK(ok(store->notifications_of(r.id, 10)).size() == 3);
  }

  SECTION("a step that conflicts never asks for its messages") {
    Change stale = step_from(tasks.updated, AppStatus::Issued, kT0 + 50, "issued");  // it is ready_for_issue now
    stale.notify = [&](const Change&) {
      ++calls;
      return std::vector<Notification>{message(r.id, a.id, "issued", kT0 + 50)};
    };
    REQUIRE(ok(store->apply(stale)) == WriteOutcome::Conflict);
    CHECK(calls == 1);
    CHECK(stale.notifications.empty());
    CHECK(ok(store->notifications_of(r.id, 10)).size() == 2);
  }
}

TEST_CASE("a resident's notifications are listed newest first and marked read", "[storage]") {
  TempDb dir;
  auto store = open_test_store(dir.path());
  const Resident r = ok(store->resident_by_phone("13900000000", kT0));
  const Resident other = ok(store->resident_by_phone("13900000001", kT0));
  const Application a = sample_application("YL-1", r.id, "W1");
  create(*store, a);
  std::vector<Notification> mine;
  for (int i = 0; i < 3; ++i) {
    Notification m = message(r.id, i == 1 ? "" : a.id, "reminder", kT0 + i);  // one without an application
    REQUIRE(ok(store->add_notification(m)) == WriteOutcome::Done);
    CHECK(m.id > 0);
    mine.push_back(m);
  }
  Notification theirs = message(other.id, "", "reminder", kT0);
  REQUIRE(ok(store->add_notification(theirs)) == WriteOutcome::Done);

  const auto listed = ok(store->notifications_of(r.id, 10));
  REQUIRE(listed.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) check_same(listed[i], mine[2 - i]);
  const auto newest = ok(store->notifications_of(r.id, 2));
  REQUIRE(newest.size() == 2);
  CHECK(newest[0].id == mine[2].id);
  CHECK(newest[1].id == mine[1].id);
  // Paged: newest first, two at a time, to the end; the other resident's never among them.
  const auto page1 = ok(store->notifications_page(r.id, PageRequest{"", 2}));
  REQUIRE(page1.rows.size() == 2);
  CHECK(page1.total == 3);
  CHECK(page1.rows[0].id == mine[2].id);
  REQUIRE_FALSE(page1.next.empty());
  const auto page2 = ok(store->notifications_page(r.id, PageRequest{page1.next, 2}));
  REQUIRE(page2.rows.size() == 1);
  CHECK(page2.rows[0].id == mine[0].id);
  CHECK(page2.next.empty());
  CHECK(ok(store->unread_count(r.id)) == 3);
  CHECK(ok(store->unread_count(other.id)) == 1);
  CHECK(ok(store->unread_count("R-nobody")) == 0);

  SECTION("one, then again (the first read time stays)") {
    REQUIRE(ok(store->mark_read(r.id, mine[1].id, kT0 + 100)) == WriteOutcome::Done);
    CHECK(ok(store->unread_count(r.id)) == 2);
    REQUIRE(ok(store->mark_read(r.id, mine[1].id, kT0 + 200)) == WriteOutcome::Done);
    const auto now = ok(store->notifications_of(r.id, 10));
    CHECK(now[0].read_at == 0);
    CHECK(now[1].read_at == kT0 + 100);
    CHECK(now[2].read_at == 0);
  }

  SECTION("all of the resident's, and no one else's") {
    REQUIRE(ok(store->mark_read(r.id, mine[0].id, kT0 + 100)) == WriteOutcome::Done);
    REQUIRE(ok(store->mark_read(r.id, 0, kT0 + 300)) == WriteOutcome::Done);
    CHECK(ok(store->unread_count(r.id)) == 0);
    CHECK(ok(store->unread_count(other.id)) == 1);
    const auto now = ok(store->notifications_of(r.id, 10));
    CHECK(now[0].read_at == kT0 + 300);
    CHECK(now[2].read_at == kT0 + 100);                                       // read before: its time stays
    REQUIRE(ok(store->mark_read(r.id, 0, kT0 + 400)) == WriteOutcome::Done);  // nothing unread: still done
  }

  SECTION("another resident's notification, or none, is a conflict and changes nothing") {
    CHECK(ok(store->mark_read(r.id, theirs.id, kT0 + 100)) == WriteOutcome::Conflict);
    CHECK(ok(store->mark_read(r.id, 999999, kT0 + 100)) == WriteOutcome::Conflict);
    CHECK(ok(store->unread_count(other.id)) == 1);
    CHECK(ok(store->notifications_of(other.id, 10))[0].read_at == 0);
  }

  SECTION("a reminder is stored once under its dedupe; without one, every time") {
    Notification first = message(r.id, a.id, "deadline", kT0 + 10, "deadline:YL-1:1");
    REQUIRE(ok(store->add_notification(first)) == WriteOutcome::Done);
    Notification again = message(r.id, a.id, "deadline", kT0 + 20, "deadline:YL-1:1");
    REQUIRE(ok(store->add_notification(again)) == WriteOutcome::Conflict);
    CHECK(again.id == 0);
    Notification plain = message(r.id, a.id, "reminder", kT0 + 30);
    REQUIRE(ok(store->add_notification(plain)) == WriteOutcome::Done);
    CHECK(ok(store->unread_count(r.id)) == 5);
    const auto now = ok(store->notifications_of(r.id, 10));
    check_same(now[0], plain);
    check_same(now[1], first);
  }
}

TEST_CASE("applications owing a deferred material are listed for the window", "[storage]") {
  TempDb dir;
  auto store = open_test_store(dir.path());
  const Resident r = ok(store->resident_by_phone("13900000000", kT0));
  // sample_application has m_a deferred and owed; `accepted` orders the list.
  const auto app = [&](const std::string& id, const std::string& window, AppStatus status, Timestamp accepted) {
    Application a = sample_application(id, r.id, window);
    a.status = status;
    a.accepted_at = accepted;
    a.supplement.reset();
    return a;
  };
  const Application dispatched = app("YL-1", "W1", AppStatus::Dispatched, kT0 + 30);
  const Application accepted = app("YL-2", "W1", AppStatus::Accepted, kT0 + 10);
  const Application ready = app("YL-3", "W2", AppStatus::ReadyForIssue, kT0 + 20);
  Application supplied = app("YL-4", "W1", AppStatus::Dispatched, kT0 + 5);
  supplied.materials[1].supplied_at = kT0 + 6;
  supplied.materials[1].supplied_by = "resident";
  const Application not_accepted = app("YL-5", "W1", AppStatus::Submitted, 0);
  const Application issued = app("YL-6", "W1", AppStatus::Issued, kT0 + 1);
  Application missing = app("YL-7", "W1", AppStatus::Accepted, kT0 + 2);
  missing.materials[1].state = "missing";  // not deferred: nothing owed after acceptance
  for (const Application& a : {dispatched, accepted, ready, supplied, not_accepted, issued, missing}) create(*store, a);

  const auto all = ok(store->applications_owing(""));
  REQUIRE(all.size() == 3);
  check_same(all[0], accepted);
  check_same(all[1], ready);
  check_same(all[2], dispatched);
  const auto w1 = ok(store->applications_owing("W1"));
  REQUIRE(w1.size() == 2);
  CHECK(w1[0].id == "YL-2");
  CHECK(w1[1].id == "YL-1");
  CHECK(ok(store->applications_owing("W9")).empty());

  Change supply = step_from(accepted, AppStatus::Accepted, kT0 + 40, "material_supplied");
  supply.supplies = {{"m_a", kT0 + 40, "clerk", {}}};
  REQUIRE(ok(store->apply(supply)) == WriteOutcome::Done);
  CHECK(ok(store->applications_owing("W1")).size() == 1);
}

TEST_CASE("a version 2 database migrates to version 3 with every row kept", "[storage][migration]") {
  TempDb dir;
  // The v2 columns of each table, in a fixed order: their values must not change.
  const std::vector<std::array<std::string, 3>> tables = {
      {"residents", "id, phone, name, id_number, created_at", "id"},
      {"staff", "username, display_name, role, window_id, department, password_hash, disabled, created_at", "username"},
      {"sessions", "token_hash, subject_kind, subject_id, expires_at, created_at", "token_hash"},
      {"uploads", "resident_id, sha256, kind, content_type, size, name, created_at", "resident_id, sha256"},
      {"applications",
       "id, resident_id, kind, target_id, stage, window_id, status, form, verdict, submitted_at, resubmitted_at, "
       "accepted_at, supplement_note, supplement_at, refusal_reason, rating_score, rating_comment, rating_at, "
       "updated_at",
       "id"},
      {"application_items", "application_id, position, item_id", "application_id, position"},
      {"application_materials",
       "application_id, material_id, position, name, stage, required, state, licence, supplied_at",
       "application_id, position"},
      {"application_files", "application_id, material_id, idx, sha256, type, bytes",
       "application_id, material_id, idx"},
      {"supplement_missing", "application_id, position, material_id", "application_id, position"},
      {"tasks", "id, application_id, item_id, department, stage, started_at, status, note, updated_at", "id"},
      {"task_pauses", "task_id, position, started_at, ended_at, reason", "task_id, position"},
      {"task_extensions", "task_id, position, days, reason, at", "task_id, position"},
      {"events", "seq, application_id, task_id, kind, actor_kind, actor_id, actor_name, at, data", "seq"},
      {"licences", "id, resident_id, type, name, number, item_id, application_id, issued_at", "id"},
      {"idempotency", "resident_id, key, request_hash, status, response, created_at", "resident_id, key"},
  };
  std::map<std::string, std::string> before;
  {
    auto c = connect(dir.path());
    REQUIRE(!db::apply_migrations(*c, 2).has_value());
    REQUIRE(scalar(*c, "PRAGMA user_version") == 2);
    exec(*c, "BEGIN");
    exec(*c,
         "INSERT INTO residents (id, phone, name, id_number, created_at) VALUES "
         "('R1', '13800000001', '张三', '460100199001011234', 1), ('R2', '13800000002', NULL, NULL, 2)");
    exec(*c,
         "INSERT INTO staff (username, display_name, role, window_id, department, password_hash, disabled, "
         "created_at) VALUES ('clerk1', '李窗口', 'clerk', 'W1', NULL, 'h1', 0, 1)");
    exec(*c,
         "INSERT INTO sessions (token_hash, subject_kind, subject_id, expires_at, created_at) VALUES "
         "('tok', 'resident', 'R1', 9999999999, 3)");
    exec(*c,
         "INSERT INTO uploads (resident_id, sha256, kind, content_type, size, name, created_at) VALUES "
         "('R1', '" +
             kShaA + "', 'pdf', 'application/pdf', 10, 'a.pdf', 4)");
    exec(*c,
         "INSERT INTO idempotency (resident_id, key, request_hash, status, response, created_at) VALUES "
         "('R1', 'k1', 'h', 201, '{}', 5)");
    exec(*c,
         "INSERT INTO applications (id, resident_id, kind, target_id, stage, window_id, status, form, verdict, "
         "submitted_at, resubmitted_at, accepted_at, supplement_note, supplement_at, refusal_reason, rating_score, "
         "rating_comment, rating_at, updated_at) VALUES "
         "('A1', 'R1', 'bundle', 'birth', 1, 'W1', 'dispatched', '{\"fields\":{\"x\":1}}', "
         "'acceptable_with_deferrals', 100, 110, 120, NULL, NULL, NULL, NULL, NULL, NULL, 130), "
         "('A2', 'R2', 'item', 'food_licence', 0, 'W2', 'closed', '{}', 'acceptable', 200, NULL, 210, '请补正', 205, "
         "NULL, 4, '好', 300, 300)");
    exec(*c,
         "INSERT INTO application_items (application_id, position, item_id) VALUES "
         "('A1', 0, 'i1'), ('A1', 1, 'i2'), ('A2', 0, 'food_licence')");
    exec(*c,
         "INSERT INTO application_materials (application_id, material_id, position, name, stage, required, state, "
         "licence, supplied_at) VALUES "
         "('A1', 'm_owed', 0, '接种记录', 2, 1, 'deferred', NULL, NULL), "
         "('A1', 'm_given', 1, '疫苗本', 2, 1, 'deferred', NULL, 125), "
         "('A1', 'm_sign', 2, '承诺书', 1, 1, 'commitment', NULL, NULL), "
         "('A2', 'm_id', 0, '身份证', 0, 1, 'licence', 'id_card', NULL)");
    exec(*c,
         "INSERT INTO application_files (application_id, material_id, idx, sha256, type, bytes) VALUES "
         "('A1', 'm_given', 0, '" +
             kShaA + "', 'pdf', 10), ('A2', 'm_id', 0, '" + kShaB + "', 'jpg', 20)");
    exec(*c, "INSERT INTO supplement_missing (application_id, position, material_id) VALUES ('A2', 0, 'm_id')");
    exec(*c,
         "INSERT INTO tasks (id, application_id, item_id, department, stage, started_at, status, note, updated_at) "
         "VALUES ('T1', 'A1', 'i1', 'D1', 1, 120, 'paused', NULL, 140), "
         "('T2', 'A2', 'food_licence', 'D2', 0, 210, 'approved', '同意', 250)");
    exec(*c,
         "INSERT INTO task_pauses (task_id, position, started_at, ended_at, reason) VALUES "
         "('T1', 0, 125, 126, '听证'), ('T1', 1, 130, NULL, '鉴定')");
    exec(*c, "INSERT INTO task_extensions (task_id, position, days, reason, at) VALUES ('T1', 0, 5, '复杂', 135)");
    exec(*c,
         "INSERT INTO events (application_id, task_id, kind, actor_kind, actor_id, actor_name, at, data) VALUES "
         "('A1', NULL, 'submitted', 'resident', 'R1', NULL, 100, '{}'), "
         "('A1', 'T1', 'task_paused', 'staff', 'rev1', '王审核', 130, '{\"reason\":\"鉴定\"}'), "
         "('A2', NULL, 'rated', 'resident', 'R2', NULL, 300, '{}')");
    exec(*c,
         "INSERT INTO licences (id, resident_id, type, name, number, item_id, application_id, issued_at) VALUES "
         "('L1', 'R2', 'food_licence', '食品经营许可证', 'JY-1', 'food_licence', 'A2', 260)");
    exec(*c, "COMMIT");
    for (const auto& [table, cols, order] : tables) before[table] = table_text(*c, table, cols, order);
  }
  auto store = open_sqlite_store(dir.path());

  {
    auto c = connect(dir.path());
    CHECK(scalar(*c, "PRAGMA user_version") == db::latest_schema_version());
    CHECK(scalar(*c, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
    for (const auto& [table, cols, order] : tables) {
      INFO(table);
      CHECK(table_text(*c, table, cols, order) == before[table]);
    }
    CHECK(scalar(*c, "SELECT COUNT(*) FROM sqlite_master WHERE name='applications_v3'") == 0);
    CHECK(scalar(*c,
                 "SELECT COUNT(*) FROM sqlite_master WHERE type='index' AND name IN ('applications_resident', "
                 "'applications_window', 'applications_status', 'notifications_resident', 'notifications_unread')") ==
          5);
    // The defaults: filed online, for oneself, not instant; reviews; valid licences.
    CHECK(scalar(*c,
                 "SELECT COUNT(*) FROM applications WHERE channel='online' AND instant=0 AND assisted_by IS NULL AND "
                 "assisted_by_name IS NULL AND proxy_relation IS NULL AND principal_id IS NULL") == 2);
    CHECK(scalar(*c, "SELECT COUNT(*) FROM tasks WHERE kind='review'") == 2);
    CHECK(scalar(*c, "SELECT COUNT(*) FROM licences WHERE revoked_at IS NULL AND revoked_reason IS NULL") == 1);
    // A material supplied before this version was supplied from the phone.
    CHECK(scalar(*c, "SELECT COUNT(*) FROM application_materials WHERE supplied_by='resident'") == 1);
    CHECK(scalar(*c, "SELECT supplied_by='resident' FROM application_materials WHERE material_id='m_given'") == 1);
    CHECK(scalar(*c, "SELECT COUNT(*) FROM application_materials WHERE signer IS NULL AND signed_at IS NULL") == 4);
    CHECK(scalar(*c, "SELECT COUNT(*) FROM notifications") == 0);
    // The new vocabulary is allowed, anything else still refused.
    CHECK(c->exec("UPDATE applications SET channel='phone' WHERE id='A1'").has_value());
    CHECK(c->exec("UPDATE applications SET status='bogus' WHERE id='A1'").has_value());
    CHECK(c->exec("UPDATE tasks SET kind='audit' WHERE id='T1'").has_value());
    CHECK(c->exec("UPDATE application_materials SET supplied_by='robot' WHERE material_id='m_owed'").has_value());
  }

  Application a1 = *ok(store->application("A1"));
  CHECK(a1.form == R"({"fields":{"x":1}})");
  CHECK(a1.items == std::vector<std::string>{"i1", "i2"});
  REQUIRE(a1.materials.size() == 3);
  CHECK(a1.materials[0].supplied_at == 0);
  CHECK(a1.materials[0].supplied_by.empty());
  CHECK(a1.materials[1].supplied_at == 125);
  CHECK(a1.materials[1].supplied_by == "resident");
  CHECK(a1.channel == "online");
  CHECK_FALSE(a1.instant);
  const auto a2 = *ok(store->application("A2"));
  REQUIRE(a2.supplement.has_value());
  CHECK(a2.supplement->missing == std::vector<std::string>{"m_id"});
  REQUIRE(a2.rating.has_value());
  CHECK(a2.rating->score == 4);
  const auto t1 = *ok(store->task("T1"));
  CHECK(t1.kind == workflow::TaskKind::Review);
  CHECK(t1.pauses.size() == 2);
  CHECK(t1.extensions.size() == 1);
  CHECK(ok(store->licences_of("R2"))[0].revoked_at == 0);
  const auto owing = ok(store->applications_owing(""));
  REQUIRE(owing.size() == 1);
  CHECK(owing[0].id == "A1");

  // The migrated application takes a step into a status version 2 could not store.
  Change c = step_from(a1, AppStatus::PartiallyIssued, 400, "partially_issued");
  REQUIRE(ok(store->apply(c)) == WriteOutcome::Done);
  check_same(*ok(store->application("A1")), c.updated);
}
