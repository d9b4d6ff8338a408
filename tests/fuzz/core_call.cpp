// libFuzzer target: Engine::call, the core's one JSON-in/JSON-out entry (docs/core-api.md; the
// wasm module and `yilu core` call the same), with the shipped calendar and the frozen test
// catalog loaded as the shared vectors load them, at the vectors' "now". Besides what the
// sanitizers catch it holds the entry to its promise: whatever the bytes, the answer is one line
// of JSON, an object whose "ok" is a boolean, with an "error" object carrying a "code" when false,
// in nlohmann's own form (keys sorted, escapes and numbers as its dump writes them): the
// response writer (core/src/detail/json_writer.cpp) stands in for that dump.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz/call_engine.hpp"
#include "fuzz/fuzz_check.hpp"
#include "yilu/call.hpp"

namespace {

constexpr const char* kTarget = "fuzz_core_call";

const yilu::Engine& engine() { return yilu::fuzz::call_engine(kTarget); }
const yilu::CallContext& context() { return yilu::fuzz::call_context(); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view request(reinterpret_cast<const char*>(data), size);
  const std::string response = engine().call(request, context());
  if (response.find('\n') != std::string::npos) yilu::fuzz::broken(kTarget, "the answer is not one line", response);
  const auto parsed = nlohmann::json::parse(response, nullptr, false);
  if (!parsed.is_object()) yilu::fuzz::broken(kTarget, "the answer is not a JSON object", response);
  if (parsed.dump() != response) yilu::fuzz::broken(kTarget, "the answer is not in nlohmann's form", response);
  const auto ok = parsed.find("ok");
  if (ok == parsed.end() || !ok->is_boolean()) yilu::fuzz::broken(kTarget, "the answer has no boolean ok", response);
  if (!ok->get<bool>()) {
    const auto error = parsed.find("error");
    if (error == parsed.end() || !error->is_object() || !error->contains("code") || !(*error)["code"].is_string())
      yilu::fuzz::broken(kTarget, "a refusal without an error code", response);
  }
  return 0;
}
