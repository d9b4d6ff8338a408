#pragma once
// The ops of the call surface. Each takes the request object and writes the response's
// members besides "ok" and "id" into the open response object, or returns an Error (what it
// wrote is then dropped). Registered in call.cpp's table.
#include <optional>

#include "detail/json_access.hpp"
#include "detail/json_writer.hpp"
#include "yilu/call.hpp"

namespace yilu::detail {

struct OpContext {
  const Engine& engine;
  const CallContext& call;
};

using OpStatus = std::optional<Error>;
using OpFn = OpStatus (*)(const json& request, const OpContext& ctx, JsonWriter& out);

OpStatus op_check_id(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_check_uscc(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_check_mobile(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_is_workday(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_add_workdays(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_workdays_between(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_deadline(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_calendar_info(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_validate(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_plan_bundle(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_guide(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_catalog_info(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_lint_catalog(const json& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_file_types(const json& request, const OpContext& ctx, JsonWriter& out);

}  // namespace yilu::detail
