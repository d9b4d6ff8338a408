// A refused request's messages placed at the form fields they are about. The server names the
// field by a JSON pointer (`error.path`: "/current", "/new", "/username" …); a weak password also
// says which rule it broke (`reason`), and a 429 how many seconds to wait (`retry_after`). The
// page shows these; it never decides them.

/**
 * The field a server error is about ("/new" → "new"), or '' when it names none.
 * @param {any} e an ApiError
 * @returns {string}
 */
export function errorField(e) {
  const path = e?.body?.error?.path;
  return typeof path === 'string' && path.startsWith('/') ? path.slice(1) : '';
}

/**
 * The text to show for a server error: for weak_password the rule that was broken (its message
 * lists every rule), else the server's message.
 * @param {any} e an ApiError
 * @returns {string}
 */
export function errorText(e) {
  const reason = e?.body?.reason;
  if (e?.code === 'weak_password' && reason) return reason;
  return e?.message || '操作失败，请重试';
}

/**
 * Seconds to wait before trying again (429 `retry_after`), 0 when the answer gave none.
 * @param {any} e an ApiError
 * @returns {number}
 */
export function retryAfter(e) {
  const s = Number(e?.body?.retry_after);
  return e?.status === 429 && Number.isFinite(s) && s > 0 ? Math.ceil(s) : 0;
}

/** 75 → "1 分 15 秒", 40 → "40 秒". */
export function cnWait(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (!m) return `${s} 秒`;
  return s ? `${m} 分 ${s} 秒` : `${m} 分钟`;
}
