// 月度监管报告: the month a report covers and the tables no figure tab has yet — 办件量 per
// week, 催办 per department and 容缺补交 per window — as the other tables are made (on_time_table.js, rating_table.js,
// stage_table.js: a header, one row per group in the server's order, the 合计 row; each cell the
// text shown). Every number is the server's (GET /api/v1/staff/supervision/volumes and
// /reminders, /deferrals); only dates are worked out here: the month's first and last day, and the days of
// each week that fall in the period (the server counts only those in a week's bucket).
import { NONE, rateText } from './on_time_table.js';

/** @typedef {import('../../api/supervision.js').VolumeAnswer} VolumeAnswer */
/** @typedef {import('../../api/supervision.js').ReminderFigureAnswer} ReminderFigureAnswer */
/** @typedef {import('../../api/supervision.js').DeferralAnswer} DeferralAnswer */
/** @typedef {{ head: string[], body: { id: string, cells: string[] }[], total: string[] }} FigureTable */

const isNum = (/** @type {unknown} */ v) => typeof v === 'number' && Number.isFinite(v);
const count = (/** @type {unknown} */ v) => (isNum(v) ? String(v) : NONE);

/** "2026-03" of a "2026-03-15" (today's date in China Standard Time: util/format.js todayCst). */
export const monthOf = (/** @type {string} */ day) => day.slice(0, 7);

/** The month before the one of `today`: "2026-03-15" → "2026-02", "2026-01-31" → "2025-12". */
export function lastMonth(/** @type {string} */ today) {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Whether a text is a month as <input type="month"> gives it: "2026-03". */
export const isMonth = (/** @type {unknown} */ v) => typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);

/** The last day of a month: "2026-02" → "2026-02-28". */
export function monthEnd(/** @type {string} */ month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate(); // day 0 of the next month
  return `${month}-${String(last).padStart(2, '0')}`;
}

/**
 * The period asked for a month: its first day to its last; the month of `today` up to today,
 * which is what the server takes when no `to` is sent (to: '').
 * @param {string} month "2026-03"
 * @param {string} today "2026-03-15"
 * @returns {{ from: string, to: string }}
 */
export function monthPeriod(month, today) {
  return { from: `${month}-01`, to: month === monthOf(today) ? '' : monthEnd(month) };
}

/** "2026-03" → "2026年3月". */
export function monthTitle(/** @type {string} */ month) {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** "2026-03-01" → "3月1日". */
export function shortDate(/** @type {string} */ day) {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(day || '');
  return m ? `${Number(m[1])}月${Number(m[2])}日` : day || NONE;
}

/** "2026-03-01" + 6 → "2026-03-07". */
function addDays(/** @type {string} */ day, /** @type {number} */ n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Days as a reader says them: "3月1日—3月7日", one day alone as "3月1日". */
export function dayRange(/** @type {string} */ from, /** @type {string} */ to) {
  return from === to ? shortDate(from) : `${shortDate(from)}—${shortDate(to)}`;
}

/** The week columns' header. */
export const VOLUME_HEAD = ['周次', '日期', '收件', '受理', '出件', '不予受理', '不予许可'];
const MEASURES = /** @type {const} */ (['received', 'accepted', 'issued', 'refused', 'rejected']);

/**
 * 办件量 per week (an answer of interval=week): one row per week of the period, in order, named
 * 第1周 … with the days of it in the period (a week starts on Monday; the first and last one
 * count only the period's days), then 合计 (the server's total of the period).
 * @param {VolumeAnswer} answer
 * @returns {FigureTable}
 */
export function volumeTable(answer) {
  const body = answer.series.map((b, i) => {
    const first = b.start < answer.from ? answer.from : b.start;
    const end = addDays(b.start, 6);
    const last = end > answer.to ? answer.to : end;
    return {
      id: b.start,
      cells: [`第${i + 1}周`, dayRange(first, last), ...MEASURES.map((k) => count(b[k]))],
    };
  });
  const t = answer.total;
  return {
    head: VOLUME_HEAD,
    body,
    total: ['合计', dayRange(answer.from, answer.to), ...MEASURES.map((k) => count(t[k]))],
  };
}

/** The 催办 columns' header. */
export const REMINDER_HEAD = ['部门', '督办人员催办（次）', '系统自动催办（次）', '涉及审查任务（个）'];

/**
 * 催办 per department: one row per department that received any, in the server's order, then 合计.
 * @param {ReminderFigureAnswer} answer
 * @returns {FigureTable}
 */
export function reminderTable(answer) {
  const cells = (/** @type {any} */ g) => [count(g.by_staff), count(g.automatic), count(g.tasks)];
  return {
    head: REMINDER_HEAD,
    body: answer.groups.map((g) => ({ id: g.id, cells: [g.name || g.id, ...cells(g)] })),
    total: ['合计', ...cells(answer.total || {})],
  };
}

/** The 容缺补交 columns' header. */
export const DEFERRAL_HEAD = ['窗口', '补交（份）', '按期', '逾期补交', '按期补交率', '窗口代收', '手机补交'];

/**
 * 容缺 materials supplied per window: one row per window with any, in the server's order, then 合计
 * (no split by channel in the total: the server gives none).
 * @param {DeferralAnswer} answer
 * @returns {FigureTable}
 */
export function deferralTable(answer) {
  const cells = (/** @type {any} */ g) => [
    count(g.supplied),
    count(g.on_time),
    count(g.late),
    rateText(g.on_time_rate),
  ];
  const t = answer.total || {};
  return {
    head: DEFERRAL_HEAD,
    body: answer.groups.map((g) => ({
      id: g.id,
      cells: [g.name || g.id, ...cells(g), count(g.by_clerk), count(g.by_resident)],
    })),
    total: ['合计', ...cells(t), NONE, NONE],
  };
}

/**
 * What is owed now, said under the table, from the overview's counts: "截至 2026年12月5日 05:01，
 * 仍欠交 3 份，其中已逾期 1 份。"
 * @param {{ counts: { owed?: number, owed_overdue?: number }, as_of: string }} overview
 * @param {(iso: string) => string} when formats the summary's time
 */
export function owedNowText(overview, when) {
  const c = overview.counts;
  return `截至${when(overview.as_of)}，仍欠交 ${count(c.owed)} 份，其中已逾期 ${count(c.owed_overdue)} 份（全部在办申请，不限本月）。`;
}

/** A header and its unit, the unit shown on a line of its own: "平均用时（工作日）" → ["平均用时", "（工作日）"]. */
export const headParts = (/** @type {string} */ h) => /^(.*?)(（[^）]*）)?$/.exec(h)?.slice(1) || [h, undefined];

/**
 * 一件事减时间、减材料 (stage_table.js reductionTable) under a header of three rows, so that its
 * twelve columns fit a printed page with no header broken inside a word: 名称, 办结件数, then
 * 时间（工作日） and 材料（份）, each over 逐项, 承诺, 实际 and 压减率 (实际, 承诺) — the tab's
 * columns in the tab's order ("实际压减率（时间）" is 时间 › 压减率 › 实际). Every cell names its
 * headers (`headers`), the row's name first. Null when the table is not the twelve columns known.
 * @param {string[]} head reductionTable's header
 * @param {string} prefix the ids' prefix (unique on the page)
 * @returns {{ rows: HeadCell[][], columns: string[][] } | null} the header rows, and for each column
 *   the ids of its header cells
 */
export function reductionHead(head, prefix) {
  if (head.length !== 12) return null;
  /** @typedef {{ id: string, text: string, scope: string, colspan?: number, rowspan?: number, cls: string }} HeadCell */
  /** @type {HeadCell[][]} */
  const rows = [
    [
      { id: `${prefix}-name`, text: head[0], scope: 'col', rowspan: 3, cls: 'name' },
      { id: `${prefix}-issued`, text: head[1], scope: 'col', rowspan: 3, cls: 'num' },
    ],
    [],
    [],
  ];
  /** @type {string[][]} */
  const columns = [[`${prefix}-name`], [`${prefix}-issued`]];
  for (const [key, label] of [
    ['days', '时间（工作日）'],
    ['materials', '材料（份）'],
  ]) {
    const g = `${prefix}-${key}`;
    rows[0].push({ id: g, text: label, scope: 'colgroup', colspan: 5, cls: 'group' });
    for (const [k, text] of [
      ['separate', '逐项'],
      ['promised', '承诺'],
      ['actual', '实际'],
    ]) {
      rows[1].push({ id: `${g}-${k}`, text, scope: 'col', rowspan: 2, cls: 'num' });
      columns.push([g, `${g}-${k}`]);
    }
    rows[1].push({ id: `${g}-cut`, text: '压减率', scope: 'col', colspan: 2, cls: 'group' });
    for (const [k, text] of [
      ['actual', '实际'],
      ['promised', '承诺'],
    ]) {
      rows[2].push({ id: `${g}-cut-${k}`, text, scope: 'col', cls: 'num' });
      columns.push([g, `${g}-cut`, `${g}-cut-${k}`]);
    }
  }
  return { rows, columns };
}
