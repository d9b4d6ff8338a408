// The staff roles as the console names them (the server's stable role codes → Chinese).
export const ROLE_LABELS = {
  clerk: '综合窗口收件员',
  reviewer: '部门审批人员',
  supervisor: '督办人员',
  admin: '系统管理员',
};

/** The role codes in the order a form offers them. */
export const ROLES = Object.keys(ROLE_LABELS);

/** A role code's Chinese name (the code itself when unknown). */
export function roleLabel(role) {
  return ROLE_LABELS[role] || role || '';
}
