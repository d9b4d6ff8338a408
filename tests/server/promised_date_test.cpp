// What the resident is promised is what the center supervises: for every item and bundle of
// the sample catalog and every combination of its situation answers, the date the page shows
// (the core op the page calls), the server's due_preview and the task deadline after
// acceptance are the same day.
#include <catch2/catch.hpp>

#include "test_server.hpp"
#include "workflow/actions.hpp"
#include "workflow/deadlines.hpp"

using namespace yilu;
using namespace yilu::server;
using yilu::test::json;
using yilu::test::kTestNow;

namespace {

// Every combination of the questions' options (and "not answered" for each), capped.
std::vector<json> answer_combinations(const std::vector<Question>& questions) {
  std::vector<json> out = {json::object()};
  for (const auto& q : questions) {
    std::vector<json> next;
    for (const auto& base : out) {
      next.push_back(base);
      for (const auto& o : q.options) {
        json a = base;
        a[q.id] = o.value;
        next.push_back(std::move(a));
      }
    }
    out = std::move(next);
    if (out.size() > 512) break;
  }
  return out;
}

Application application_for(const std::string& kind, const std::string& target, const std::vector<std::string>& items,
                            const json& answers) {
  Application a;
  a.id = "YLTEST";
  a.resident_id = "r";
  a.kind = kind;
  a.target_id = target;
  a.stage = kind == "bundle" ? 1 : 0;
  a.items = items;
  a.status = workflow::AppStatus::Submitted;
  a.form = json{{"answers", answers}}.dump();
  return a;
}

// After acceptance at `at` and dispatch: the latest task deadline of the running stage.
std::string task_due_date(const Engine& engine, const Catalog& catalog, Application a, Timestamp at) {
  a.status = workflow::AppStatus::Accepted;
  a.accepted_at = at;
  std::vector<Task> tasks;
  for (const auto& id : workflow::running_items(a, catalog)) {
    Task t;
    t.item_id = id;
    t.stage = a.stage;
    t.started_at = at;
    tasks.push_back(t);
  }
  const auto d = workflow::application_due(engine, a, tasks, at);
  return d ? format_date(d->deadline.due_date) : std::string("none");
}

}  // namespace

TEST_CASE("the page's date, due_preview and the task deadline agree for every item and answer", "[server][deadline]") {
  yilu::test::TestServer ts;
  const auto engine_in_force = ts.app().engine();
  const Engine& engine = *engine_in_force;
  const Catalog& catalog = *ts.app().catalog;
  const Timestamp at = kTestNow;
  const CallContext ctx = context_at(at);
  std::size_t checked = 0;
  for (const ItemDef& item : catalog.items()) {
    for (const json& answers : answer_combinations(item.questions)) {
      INFO(item.id << " " << answers.dump());
      const json page = json::parse(engine.call(
          json{{"op", "deadline"}, {"item", item.id}, {"answers", answers}, {"accepted_at", format_timestamp_cst(at)}}
              .dump(),
          ctx));
      REQUIRE(page.value("ok", false));
      const Application a = application_for("item", item.id, {item.id}, answers);
      const auto preview = workflow::application_due(engine, a, {}, at);
      REQUIRE(preview);
      CHECK(format_date(preview->deadline.due_date) == page["due_date"].get<std::string>());
      CHECK(preview->limit_days == page["limit_days"].get<std::int64_t>());
      CHECK(task_due_date(engine, catalog, a, at) == page["due_date"].get<std::string>());
      ++checked;
    }
  }
  for (const BundleDef& bundle : catalog.bundles()) {
    std::vector<Question> questions;
    std::vector<std::string> items;
    for (const auto& st : bundle.stages)
      for (const auto& id : st.items) {
        items.push_back(id);
        if (const ItemDef* i = catalog.item(id))
          questions.insert(questions.end(), i->questions.begin(), i->questions.end());
      }
    for (const json& answers : answer_combinations(questions)) {
      INFO(bundle.id << " " << answers.dump());
      // The page shows the plan's first stage (what the clerk's acceptance starts).
      const json plan = json::parse(engine.call(json{{"op", "plan_bundle"},
                                                     {"bundle", bundle.id},
                                                     {"answers", answers},
                                                     {"accepted_at", format_timestamp_cst(at)}}
                                                    .dump(),
                                                ctx));
      REQUIRE(plan.value("ok", false));
      const std::string first = plan["stages"][0]["due_date"].get<std::string>();
      const Application a = application_for("bundle", bundle.id, items, answers);
      const auto preview = workflow::application_due(engine, a, {}, at);
      REQUIRE(preview);
      CHECK(format_date(preview->deadline.due_date) == first);
      CHECK(task_due_date(engine, catalog, a, at) == first);
      ++checked;
    }
  }
  CHECK(checked > catalog.items().size());
}

TEST_CASE("a 划拨 building-land permit is promised, previewed and supervised on 7 working days", "[server][deadline]") {
  yilu::test::TestServer ts;
  const ItemDef* item = ts.app().catalog->item("land_use_planning_permit");
  REQUIRE(item);
  const std::string resident = ts.resident("13800001111", "11010519491231002X", "张三");
  json body = item->example["application"];
  body["kind"] = "item";
  body["target_id"] = item->id;
  body["answers"] = {{"land_case", "allocated_simple"}};
  // The example is a 出让 case: a 划拨 one files the allocation decision instead of the contract.
  if (body["materials"].contains("land_contract")) {
    body["materials"]["allocation_decision"] = body["materials"]["land_contract"];
    body["materials"].erase("land_contract");
  }
  // Example files name uploads the server never saw: upload one PDF per file material.
  if (body.contains("materials")) {
    for (auto it = body["materials"].begin(); it != body["materials"].end(); ++it) {
      if (!it->is_object() || it->value("by", std::string()) != "file") continue;
      auto up = ts.upload(resident, yilu::test::sample_pdf(it.key()), it.key() + ".pdf");
      REQUIRE(up.status == 201);
      (*it)["files"] = json::array({{{"upload", up.body["upload"]["id"]}}});
    }
  }
  // The red-line map as an AutoCAD drawing: a type the material accepts and the sniffer knows.
  auto dwg = ts.upload(resident, yilu::test::sample_dwg(), "红线图.dwg", item->id, "boundary_map");
  INFO(dwg.text);
  REQUIRE(dwg.status == 201);
  CHECK(dwg.body["upload"]["kind"] == "dwg");
  CHECK(dwg.body["upload"]["content_type"] == "image/vnd.dwg");
  body["materials"]["boundary_map"] = {{"by", "file"},
                                       {"files", json::array({{{"upload", dwg.body["upload"]["id"]}}})}};
  auto sent = ts.post("/api/v1/applications", body, resident);
  INFO(sent.text);
  REQUIRE(sent.status == 201);
  const json& preview = sent.body["application"]["due_preview"];
  CHECK(preview["limit_days"] == 7);
  const json page = json::parse(ts.app().engine()->call(json{{"op", "deadline"},
                                                             {"item", item->id},
                                                             {"answers", body["answers"]},
                                                             {"accepted_at", format_timestamp_cst(kTestNow)}}
                                                            .dump(),
                                                        context_at(kTestNow)));
  CHECK(preview["due_date"] == page["due_date"]);

  const std::string id = sent.body["application"]["id"];
  const std::string clerk = ts.staff("clerk-land", "clerk", item->window);
  REQUIRE(ts.post("/api/v1/staff/applications/" + id + "/accept", json::object(), clerk).status == 200);
  auto dispatched = ts.post("/api/v1/staff/applications/" + id + "/dispatch", json::object(), clerk);
  REQUIRE(dispatched.status == 200);
  const json& task = dispatched.body["application"]["tasks"][0];
  CHECK(task["deadline"]["limit_days"] == 7);
  CHECK(task["deadline"]["due_date"] == page["due_date"]);
  CHECK(dispatched.body["application"]["deadline"]["due_date"] == page["due_date"]);
}
