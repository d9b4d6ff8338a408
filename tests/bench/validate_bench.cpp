// Validation of a complete 出生一件事 application: the rules alone on an already
// parsed application, and the whole JSON call (parse, rules, serialize) beside it.
// Run: scripts/bench.sh validate, or build the target yilu_bench_validate in a Release build
// and run it with --benchmark_repetitions=10 --benchmark_report_aggregates_only=true
// (numbers in docs/PERFORMANCE.md, "Validation").
#include <benchmark/benchmark.h>

#include <string>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/call.hpp"
#include "yilu/catalog.hpp"
#include "yilu/validation.hpp"

namespace {

struct Fixture {
  yilu::Catalog catalog;
  nlohmann::json request;
  std::string request_text;
  yilu::Engine engine;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    const std::string catalog_text = yilu::test::read_source_file("core/data/catalog/sanya.json");
    Fixture out{*yilu::Catalog::from_json(catalog_text).catalog, {}, {}, {}};
    out.request = nlohmann::json::parse(yilu::test::read_source_file("tests/fixtures/birth-bundle-application.json"));
    out.request.erase("_comment");
    out.request_text = out.request.dump();
    if (out.engine.load_calendar(yilu::test::calendar_text()) || out.engine.load_catalog(catalog_text)) std::abort();
    return out;
  }();
  return f;
}

void BM_validate_bundle_rules(benchmark::State& state) {
  const Fixture& f = fixture();
  const yilu::BundleDef& birth = *f.catalog.bundle("birth");
  const nlohmann::json& app = f.request["application"];
  const yilu::Date as_of = yilu::date_from_ymd(2026, 11, 26);
  for (auto _ : state) {
    const yilu::ValidationReport r = yilu::validate_bundle(f.catalog, birth, app, as_of);
    if (r.verdict == yilu::Verdict::NotAcceptable) state.SkipWithError("the fixture should validate");
    benchmark::DoNotOptimize(r.materials.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_validate_bundle_rules);

void BM_validate_bundle_call(benchmark::State& state) {
  const Fixture& f = fixture();
  const yilu::CallContext ctx = yilu::context_at(*yilu::parse_timestamp("2026-11-26T10:00:00+08:00"));
  for (auto _ : state) {
    const std::string out = f.engine.call(f.request_text, ctx);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_validate_bundle_call);

void BM_validate_item_rules(benchmark::State& state) {
  const Fixture& f = fixture();
  const yilu::ItemDef& item = *f.catalog.item("birth_household_registration");
  const nlohmann::json& app = item.example["application"];
  const yilu::Date as_of = yilu::date_from_ymd(2026, 11, 26);
  for (auto _ : state) {
    const yilu::ValidationReport r = yilu::validate_item(f.catalog, item, app, as_of);
    benchmark::DoNotOptimize(r.materials.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_validate_item_rules);

}  // namespace
