#pragma once
// Engine::call as it was with nlohmann's parser (size check, nesting check, parse, the same ops
// and writer): the reference the core's own reader is tested against, byte for byte.
#include <string>
#include <string_view>

#include "yilu/call.hpp"

namespace yilu::detail {

std::string call_reference(const Engine& engine, std::string_view request, const CallContext& ctx);

}  // namespace yilu::detail
