// A database written by the released version 1 server through its own HTTP API
// (tests/fixtures/v1/database.sql, made by make_v1_database.py beside it) migrates to the
// typed records with nothing lost: every value v1 stored comes back, typed.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>

#include "storage/open_store.hpp"
#include "storage/sqlite.hpp"
#include "support/test_files.hpp"

using namespace yilu;
using namespace yilu::server;
using workflow::AppStatus;
using workflow::TaskStatus;

namespace {

// The applications the v1 server wrote (their ids are in the dump).
const char* const kLand = "YL20261202-d634c15805";     // every step: 补正 … rated
const char* const kWaiting = "YL20261202-3217309d8f";  // submitted, at the window
const char* const kRefused = "YL20261202-7965830046";  // 不予受理
const char* const kJpeg = "78db9d2e8e7ba9c2be0f22bc67deab0cdea784916e0b64eb7fa3b87d94d87c8b";
const char* const kPdf = "1dffa2bc73b5743a035d9e1392a425b4836c4f8df50ec831735a065153a06154";

struct V1Database {
  V1Database() {
    char tmpl[] = "/tmp/yilu-v1-db-XXXXXX";
    dir = ::mkdtemp(tmpl);
    auto c = db::SqliteConnection::open(path(), "FULL");
    REQUIRE(c.ok());
    REQUIRE(!c.value()->exec(test::read_source_file("tests/fixtures/v1/database.sql")));
    // `.dump` leaves out the schema version, which the v1 server had set to 1.
    REQUIRE(!c.value()->exec("PRAGMA user_version=1"));
  }
  ~V1Database() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string path() const { return dir + "/yilu.db"; }
  std::string dir;
};

std::int64_t count(const std::string& path, const std::string& sql) {
  auto c = db::SqliteConnection::open(path, "FULL");
  REQUIRE(c.ok());
  db::Stmt s(*c.value(), sql);
  REQUIRE(s.step());
  return s.integer(0);
}

}  // namespace

TEST_CASE("a database the version 1 server wrote migrates with nothing lost", "[storage][migration]") {
  V1Database v1;
  const std::int64_t events_before = count(v1.path(), "SELECT COUNT(*) FROM events");
  const std::int64_t submitted_at =
      count(v1.path(), std::string("SELECT submitted_at FROM applications WHERE id='") + kLand + "'");
  auto opened = open_store("sqlite:" + v1.path());
  INFO((opened.ok() ? std::string() : opened.error().message));
  REQUIRE(opened.ok());
  Store& store = *opened.value();

  auto land = store.application(kLand);
  REQUIRE(land.ok());
  REQUIRE(land.value());
  const Application& a = *land.value();
  CHECK(a.status == AppStatus::Closed);
  CHECK(a.kind == "item");
  CHECK(a.target_id == "land_use_planning_permit");
  CHECK(a.window == "w_build");
  CHECK(a.items == std::vector<std::string>{"land_use_planning_permit"});
  CHECK(a.verdict == "acceptable");
  // The form is the core's application as v1 validated it, without v1's bookkeeping.
  CHECK(a.form.find("\"land_case\":\"transfer\"") != std::string::npos);
  CHECK(a.form.find("required_materials") == std::string::npos);
  CHECK(a.form.find("verdict") == std::string::npos);
  // 收件 is the first submission; the resubmission after 补正 has its own time.
  CHECK(a.submitted_at == submitted_at);
  CHECK(a.resubmitted_at > a.submitted_at);
  CHECK(a.accepted_at >= a.resubmitted_at);
  // The 补正 notice was answered and cleared at acceptance (as v1 did); the log keeps it.
  CHECK(!a.supplement);
  REQUIRE(a.rating);
  CHECK(a.rating->score == 4);
  CHECK(a.rating->comment == "材料一次讲清楚了");
  CHECK(a.rating->at >= a.accepted_at);
  // Files by material, typed with the core's ids (v1's sniffer said "jpeg").
  REQUIRE(a.files.size() == 2);
  const auto file = [&](const std::string& material) {
    return *std::find_if(a.files.begin(), a.files.end(),
                         [&](const ApplicationFile& f) { return f.material_id == material; });
  };
  CHECK(file("land_contract").sha256 == kJpeg);
  CHECK(file("land_contract").type == "jpg");
  CHECK(file("land_contract").bytes == 317);
  CHECK(file("boundary_map").sha256 == kPdf);
  CHECK(file("boundary_map").type == "pdf");
  auto has = store.application_has_file(kLand, kJpeg);
  REQUIRE(has.ok());
  CHECK(has.value());
  // How each material stood, as the core reported it to v1.
  const auto material = [&](const std::string& id) {
    return *std::find_if(a.materials.begin(), a.materials.end(),
                         [&](const MaterialRecord& m) { return m.material_id == id; });
  };
  CHECK(material("boundary_map").state == "provided");
  CHECK(material("boundary_map").required);
  CHECK(material("project_filing_doc").state == "licence");
  CHECK(material("project_filing_doc").licence == "project_filing_notice");

  // The task: its pause (closed), its extension, its decision.
  auto tasks = store.tasks_of(kLand);
  REQUIRE(tasks.ok());
  REQUIRE(tasks.value().size() == 1);
  const Task& t = tasks.value().front();
  CHECK(t.status == TaskStatus::Approved);
  CHECK(t.department == "zrzy");
  CHECK(t.note == "同意");
  CHECK(t.started_at == a.accepted_at);
  REQUIRE(t.pauses.size() == 1);
  CHECK(t.pauses[0].reason == "组织听证");
  REQUIRE(t.pauses[0].end);
  CHECK(*t.pauses[0].end > t.pauses[0].start);
  REQUIRE(t.extensions.size() == 1);
  CHECK(t.extensions[0].days == 10);
  CHECK(t.extensions[0].reason == "需要现场核查");
  CHECK(t.extensions[0].at >= t.pauses[0].start);

  // The licence issued, the other applications, the uploads, the audit trail.
  auto lic = store.licences_of_application(kLand);
  REQUIRE(lic.ok());
  REQUIRE(lic.value().size() == 1);
  CHECK(lic.value()[0].number == std::string(kLand) + "-0-1");
  auto waiting = store.application(kWaiting);
  REQUIRE((waiting.ok() && waiting.value()));
  CHECK(waiting.value()->status == AppStatus::Submitted);
  CHECK(!waiting.value()->supplement);
  CHECK(waiting.value()->resubmitted_at == 0);
  auto refused = store.application(kRefused);
  REQUIRE((refused.ok() && refused.value()));
  CHECK(refused.value()->status == AppStatus::Refused);
  CHECK(refused.value()->refusal_reason == "不属于本中心受理范围");
  auto up = store.upload(a.resident_id, kJpeg);
  REQUIRE((up.ok() && up.value()));
  CHECK(up.value()->kind == "jpg");
  CHECK(up.value()->name == "合同.jpg");
  auto events = store.events_of(kLand);
  REQUIRE(events.ok());
  std::vector<std::string> kinds;
  for (const auto& e : events.value()) kinds.push_back(e.kind);
  CHECK(kinds.front() == "submitted");
  CHECK(std::count(kinds.begin(), kinds.end(), "supplement_requested") == 1);
  for (const auto& e : events.value())
    if (e.kind == "supplement_requested") CHECK(e.data.find("红线图比例尺不清") != std::string::npos);
  CHECK(std::count(kinds.begin(), kinds.end(), "resubmitted") == 1);
  CHECK(kinds.back() == "rated");
  CHECK(count(v1.path(), "SELECT COUNT(*) FROM events") == events_before);
  auto staff = store.staff("clerk-w_build");
  REQUIRE((staff.ok() && staff.value()));
  CHECK(staff.value()->role == workflow::Role::Clerk);
  CHECK(staff.value()->window == "w_build");
}
