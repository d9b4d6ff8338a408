// How the audit log reads to an administrator: the kinds the server records (for the filter
// before any entry has come; each entry carries the server's own `kind_label`, which wins), who
// acted, what was looked at, and the `detail` codes in words. Wording only: which entries exist
// and what they hold is the server's (GET /api/v1/admin/audit).
import { roleLabel } from './staff_roles.js';

/** The server's audit kinds in the order the filter offers them, with its Chinese names. */
export const AUDIT_KINDS = [
  ['staff_sign_in', '工作人员登录'],
  ['staff_sign_in_failed', '工作人员登录失败'],
  ['staff_sign_out', '工作人员退出'],
  ['staff_password_changed', '修改密码'],
  ['application_read', '查看申请'],
  ['file_read', '查看材料文件'],
  ['account_created', '新建账号'],
  ['account_disabled', '停用账号'],
  ['profile_changed', '实名信息变更'],
  ['calendar_published', '发布节假日安排'],
  ['catalog_published', '发布事项目录'],
];

/** Why a staff sign-in failed (`detail.reason`). */
const SIGN_IN_FAILURES = {
  unknown_account: '账户不存在',
  wrong_password: '密码错误',
  disabled: '账户已停用',
  backoff: '连续失败过多，暂停尝试',
};

/** Who changed a resident's real-name profile (`detail.by`). */
const PROFILE_BY = { resident: '居民本人', window: '窗口代办' };

/** Who acted, as the table shows it: {id, kind in words}. */
export function actorWords(actor) {
  const id = actor?.id || '';
  if (actor?.kind === 'staff') return { id, kind: '工作人员' };
  if (actor?.kind === 'resident') return { id, kind: '居民' };
  return { id, kind: '未登录' };
}

/**
 * What an entry is about: the application it names (a file read's subject is
 * "<application id>/<sha256>"), the file's fingerprint, or the account or resident.
 * @returns {{ application: string, sha256: string, other: string }}
 */
export function subjectParts(entry) {
  const s = String(entry?.subject || '');
  if (entry?.kind === 'file_read') {
    const i = s.lastIndexOf('/');
    return i >= 0
      ? { application: s.slice(0, i), sha256: s.slice(i + 1), other: '' }
      : { application: s, sha256: '', other: '' };
  }
  if (entry?.kind === 'application_read') return { application: s, sha256: '', other: '' };
  return { application: '', sha256: '', other: s };
}

/** An entry's `detail` in words, one "名称：值" per line (unknown keys as the server wrote them). */
export function detailWords(detail) {
  const out = [];
  for (const [k, v] of Object.entries(detail || {})) {
    if (k === 'reason') out.push(`失败原因：${SIGN_IN_FAILURES[v] || v}`);
    else if (k === 'role') out.push(`角色：${roleLabel(v)}`);
    else if (k === 'by') out.push(`途径：${PROFILE_BY[v] || v}`);
    else out.push(`${k}：${typeof v === 'object' ? JSON.stringify(v) : v}`);
  }
  return out;
}

/** "2026-05-04T14:05:33+08:00" → "2026-05-04 14:05:33" in China Standard Time. */
export function auditTime(at) {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return String(at || '');
  const t = new Date(ms + 8 * 3600 * 1000);
  return t.toISOString().slice(0, 19).replace('T', ' ');
}
