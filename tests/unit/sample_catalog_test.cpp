// The shipped sample catalog (core/data/catalog/sanya.json): it lints clean, every item's
// example application validates, and the birth bundle reproduces the reported figures through
// the core's own computation. Asserts on properties the data promises, not on its every value.
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/bundle.hpp"
#include "yilu/catalog.hpp"
#include "yilu/validation.hpp"

using nlohmann::json;

namespace {

std::string sample_text() { return yilu::test::read_source_file("core/data/catalog/sanya.json"); }

const yilu::Catalog& sample() {
  static const yilu::Catalog c = *yilu::Catalog::from_json(sample_text()).catalog;
  return c;
}

const yilu::Calendar& calendar() {
  static const yilu::Calendar c = yilu::Calendar::from_json(yilu::test::calendar_text()).value();
  return c;
}

}  // namespace

TEST_CASE("the sample catalog lints clean", "[sample][lint]") {
  const auto problems = yilu::lint_catalog(sample_text());
  std::string text;
  for (const auto& p : problems) text += p.path + " " + p.code + " " + p.message + "\n";
  INFO(text);
  CHECK(problems.empty());
}

TEST_CASE("every item's example application validates", "[sample]") {
  for (const auto& item : sample().items()) {
    INFO(item.id);
    REQUIRE(item.example.contains("application"));
    const auto as_of = yilu::parse_date(item.example["as_of"].get<std::string>());
    REQUIRE(as_of);
    const auto r = yilu::validate_item(sample(), item, item.example["application"], *as_of);
    for (const auto& p : r.problems) UNSCOPED_INFO(p.path << " " << p.code);
    CHECK(r.problems.empty());
    CHECK(r.verdict != yilu::Verdict::NotAcceptable);
  }
}

TEST_CASE("the sample catalog has the shape the issue asks for", "[sample]") {
  const yilu::Catalog& c = sample();
  CHECK(c.departments().size() >= 15);
  CHECK(c.items().size() >= 40);
  std::set<std::string> comprehensive;
  for (const auto& w : c.windows())
    if (w.kind == "comprehensive") comprehensive.insert(w.name);
  CHECK(comprehensive == std::set<std::string>{"建设项目综合窗口", "社会民生综合窗口", "人才平台综合窗口"});
  for (const char* b : {"birth", "business_startup", "construction_project"}) CHECK(c.bundle(b));
  const yilu::ItemDef* land = c.item("land_use_planning_permit");
  REQUIRE(land);
  CHECK(land->name == "建设用地规划许可证核发");
  CHECK_FALSE(land->promised_by.empty());
  std::int64_t lo = land->promised_days, hi = 0;
  for (const auto& o : land->promised_options) {
    lo = std::min(lo, o.second);
    hi = std::max(hi, o.second);
  }
  CHECK(lo == 7);  // reported: from a month to 7–15 days
  CHECK(hi == 15);
  for (const auto& item : c.items()) {
    INFO(item.id);
    CHECK((item.source == "reported" || item.source == "illustrative"));
  }
}

TEST_CASE("the birth bundle reproduces the reported 36 vs 11 working days and 2 submissions",
          "[sample][bundle][acceptance]") {
  const yilu::BundleDef& birth = *sample().bundle("birth");
  REQUIRE(birth.reported.set);
  const auto r =
      yilu::plan_bundle(sample(), calendar(), birth, *yilu::parse_timestamp("2026-03-02T09:00:00+08:00"), nullptr);
  REQUIRE(r.ok());
  const yilu::BundlePlan& p = r.value();
  // Computed from the items' limits and the stages; compared with the figures as reported.
  CHECK(p.workdays.separate == birth.reported.separate_workdays);
  CHECK(p.workdays.bundle == birth.reported.bundle_workdays);
  CHECK(p.submissions.bundle == birth.reported.submissions);
  CHECK(p.workdays.separate == 36);
  CHECK(p.workdays.bundle == 11);
  CHECK(p.submissions.bundle == 2);
  CHECK(p.materials.bundle < p.materials.separate);
  CHECK(p.steps.bundle == static_cast<std::int64_t>(birth.stages.size()));
  // 11 working days after Monday 2026-03-02, no holiday in between: Tuesday 2026-03-17.
  CHECK(yilu::format_date(p.due_date) == "2026-03-17");
}
