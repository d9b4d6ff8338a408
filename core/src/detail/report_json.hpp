#pragma once
// The validation report in the call surface's JSON (docs/core-api.md), written straight into a
// response: the one place its shape is spelled out.
#include <vector>

#include "detail/json_writer.hpp"
#include "yilu/validation.hpp"

namespace yilu::detail {

/// The `validate` op's members (verdict, problems, warnings, truncated, materials) into the open object.
void write_report(JsonWriter& out, const ValidationReport& report);

/// Problems as one array value: [{"code","message","params","path"}].
void write_problems(JsonWriter& out, const std::vector<Problem>& problems);

}  // namespace yilu::detail
