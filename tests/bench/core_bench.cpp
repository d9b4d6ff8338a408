// Typed core calls (add_workdays, check_id) and the JSON call path beside them.
// Run: scripts/bench.sh core   (a Release build; see docs/PERFORMANCE.md)
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "support/test_files.hpp"
#include "yilu/call.hpp"
#include "yilu/identity.hpp"

namespace {

const yilu::Calendar& calendar() {
  static const yilu::Calendar c = yilu::Calendar::from_json(yilu::test::calendar_text()).value();
  return c;
}

void BM_add_workdays(benchmark::State& state) {
  const yilu::Calendar& cal = calendar();
  // Walk the start date through 2024–2026 so the lookups are not one cached line.
  const std::int32_t first = yilu::date_from_ymd(2024, 1, 1).days;
  std::int32_t i = 0;
  for (auto _ : state) {
    const auto r = cal.add_workdays(yilu::Date{first + (i & 1023)}, 20);
    benchmark::DoNotOptimize(r.ok() ? r.value().date.days : 0);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_add_workdays);

void BM_check_id(benchmark::State& state) {
  const std::vector<std::string> ids = {"11010519491231002X", "460202200002291234", "440305198808084511",
                                        "110105194912310021"};
  const yilu::Date today = yilu::date_from_ymd(2026, 11, 26);
  std::size_t i = 0;
  for (auto _ : state) {
    const auto r = yilu::check_resident_id(ids[i++ & 3], today);
    benchmark::DoNotOptimize(r.reason);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_check_id);

const yilu::Engine& engine() {
  static const yilu::Engine e = [] {
    yilu::Engine x;
    (void)x.load_calendar(yilu::test::calendar_text());
    return x;
  }();
  return e;
}

void BM_call_add_workdays(benchmark::State& state) {
  const auto ctx = yilu::context_at(1780000000);
  const std::string req = R"({"op":"add_workdays","date":"2024-09-27","days":20})";
  for (auto _ : state) benchmark::DoNotOptimize(engine().call(req, ctx));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_call_add_workdays);

void BM_call_check_id(benchmark::State& state) {
  const auto ctx = yilu::context_at(1780000000);
  const std::string req = R"({"op":"check_id","value":"11010519491231002X"})";
  for (auto _ : state) benchmark::DoNotOptimize(engine().call(req, ctx));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_call_check_id);

void BM_calendar_load(benchmark::State& state) {
  const std::string text = yilu::test::calendar_text();
  for (auto _ : state) benchmark::DoNotOptimize(yilu::Calendar::from_json(text).ok());
}
BENCHMARK(BM_calendar_load)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

void BM_catalog_load(benchmark::State& state) {
  const std::string text = yilu::test::read_source_file("core/data/catalog/sanya.json");
  for (auto _ : state) {
    yilu::Engine e;
    benchmark::DoNotOptimize(e.load_catalog(text).has_value());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_catalog_load)->Unit(benchmark::kMillisecond);

}  // namespace
