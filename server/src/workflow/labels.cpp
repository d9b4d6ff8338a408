#include "workflow/labels.hpp"

#include <utility>

namespace yilu::server::workflow {

const char* label(AppStatus s) {
  switch (s) {
    case AppStatus::Submitted: return "已收件，待受理";
    case AppStatus::SupplementRequested: return "需补正材料";
    case AppStatus::Accepted: return "已受理";
    case AppStatus::Dispatched: return "已转办，部门审批中";
    case AppStatus::ReadyForIssue: return "审批通过，待出件";
    case AppStatus::Issued: return "已出件";
    case AppStatus::Refused: return "不予受理";
    case AppStatus::Rejected: return "不予许可";
    case AppStatus::Closed: return "已办结";
    case AppStatus::Withdrawn: return "已撤回";
    case AppStatus::PartiallyIssued: return "部分办结";
    case AppStatus::Revoked: return "已撤销";
  }
  return "";
}

const char* label(TaskStatus s) {
  switch (s) {
    case TaskStatus::Reviewing: return "审批中";
    case TaskStatus::Paused: return "已中止计时";
    case TaskStatus::Approved: return "已通过";
    case TaskStatus::Rejected: return "不予许可";
  }
  return "";
}

const char* label(TaskKind k, TaskStatus s) {
  if (k == TaskKind::Review) return label(s);
  switch (s) {
    case TaskStatus::Reviewing:
    case TaskStatus::Paused: return "待核查";
    case TaskStatus::Approved: return "核查属实";
    case TaskStatus::Rejected: return "承诺不实";
  }
  return "";
}

const char* event_title(std::string_view kind) {
  static const std::pair<std::string_view, const char*> kTitles[] = {
      {"submitted", "提交申请"},
      {"supplement_requested", "要求补正材料"},
      {"resubmitted", "补正后重新提交"},
      {"accepted", "已受理"},
      {"refused", "不予受理"},
      {"dispatched", "已转办至审批部门"},
      {"task_approved", "部门审批通过"},
      {"task_rejected", "部门不予许可"},
      {"task_paused", "中止计时"},
      {"task_resumed", "恢复计时"},
      {"task_extended", "延长办理期限"},
      {"ready_for_issue", "审批通过，待出件"},
      {"rejected", "不予许可"},
      {"issued", "已出件"},
      {"stage_started", "下一阶段开始办理"},
      {"rated", "申请人评价"},
      {"withdrawn", "申请人撤回申请"},
      {"supplied", "补交容缺材料"},
      {"check_started", "告知承诺核查开始"},
      {"check_approved", "核查属实"},
      {"commitment_revoked", "承诺不实，撤销结果"},
      {"partially_issued", "部分办结"},
      {"instant_decided", "秒批：系统自动审批"},
      {"assisted_submitted", "窗口帮办提交"},
      {"reminded", "督办催办"},
      {"escalated", "临近或超过时限，系统自动催办"},
  };
  for (const auto& [k, title] : kTitles)
    if (k == kind) return title;
  return "办理记录";
}

}  // namespace yilu::server::workflow
