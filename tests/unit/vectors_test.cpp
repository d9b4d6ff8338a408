// Runs every tests/vectors/*.json case through the native core and compares the bytes.
// tests/js/vectors.test.mjs does the same against the wasm module.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "support/vector_engine.hpp"

using nlohmann::json;

TEST_CASE("shared vectors give the expected bytes natively", "[vectors]") {
  std::size_t files = 0, cases = 0;
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(yilu::test::source_path("tests/vectors")))
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    const std::string rel = "tests/vectors/" + path.filename().string();
    const json doc = json::parse(yilu::test::read_source_file(rel));
    const yilu::Engine engine = yilu::test::vector_engine(doc);
    const auto ctx = yilu::context_at(*yilu::parse_timestamp(doc["context"]["now"].get<std::string>()));
    ++files;
    for (const json& c : doc["cases"]) {
      const std::string request =
          c.contains("request_text") ? c["request_text"].get<std::string>() : c["request"].dump();
      const std::string expected = c["response"].dump();
      INFO(rel << ": " << c["name"].get<std::string>());
      CHECK(engine.call(request, ctx) == expected);
      ++cases;
    }
  }
  CHECK(files >= 4);
  CHECK(cases >= 150);
}
