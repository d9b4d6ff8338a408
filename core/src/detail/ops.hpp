#pragma once
// The ops of the call surface. Each takes the request object and writes the response's
// members besides "ok" and "id" into the open response object, or returns an Error (what it
// wrote is then dropped). Registered in call.cpp's table.
#include <optional>

#include "detail/json_access.hpp"
#include "detail/json_value.hpp"
#include "detail/json_writer.hpp"
#include "yilu/call.hpp"

namespace yilu::detail {

struct OpContext {
  const Engine& engine;
  const CallContext& call;
};

using OpStatus = std::optional<Error>;
using OpFn = OpStatus (*)(const Value& request, const OpContext& ctx, JsonWriter& out);

OpStatus op_check_id(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_check_uscc(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_check_mobile(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_is_workday(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_add_workdays(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_workdays_between(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_deadline(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_calendar_info(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_validate(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_plan_bundle(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_guide(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_catalog_info(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_lint_catalog(const Value& request, const OpContext& ctx, JsonWriter& out);
OpStatus op_file_types(const Value& request, const OpContext& ctx, JsonWriter& out);

}  // namespace yilu::detail
