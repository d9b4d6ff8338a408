// 按时办结率 as a table: the header, one row per group and the 合计 row, each cell the text the
// page shows. The screen's table and its CSV and XLSX exports are all made from this, so the
// files hold exactly what is on screen. Only formatting happens here: every number is the server's
// (src/api/supervision.js); a figure the server did not give is shown as “—”, never worked out.

/** @typedef {import('../../api/supervision.js').OnTimeAnswer} OnTimeAnswer */
/** @typedef {import('../../api/supervision.js').OnTimeBy} OnTimeBy */

/** What the page shows for a figure the answer does not have. */
export const NONE = '—';

/** The grouping's Chinese name (按部门 / 按事项). */
export const BY_LABELS = { department: '按部门', item: '按事项' };

const isNum = (/** @type {unknown} */ v) => typeof v === 'number' && Number.isFinite(v);
/** A count as the server gave it. */
const count = (/** @type {unknown} */ v) => (isNum(v) ? String(v) : NONE);
/** A figure the server rounds to one decimal, shown with that decimal (100 → "100.0"). */
const oneDecimal = (/** @type {unknown} */ v) => (isNum(v) ? /** @type {number} */ (v).toFixed(1) : NONE);

/** An on-time rate (%, one decimal) as text: 66.7 → "66.7%". */
export function rateText(/** @type {unknown} */ v) {
  return isNum(v) ? `${oneDecimal(v)}%` : NONE;
}

/**
 * The column headers.
 * @param {OnTimeBy} by
 * @returns {string[]}
 */
export function headers(by) {
  return [
    by === 'item' ? '事项' : '部门',
    '办结数',
    '按时',
    '超期',
    '按时办结率',
    '平均用时（工作日）',
    'P90 用时（工作日）',
    '平均承诺时限（工作日）',
  ];
}

/**
 * The rows of an answer: one per group, in the server's order, then 合计. The server gives the
 * total no P90 and no average limit (and no rate or average when nothing was decided): “—”.
 * @param {OnTimeAnswer} answer
 * @returns {{ head: string[], body: { id: string, cells: string[] }[], total: string[] }}
 */
export function figureTable(answer) {
  const body = answer.groups.map((g) => ({
    id: g.id,
    cells: [
      g.name || g.id,
      count(g.decided),
      count(g.on_time),
      count(g.late),
      rateText(g.on_time_rate),
      oneDecimal(g.avg_workdays),
      count(g.p90_workdays),
      oneDecimal(g.avg_limit_days),
    ],
  }));
  const t = answer.total;
  const total = ['合计', count(t.decided), count(t.on_time), count(t.late), rateText(t.on_time_rate)];
  total.push(oneDecimal(t.avg_workdays), NONE, NONE);
  return { head: headers(answer.by), body, total };
}

/** The records of an answer, for the CSV and the XLSX export: header, groups, 合计 (exactly the table shown). */
export function figureRecords(/** @type {OnTimeAnswer} */ answer) {
  const t = figureTable(answer);
  return [t.head, ...t.body.map((r) => r.cells), t.total];
}

/**
 * The export's file name: 按时办结率-按部门[-部门名]-2026-11-01至2026-12-31.csv (or .xlsx), from
 * the answer (the period the server used) and the department the figures were filtered to.
 * @param {OnTimeAnswer} answer
 * @param {string} [departmentName]
 * @param {string} [ext] the file's extension: csv or xlsx
 * @returns {string}
 */
export function csvFileName(answer, departmentName = '', ext = 'csv') {
  // Characters no file system takes in a name.
  const safe = (/** @type {string} */ s) => s.replace(/[\\/:*?"<>|\s]+/g, '_');
  const parts = ['按时办结率', BY_LABELS[answer.by] || answer.by];
  if (departmentName) parts.push(safe(departmentName));
  parts.push(`${answer.from}至${answer.to}`);
  return `${parts.join('-')}.${ext}`;
}
