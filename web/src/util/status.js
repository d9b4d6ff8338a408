// Application and task states in Chinese (the server's codes, server/openapi.json).
export const APP_STATUS = {
  submitted: '已收件，待受理',
  supplement_requested: '需补正材料',
  refused: '不予受理',
  accepted: '已受理',
  dispatched: '已转办，部门审批中',
  ready_for_issue: '审批通过，待出件',
  rejected: '不予许可',
  issued: '已出件',
  closed: '已办结',
};
export const TASK_STATUS = { reviewing: '审批中', paused: '已中止计时', approved: '已通过', rejected: '不予许可' };
export function appStatus(s) {
  return APP_STATUS[s] || s;
}
export function taskStatus(s) {
  return TASK_STATUS[s] || s;
}
