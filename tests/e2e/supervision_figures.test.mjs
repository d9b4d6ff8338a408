// The supervision center's 按时办结率 in the staff console at a desk (1366×900). Reviews are
// decided over HTTP (a resident submits, the window's clerk accepts and dispatches, the
// department's reviewer approves or rejects); the supervisor then opens the 按时办结率 tab, and
// every figure the table shows is the server's answer to the same query
// (GET /api/v1/staff/supervision/on_time), per department and per item, for one department and
// for another period; the chart (ECharts, a chunk of its own) names the groups in Chinese; 导出
// CSV saves that table (BOM, Chinese header, RFC 4180) and 导出 Excel the same rows as an XLSX
// (a Chinese sheet name, figures as number cells; its writer a chunk loaded on the first press);
// axe finds nothing serious. The admin has the tab too. The page never works a figure out: an
// answer whose numbers do not add up is shown as given. And neither ECharts nor the XLSX writer
// reaches the resident pages' download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, shot, deskPage, withFailureShots, root, settledTexts } from './harness.mjs';
import { staffLogin, http, staffTokenByApi, ADMIN_TABS } from './flows.mjs';
import { catalogOf, residentWithProfile, submitExample, staffOf, act, exampleProfile } from './workflow_steps.mjs';
import { seriousViolations } from './resident_pages.mjs';
import { checkXlsxTable } from './xlsx_read.mjs';
import { parseCsv } from './csv_read.mjs';

const P = 'figures';
const WEB_DIR = process.env.YILU_WEB_DIR || join(root, 'web', 'dist');

let server;
let browser;
let catalog;
let staff;
let supToken;
/** The reviews this file decides: [item, verdict]. */
const DECISIONS = [
  ['birth_household_registration', 'approve'], // 公安局
  ['birth_household_registration', 'approve'],
  ['birth_household_registration', 'reject'],
  ['child_health_handbook', 'approve'], // 卫健委
  ['birth_medical_certificate', 'reject'],
  ['newborn_social_security_card', 'approve'], // 人社局
];

/** A resident files the item's example; the window accepts and dispatches it; the department decides. */
async function decidedReview(token, itemId, verdict) {
  const item = catalog.items.find((i) => i.id === itemId);
  assert.ok(item?.example?.application, `the sample catalog has ${itemId} with an example`);
  const app = await submitExample(server, token, item);
  const clerk = await staff.clerk(item.window);
  await act(server, clerk, `/staff/applications/${app.id}/accept`);
  const dispatched = await act(server, clerk, `/staff/applications/${app.id}/dispatch`);
  const task = dispatched.application.tasks.find((t) => t.kind === 'review');
  assert.ok(task, `a review task for ${itemId}: ${JSON.stringify(dispatched.application.tasks)}`);
  const reviewer = await staff.reviewer(task.department);
  await act(server, reviewer, `/staff/tasks/${task.id}/${verdict}`, verdict === 'reject' ? { reason: '材料不符合要求' } : {});
  return task.department;
}

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  catalog = await catalogOf(server);
  staff = staffOf(server);
  // The newborn's items name the mother as applicant: she files them herself.
  const first = catalog.items.find((i) => i.id === 'birth_household_registration');
  const token = await residentWithProfile(server, '13900139301', exampleProfile(first));
  for (const [item, verdict] of DECISIONS) await decidedReview(token, item, verdict);
  const sup = staff.accounts.find((a) => a.role === 'supervisor');
  assert.ok(sup, 'a demo supervisor');
  supToken = await staffTokenByApi(server.url, sup.username, sup.password);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);

/** The server's figures for a query, asked over HTTP as the supervisor. */
async function figures(query = {}, token = supToken) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
  const r = await http(server.url, 'GET', `/staff/supervision/on_time${q.size ? `?${q}` : ''}`, undefined, token);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

// ---- what the table must show: the answer's numbers, formatted only ------------------------
const NONE = '—';
const num = (v) => (typeof v === 'number' ? String(v) : NONE);
const dec = (v) => (typeof v === 'number' ? v.toFixed(1) : NONE);
const pct = (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : NONE);
const HEAD = ['办结数', '按时', '超期', '按时办结率', '平均用时（工作日）', 'P90 用时（工作日）', '平均承诺时限（工作日）'];

/** The table an answer makes: header, one row per group, 合计 (the total has no P90 and no average limit). */
function expectedTable(answer) {
  const t = answer.total;
  return {
    head: [answer.by === 'item' ? '事项' : '部门', ...HEAD],
    rows: answer.groups.map((g) => [
      g.name,
      num(g.decided),
      num(g.on_time),
      num(g.late),
      pct(g.on_time_rate),
      dec(g.avg_workdays),
      num(g.p90_workdays),
      dec(g.avg_limit_days),
    ]),
    total: ['合计', num(t.decided), num(t.on_time), num(t.late), pct(t.on_time_rate), dec(t.avg_workdays), NONE, NONE],
  };
}

/** The table on the page, as text. */
async function shownTable(page) {
  return page.locator('[data-test=ot-table]').evaluate((table) => {
    const cells = (tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim());
    return {
      head: cells(table.querySelector('thead tr')),
      rows: [...table.querySelectorAll('tbody tr[data-test^=ot-row-]')].map(cells),
      total: cells(table.querySelector('tfoot tr')),
    };
  });
}

/** Waits until the table shows the answer to (by, from, to) and no request is under way. */
async function tableFor(page, { by, from, to }) {
  const sel = `[data-test=ot-table][data-by="${by}"]` + (from ? `[data-from="${from}"][data-to="${to}"]` : '');
  await page.locator(sel).waitFor();
  await page.waitForFunction(() => !document.querySelector('section[aria-busy="true"]'));
}

/** Waits until the chart's text holds each group's name (a long one over two lines) and rate. */
async function chartShows(page, answer) {
  const want = answer.groups.flatMap((g) => [g.name, pct(g.on_time_rate)]);
  await page.waitForFunction(
    (want) => {
      const text = [...document.querySelectorAll('[data-test=ot-chart] svg text')].map((t) => t.textContent).join('');
      return want.every((w) => text.includes(w));
    },
    want,
  );
}

/** Does one thing on the page and resolves to the figures request it made (asserted 200). */
async function figuresRequest(page, action) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/staff/supervision/on_time')),
    action(),
  ]);
  return res;
}

/** Clicks 导出 CSV; resolves to {name, bytes}. */
async function exportCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=ot-export]').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

function checkCsv(file, answer, expectName) {
  assert.equal(file.name, expectName);
  assert.deepEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
  const text = file.bytes.subarray(3).toString('utf8');
  assert.ok(!/[^\r]\n/.test(text), 'records end with CRLF');
  const t = expectedTable(answer);
  assert.deepEqual(parseCsv(text), [t.head, ...t.rows, t.total], 'the CSV is the table: header, groups, 合计');
  return parseCsv(text);
}

/** Clicks 导出 Excel; resolves to {name, bytes}. */
async function exportXlsx(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=ot-export-xlsx]').click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

const BY_NAMES = { department: '按部门', item: '按事项' };

/** 导出 CSV, then 导出 Excel: the XLSX is named like the CSV and holds the very same records. */
async function checkExports(page, answer, csvName) {
  const records = checkCsv(await exportCsv(page), answer, csvName);
  const xlsx = await exportXlsx(page);
  assert.equal(xlsx.name, csvName.replace(/\.csv$/, '.xlsx'));
  return checkXlsxTable(xlsx.bytes, records, `按时办结率（${BY_NAMES[answer.by]}）`);
}

const deptName = (id) => catalog.departments.find((d) => d.id === id).name;

test('the supervisor reads the server’s 按时办结率 per department and item, filters, changes the period and exports the table', { timeout: 180000 }, async () => {
  const { ctx, page, errors } = await deskPage(browser);
  const scripts = [];
  page.on('response', (r) => /\/assets\/.*\.js$/.test(new URL(r.url()).pathname) && scripts.push(new URL(r.url()).pathname));
  await withShots(page, 'supervisor', async () => {
    const sup = staff.accounts.find((a) => a.role === 'supervisor');
    await staffLogin(page, server.url, sup.username, sup.password);
    // 督办总览 first, as before (then 按时办结率 and 好差评).
    const tabs = page.getByRole('tablist', { name: '督办中心' }).getByRole('tab');
    await tabs.last().waitFor(); // the console has rendered (the URL changes first)
    const expectedTabs = ['督办总览', '按时办结率', '好差评', '办理用时', '月度报告'];
    assert.deepEqual(await settledTexts(tabs, expectedTabs), expectedTabs);
    await page.locator('[data-test=supervisor-tab-overview][aria-selected=true]').waitFor();
    await page.locator('[data-test=count-overdue]').waitFor();
    assert.ok(!scripts.some((s) => s.includes('on_time_chart')), 'no chart code before the tab is opened');

    // ---- 按时办结率: the server's default period (this month up to today), per department ----
    const firstAsk = figuresRequest(page, () => page.locator('[data-test=supervisor-tab-on_time]').click());
    const res = await firstAsk;
    assert.equal(res.status(), 200);
    const asked = new URL(res.url()).searchParams;
    assert.equal(asked.get('from'), null, 'the first request leaves the period to the server');
    await page.waitForURL(/\/staff\?tab=on_time$/);
    const byDept = await figures();
    assert.equal(byDept.total.decided, DECISIONS.length, 'every review this file decided is counted');
    assert.deepEqual(byDept.groups.map((g) => g.id).sort(), ['gaj', 'rsj', 'wjw']);
    await tableFor(page, byDept);
    assert.deepEqual(await shownTable(page), expectedTable(byDept), 'the table is the server’s answer');
    assert.equal(await page.locator('[data-test=ot-from]').inputValue(), byDept.from, 'the period is the server’s');
    assert.equal(await page.locator('[data-test=ot-to]').inputValue(), byDept.to);
    assert.ok(await page.locator('[data-test=ot-by-department]').isChecked());
    const gaj = byDept.groups.find((g) => g.id === 'gaj');
    assert.equal(gaj.decided, 3);
    assert.equal(gaj.late, 0, 'decided on the day of acceptance: on time');
    assert.equal(await page.locator('[data-test=ot-row-gaj] td').nth(3).textContent(), `${gaj.on_time_rate.toFixed(1)}%`);

    // The chart: its code is a chunk of its own; its labels are the groups' Chinese names.
    const chart = page.locator('[data-test=ot-chart]');
    await chartShows(page, byDept);
    assert.ok(scripts.some((s) => /\/on_time_chart-[\w-]+\.js$/.test(s)), `the chart chunk was loaded: ${scripts}`);
    assert.equal(await chart.getAttribute('role'), 'img');
    const label = await chart.getAttribute('aria-label');
    for (const g of byDept.groups) assert.ok(label.includes(`${g.name} ${g.on_time_rate.toFixed(1)}%`), `the chart's label names ${g.name}: ${label}`);
    const svgText = await chart.locator('svg').evaluate((svg) => [...svg.querySelectorAll('text')].map((t) => t.textContent));
    for (const g of byDept.groups) assert.ok(svgText.join('').includes(g.name), `the bar of ${g.name}: ${svgText}`);
    assert.ok(svgText.includes(`${gaj.on_time_rate.toFixed(1)}%`), 'each bar carries its rate');
    // Drawn in the page's font stack (the CJK font), not ECharts' bare sans-serif.
    const fonts = await page.evaluate(() => ({
      body: getComputedStyle(document.body).fontFamily,
      chart: getComputedStyle(document.querySelector('[data-test=ot-chart] svg text')).fontFamily,
    }));
    assert.match(fonts.chart, /WenQuanYi Micro Hei/, `the chart's text font: ${fonts.chart}`);
    await shot(page, P, 'by-department');
    assert.deepEqual(await seriousViolations(page), [], 'axe: no serious or critical violation');

    // 导出 CSV and 导出 Excel of what is shown: named after the grouping and the period. The XLSX
    // writer is a chunk of its own, asked for on the first press only.
    assert.ok(!scripts.some((s) => /\/xlsx-[\w-]+\.js$/.test(s)), `no XLSX code before 导出 Excel: ${scripts}`);
    await checkExports(page, byDept, `按时办结率-按部门-${byDept.from}至${byDept.to}.csv`);
    assert.ok(scripts.some((s) => /\/xlsx-[\w-]+\.js$/.test(s)), `the XLSX chunk was loaded: ${scripts}`);
    assert.equal((await page.locator('[data-test=ot-msg]').textContent()).trim(), '', 'no message');

    // ---- the tabs move with the arrow keys (WAI-ARIA tabs) ----------------------------------
    await page.locator('[data-test=supervisor-tab-on_time]').focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(/\/staff\?tab=overview$/);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), 'supervisor-tab-overview');
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/\/staff\?tab=on_time$/);
    await tableFor(page, byDept);

    // ---- 按事项 ----------------------------------------------------------------------------
    let r = await figuresRequest(page, () => page.locator('[data-test=ot-by-item]').check());
    assert.equal(new URL(r.url()).searchParams.get('by'), 'item');
    const byItem = await figures({ by: 'item', from: byDept.from, to: byDept.to });
    await tableFor(page, byItem);
    assert.deepEqual(await shownTable(page), expectedTable(byItem));
    assert.equal(byItem.groups.length, 4, 'four items were decided');
    await chartShows(page, byItem);
    await shot(page, P, 'by-item');

    // ---- one department --------------------------------------------------------------------
    r = await figuresRequest(page, () => page.locator('[data-test=ot-department]').selectOption('gaj'));
    assert.equal(new URL(r.url()).searchParams.get('department'), 'gaj');
    const gajItems = await figures({ by: 'item', from: byDept.from, to: byDept.to, department: 'gaj' });
    await page.locator('[data-test=ot-period]', { hasText: deptName('gaj') }).waitFor();
    await tableFor(page, gajItems);
    assert.deepEqual(await shownTable(page), expectedTable(gajItems));
    assert.deepEqual(gajItems.groups.map((g) => g.id), ['birth_household_registration']);
    assert.equal(gajItems.total.decided, 3);

    // ---- another period: one with no decision, a too long one, then up to today ------------
    await page.locator('[data-test=ot-from]').fill('2025-01-01');
    await page.locator('[data-test=ot-to]').fill('2025-01-31');
    r = await figuresRequest(page, () => page.locator('[data-test=ot-search]').click());
    const none = await figures({ by: 'item', from: '2025-01-01', to: '2025-01-31', department: 'gaj' });
    await tableFor(page, none);
    assert.deepEqual(await shownTable(page), expectedTable(none));
    assert.equal(none.total.on_time_rate, undefined, 'no rate of nothing');
    assert.equal((await shownTable(page)).total[4], NONE);
    await page.locator('[data-test=ot-empty]').waitFor();
    assert.equal(await chart.count(), 0, 'no chart of nothing');
    await shot(page, P, 'empty-period');

    await page.locator('[data-test=ot-from]').fill('2020-01-01');
    await page.locator('[data-test=ot-to]').fill(byDept.to);
    r = await figuresRequest(page, () => page.locator('[data-test=ot-search]').click());
    assert.equal(r.status(), 400);
    const refused = await r.json();
    assert.equal(refused.error.code, 'bad_period');
    await page.locator('[data-test=ot-msg]', { hasText: refused.error.message }).waitFor();
    assert.equal((await page.locator('[data-test=ot-msg]').textContent()).trim(), refused.error.message, 'the server’s message');
    await shot(page, P, 'bad-period');

    // From 40 days back to today: the month's decisions are in it.
    const from = new Date(Date.parse(`${byDept.to}T00:00:00Z`) - 40 * 86400e3).toISOString().slice(0, 10);
    await page.locator('[data-test=ot-from]').fill(from);
    r = await figuresRequest(page, () => page.locator('[data-test=ot-search]').click());
    assert.equal(r.status(), 200);
    const period = await figures({ by: 'item', from, to: byDept.to, department: 'gaj' });
    await tableFor(page, period);
    assert.equal((await page.locator('[data-test=ot-msg]').textContent()).trim(), '', 'the message is gone');
    assert.deepEqual(await shownTable(page), expectedTable(period));
    assert.equal(period.total.decided, 3);
    await chartShows(page, period);
    await shot(page, P, 'gaj-items-period');

    // 导出 CSV and 导出 Excel: this table, its department and period in the name.
    await checkExports(page, period, `按时办结率-按事项-${deptName('gaj')}-${from}至${byDept.to}.csv`);
    assert.deepEqual(await seriousViolations(page), [], 'axe: no serious or critical violation');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('the admin has the 按时办结率 tab too', { timeout: 90000 }, async () => {
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'admin', async () => {
    const admin = staff.accounts.find((a) => a.role === 'admin');
    await staffLogin(page, server.url, admin.username, admin.password);
    const tabs = page.getByRole('tablist', { name: '系统管理' }).getByRole('tab');
    await tabs.last().waitFor(); // the console has rendered (the URL changes first)
    const expectedTabs = ADMIN_TABS;
    assert.deepEqual(await settledTexts(tabs, expectedTabs), expectedTabs);
    await page.locator('[data-test=admin-tab-on_time]').click();
    await page.waitForURL(/\/staff\?tab=on_time$/);
    const answer = await figures({}, await staffTokenByApi(server.url, admin.username, admin.password));
    await tableFor(page, answer);
    assert.deepEqual(await shownTable(page), expectedTable(answer));
    // A reload keeps the tab.
    await page.reload();
    await tableFor(page, answer);
    assert.equal(await page.locator('[data-test=admin-tab-on_time]').getAttribute('aria-selected'), 'true');
    await shot(page, P, 'admin-tab');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('the figures are shown as the server gives them, never worked out again', { timeout: 90000 }, async () => {
  // An answer whose numbers do not add up (no server sends it): the page must show each as is.
  const answer = {
    ok: true,
    by: 'item',
    from: '2026-11-01',
    to: '2026-12-31',
    groups: [
      { id: 'birth_household_registration', name: '出生登记（新生儿落户）', decided: 3, on_time: 2, late: 1, on_time_rate: 66.7, avg_workdays: 4.3, p90_workdays: 7, avg_limit_days: 5 },
      { id: 'disability_subsidy', name: '困难残疾人生活补贴和重度残疾人护理补贴', decided: 12, on_time: 12, late: 0, on_time_rate: 100, avg_workdays: 9.5, p90_workdays: 14, avg_limit_days: 15 },
      { id: 'x_gone', name: 'x_gone', decided: 4, on_time: 0, late: 4, on_time_rate: 0, avg_workdays: 22.8, p90_workdays: 30, avg_limit_days: 20 },
      { id: 'q', name: '名称含,逗号与"引号"', decided: 1, on_time: 1, late: 0, on_time_rate: 100, avg_workdays: 0, p90_workdays: 0, avg_limit_days: 1 },
    ],
    total: { decided: 20, on_time: 15, late: 5, on_time_rate: 12.3, avg_workdays: 45.6 },
  };
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'stubbed', async () => {
    await page.route('**/api/v1/staff/supervision/on_time*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) }));
    const sup = staff.accounts.find((a) => a.role === 'supervisor');
    await staffLogin(page, server.url, sup.username, sup.password);
    await page.goto(`${server.url}/staff?tab=on_time`);
    await tableFor(page, answer);
    const shown = await shownTable(page);
    assert.deepEqual(shown, expectedTable(answer));
    assert.deepEqual(shown.rows[0].slice(4), ['66.7%', '4.3', '7', '5.0']);
    assert.deepEqual(shown.total, ['合计', '20', '15', '5', '12.3%', '45.6', NONE, NONE], 'the total as given, not summed');
    const chart = page.locator('[data-test=ot-chart]');
    await chart.locator('svg text', { hasText: '66.7%' }).waitFor();
    const svgText = await chart.locator('svg').evaluate((svg) => [...svg.querySelectorAll('text')].map((t) => t.textContent));
    for (const s of ['66.7%', '100.0%', '0.0%', 'x_gone']) assert.ok(svgText.includes(s), `${s} in the chart: ${svgText}`);
    await chartShows(page, answer);
    await shot(page, P, 'stubbed-figures');
    const file = await exportCsv(page);
    checkCsv(file, answer, '按时办结率-按事项-2026-11-01至2026-12-31.csv');
    assert.ok(file.bytes.toString('utf8').includes('"名称含,逗号与""引号"""'), 'a field with a comma and quotes is quoted, its quotes doubled');
    // The XLSX: the same rows; 66.7% is the number 0.667 shown as 66.7%, 5.0 the number 5 shown as 5.0.
    const { rows } = await checkExports(page, answer, '按时办结率-按事项-2026-11-01至2026-12-31.csv');
    assert.deepEqual(
      rows[1].slice(4).map((c) => [c.value, c.text]),
      [[0.667, '66.7%'], [4.3, '4.3'], [7, '7'], [5, '5.0']],
    );
    assert.deepEqual(rows[4][0], { type: 'string', value: '名称含,逗号与"引号"', text: '名称含,逗号与"引号"', bold: false });
    assert.deepEqual(rows.at(-1).slice(6).map((c) => [c.type, c.value]), [['string', NONE], ['string', NONE]], 'a missing figure is the text —');
    assert.deepEqual(await seriousViolations(page), [], 'axe: no serious or critical violation');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('when the XLSX writer cannot be loaded, the page reloads once, then says so, and 导出 CSV still saves the table', { timeout: 90000 }, async () => {
  // The service worker would fetch the chunk past page.route: blocked here, as a first visit.
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await withShots(page, 'xlsx-unloadable', async () => {
    let blocked = 0;
    await page.route(/\/assets\/xlsx-[\w-]+\.js$/, (route) => (blocked++, route.abort()));
    const sup = staff.accounts.find((a) => a.role === 'supervisor');
    await staffLogin(page, server.url, sup.username, sup.password);
    await page.goto(`${server.url}/staff?tab=on_time`);
    const answer = await figures();
    await tableFor(page, answer);
    // The first failure is taken for a newer build deployed since the page loaded: the page
    // reloads once, to the current build (src/util/stale_build.js). A second one is shown.
    await Promise.all([page.waitForEvent('load'), page.locator('[data-test=ot-export-xlsx]').click()]);
    await tableFor(page, answer);
    await page.locator('[data-test=ot-export-xlsx]').click();
    await page.locator('[data-test=ot-msg]', { hasText: 'Excel 文件未能生成' }).waitFor();
    assert.equal(blocked, 2, 'the XLSX chunk was asked for, and refused, each time');
    assert.equal(await page.locator('[data-test=ot-export-xlsx]').isEnabled(), true);
    checkCsv(await exportCsv(page), answer, `按时办结率-按部门-${answer.from}至${answer.to}.csv`);
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

/**
 * The one chunk of the build whose code has `marker` (a library's own string): its name matches
 * `chunkName`; only the staff console's chunk imports it (index.html does not name it) and the
 * resident pages' service worker does not precache it. Returns the chunk's file name.
 */
async function staffOnlyChunk(marker, chunkName, what) {
  const assets = join(WEB_DIR, 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const withIt = js.filter((f) => readFileSync(join(assets, f), 'utf8').includes(marker));
  assert.equal(withIt.length, 1, `${what} is in one chunk: ${withIt}`);
  const [chunk] = withIt;
  assert.match(chunk, chunkName, `${what}: its module’s own chunk`);
  // Only the staff console's chunk names it (its dynamic import); index.html does not.
  const importers = js.filter((f) => f !== chunk && readFileSync(join(assets, f), 'utf8').includes(chunk));
  assert.ok(importers.length > 0 && importers.every((f) => /^StaffConsole-/.test(f)), `${what} imported only by the staff console: ${importers}`);
  assert.ok(!readFileSync(join(WEB_DIR, 'index.html'), 'utf8').includes(chunk), 'index.html does not name it');
  // Not in the resident pages' service worker precache, with no staff chunk at all.
  const sw = await (await fetch(`${server.url}/sw.js`)).text();
  const precache = JSON.parse(sw.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]);
  assert.ok(precache.length > 5, 'the precache list was read');
  assert.ok(!precache.some((u) => u.includes(chunk) || /Staff/.test(u)), `precache: ${precache}`);
  return chunk;
}

/** The paths a phone asks for on the home page and a guide. */
async function residentRequests() {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await ctx.newPage();
  const loaded = [];
  page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}/`);
  await page.waitForLoadState('networkidle');
  await page.goto(`${server.url}/guide/item/birth_household_registration`);
  await page.waitForLoadState('networkidle');
  await ctx.close();
  assert.ok(loaded.some((u) => /\/assets\/index-[\w-]+\.js$/.test(u)), 'the resident pages loaded');
  return loaded;
}

test('ECharts is only ever loaded by the staff console, never by the resident pages', { timeout: 60000 }, async () => {
  // ECharts marks each chart's DOM node with this key: the chunk that has it is ECharts.
  const chunk = await staffOnlyChunk('_echarts_instance_', /^on_time_chart-/, 'ECharts');
  // A phone on the home page and a guide never asks for it.
  const loaded = await residentRequests();
  assert.ok(!loaded.some((u) => u.includes(chunk) || u.includes('on_time_chart') || u.includes('StaffConsole')), `no staff or chart code on the phone: ${loaded}`);
});

test('the XLSX writer (write-excel-file) is only ever loaded by the staff console, never by the resident pages', { timeout: 60000 }, async () => {
  // Every XLSX names the SpreadsheetML namespace: the chunk that has it is the writer.
  const chunk = await staffOnlyChunk('schemas.openxmlformats.org/spreadsheetml', /^xlsx-/, 'write-excel-file');
  const loaded = await residentRequests();
  assert.ok(!loaded.some((u) => u.includes(chunk) || /\/xlsx-/.test(u) || u.includes('StaffConsole')), `no staff or XLSX code on the phone: ${loaded}`);
});
