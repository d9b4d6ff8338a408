// 导出 of 督办总览: the counts by window and by department, and the open applications of the
// level picked, as CSV and Excel. Each file is made from records (a header row, then the rows)
// that are exactly what the page's tables show: the same names, the same level words (LEVELS),
// the same due dates as the server gave them. The open applications are every one of the level,
// not only the pages shown: they are asked of the server page by page (200 a time, the server's
// largest page), from the same kept summary the list reads.
import { call } from '../../api/http.js';
import { LEVELS } from '../../util/format.js';

/** The levels in the tables' column order. */
export const LEVEL_ORDER = ['overdue', 'red', 'yellow', 'normal'];

/** A window's or department's open applications in all (the tables' 合计 column). */
function levelTotal(/** @type {Record<string, number> | undefined} */ counts) {
  return LEVEL_ORDER.reduce((s, k) => s + (counts?.[k] || 0), 0);
}

/**
 * The records of a counts table (按窗口 or 按部门): a row per window or department, a column per
 * level, then 合计.
 * @param {Record<string, Record<string, number>>} groups by_window or by_department of the answer
 * @param {string} heading the first column's heading (窗口 or 部门)
 * @param {(id: string) => string} nameOf a window's or department's Chinese name
 * @returns {unknown[][]}
 */
export function levelCountRecords(groups, heading, nameOf) {
  const rows = Object.entries(groups || {}).map(([id, c]) => [
    nameOf(id),
    ...LEVEL_ORDER.map((k) => c?.[k] || 0),
    levelTotal(c),
  ]);
  return [[heading, ...LEVEL_ORDER.map((k) => LEVELS[k].label), '合计'], ...rows];
}

/**
 * The records of open applications as the list shows them.
 * @param {any[]} apps the server's application views
 * @param {(id: string) => string} windowName a window's Chinese name (when the view has none)
 * @returns {unknown[][]}
 */
export function openApplicationRecords(apps, windowName) {
  const due = (/** @type {any} */ a) => {
    if (a.deadline?.due_date) return a.deadline.due_date;
    if (a.due_preview?.due_date) return `若今日受理 ${a.due_preview.due_date}`;
    return '';
  };
  return [
    ['申请编号', '事项或一件事', '窗口', '状态', '办结期限', '督办级别', '提交时间'],
    ...apps.map((a) => [
      a.id,
      a.target_name || a.target_id,
      a.window_name || windowName(a.window),
      a.status_label || a.status,
      due(a),
      LEVELS[a.level]?.label || a.level || '',
      a.submitted_at || '',
    ]),
  ];
}

/**
 * Every open application of `level` ('' for every level), page after page.
 * @param {string} level
 * @param {(fetched: number, total: number | null) => void} [progress] told after each page
 * @returns {Promise<any[]>}
 */
export async function fetchAllOpen(level, progress) {
  /** @type {any[]} */
  const all = [];
  const seen = new Set();
  /** @type {string | undefined} */
  let cursor;
  for (;;) {
    const answer = await call('get', '/api/v1/staff/overview', {
      query: { level: level || undefined, cursor, limit: 200 },
      as: 'staff',
    });
    for (const a of answer.applications || []) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      all.push(a);
    }
    progress?.(all.length, typeof answer.total === 'number' ? answer.total : null);
    if (!answer.next_cursor) return all;
    cursor = answer.next_cursor;
  }
}

/**
 * A file name: 督办总览-在办申请-红牌预警-2026-12-05.csv (the parts that are empty left out; the
 * day is the summary's).
 * @param {string[]} parts
 * @param {string} asOf the answer's as_of (an RFC 3339 time)
 * @param {string} ext csv or xlsx
 */
export function overviewFileName(parts, asOf, ext) {
  const day = String(asOf || '').slice(0, 10);
  return `${['督办总览', ...parts.filter(Boolean), day].filter(Boolean).join('-')}.${ext}`;
}
