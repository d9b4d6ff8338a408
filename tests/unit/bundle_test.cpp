// Bundle planning and service guides. Expected dates are counted by hand on the
// 2026 calendar: 2026-06-01 is a Monday and no holiday falls in 2026-06-01..06-15.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/bundle.hpp"
#include "yilu/call.hpp"
#include "yilu/guide.hpp"

using nlohmann::json;

namespace {

const yilu::Calendar& calendar() {
  static const yilu::Calendar c = yilu::Calendar::from_json(yilu::test::calendar_text()).value();
  return c;
}

const yilu::Catalog& test_catalog() {
  static const yilu::Catalog c =
      *yilu::Catalog::from_json(yilu::test::read_source_file("tests/fixtures/test-catalog.json")).catalog;
  return c;
}

yilu::Timestamp at(const char* text) { return *yilu::parse_timestamp(text); }

}  // namespace

TEST_CASE("plan_bundle: stages in sequence, items in parallel, against one by one", "[bundle]") {
  const auto r = yilu::plan_bundle(test_catalog(), calendar(), *test_catalog().bundle("t_bundle"),
                                   at("2026-06-01T10:00:00+08:00"), nullptr);
  REQUIRE(r.ok());
  const yilu::BundlePlan& p = r.value();
  REQUIRE(p.stages.size() == 2);
  CHECK(p.stages[0].workdays == 3);
  CHECK(yilu::format_date(p.stages[0].due_date) == "2026-06-04");  // Tue, Wed, Thu
  CHECK(p.stages[1].workdays == 5);                                // max(5, 2)
  CHECK(yilu::format_date(p.stages[1].due_date) == "2026-06-11");  // Fri 5, Mon 8 … Thu 11
  CHECK(yilu::format_date(p.stages[1].items[1].due_date) == "2026-06-08");
  CHECK(yilu::format_date(p.due_date) == "2026-06-11");
  CHECK(yilu::format_date(p.separate_due_date) == "2026-06-15");  // 3 + 5 + 2 one after another
  CHECK(p.workdays.separate == 10);
  CHECK(p.workdays.bundle == 8);
  CHECK(p.steps.separate == 3);
  CHECK(p.steps.bundle == 2);
  CHECK(p.submissions.separate == 3);
  CHECK(p.submissions.bundle == 2);
  // separately 2 + 3 + 2 materials; as a bundle the mother's ID once, the certificate reused
  CHECK(p.materials.separate == 7);
  CHECK(p.materials.bundle == 3);
  CHECK(p.stages[1].reused_licences == 1);
  CHECK(p.fields.separate == 6);
  CHECK(p.fields.bundle == 3);
  CHECK_FALSE(p.provisional);
}

TEST_CASE("a situation question chooses the promised limit", "[bundle]") {
  const yilu::ItemDef& permit = *test_catalog().item("t_permit");
  CHECK(yilu::promised_days_for(permit, nullptr) == 15);
  const json small = {{"scale", "small"}};
  const json large = {{"scale", "large"}};
  const json odd = {{"scale", "huge"}};
  CHECK(yilu::promised_days_for(permit, &small) == 7);
  CHECK(yilu::promised_days_for(permit, &large) == 15);
  CHECK(yilu::promised_days_for(permit, &odd) == 15);
}

TEST_CASE("plan_bundle through call", "[bundle][call]") {
  yilu::Engine engine;
  REQUIRE_FALSE(engine.load_calendar(yilu::test::calendar_text()));
  REQUIRE_FALSE(engine.load_catalog(yilu::test::read_source_file("tests/fixtures/test-catalog.json")));
  const auto ctx = yilu::context_at(at("2026-06-01T10:00:00+08:00"));
  json r = json::parse(engine.call(R"({"op":"plan_bundle","bundle":"t_bundle"})", ctx));
  CHECK(r["ok"] == true);
  CHECK(r["accepted_at"] == "2026-06-01T10:00:00+08:00");
  CHECK(r["separate"]["workdays"] == 10);
  CHECK(r["bundled"]["workdays"] == 8);
  CHECK(r["reductions"]["workdays"] == 2);
  CHECK(r["reductions"]["submissions"] == 1);
  CHECK(r["stages"][1]["items"][0]["id"] == "t_register");
  r = json::parse(
      engine.call(R"({"op":"plan_bundle","bundle":"t_bundle","accepted_at":"1999-01-01T10:00:00+08:00"})", ctx));
  CHECK(r["error"]["code"] == "date_before_calendar");
  CHECK(r["error"]["path"] == "/accepted_at");
  r = json::parse(engine.call(R"({"op":"plan_bundle","bundle":"nope"})", ctx));
  CHECK(r["error"]["code"] == "unknown_bundle");
}

TEST_CASE("guide: materials resolved for the answers given so far", "[guide]") {
  const yilu::ItemDef& permit = *test_catalog().item("t_permit");
  const auto mats = [&](const json* answers) {
    std::vector<std::string> out;
    const json guide = yilu::service_guide(test_catalog(), permit, answers);
    for (const auto& m : guide["materials"])
      out.push_back(m["id"].get<std::string>() + ":" + m["requirement"].get<std::string>());
    return out;
  };
  const json none = json::object();
  const json small = {{"scale", "small"}};
  const json large = {{"scale", "large"}};
  CHECK(mats(&none) == std::vector<std::string>{"m_plan:required", "m_review:conditional"});
  CHECK(mats(&small) == std::vector<std::string>{"m_plan:required"});
  CHECK(mats(&large) == std::vector<std::string>{"m_plan:required", "m_review:required"});
  const json g = yilu::service_guide(test_catalog(), permit, &small);
  CHECK(g["time_limits"]["promised_days"] == 7);
  CHECK(g["time_limits"]["promised_min"] == 7);
  CHECK(g["time_limits"]["promised_max"] == 15);
  CHECK(g["time_limits"]["legal_days"] == 20);
  CHECK(g["where"]["name"] == "建设项目综合窗口");
  CHECK(g["questions"][0]["answer"] == "small");
  const json cert = yilu::service_guide(test_catalog(), *test_catalog().item("t_cert_issue"), nullptr);
  CHECK(cert["issues"]["name"] == "测试出生证明");
  CHECK(cert["bundles"][0]["id"] == "t_bundle");
  CHECK(cert["bundles"][0]["stage"] == 1);
}
