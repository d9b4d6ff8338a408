// One rule for an item's limit and deadline: the `deadline` op with `item` gives the due date of
// compute_deadline(item_deadline_input) for every item and every situation of both catalogs,
// and the errors of mixing an item with a hand-given limit.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/call.hpp"
#include "yilu/catalog.hpp"
#include "yilu/item_deadline.hpp"

using nlohmann::json;

namespace {

constexpr const char* kAccepted = "2026-06-01T10:00:00+08:00";

const yilu::Calendar& calendar() {
  static const yilu::Calendar c = yilu::Calendar::from_json(yilu::test::calendar_text()).value();
  return c;
}

yilu::Engine engine_with(const std::string& catalog_path) {
  yilu::Engine e;
  REQUIRE_FALSE(e.load_calendar(yilu::test::calendar_text()));
  REQUIRE_FALSE(e.load_catalog(yilu::test::read_source_file(catalog_path)));
  return e;
}

// Every item, answered with each option of its promised_days_by question and not at all.
void check_every_situation(const std::string& catalog_path) {
  const yilu::Engine engine = engine_with(catalog_path);
  const yilu::Catalog& catalog = *engine.catalog();
  const auto ctx = yilu::context_at(*yilu::parse_timestamp(kAccepted));
  std::size_t checked = 0;
  for (const yilu::ItemDef& item : catalog.items()) {
    std::vector<json> situations = {json(nullptr)};
    for (const auto& q : item.questions)
      if (q.id == item.promised_by)
        for (const auto& o : q.options) situations.push_back(json{{q.id, o.value}});
    for (const json& answers : situations) {
      INFO(catalog_path << " " << item.id << " " << answers.dump());
      const json* a = answers.is_null() ? nullptr : &answers;
      const yilu::DeadlineInput in = item_deadline_input(catalog, item, a, *yilu::parse_timestamp(kAccepted));
      CHECK(in.limit_days == yilu::promised_days_for(item, a));
      CHECK(in.counts_acceptance_day == item.counts_acceptance_day);
      const yilu::Department* d = catalog.department(item.department);
      CHECK(in.region == (d ? d->region : std::string()));
      const auto due = yilu::compute_deadline(calendar(), in, ctx.now);
      REQUIRE(due.ok());
      json request = {{"op", "deadline"}, {"item", item.id}, {"accepted_at", kAccepted}};
      if (a) request["answers"] = answers;
      const json r = json::parse(engine.call(request.dump(), ctx));
      REQUIRE(r["ok"] == true);
      CHECK(r["due_date"] == yilu::format_date(due.value().due_date));
      CHECK(r["limit_days"] == in.limit_days);
      ++checked;
    }
  }
  CHECK(checked > catalog.items().size());  // some item has situation-dependent limits
}

}  // namespace

TEST_CASE("deadline with an item: the op and item_deadline_input agree for every item and situation",
          "[deadline][item]") {
  check_every_situation("tests/fixtures/test-catalog.json");
  check_every_situation("core/data/catalog/sanya.json");
}

TEST_CASE("the land-use planning permit's limit follows the land case", "[deadline][item][sample]") {
  const yilu::Engine engine = engine_with("core/data/catalog/sanya.json");
  const auto ctx = yilu::context_at(*yilu::parse_timestamp(kAccepted));
  const yilu::ItemDef* land = engine.catalog()->item("land_use_planning_permit");
  REQUIRE(land);
  REQUIRE(land->name == "建设用地规划许可证核发");
  const auto limit = [&](const char* answer) {
    json request = {{"op", "deadline"}, {"item", land->id}, {"accepted_at", kAccepted}};
    if (answer) request["answers"] = {{land->promised_by, answer}};
    const json r = json::parse(engine.call(request.dump(), ctx));
    return std::make_pair(r["limit_days"].get<std::int64_t>(), r["due_date"].get<std::string>());
  };
  CHECK(limit("allocated_simple").first == 7);  // 划拨
  CHECK(limit("transfer").first == 10);         // 出让
  CHECK(limit("complex").first == 15);
  CHECK(limit(nullptr).first == 15);  // not answered yet: the longest
  CHECK(limit("allocated_simple").second < limit("transfer").second);
  CHECK(limit("transfer").second < limit("complex").second);
}

TEST_CASE("deadline with an item refuses a second source for the limit", "[deadline][item]") {
  const yilu::Engine engine = engine_with("tests/fixtures/test-catalog.json");
  const auto ctx = yilu::context_at(*yilu::parse_timestamp(kAccepted));
  const auto error = [&](const json& request) {
    const json r = json::parse(engine.call(request.dump(), ctx));
    REQUIRE(r["ok"] == false);
    return std::make_pair(r["error"]["code"].get<std::string>(), r["error"].value("path", std::string()));
  };
  const json base = {{"op", "deadline"}, {"item", "t_permit"}, {"accepted_at", kAccepted}};
  json with = base;
  with["limit_days"] = 7;
  CHECK(error(with) == std::make_pair(std::string("item_and_limit"), std::string("/limit_days")));
  with = base;
  with["region"] = "hainan";
  CHECK(error(with) == std::make_pair(std::string("item_and_limit"), std::string("/region")));
  with = base;
  with["counts_acceptance_day"] = true;
  CHECK(error(with) == std::make_pair(std::string("item_and_limit"), std::string("/counts_acceptance_day")));
  with = base;
  with["item"] = "nope";
  CHECK(error(with) == std::make_pair(std::string("unknown_item"), std::string("/item")));
  with = base;
  with["answers"] = "small";
  CHECK(error(with) == std::make_pair(std::string("wrong_type"), std::string("/answers")));
  const json by_hand = {
      {"op", "deadline"}, {"limit_days", 7}, {"answers", {{"scale", "small"}}}, {"accepted_at", kAccepted}};
  CHECK(error(by_hand) == std::make_pair(std::string("answers_without_item"), std::string("/answers")));

  yilu::Engine no_catalog;
  REQUIRE_FALSE(no_catalog.load_calendar(yilu::test::calendar_text()));
  const json r = json::parse(no_catalog.call(base.dump(), ctx));
  CHECK(r["error"]["code"] == "catalog_not_loaded");
}

TEST_CASE("deadline by hand still answers without limit_days in the response", "[deadline]") {
  const yilu::Engine engine = engine_with("tests/fixtures/test-catalog.json");
  const auto ctx = yilu::context_at(*yilu::parse_timestamp(kAccepted));
  const json r =
      json::parse(engine.call(R"({"op":"deadline","limit_days":7,"accepted_at":"2026-06-01T10:00:00+08:00"})", ctx));
  CHECK(r["due_date"] == "2026-06-10");
  CHECK_FALSE(r.contains("limit_days"));
}
