// libFuzzer target: the core's own JSON reader and response writer against the path they
// replaced (detail::call_reference: nlohmann's parse, the same ops), with the shipped calendar and
// the frozen test catalog loaded as in core_call. Whatever the bytes, both must answer the same
// bytes: a difference is a request the two readers read differently (a number's kind, a repeated
// key, an escape, what counts as bad JSON or as too deep).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "detail/call_reference.hpp"
#include "fuzz/call_engine.hpp"
#include "fuzz/fuzz_check.hpp"
#include "yilu/call.hpp"

namespace {

constexpr const char* kTarget = "fuzz_call_reference";

const yilu::Engine& engine() { return yilu::fuzz::call_engine(kTarget); }
const yilu::CallContext& context() { return yilu::fuzz::call_context(); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view request(reinterpret_cast<const char*>(data), size);
  const std::string fast = engine().call(request, context());
  const std::string reference = yilu::detail::call_reference(engine(), request, context());
  if (fast != reference)
    yilu::fuzz::broken(kTarget, "the reader and nlohmann's parse answer differently",
                       fast + "\n--- reference:\n" + reference);
  return 0;
}
