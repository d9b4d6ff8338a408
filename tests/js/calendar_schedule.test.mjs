// The 节假日日历 tab's reading of what an administrator types (web/src/views/staff/calendar_schedule.js):
// lines into the {date: name} objects the server takes, the server's problems placed at their
// fields, and a due date change in words. Whether a date is real or in the year is the server's
// check: a single date goes to it as typed.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  changeCounts,
  changeWords,
  dueWords,
  parseDayLines,
  placeProblems,
} from '../../web/src/views/staff/calendar_schedule.js';

test('a range lists each of its days, weekends included, under its name; lines may come in any order', () => {
  const { days, problems } = parseDayLines('2027-02-05 至 2027-02-12 春节\n\n  2027-01-01 至 2027-01-03 元旦  \n');
  assert.deepEqual(problems, []);
  assert.deepEqual(days, {
    '2027-01-01': '元旦',
    '2027-01-02': '元旦',
    '2027-01-03': '元旦',
    '2027-02-05': '春节',
    '2027-02-06': '春节',
    '2027-02-07': '春节',
    '2027-02-08': '春节',
    '2027-02-09': '春节',
    '2027-02-10': '春节',
    '2027-02-11': '春节',
    '2027-02-12': '春节',
  });
  assert.deepEqual(Object.keys(days), Object.keys(days).slice().sort(), 'in date order');
});

test('a range across a month end and one written 到 / ~ / as 年月日 read the same', () => {
  const want = { '2027-04-30': '劳动节', '2027-05-01': '劳动节', '2027-05-02': '劳动节' };
  for (const line of [
    '2027-04-30 至 2027-05-02 劳动节',
    '2027-04-30到2027-05-02 劳动节',
    '2027-04-30 ~ 2027-05-02，劳动节',
    '2027年4月30日至2027年5月2日劳动节',
  ])
    assert.deepEqual(parseDayLines(line), { days: want, problems: [] }, line);
});

test('a single date goes to the server as typed, padded: a date that does not exist is its call', () => {
  assert.deepEqual(parseDayLines('2027-2-20 春节'), { days: { '2027-02-20': '春节' }, problems: [] });
  assert.deepEqual(parseDayLines('2027-02-30 春节'), { days: { '2027-02-30': '春节' }, problems: [] });
  assert.deepEqual(parseDayLines('2026-12-31 元旦'), { days: { '2026-12-31': '元旦' }, problems: [] }, 'another year too');
});

test('a line that cannot be read is a problem with its number, and nothing of it is kept', () => {
  const { days, problems } = parseDayLines('2027-02-20 春节\n春节 2027-02-05\n2027-02-06\n2027-02-30 至 2027-03-02 春节');
  assert.deepEqual(days, { '2027-02-20': '春节' });
  assert.deepEqual(
    problems.map((p) => p.line),
    [2, 3, 4],
  );
  assert.match(problems[0].message, /^第 2 行无法识别/);
  assert.equal(problems[1].message, '第 3 行缺少节日名称');
  assert.match(problems[2].message, /2027-02-30 不是有效日期/, 'a range must be real dates to be listed');
});

test('a backwards or year-long range and a date named twice are problems', () => {
  assert.equal(parseDayLines('2027-02-12 至 2027-02-05 春节').problems[0].message, '第 1 行：结束日期早于开始日期');
  assert.match(parseDayLines('2027-01-01 至 2028-01-05 元旦').problems[0].message, /超过 366 天/);
  const twice = parseDayLines('2027-02-05 至 2027-02-07 春节\n2027-02-07 除夕\n2027-02-05 春节');
  assert.deepEqual(twice.days, { '2027-02-05': '春节', '2027-02-06': '春节', '2027-02-07': '春节' });
  assert.deepEqual(twice.problems, [{ line: 2, message: '第 2 行：2027-02-07 已在第 1 行填为“春节”' }]);
});

test('nothing typed is no days and no problem', () => {
  assert.deepEqual(parseDayLines(''), { days: {}, problems: [] });
  assert.deepEqual(parseDayLines('\n \u3000\n'), { days: {}, problems: [] });
});

test("the server's problems go to the field their path names, with the date; others keep their path", () => {
  const placed = placeProblems([
    { path: '/holidays/2027-02-30', code: 'schedule.bad_date', message: '“2027-02-30”不是有效日期（YYYY-MM-DD）' },
    { path: '/workdays/2027-02-22', code: 'schedule.not_weekend', message: '2027-02-22 是工作日，调休上班日应为周六或周日' },
    { path: '/year', code: 'schedule.bad_year', message: '请填写年份（如 2027）' },
    { path: '/region_name', code: 'schedule.missing_region_name', message: '新的地方安排需要填写地区名称（如 海南省）' },
    { path: '/years/2027/holidays', code: 'calendar_invalid', message: '日历检查未通过：…' },
  ]);
  assert.deepEqual(placed.holidays, [{ where: '2027-02-30', message: '“2027-02-30”不是有效日期（YYYY-MM-DD）' }]);
  assert.deepEqual(placed.workdays, [{ where: '2027-02-22', message: '2027-02-22 是工作日，调休上班日应为周六或周日' }]);
  assert.deepEqual(placed.year, [{ where: '', message: '请填写年份（如 2027）' }]);
  assert.deepEqual(placed.region, [{ where: '', message: '新的地方安排需要填写地区名称（如 海南省）' }]);
  assert.deepEqual(placed.other, [{ where: '/years/2027/holidays', message: '日历检查未通过：…' }]);
  assert.deepEqual(placeProblems(undefined).other, []);
});

test('a change reads as the server gave it: the dates, 预估 while provisional, moved or made official', () => {
  const moved = {
    before: { due_date: '2027-02-17', provisional: true },
    after: { due_date: '2027-02-22', provisional: false },
    moved: true,
  };
  const official = {
    before: { due_date: '2027-02-01', provisional: true },
    after: { due_date: '2027-02-01', provisional: false },
    moved: false,
  };
  assert.equal(dueWords(moved.before), '2027年2月17日（预估）');
  assert.equal(dueWords(moved.after), '2027年2月22日');
  assert.equal(dueWords(null), '—');
  assert.equal(changeWords(moved), '日期改变');
  assert.equal(changeWords(official), '转为正式');
  assert.equal(changeCounts([moved, official, moved]), '2 件日期改变、1 件转为正式');
  assert.equal(changeCounts([official]), '1 件转为正式');
  assert.equal(changeCounts([]), '');
});
