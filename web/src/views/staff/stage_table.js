// 办理用时 as tables: where the working days of the applications issued in a period went, per
// item and bundle (or per window) — 办结件数, the average from submission to issue and each
// stage's average — with the 合计 row; and, for the bundles, 一件事减时间、减材料: the items one by
// one (the catalog's limits and materials summed), the bundle's promise and what was achieved.
// The screen's tables, their CSV and XLSX exports and the chart's figures are all made from
// here, so the files hold exactly what is on screen. Every number is the server's
// (GET /api/v1/staff/supervision/stages), shown with its one decimal; the only figures worked out
// are the reductions in percent (reductionPercent), a display of two of the server's numbers.
import { exportFileName } from './figure_export.js';
import { NONE } from './on_time_table.js';

/** The grouping's Chinese name, in the order the form offers them. */
export const STAGE_BY_LABELS = { target: '按事项、一件事', department: '按部门', window: '按窗口' };

/** The stages an application's working days are split into, in order, with their chart colour. */
export const STAGES = [
  { key: 'intake', label: '等待受理', color: '#1f5fbf' },
  { key: 'correction', label: '补正', color: '#b7791f' },
  { key: 'review', label: '审查', color: '#2f855a' },
  { key: 'paused', label: '暂停（特别程序）', color: '#6b46c1' },
  { key: 'issue_wait', label: '等待出件', color: '#c53030' },
];

/** What a row is: the server's kind in Chinese. */
const KIND_LABELS = { item: '事项', bundle: '一件事', department: '部门', window: '窗口' };

const isNum = (/** @type {unknown} */ v) => typeof v === 'number' && Number.isFinite(v);
const count = (/** @type {unknown} */ v) => (isNum(v) ? String(v) : NONE);
/** An average the server rounds to one decimal, shown with it (9 → "9.0"). */
const oneDecimal = (/** @type {unknown} */ v) => (isNum(v) ? /** @type {number} */ (v).toFixed(1) : NONE);

/**
 * How much less than the items one by one: round(100 × (1 − value / separate)) as "74%" (below
 * zero when more). The one figure the page works out, from two of the server's numbers; "—"
 * without both (or with nothing to compare with).
 * @param {unknown} value what the bundle promised or achieved
 * @param {unknown} separate what the items one by one would take
 * @returns {string}
 */
export function reductionPercent(value, separate) {
  if (!isNum(value) || !isNum(separate) || /** @type {number} */ (separate) <= 0) return NONE;
  const pct = Math.round(100 * (1 - /** @type {number} */ (value) / /** @type {number} */ (separate)));
  return `${pct || 0}%`; // never "-0%"
}

/** A row's cells after the name: its average in total, then each stage's. */
const timeCells = (/** @type {any} */ g) => [
  oneDecimal(g.avg_total_workdays),
  ...STAGES.map((s) => oneDecimal(g.stages?.[s.key])),
];

/**
 * 办理用时: one row per group, in the server's order, then 合计 (no kind; its average and stages
 * only when something was issued: “—” otherwise).
 * @param {any} answer
 * @returns {{ head: string[], body: { id: string, cells: string[] }[], total: string[] }}
 */
export function stageTable(answer) {
  const head = ['名称', '类型', '办结件数', '平均用时（工作日）', ...STAGES.map((s) => s.label)];
  const body = answer.groups.map((g) => ({
    id: g.id,
    cells: [g.name || g.id, KIND_LABELS[g.kind] || g.kind || NONE, count(g.issued), ...timeCells(g)],
  }));
  const t = answer.total || {};
  return { head, body, total: ['合计', NONE, count(t.issued), ...timeCells(t)] };
}

/**
 * 一件事减时间、减材料: one row per bundle, in the server's order — working days (the items one
 * by one, the bundle's limit, taken) and materials (one by one, the bundle's list, given), each
 * with its reductions achieved and promised. No 合计 row: the bundles are not alike.
 * @param {any} answer
 * @returns {{ head: string[], body: { id: string, cells: string[] }[] }}
 */
export function reductionTable(answer) {
  const head = [
    '名称',
    '办结件数',
    '逐项办理时限（工作日）',
    '承诺时限（工作日）',
    '实际用时（工作日）',
    '实际压减率（时间）',
    '承诺压减率（时间）',
    '逐项材料（份）',
    '承诺材料（份）',
    '实际提交（份）',
    '实际压减率（材料）',
    '承诺压减率（材料）',
  ];
  const body = answer.groups
    .filter((g) => g.kind === 'bundle')
    .map((g) => {
      const days = g.reductions?.workdays || {};
      const mats = g.reductions?.materials || {};
      return {
        id: g.id,
        cells: [
          g.name || g.id,
          count(g.issued),
          oneDecimal(days.separate),
          oneDecimal(days.promised),
          oneDecimal(days.taken),
          reductionPercent(days.taken, days.separate),
          reductionPercent(days.promised, days.separate),
          oneDecimal(mats.separate),
          oneDecimal(mats.promised),
          oneDecimal(mats.given),
          reductionPercent(mats.given, mats.separate),
          reductionPercent(mats.promised, mats.separate),
        ],
      };
    });
  return { head, body };
}

/** The records of 办理用时, for the CSV and the XLSX export: header, groups, 合计 (the table shown). */
export function stageRecords(/** @type {any} */ answer) {
  const t = stageTable(answer);
  return [t.head, ...t.body.map((r) => r.cells), t.total];
}

/** The records of 一件事减时间、减材料, for the CSV and the XLSX export: header, bundles. */
export function reductionRecords(/** @type {any} */ answer) {
  const t = reductionTable(answer);
  return [t.head, ...t.body.map((r) => r.cells)];
}

/** 办理用时-按窗口[-窗口名]-2026-11-01至2026-11-30.csv (or .xlsx). */
export function stageFileName(/** @type {any} */ answer, windowName = '', ext = 'csv') {
  return exportFileName(['办理用时', STAGE_BY_LABELS[answer.by] || answer.by, windowName], answer, ext);
}

/** 一件事减时间减材料[-窗口名]-2026-11-01至2026-11-30.csv (or .xlsx). */
export function reductionFileName(/** @type {any} */ answer, windowName = '', ext = 'csv') {
  return exportFileName(['一件事减时间减材料', windowName], answer, ext);
}

/**
 * What the chart draws (stage_chart.js): one bar per group, top to bottom as in the table, one
 * segment per stage; each group's average in total beside its bar, as the table writes it.
 * @param {any} answer
 */
export function stageBars(answer) {
  const groups = answer?.groups || [];
  return {
    names: groups.map((g) => g.name || g.id),
    totals: groups.map((g) => oneDecimal(g.avg_total_workdays)),
    series: STAGES.map((s) => ({
      name: s.label,
      color: s.color,
      values: groups.map((g) => (isNum(g.stages?.[s.key]) ? g.stages[s.key] : 0)),
    })),
  };
}

/** The chart in words, for a screen reader: each group's average and its stages. */
export function stageChartLabel(/** @type {any} */ answer, /** @type {string} */ byLabel) {
  const parts = (answer?.groups || []).map((g) => {
    const stages = STAGES.map((s) => `${s.label} ${oneDecimal(g.stages?.[s.key])}`).join('，');
    return `${g.name || g.id} 平均 ${oneDecimal(g.avg_total_workdays)} 个工作日（${stages}）`;
  });
  return `办理用时条形图（${byLabel}）：${parts.join('；')}`;
}
