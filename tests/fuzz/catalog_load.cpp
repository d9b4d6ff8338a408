// libFuzzer target: the catalog loader and its lint on arbitrary bytes, as `yilu catalog lint`,
// `yilu serve` (Engine::load_catalog) and the lint_catalog op run them. Besides what the
// sanitizers catch it holds them to what their callers rely on: a catalog is made exactly when
// the loader lists no problem; a text the lint finds clean loads (`yilu catalog lint` then reads
// the loaded catalog); the lint never drops the loader's problems; the engine agrees with the
// loader; and a loaded catalog answers catalog_info.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_check.hpp"
#include "yilu/call.hpp"
#include "yilu/catalog.hpp"

namespace {

constexpr const char* kTarget = "fuzz_catalog_load";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const yilu::CatalogLoad load = yilu::Catalog::from_json(text);
  if (load.catalog.has_value() == !load.problems.empty())
    yilu::fuzz::broken(kTarget, "a catalog and a list of problems disagree", text);

  const std::vector<yilu::Problem> lint = yilu::lint_catalog(text);
  if (lint.empty() && !load.catalog) yilu::fuzz::broken(kTarget, "the lint finds nothing in a text that does not load");
  if (lint.size() < load.problems.size()) yilu::fuzz::broken(kTarget, "the lint lists fewer problems than the loader");

  yilu::Engine engine;
  const bool engine_refused = engine.load_catalog(text).has_value();
  if (engine_refused == load.catalog.has_value())
    yilu::fuzz::broken(kTarget, "Engine::load_catalog and Catalog::from_json disagree");
  if (load.catalog) {
    const std::string info = engine.call(R"({"op":"catalog_info"})", yilu::context_at(0));
    const auto parsed = nlohmann::json::parse(info, nullptr, false);
    if (!parsed.is_object() || parsed.value("ok", false) != true)
      yilu::fuzz::broken(kTarget, "a loaded catalog does not answer catalog_info", info);
  }
  return 0;
}
