// The catalog's rules for what follows a submission: whose ID a personal item is filed under
// (实名, 代办), when a deferred material is due (容缺, 5 working days unless the item says) and
// when a commitment is checked (告知承诺 核查), a material supplied after acceptance checked by
// the same rules as within an application, and the catalog keys that carry them.
#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/applicant.hpp"
#include "yilu/calendar.hpp"
#include "yilu/catalog.hpp"
#include "yilu/guide.hpp"
#include "yilu/item_deadline.hpp"
#include "yilu/validation.hpp"

using nlohmann::json;

namespace {

const yilu::Catalog& sample() {
  static const yilu::CatalogLoad load =
      yilu::Catalog::from_json(yilu::test::read_source_file("core/data/catalog/sanya.json"));
  REQUIRE(load.catalog);
  return *load.catalog;
}

const yilu::Calendar& calendar() {
  static const yilu::Calendar c = yilu::Calendar::from_json(yilu::test::calendar_text()).value();
  return c;
}

const yilu::ItemDef& item(const std::string& id) {
  const yilu::ItemDef* i = sample().item(id);
  REQUIRE(i);
  return *i;
}

const yilu::Date kToday = *yilu::parse_date("2026-12-02");

std::vector<std::string> codes(const std::vector<yilu::Problem>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.code + " " + p.path);
  return out;
}

}  // namespace

TEST_CASE("the applicant of a personal item is the resident unless the item allows 代办", "[applicant]") {
  const std::vector<const yilu::ItemDef*> renewal = {&item("id_card_renewal")};
  const json own = {{"applicant_id", "460202198805123338"}};
  CHECK(yilu::check_applicant(renewal, own, "460202198805123338", kToday).match == yilu::ApplicantMatch::Self);
  // A lowercase x is the same ID.
  const auto x = yilu::check_applicant({&item("birth_medical_certificate")}, json{{"mother_id", "46020319950315122x"}},
                                       "46020319950315122X", kToday);
  CHECK(x.match == yilu::ApplicantMatch::Self);
  const auto other = yilu::check_applicant(renewal, own, "11010519491231002X", kToday);
  CHECK(other.match == yilu::ApplicantMatch::Other);
  CHECK_FALSE(other.proxy_allowed);
  CHECK(other.field == "applicant_id");
  CHECK(other.principal_id == "460202198805123338");
  const auto senior = yilu::check_applicant({&item("senior_allowance")}, json{{"senior_id", "460203194106040363"}},
                                            "11010519491231002X", kToday);
  CHECK(senior.match == yilu::ApplicantMatch::Other);
  CHECK(senior.proxy_allowed);
  // Either parent may file the birth bundle's items; an enterprise's item has no such rule.
  const auto* birth = sample().bundle("birth");
  REQUIRE(birth);
  std::vector<const yilu::ItemDef*> birth_items;
  for (const auto& st : birth->stages)
    for (const auto& id : st.items) birth_items.push_back(sample().item(id));
  const json parents = {{"mother_id", "46020319950315122X"}, {"father_id", "460203199307084576"}};
  CHECK(yilu::check_applicant(birth_items, parents, "460203199307084576", kToday).match == yilu::ApplicantMatch::Self);
  CHECK(yilu::check_applicant({&item("project_filing")}, json::object(), "", kToday).match ==
        yilu::ApplicantMatch::NotPersonal);
  // No ID given at all: someone else's application, named by its first applicant field.
  const auto empty = yilu::check_applicant(renewal, json::object(), "460202198805123338", kToday);
  CHECK(empty.match == yilu::ApplicantMatch::Other);
  CHECK(empty.field == "applicant_id");
}

TEST_CASE("a deferred material is due deferral_days working days after acceptance; a check check_days after issue",
          "[deadline]") {
  const yilu::ItemDef& unemployment = item("unemployment_registration");
  CHECK(unemployment.deferral_days == 5);
  // Accepted Wednesday 2026-09-23 (the day itself not counted): Thu 24, then 中秋 (25–27),
  // Mon 28, Tue 29, Wed 30, then 国庆 (10-01..07): the fifth working day is Thu 2026-10-08.
  const auto accepted = *yilu::parse_timestamp("2026-09-23T10:00:00+08:00");
  const auto in = yilu::deferral_deadline_input(sample(), unemployment, accepted);
  CHECK(in.limit_days == 5);
  CHECK_FALSE(in.counts_acceptance_day);
  const auto d = yilu::compute_deadline(calendar(), in, accepted);
  REQUIRE(d.ok());
  CHECK(yilu::format_date(d.value().due_date) == "2026-10-08");

  const yilu::ItemDef& permit = item("residence_permit");
  const auto check = yilu::check_deadline_input(sample(), permit, accepted);
  CHECK(check.limit_days == permit.check_days);
  CHECK(check.limit_days == 20);
}

TEST_CASE("a material supplied after acceptance is checked as within an application", "[validation]") {
  const yilu::ItemDef& unemployment = item("unemployment_registration");
  const auto* proof = &*std::find_if(unemployment.materials.begin(), unemployment.materials.end(),
                                     [](const yilu::MaterialDef& m) { return m.id == "termination_proof"; });
  const json good = {{"by", "file"}, {"files", json::array({{{"type", "pdf"}, {"bytes", 1000}}})}};
  CHECK(yilu::validate_supply(sample(), *proof, good, kToday, "").problems.empty());
  const json none = {{"by", "file"}, {"files", json::array()}};
  CHECK(codes(yilu::validate_supply(sample(), *proof, none, kToday, "").problems) ==
        std::vector<std::string>{"material.no_files /files"});
  const json huge = {{"by", "file"}, {"files", json::array({{{"type", "dwg"}, {"bytes", 1LL << 40}}})}};
  const auto r = yilu::validate_supply(sample(), *proof, huge, kToday, "/x");
  CHECK(r.verdict == yilu::Verdict::NotAcceptable);
  CHECK(codes(r.problems) ==
        std::vector<std::string>{"material.file_type /x/files/0/type", "material.too_large /x/files/0/bytes"});
}

TEST_CASE("catalog keys for follow-ups: defaults, the commitment text and the applicant fields", "[catalog]") {
  // The shipped text, or the standard one naming the item.
  CHECK(yilu::commitment_text(item("residence_permit")).find("居住证") != std::string::npos);
  CHECK(item("project_filing").instant);
  CHECK_FALSE(item("id_card_renewal").instant);
  yilu::ItemDef bare = item("residence_permit");
  bare.commitment_text.clear();
  CHECK(yilu::commitment_text(bare).find("“居住证办理”") != std::string::npos);

  json cat = json::parse(yilu::test::read_source_file("tests/fixtures/test-catalog.json"));
  json& first = cat["items"][0];
  first["applicant"] = {{"fields", json::array({"no_such_field"})}, {"proxy", "yes"}};
  first["deferral_days"] = 0;
  first["commitment"] = {{"text", ""}, {"check_days", 20}, {"extra", 1}};
  const auto load = yilu::Catalog::from_json(cat.dump());
  const auto got = codes(load.problems);
  const auto has = [&](const std::string& s) { return std::find(got.begin(), got.end(), s) != got.end(); };
  CHECK(has("catalog.unknown_reference /items/0/applicant/fields/0"));
  CHECK(has("catalog.wrong_type /items/0/applicant/proxy"));
  CHECK(has("catalog.bad_value /items/0/deferral_days"));
  CHECK(has("catalog.wrong_type /items/0/commitment/text"));
  CHECK(has("catalog.unknown_key /items/0/commitment/extra"));
}
