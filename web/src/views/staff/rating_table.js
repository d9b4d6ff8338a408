// 好差评 as a table: the header, one row per group and the 合计 row, each cell the text the page
// shows. The screen's table and its CSV and XLSX exports are all made from this, so the files
// hold exactly what is on screen. Only formatting happens here: every number is the server's
// (src/api/supervision.js ratingFigures). The server gives the total a rate and an average only
// when its rows add up (by window or month; a bundle counts under each department and item it
// concerns), so a missing one is shown as “—”, never worked out from the rows.
import { NONE, rateText } from './on_time_table.js';

/** @typedef {import('../../api/supervision.js').RatingAnswer} RatingAnswer */

/** The grouping's Chinese name, in the order the form offers them. */
export const RATING_BY_LABELS = {
  window: '按窗口',
  department: '按部门',
  item: '按事项',
  clerk: '按受理人员',
  month: '按月',
};

/** The first column's header per grouping. */
const NAME_HEAD = { window: '窗口', department: '部门', item: '事项', clerk: '受理人员', month: '月份' };

const isNum = (/** @type {unknown} */ v) => typeof v === 'number' && Number.isFinite(v);
const count = (/** @type {unknown} */ v) => (isNum(v) ? String(v) : NONE);
/** The average score, rounded by the server to one decimal, shown with it (4 → "4.0"). */
const score = (/** @type {unknown} */ v) => (isNum(v) ? /** @type {number} */ (v).toFixed(1) : NONE);

/** A month key as a reader says it: "2026-03" → "2026年3月" (any other text as it is). */
export function monthText(/** @type {string} */ key) {
  const m = /^(\d{4})-(\d{2})$/.exec(key || '');
  return m ? `${m[1]}年${Number(m[2])}月` : key;
}

/** What a group is called on screen: a month in words, else the server's name (or its id). */
export function groupName(/** @type {RatingAnswer} */ answer, /** @type {RatingAnswer['groups'][number]} */ g) {
  return answer.by === 'month' ? monthText(g.id) : g.name || g.id;
}

/**
 * The rows of an answer: one per group, in the server's order, then 合计.
 * @param {RatingAnswer} answer
 * @returns {{ head: string[], body: { id: string, cells: string[] }[], total: string[] }}
 */
export function ratingTable(answer) {
  const head = [NAME_HEAD[answer.by] || '名称', '评价数', '好评', '差评', '好评率', '平均分'];
  const body = answer.groups.map((g) => ({
    id: g.id,
    cells: [
      groupName(answer, g),
      count(g.rated),
      count(g.good),
      count(g.bad),
      rateText(g.good_rate),
      score(g.avg_score),
    ],
  }));
  const t = answer.total;
  const total = ['合计', count(t.rated), count(t.good), count(t.bad), rateText(t.good_rate), score(t.avg_score)];
  return { head, body, total };
}

/** The records of an answer, for the CSV and the XLSX export: header, groups, 合计 (exactly the table shown). */
export function ratingRecords(/** @type {RatingAnswer} */ answer) {
  const t = ratingTable(answer);
  return [t.head, ...t.body.map((r) => r.cells), t.total];
}

/**
 * The export's file name: 好差评-按窗口[-部门名]-2026-11-01至2026-11-30.csv (or .xlsx).
 * @param {RatingAnswer} answer
 * @param {string} [departmentName] the department the figures were narrowed to, if any
 * @param {string} [ext] the file's extension: csv or xlsx
 * @returns {string}
 */
export function ratingCsvFileName(answer, departmentName = '', ext = 'csv') {
  // Characters no file system takes in a name.
  const safe = (/** @type {string} */ s) => s.replace(/[\\/:*?"<>|\s]+/g, '_');
  const parts = ['好差评', RATING_BY_LABELS[answer.by] || answer.by];
  if (departmentName) parts.push(safe(departmentName));
  parts.push(`${answer.from}至${answer.to}`);
  return `${parts.join('-')}.${ext}`;
}
