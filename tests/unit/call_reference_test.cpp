// Engine::call (its own reader and writer) against detail::call_reference (nlohmann's parse, the
// same ops): identical bytes for every request of the shared vectors, the birth-bundle
// application, and many damaged and reshaped copies of them (keys reordered or repeated, values
// swapped for other kinds, bytes changed, cut short).
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include <nlohmann/json.hpp>

#include "detail/call_reference.hpp"
#include "support/test_files.hpp"
#include "support/vector_engine.hpp"

using nlohmann::json;

namespace {

struct Case {
  const yilu::Engine* engine;
  yilu::CallContext ctx;
  std::string request;
};

void same_bytes(const yilu::Engine& engine, const std::string& request, const yilu::CallContext& ctx) {
  INFO(request.substr(0, 400));
  REQUIRE(engine.call(request, ctx) == yilu::detail::call_reference(engine, request, ctx));
}

// A random value of any kind, for replacing a member.
json other_value(std::mt19937& rng) {
  static const json kValues = json::parse(R"([null, true, false, 0, -1, 1.5, 1e300, 18446744073709551615,
    "", "x", "2026-02-30", "11010519491231002X", [], [1, "a"], {}, {"by": "file"}, {"op": "validate"}])");
  return kValues[std::uniform_int_distribution<std::size_t>(0, kValues.size() - 1)(rng)];
}

// A copy of `v` with one member somewhere replaced, removed or added.
void reshape(json& v, std::mt19937& rng) {
  json* at = &v;
  for (int depth = 0; depth < 4 && at->is_structured() && !at->empty(); ++depth) {
    const auto i = std::uniform_int_distribution<std::size_t>(0, at->size() - 1)(rng);
    json* next = at->is_array() ? &(*at)[i] : &std::next(at->begin(), static_cast<std::ptrdiff_t>(i)).value();
    if (std::uniform_int_distribution<int>(0, 2)(rng) == 0) break;
    at = next;
  }
  switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
    case 0: *at = other_value(rng); break;
    case 1:
      if (at->is_object() && !at->empty()) at->erase(at->begin());
      break;
    default:
      if (at->is_object()) (*at)["extra"] = other_value(rng);
      else if (at->is_array()) at->push_back(other_value(rng));
  }
}

// The text with its top-level members in reverse order and the first one repeated before them
// (a reader must keep the last value of a repeated key).
std::string reordered(const json& v) {
  if (!v.is_object() || v.empty()) return v.dump();
  std::string s = "{\"" + v.begin().key() + "\":\"first\"";
  for (auto it = v.rbegin(); it != v.rend(); ++it) s += "," + json(it.key()).dump() + ":" + it.value().dump();
  return s + "}";
}

}  // namespace

TEST_CASE("the core's reader answers every request as nlohmann's parse did", "[call_reference]") {
  std::mt19937 rng(20261203);
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(yilu::test::source_path("tests/vectors")))
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::size_t requests = 0;
  for (const auto& path : paths) {
    const json doc = json::parse(yilu::test::read_source_file("tests/vectors/" + path.filename().string()));
    const yilu::Engine engine = yilu::test::vector_engine(doc);
    const auto ctx = yilu::context_at(*yilu::parse_timestamp(doc["context"]["now"].get<std::string>()));
    for (const json& c : doc["cases"]) {
      const std::string text = c.contains("request_text") ? c["request_text"].get<std::string>() : c["request"].dump();
      same_bytes(engine, text, ctx);
      const json parsed = json::parse(text, nullptr, false);
      if (!parsed.is_discarded()) same_bytes(engine, reordered(parsed), ctx);
      for (int i = 0; i < 12; ++i) {
        if (!parsed.is_discarded()) {
          json v = parsed;
          reshape(v, rng);
          same_bytes(engine, v.dump(), ctx);
        }
        std::string damaged = text;
        if (damaged.empty()) continue;
        const auto at = std::uniform_int_distribution<std::size_t>(0, damaged.size() - 1)(rng);
        damaged[at] = "{}[],:\"\\ 0.e-tx\xff"[std::uniform_int_distribution<int>(0, 16)(rng)];
        same_bytes(engine, damaged, ctx);
        same_bytes(engine, text.substr(0, at), ctx);
      }
      ++requests;
    }
  }
  CHECK(requests >= 150);
}

TEST_CASE("the birth-bundle application and its variations answer as with nlohmann's parse", "[call_reference]") {
  yilu::Engine engine;
  REQUIRE_FALSE(engine.load_calendar(yilu::test::calendar_text()));
  REQUIRE_FALSE(engine.load_catalog(yilu::test::read_source_file("core/data/catalog/sanya.json")));
  const auto ctx = yilu::context_at(1795658400);
  json doc = json::parse(yilu::test::read_source_file("tests/fixtures/birth-bundle-application.json"));
  doc.erase("_comment");
  same_bytes(engine, doc.dump(), ctx);
  same_bytes(engine, doc.dump(2), ctx);
  same_bytes(engine, reordered(doc), ctx);
  std::mt19937 rng(42);
  for (int i = 0; i < 400; ++i) {
    json v = doc;
    for (int n = std::uniform_int_distribution<int>(1, 4)(rng); n > 0; --n) reshape(v, rng);
    same_bytes(engine, v.dump(), ctx);
  }
}
