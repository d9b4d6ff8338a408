// The 节假日日历 tab's helpers: the lines an administrator types read into the {date: name}
// objects the server takes, the server's problems placed at the field they are about, and a due
// date change in words. Reading the lines is input handling only: whether a date is real, in
// the year, a weekend, or both a holiday and a workday is the server's check (it answers each
// with its path), so a single date goes to it as typed. Only a range has to be a pair of real
// dates here, because the page lists its days.
import { cnDate } from '../../util/format.js';

const DAY_MS = 86400000;
// A holiday block is a week or so; a longer range is a typing mistake, not a schedule.
const MAX_RANGE_DAYS = 366;
const DATE = String.raw`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?`;
const LINE = new RegExp(String.raw`^${DATE}(?:\s*(?:至|到|~|～|—|–)\s*${DATE})?(?:[\s,，、:：]*([^\d\s,，、:：].*))?$`);

const pad = (n) => String(n).padStart(2, '0');

/** "2027-2-5" → "2027-02-05" (what the server's keys look like), real date or not. */
const isoOf = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;

/** The UTC time of a real date, or NaN ("2027-02-30" is not one). */
function timeOf(y, m, d) {
  const t = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(t);
  return back.getUTCFullYear() === Number(y) && back.getUTCMonth() === Number(m) - 1 && back.getUTCDate() === Number(d)
    ? t
    : NaN;
}

/**
 * Reads the lines of a 放假日 or 调休上班日 box: "2027-02-20 春节", or a range
 * "2027-02-05 至 2027-02-12 春节" (also 到, ~; dates also as 2027年2月5日). Blank lines are
 * skipped. A line that cannot be read is a problem with its line number; the same date given
 * two names is one too (the answer can hold one name per date).
 * @param {string} text
 * @returns {{ days: Record<string, string>, problems: { line: number, message: string }[] }}
 */
export function parseDayLines(text) {
  /** @type {Record<string, string>} */
  const days = {};
  /** @type {Record<string, number>} the line each date came from */
  const from = {};
  const problems = [];
  String(text || '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const s = raw.replace(/\u3000/g, ' ').trim();
      if (!s) return;
      const m = LINE.exec(s);
      if (!m) {
        problems.push({
          line,
          message: `第 ${line} 行无法识别：应为“2027-02-05 春节”或“2027-02-05 至 2027-02-12 春节”`,
        });
        return;
      }
      const name = (m[7] || '').trim();
      if (!name) {
        problems.push({ line, message: `第 ${line} 行缺少节日名称` });
        return;
      }
      let dates = [isoOf(m[1], m[2], m[3])];
      if (m[4]) {
        const start = timeOf(m[1], m[2], m[3]);
        const end = timeOf(m[4], m[5], m[6]);
        const bad = [Number.isNaN(start) && dates[0], Number.isNaN(end) && isoOf(m[4], m[5], m[6])].filter(Boolean);
        if (bad.length) {
          problems.push({ line, message: `第 ${line} 行：${bad.join('、')} 不是有效日期，无法列出这段日期` });
          return;
        }
        if (end < start) {
          problems.push({ line, message: `第 ${line} 行：结束日期早于开始日期` });
          return;
        }
        if ((end - start) / DAY_MS + 1 > MAX_RANGE_DAYS) {
          problems.push({ line, message: `第 ${line} 行：日期段超过 ${MAX_RANGE_DAYS} 天` });
          return;
        }
        dates = [];
        for (let t = start; t <= end; t += DAY_MS) dates.push(new Date(t).toISOString().slice(0, 10));
      }
      for (const d of dates) {
        if (d in days && days[d] !== name) {
          problems.push({ line, message: `第 ${line} 行：${d} 已在第 ${from[d]} 行填为“${days[d]}”` });
          continue;
        }
        if (!(d in days)) from[d] = line;
        days[d] = name;
      }
    });
  // In date order, as a notice lists them and the server stores them.
  const sorted = Object.fromEntries(Object.entries(days).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { days: sorted, problems };
}

/** The form's fields a server problem can be about, by the first part of its path. */
const FIELDS = {
  year: 'year',
  region: 'region',
  region_name: 'region',
  holidays: 'holidays',
  workdays: 'workdays',
  notice: 'notice',
};

/**
 * The server's problems (422 calendar_schedule_invalid) by the form field they are about:
 * "/holidays/2027-02-30" goes to holidays with its date, "/year" to year; a path the form has no
 * field for (the calendar check of the merged file) to `other`, with the path. The messages are
 * the server's, as given.
 * @param {{ path?: string, code?: string, message?: string }[]} problems
 * @returns {Record<'year' | 'region' | 'holidays' | 'workdays' | 'notice' | 'other', { where: string, message: string }[]>}
 */
export function placeProblems(problems) {
  const out = { year: [], region: [], holidays: [], workdays: [], notice: [], other: [] };
  for (const p of problems || []) {
    const path = String(p?.path || '');
    const [, head = '', ...rest] = path.split('/');
    const field = FIELDS[head];
    const message = String(p?.message || p?.code || '');
    if (field) out[field].push({ where: rest.join('/'), message });
    else out.other.push({ where: path, message });
  }
  return out;
}

/**
 * A due date as the server gave it: "2027年2月17日", with （预估） while it falls in a year
 * whose schedule is not published; — when there is none.
 * @param {{ due_date: string, provisional: boolean } | null | undefined} due
 */
export function dueWords(due) {
  if (!due?.due_date) return '—';
  return `${cnDate(due.due_date)}${due.provisional ? '（预估）' : ''}`;
}

/**
 * One change of the server's list in words: the server says whether the date moved (`moved`);
 * one that did not became official.
 * @param {{ moved: boolean }} change
 */
export function changeWords(change) {
  return change?.moved ? '日期改变' : '转为正式';
}

/**
 * "2 件日期改变、1 件转为正式" for a list of changes ('' for none).
 * @param {{ moved: boolean }[]} changes
 */
export function changeCounts(changes) {
  const moved = (changes || []).filter((c) => c.moved).length;
  const official = (changes || []).length - moved;
  return [moved && `${moved} 件日期改变`, official && `${official} 件转为正式`].filter(Boolean).join('、');
}
