#pragma once
// The ops of the call surface. Each takes the request object and returns the response
// members besides "ok" (an object), or an Error. Registered in call.cpp's table.
#include "detail/json_access.hpp"
#include "yilu/call.hpp"

namespace yilu::detail {

struct OpContext {
  const Engine& engine;
  const CallContext& call;
};

using OpResult = Result<json>;
using OpFn = OpResult (*)(const json& request, const OpContext& ctx);

OpResult op_check_id(const json& request, const OpContext& ctx);
OpResult op_check_uscc(const json& request, const OpContext& ctx);
OpResult op_check_mobile(const json& request, const OpContext& ctx);
OpResult op_is_workday(const json& request, const OpContext& ctx);
OpResult op_add_workdays(const json& request, const OpContext& ctx);
OpResult op_workdays_between(const json& request, const OpContext& ctx);
OpResult op_deadline(const json& request, const OpContext& ctx);
OpResult op_calendar_info(const json& request, const OpContext& ctx);
OpResult op_validate(const json& request, const OpContext& ctx);
OpResult op_plan_bundle(const json& request, const OpContext& ctx);
OpResult op_guide(const json& request, const OpContext& ctx);
OpResult op_catalog_info(const json& request, const OpContext& ctx);
OpResult op_lint_catalog(const json& request, const OpContext& ctx);
OpResult op_file_types(const json& request, const OpContext& ctx);

}  // namespace yilu::detail
