#pragma once
// What people read for the workflow's codes: statuses and timeline events in Chinese, one
// table each, sent beside the codes so no page keeps its own copy.
#include <string_view>

#include "workflow/model.hpp"

namespace yilu::server::workflow {

/// "已收件，待受理", "需补正材料", … for every status.
const char* label(AppStatus s);
/// "审批中", "已中止计时", "已通过", "不予许可".
const char* label(TaskStatus s);
/// A task's status as its kind reads it: a review task as above; a post-check (核查)
/// "待核查", "核查属实", "承诺不实".
const char* label(TaskKind k, TaskStatus s);
/// The timeline title of an event kind ("submitted" → "提交申请", "supplement_requested" →
/// "要求补正材料" …); "办理记录" for a kind the table does not know.
const char* event_title(std::string_view kind);

}  // namespace yilu::server::workflow
