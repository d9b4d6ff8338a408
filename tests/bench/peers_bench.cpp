// The native side of the side-by-side comparison: the same inputs the JS peers get
// (tests/bench/peer_inputs.json, tests/fixtures/birth-bundle-application.json), typed and
// through the JSON call. tests/bench/js/peers.mjs measures wasm and the npm peers on them;
// tests/bench/js/report.mjs puts both in one table. Run: scripts/bench.sh peers
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/call.hpp"
#include "yilu/identity.hpp"

namespace {

using nlohmann::json;

struct Inputs {
  std::vector<yilu::Date> dates;
  std::vector<std::string> date_requests;
  std::vector<std::string> ids;
  std::vector<std::string> id_requests;
  std::int64_t days = 0;
  std::string validate_request;
  yilu::Calendar calendar;
  yilu::Engine engine;
};

const Inputs& inputs() {
  static const Inputs in = [] {
    const json doc = json::parse(yilu::test::read_source_file("tests/bench/peer_inputs.json"));
    Inputs x{{},
             {},
             {},
             {},
             doc["days"].get<std::int64_t>(),
             {},
             yilu::Calendar::from_json(yilu::test::calendar_text()).value(),
             {}};
    for (const auto& d : doc["dates"]) {
      x.dates.push_back(*yilu::parse_date(d.get<std::string>()));
      x.date_requests.push_back(json{{"op", "add_workdays"}, {"date", d}, {"days", x.days}}.dump());
    }
    for (const auto& id : doc["ids"]) {
      x.ids.push_back(id.get<std::string>());
      x.id_requests.push_back(json{{"op", "check_id"}, {"value", id}}.dump());
    }
    json v = json::parse(yilu::test::read_source_file("tests/fixtures/birth-bundle-application.json"));
    v.erase("_comment");
    x.validate_request = v.dump();
    if (x.engine.load_calendar(yilu::test::calendar_text()) ||
        x.engine.load_catalog(yilu::test::read_source_file("core/data/catalog/sanya.json")))
      std::abort();
    return x;
  }();
  return in;
}

const yilu::CallContext& ctx() {
  static const yilu::CallContext c = yilu::context_at(1795658400);  // 2026-11-26T10:00:00+08:00
  return c;
}

void BM_peer_add_workdays_typed(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto r = in.calendar.add_workdays(in.dates[i++ & 1023], in.days);
    benchmark::DoNotOptimize(r.ok() ? r.value().date.days : 0);
  }
}
BENCHMARK(BM_peer_add_workdays_typed);

void BM_peer_add_workdays_json(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(in.engine.call(in.date_requests[i++ & 1023], ctx()));
}
BENCHMARK(BM_peer_add_workdays_json);

void BM_peer_check_id_typed(benchmark::State& state) {
  const Inputs& in = inputs();
  const yilu::Date today = yilu::date_from_ymd(2026, 11, 26);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(yilu::check_resident_id(in.ids[i++ & 255], today).reason);
}
BENCHMARK(BM_peer_check_id_typed);

void BM_peer_check_id_json(benchmark::State& state) {
  const Inputs& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(in.engine.call(in.id_requests[i++ & 255], ctx()));
}
BENCHMARK(BM_peer_check_id_json);

void BM_peer_validate_json(benchmark::State& state) {
  const Inputs& in = inputs();
  for (auto _ : state) benchmark::DoNotOptimize(in.engine.call(in.validate_request, ctx()));
}
BENCHMARK(BM_peer_validate_json);

}  // namespace
