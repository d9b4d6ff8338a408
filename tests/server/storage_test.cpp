// The storage layer on its own: a database written by the released schema (version 1, JSON
// text columns) migrates to the typed records with nothing lost; typed records survive a
// round trip through the store; a database newer than the program is refused.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "storage/migrations.hpp"
#include "storage/sqlite.hpp"
#include "storage/sqlite_store.hpp"
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

std::unique_ptr<db::Connection> connect(const std::string& path) {
  auto c = db::Connection::open(path, "FULL");
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

std::unique_ptr<SqliteStore> open_store(const std::string& path) {
  auto s = SqliteStore::open(path);
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
}

void check_same(const Task& got, const Task& want) {
  INFO("task " << want.id);
  CHECK(got.id == want.id);
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
    x.licences.push_back(
        {"L0009", "R0000000000000001", "birth_certificate", "出生证", "A1-0-1", "birth_registration", "A1", kT0 + 500});

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
    want.materials = {{"household_register", "户口簿", 0, true, "provided", "", 0},
                      {"birth_medical_certificate", "出生医学证明", 0, true, "licence", "birth_medical_certificate", 0},
                      {"parents_commitment", "父母承诺书", 0, true, "commitment", "", 0},
                      {"photo", "照片", 0, false, "not_given", "", 0}};
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
    want.materials = {{"mother_id_card", "母亲身份证", 1, true, "provided", "resident_id_card", 0},
                      {"vaccination_record", "接种记录", 2, true, "deferred", "", 0}};
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
  a.materials = {{"m_b", "乙材料", 1, true, "provided", "lt_b", 0}, {"m_a", "甲材料", 2, false, "deferred", "", 0}};
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
  auto store = open_store(dir.path());

  {
    auto c = connect(dir.path());
    CHECK(scalar(*c, "PRAGMA user_version") == db::latest_schema_version());
    CHECK(db::latest_schema_version() == 2);
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
    CHECK(lic[0].id == x.licences[0].id);
    CHECK(lic[0].type == x.licences[0].type);
    CHECK(lic[0].name == x.licences[0].name);
    CHECK(lic[0].number == x.licences[0].number);
    CHECK(lic[0].item_id == x.licences[0].item_id);
    CHECK(lic[0].application_id == x.licences[0].application_id);
    CHECK(lic[0].issued_at == x.licences[0].issued_at);
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
  auto s = SqliteStore::open(dir.path());
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
  { open_store(dir.path()); }
  {
    auto c = connect(dir.path());
    exec(*c, "PRAGMA user_version=" + std::to_string(db::latest_schema_version() + 1));
    CHECK(db::apply_migrations(*c).has_value());
  }
  auto s = SqliteStore::open(dir.path());
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == "storage_error");
  auto c = connect(dir.path());
  CHECK(scalar(*c, "PRAGMA user_version") == db::latest_schema_version() + 1);
}

TEST_CASE("typed applications and tasks round-trip through the store", "[storage]") {
  TempDb dir;
  auto store = open_store(dir.path());
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
    c.updated.materials = {{"m_a", "甲材料", 2, false, "provided", "", kT0 + 11}};
    c.updated.files = {{"m_c", 0, "new-sha", "ofd", 40}};
    c.updated.refusal_reason = "";
    c.updated.updated_at = kT0 + 10;
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
    b.materials = {{"m_z", "丙材料", 0, true, "licence", "lt_z", 0}};
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

TEST_CASE("an application's files answer the upload access check", "[storage]") {
  TempDb dir;
  auto store = open_store(dir.path());
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
  REQUIRE(ok(store->apply(c)) == WriteOutcome::Done);
  CHECK_FALSE(ok(store->application_has_file("YL-1", "YL-1-sha-2")));
  CHECK(ok(store->application_has_file("YL-1", "replacement")));
}

TEST_CASE("staff roles are stored by name and read back as roles", "[storage]") {
  TempDb dir;
  auto store = open_store(dir.path());
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
  CHECK(ok(store->disable_staff("u_admin")) == WriteOutcome::Done);
  CHECK(ok(store->staff("u_admin"))->disabled);
  CHECK(ok(store->disable_staff("nobody")) == WriteOutcome::Conflict);
}
