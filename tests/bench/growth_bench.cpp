// How the core's cost grows with the work: validation against the catalog's size
// (10 to 10,000 items) and against the application's size (fields, repeated groups), and
// bundle planning against the number of stages and of items per stage. Every case goes
// through Engine::call, JSON in and out, as the page and the server call it.
// Synthetic catalogs are built from the sample catalog (core/data/catalog/sanya.json) by
// cloning its items under new ids. Run: scripts/bench.sh growth (see docs/PERFORMANCE.md,
// "Side by side and growth").
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/call.hpp"

namespace {

using nlohmann::json;

const json& base_catalog() {
  static const json c = json::parse(yilu::test::read_source_file("core/data/catalog/sanya.json"));
  return c;
}

const json& base_item(const std::string& id) {
  for (const json& it : base_catalog()["items"])
    if (it["id"] == id) return it;
  std::fprintf(stderr, "growth bench: no item %s in the sample catalog\n", id.c_str());
  std::abort();
}

// A loaded engine per synthetic catalog; a catalog that does not load is a bench bug.
std::unique_ptr<yilu::Engine> engine_for(const json& catalog) {
  auto e = std::make_unique<yilu::Engine>();
  if (e->load_calendar(yilu::test::calendar_text())) std::abort();
  if (auto err = e->load_catalog(catalog.dump())) {
    std::fprintf(stderr, "growth bench: synthetic catalog refused: %s %s\n", err->code.c_str(), err->path.c_str());
    std::abort();
  }
  return e;
}

// `n` items: the measured item first, then clones of the sample's items under new ids.
// Bundles are dropped (they name the original items).
json catalog_with_items(std::size_t n) {
  json c = base_catalog();
  const json& items = base_catalog()["items"];
  json out = json::array({base_item("birth_household_registration")});
  for (std::size_t k = 0; out.size() < n; ++k) {
    json it = items[k % items.size()];
    it["id"] = "x" + std::to_string(k) + "_" + it["id"].get<std::string>();
    out.push_back(std::move(it));
  }
  c["items"] = std::move(out);
  c["bundles"] = json::array();
  return c;
}

std::string validate_item_request(const json& application) {
  return json{{"op", "validate"},
              {"item", "birth_household_registration"},
              {"as_of", "2026-11-26"},
              {"application", application}}
      .dump();
}

const yilu::CallContext& ctx() {
  static const yilu::CallContext c = yilu::context_at(1795658400);  // 2026-11-26T10:00:00+08:00
  return c;
}

// Fails the benchmark unless the core accepted the application (an error would be cheap).
bool acceptable(const std::string& out) { return out.find("\"verdict\":\"acceptable") != std::string::npos; }

void BM_validate_vs_catalog_items(benchmark::State& state) {
  static std::map<std::int64_t, std::unique_ptr<yilu::Engine>> engines;
  auto& e = engines[state.range(0)];
  if (!e) e = engine_for(catalog_with_items(static_cast<std::size_t>(state.range(0))));
  const std::string req = validate_item_request(base_item("birth_household_registration")["example"]["application"]);
  if (!acceptable(e->call(req, ctx()))) state.SkipWithError(e->call(req, ctx()).c_str());
  for (auto _ : state) benchmark::DoNotOptimize(e->call(req, ctx()));
  state.counters["items"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_validate_vs_catalog_items)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

// The measured item with `fields` extra optional text fields (all filled in) and its newborn
// group repeated `groups` times (the catalog caps a group at 100 entries and the core an
// application at 500 fields).
struct SizedCase {
  std::unique_ptr<yilu::Engine> engine;
  std::string request;
};

SizedCase sized_case(std::int64_t fields, std::int64_t groups) {
  json c = base_catalog();
  json item = base_item("birth_household_registration");
  json app = item["example"]["application"];
  for (json& f : item["fields"])
    if (f["id"] == "newborns") f["max_items"] = 100;
  for (std::int64_t i = 0; i < fields; ++i) {
    const std::string id = "extra_" + std::to_string(i);
    item["fields"].push_back(
        {{"id", id}, {"label", "附加信息"}, {"type", "text"}, {"required", false}, {"max_length", 50}});
    app["fields"][id] = "三亚市吉阳区迎宾路 " + std::to_string(i) + " 号";
  }
  const json child = app["fields"]["newborns"][0];
  app["fields"]["newborns"] = json::array();
  for (std::int64_t g = 0; g < groups; ++g) app["fields"]["newborns"].push_back(child);
  item.erase("example");
  for (json& it : c["items"])
    if (it["id"] == "birth_household_registration") it = item;
  return {engine_for(c), validate_item_request(app)};
}

void run_sized(benchmark::State& state, std::int64_t fields, std::int64_t groups) {
  static std::map<std::pair<std::int64_t, std::int64_t>, SizedCase> cases;
  auto& sc = cases[{fields, groups}];
  if (!sc.engine) sc = sized_case(fields, groups);
  const std::string first = sc.engine->call(sc.request, ctx());
  if (!acceptable(first)) state.SkipWithError(first.c_str());
  for (auto _ : state) benchmark::DoNotOptimize(sc.engine->call(sc.request, ctx()));
  state.counters["request_bytes"] = static_cast<double>(sc.request.size());
}

void BM_validate_vs_fields(benchmark::State& state) {
  run_sized(state, state.range(0), 1);
  state.counters["fields"] = static_cast<double>(state.range(0) + 7);  // the item's own 7 + extra
}
BENCHMARK(BM_validate_vs_fields)->Arg(0)->Arg(10)->Arg(100)->Arg(400)->Unit(benchmark::kMicrosecond);

void BM_validate_vs_group_entries(benchmark::State& state) {
  run_sized(state, 0, state.range(0));
  state.counters["entries"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_validate_vs_group_entries)->Arg(1)->Arg(4)->Arg(16)->Arg(100)->Unit(benchmark::kMicrosecond);

// A bundle of `stages` stages with `per_stage` items each, all distinct (clones).
std::unique_ptr<yilu::Engine> bundle_engine(std::int64_t stages, std::int64_t per_stage) {
  json c = catalog_with_items(static_cast<std::size_t>(stages * per_stage + 1));
  json st = json::array();
  std::size_t next = 1;
  for (std::int64_t s = 0; s < stages; ++s) {
    json ids = json::array();
    for (std::int64_t i = 0; i < per_stage; ++i) ids.push_back(c["items"][next++]["id"]);
    st.push_back({{"name", "第 " + std::to_string(s + 1) + " 阶段"}, {"items", ids}});
  }
  c["bundles"] = json::array({{{"id", "synthetic"},
                               {"name", "合成一件事"},
                               {"window", c["items"][0]["window"]},
                               {"description", "增长测量"},
                               {"stages", st}}});
  return engine_for(c);
}

void run_plan(benchmark::State& state, std::int64_t stages, std::int64_t per_stage) {
  static std::map<std::pair<std::int64_t, std::int64_t>, std::unique_ptr<yilu::Engine>> engines;
  auto& e = engines[{stages, per_stage}];
  if (!e) e = bundle_engine(stages, per_stage);
  const std::string req = R"({"op":"plan_bundle","bundle":"synthetic","accepted_at":"2026-11-26T10:00:00+08:00"})";
  const std::string first = e->call(req, ctx());
  if (first.find("\"ok\":true") == std::string::npos) state.SkipWithError(first.c_str());
  for (auto _ : state) benchmark::DoNotOptimize(e->call(req, ctx()));
  state.counters["stages"] = static_cast<double>(stages);
  state.counters["items"] = static_cast<double>(stages * per_stage);
}

void BM_plan_vs_stages(benchmark::State& state) { run_plan(state, state.range(0), 3); }
BENCHMARK(BM_plan_vs_stages)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Arg(16)->Arg(32)->Unit(benchmark::kMicrosecond);

void BM_plan_vs_items_per_stage(benchmark::State& state) { run_plan(state, 3, state.range(0)); }
BENCHMARK(BM_plan_vs_items_per_stage)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Arg(16)->Arg(32)->Unit(benchmark::kMicrosecond);

// Loading the catalog itself (once per process / page) against its size, for scale.
void BM_catalog_load_vs_items(benchmark::State& state) {
  const std::string text = catalog_with_items(static_cast<std::size_t>(state.range(0))).dump();
  yilu::Engine e;
  for (auto _ : state) benchmark::DoNotOptimize(e.load_catalog(text));
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_catalog_load_vs_items)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
