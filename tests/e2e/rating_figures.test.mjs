// The supervision center's 好差评 in the staff console at a desk (1366×900). Applications are
// carried to the end over HTTP (a resident submits, the window's clerk accepts and dispatches,
// the department's reviewer approves, the clerk issues) and the resident rates each, one of them
// 1 point with a comment. The supervisor then opens the 好差评 tab: the table is the server's
// answer to the same query (GET /api/v1/staff/supervision/ratings) per window, per department
// and per month, the total's rate only where the server gives one; the chart (the shared ECharts
// chunk) names the groups; 导出 CSV saves the table (BOM, Chinese header, RFC 4180) and 导出
// Excel the same rows as an XLSX (a Chinese sheet name, figures as number cells); a bad period
// shows the server's message. Below, 差评整改: the 1-point rating's follow-up is listed, an
// empty answer is refused with the server's message, an answer moves it to 已答复 with who and
// when, and the server refuses a second answer. axe finds nothing serious. The admin has the tab too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, shot, deskPage, withFailureShots, settledTexts } from './harness.mjs';
import { staffLogin, http, staffTokenByApi, ADMIN_TABS } from './flows.mjs';
import { catalogOf, residentWithProfile, submitExample, staffOf, act, exampleProfile } from './workflow_steps.mjs';
import { seriousViolations } from './resident_pages.mjs';
import { checkXlsxTable } from './xlsx_read.mjs';
import { parseCsv } from './csv_read.mjs';

const P = 'ratings';

let server;
let browser;
let catalog;
let staff;
let supToken;
let sup;
/** The applications this file rates: [item, score, comment]; the resident of each is by item. */
const RATINGS = [
  ['birth_household_registration', 5, '办理很快，服务热情'], // 社会民生综合窗口, 公安局
  ['child_health_handbook', 4, ''], // 社会民生综合窗口, 卫健委
  ['newborn_social_security_card', 1, '等候时间太长，材料要求没有一次性告知'], // 社会民生综合窗口, 人社局
  ['id_card_renewal', 3, '一般'], // 公安户政出入境窗口, 公安局
];
const BAD_COMMENT = RATINGS[2][2];
/** id of the application rated 1. */
let badApp;

/** A resident files the item's example; it is accepted, dispatched, approved and issued. */
async function issuedApplication(token, itemId) {
  const item = catalog.items.find((i) => i.id === itemId);
  assert.ok(item?.example?.application, `the sample catalog has ${itemId} with an example`);
  const app = await submitExample(server, token, item);
  const clerk = await staff.clerk(item.window);
  await act(server, clerk, `/staff/applications/${app.id}/accept`);
  const dispatched = await act(server, clerk, `/staff/applications/${app.id}/dispatch`);
  const reviews = dispatched.application.tasks.filter((t) => t.kind === 'review');
  assert.ok(reviews.length > 0, `a review task for ${itemId}: ${JSON.stringify(dispatched.application.tasks)}`);
  for (const task of reviews) await act(server, await staff.reviewer(task.department), `/staff/tasks/${task.id}/approve`);
  await act(server, clerk, `/staff/applications/${app.id}/issue`);
  return app;
}

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  catalog = await catalogOf(server);
  staff = staffOf(server);
  // The newborn's items name the mother as applicant: she files them; 身份证换领 is someone's own.
  const item = (id) => catalog.items.find((i) => i.id === id);
  const mother = await residentWithProfile(server, '13900139401', exampleProfile(item('birth_household_registration')));
  const other = await residentWithProfile(server, '13900139402', exampleProfile(item('id_card_renewal')));
  for (const [itemId, score, comment] of RATINGS) {
    const token = itemId === 'id_card_renewal' ? other : mother;
    const app = await issuedApplication(token, itemId);
    const r = await http(server.url, 'POST', `/applications/${app.id}/rating`, { score, comment }, token);
    assert.equal(r.status, 200, `rating ${itemId}: ${JSON.stringify(r.body)}`);
    if (score === 1) badApp = app.id;
  }
  sup = staff.accounts.find((a) => a.role === 'supervisor');
  assert.ok(sup, 'a demo supervisor');
  supToken = await staffTokenByApi(server.url, sup.username, sup.password);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);

/** The server's figures for a query, asked over HTTP (as the supervisor unless told). */
async function figures(query = {}, token = supToken) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
  const r = await http(server.url, 'GET', `/staff/supervision/ratings${q.size ? `?${q}` : ''}`, undefined, token);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** The server's follow-ups of a state. */
async function followUps(state) {
  const r = await http(server.url, 'GET', `/staff/rating_follow_ups?state=${state}`, undefined, supToken);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.follow_ups;
}

// ---- what the table must show: the answer's numbers, formatted only ------------------------
const NONE = '—';
const num = (v) => (typeof v === 'number' ? String(v) : NONE);
const dec = (v) => (typeof v === 'number' ? v.toFixed(1) : NONE);
const pct = (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : NONE);
const NAME_HEAD = { window: '窗口', department: '部门', item: '事项', clerk: '受理人员', month: '月份' };
const month = (key) => key.replace(/^(\d{4})-(\d{2})$/, (_, y, m) => `${y}年${Number(m)}月`);
const shownName = (answer, g) => (answer.by === 'month' ? month(g.id) : g.name);

/** The table an answer makes: header, one row per group, 合计 (rate and average only if given). */
function expectedTable(answer) {
  const t = answer.total;
  return {
    head: [NAME_HEAD[answer.by], '评价数', '好评', '差评', '好评率', '平均分'],
    rows: answer.groups.map((g) => [shownName(answer, g), num(g.rated), num(g.good), num(g.bad), pct(g.good_rate), dec(g.avg_score)]),
    total: ['合计', num(t.rated), num(t.good), num(t.bad), pct(t.good_rate), dec(t.avg_score)],
  };
}

/** The table on the page, as text. */
async function shownTable(page) {
  return page.locator('[data-test=rt-table]').evaluate((table) => {
    const cells = (tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim());
    return {
      head: cells(table.querySelector('thead tr')),
      rows: [...table.querySelectorAll('tbody tr[data-test^=rt-row-]')].map(cells),
      total: cells(table.querySelector('tfoot tr')),
    };
  });
}

/** Waits until the table shows the answer to (by, from, to) and no request is under way. */
async function tableFor(page, { by, from, to }) {
  await page.locator(`[data-test=rt-table][data-by="${by}"][data-from="${from}"][data-to="${to}"]`).waitFor();
  await page.waitForFunction(() => !document.querySelector('section[aria-busy="true"]'));
}

/** Waits until the chart's text holds each group's name and good rate. */
async function chartShows(page, answer) {
  const want = answer.groups.flatMap((g) => [shownName(answer, g), pct(g.good_rate)]);
  await page.waitForFunction(
    (want) => {
      const text = [...document.querySelectorAll('[data-test=rt-chart] svg text')].map((t) => t.textContent).join('');
      return want.every((w) => text.includes(w));
    },
    want,
  );
}

/** Does one thing on the page and resolves to the figures request it made. */
async function figuresRequest(page, action) {
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/v1/staff/supervision/ratings')), action()]);
  return res;
}

const BY_NAMES = { window: '按窗口', department: '按部门', item: '按事项', clerk: '按受理人员', month: '按月' };

/** Clicks a download button; resolves to {name, bytes}. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-test=${button}]`).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/**
 * Clicks 导出 CSV and checks the file: its name, the BOM, CRLF records, and exactly the table;
 * then 导出 Excel: named alike (.xlsx), the very same records, each figure a number cell.
 */
async function checkExport(page, answer, expectName) {
  const csv = await download(page, 'rt-export');
  assert.equal(csv.name, expectName);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
  const text = csv.bytes.subarray(3).toString('utf8');
  assert.ok(!/[^\r]\n/.test(text), 'records end with CRLF');
  const t = expectedTable(answer);
  const records = parseCsv(text);
  assert.deepEqual(records, [t.head, ...t.rows, t.total], 'the CSV is the table: header, groups, 合计');

  const xlsx = await download(page, 'rt-export-xlsx');
  assert.equal(xlsx.name, expectName.replace(/\.csv$/, '.xlsx'));
  return checkXlsxTable(xlsx.bytes, records, `好差评（${BY_NAMES[answer.by]}）`);
}

test('the supervisor reads the server’s 好差评 per window, department and month, exports it and answers a 差评', { timeout: 180000 }, async () => {
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'supervisor', async () => {
    await staffLogin(page, server.url, sup.username, sup.password);
    const tabs = page.getByRole('tablist', { name: '督办中心' }).getByRole('tab');
    await tabs.last().waitFor(); // the console has rendered (the URL changes first)
    const expectedTabs = ['督办总览', '按时办结率', '好差评', '办理用时', '月度报告'];
    assert.deepEqual(await settledTexts(tabs, expectedTabs), expectedTabs);

    // ---- the server's default period (this month up to today), per window --------------------
    const res = await figuresRequest(page, () => page.locator('[data-test=supervisor-tab-ratings]').click());
    assert.equal(res.status(), 200);
    const asked = new URL(res.url()).searchParams;
    assert.equal(asked.get('from'), null, 'the first request leaves the period to the server');
    assert.equal(asked.get('by'), 'window');
    await page.waitForURL(/\/staff\?tab=ratings$/);
    const byWindow = await figures({ by: 'window' });
    assert.equal(byWindow.total.rated, RATINGS.length, 'every rating this file gave is counted');
    assert.deepEqual(byWindow.groups.map((g) => g.id).sort(), ['w_police', 'w_social']);
    const social = byWindow.groups.find((g) => g.id === 'w_social');
    assert.deepEqual([social.rated, social.good, social.bad], [3, 2, 1]);
    assert.equal(typeof byWindow.total.good_rate, 'number', 'per window the server gives a total rate');
    await tableFor(page, byWindow);
    const shown = await shownTable(page);
    assert.deepEqual(shown, expectedTable(byWindow), 'the table is the server’s answer');
    assert.equal(shown.total[4], pct(byWindow.total.good_rate));
    assert.equal(await page.locator('[data-test=rt-row-w_social] td').nth(3).textContent(), pct(social.good_rate));
    assert.equal(await page.locator('[data-test=rt-from]').inputValue(), byWindow.from, 'the period is the server’s');
    assert.equal(await page.locator('[data-test=rt-to]').inputValue(), byWindow.to);
    assert.ok(await page.locator('[data-test=rt-department]').isDisabled(), 'per window no department filter applies');

    const chart = page.locator('[data-test=rt-chart]');
    await chartShows(page, byWindow);
    assert.equal(await chart.getAttribute('role'), 'img');
    const label = await chart.getAttribute('aria-label');
    for (const g of byWindow.groups) assert.ok(label.includes(`${g.name} ${pct(g.good_rate)}`), `the chart's label names ${g.name}: ${label}`);

    // The follow-up of the 1-point rating is listed below.
    const item = page.locator(`[data-test=fu-item-${badApp}]`);
    await item.waitFor();
    assert.equal(await item.locator('[data-test=rating-score]').getAttribute('data-score'), '1');
    assert.match(await item.locator('[data-test=rating-comment]').textContent(), new RegExp(BAD_COMMENT));
    assert.equal((await item.locator('[data-test=fu-window]').textContent()).trim(), '社会民生综合窗口');
    assert.equal((await item.locator('[data-test=fu-app]').textContent()).trim(), badApp);
    assert.match(await item.locator('[data-test=fu-opened]').textContent(), /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    assert.equal(await page.locator('[data-test=fu-list-open] > li').count(), 1, 'only the 1-point rating opens a follow-up');
    await shot(page, P, 'by-window');
    await shot(page, P, 'by-window-full', { fullPage: true });
    assert.deepEqual(await seriousViolations(page), [], 'axe: no serious or critical violation');

    const { rows } = await checkExport(page, byWindow, `好差评-按窗口-${byWindow.from}至${byWindow.to}.csv`);
    // 社会民生综合窗口: 3 rated, 2 good, 1 bad — numbers in the sheet, the rate a fraction shown as %.
    const socialRow = rows.find((r) => r[0].value === social.name);
    assert.deepEqual(socialRow.slice(1, 4).map((c) => c.value), [3, 2, 1]);
    assert.equal(socialRow[4].value, Number(`${social.good_rate.toFixed(1)}e-2`));
    assert.equal(socialRow[4].text, pct(social.good_rate));
    assert.equal((await page.locator('[data-test=rt-msg]').textContent()).trim(), '', 'no message');

    // ---- 按部门: a rating counts under each department; the total gives no rate ---------------
    let r = await figuresRequest(page, () => page.locator('[data-test=rt-by-department]').check());
    assert.equal(new URL(r.url()).searchParams.get('by'), 'department');
    const byDept = await figures({ by: 'department', from: byWindow.from, to: byWindow.to });
    await tableFor(page, byDept);
    assert.deepEqual(await shownTable(page), expectedTable(byDept));
    assert.deepEqual(byDept.groups.map((g) => g.id).sort(), ['gaj', 'rsj', 'wjw']);
    assert.equal(byDept.groups.find((g) => g.id === 'gaj').rated, 2);
    assert.equal(byDept.total.good_rate, undefined, 'no total rate where rows overlap');
    assert.deepEqual((await shownTable(page)).total.slice(4), [NONE, NONE]);
    await chartShows(page, byDept);
    await checkExport(page, byDept, `好差评-按部门-${byDept.from}至${byDept.to}.csv`);

    // One department: its name in the heading and the file.
    r = await figuresRequest(page, () => page.locator('[data-test=rt-department]').selectOption('gaj'));
    assert.equal(new URL(r.url()).searchParams.get('department'), 'gaj');
    const gaj = await figures({ by: 'department', from: byWindow.from, to: byWindow.to, department: 'gaj' });
    await page.locator('[data-test=rt-period]', { hasText: '公安局' }).waitFor();
    await tableFor(page, gaj);
    assert.deepEqual(await shownTable(page), expectedTable(gaj));
    assert.deepEqual(gaj.groups.map((g) => g.id), ['gaj']);
    await shot(page, P, 'department-gaj');

    // ---- 按月 of the whole center: columns over the months ------------------------------------
    // Clearing the department asks again by itself: wait for that answer, so the one caught
    // next is the 按月 request and not this reload.
    await figuresRequest(page, () => page.locator('[data-test=rt-department]').selectOption(''));
    await page.locator(`[data-test=rt-table]`).waitFor();
    r = await figuresRequest(page, () => page.locator('[data-test=rt-by-month]').check());
    assert.equal(new URL(r.url()).searchParams.get('by'), 'month');
    const byMonth = await figures({ by: 'month', from: byWindow.from, to: byWindow.to });
    await tableFor(page, byMonth);
    assert.deepEqual(await shownTable(page), expectedTable(byMonth));
    assert.equal(byMonth.groups.length, 1);
    assert.equal(byMonth.total.rated, RATINGS.length);
    await chartShows(page, byMonth);
    await shot(page, P, 'by-month');
    // The month's name (2026年3月) stays text in the sheet.
    const months = await checkExport(page, byMonth, `好差评-按月-${byMonth.from}至${byMonth.to}.csv`);
    assert.equal(months.rows[1][0].type, 'string');

    // ---- a period the server refuses: its message ----------------------------------------
    await page.locator('[data-test=rt-from]').fill('2020-01-01');
    r = await figuresRequest(page, () => page.locator('[data-test=rt-search]').click());
    assert.equal(r.status(), 400);
    const refused = await r.json();
    assert.equal(refused.error.code, 'bad_period');
    await page.locator('[data-test=rt-msg]', { hasText: refused.error.message }).waitFor();
    assert.equal((await page.locator('[data-test=rt-msg]').textContent()).trim(), refused.error.message);

    // ---- 差评整改: an empty answer is the server's to refuse; an answer moves it to 已答复 ------
    const box = item.locator('[data-test=fu-text]');
    // Blanks only: the page trims them (the server takes any non-empty text), so it says 422.
    await box.fill('   ');
    const [refusedAnswer] = await Promise.all([
      page.waitForResponse((x) => x.url().includes(`/rating_follow_ups/${badApp}/answer`)),
      item.locator('[data-test=fu-send]').click(),
    ]);
    assert.equal(refusedAnswer.status(), 422);
    const missing = await refusedAnswer.json();
    assert.equal(missing.error.code, 'missing_answer');
    await item.locator('[data-test=fu-error]', { hasText: missing.error.message }).waitFor();
    assert.equal((await item.locator('[data-test=fu-error]').textContent()).trim(), missing.error.message, 'the server’s message');
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), 'fu-text', 'the focus is back on the answer');
    await shot(page, P, 'answer-missing');

    const answer = '已约谈窗口负责人，增设取号提醒，补正材料一次性告知清单已张贴。';
    await box.fill(answer);
    const [posted] = await Promise.all([
      page.waitForResponse((x) => x.url().includes(`/rating_follow_ups/${badApp}/answer`)),
      item.locator('[data-test=fu-send]').click(),
    ]);
    assert.equal(posted.status(), 200);
    await item.waitFor({ state: 'detached' });
    await page.locator('[data-test=fu-empty-open]').waitFor();
    assert.match(await page.locator('[data-test=fu-done]').textContent(), new RegExp(badApp));
    assert.deepEqual(await followUps('open'), [], 'none open at the server');

    await page.locator('[data-test=fu-show-answered]').click();
    assert.equal(await page.locator('[data-test=fu-show-answered]').getAttribute('aria-pressed'), 'true');
    const done = page.locator(`[data-test=fu-list-answered] [data-test=fu-item-${badApp}]`);
    await done.waitFor();
    const [stored] = await followUps('answered');
    assert.equal(stored.application_id, badApp);
    assert.equal(stored.answer, answer);
    assert.equal((await done.locator('[data-test=fu-answer]').textContent()).trim(), answer);
    assert.equal((await done.locator('[data-test=fu-answered-by]').textContent()).trim(), stored.answered_by);
    assert.ok(stored.answered_by, 'the server says who answered');
    assert.match(await done.locator('[data-test=fu-answered-at]').textContent(), /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    assert.equal(await done.locator('[data-test=fu-form]').count(), 0, 'an answered follow-up has no form');
    await done.scrollIntoViewIfNeeded();
    await shot(page, P, 'answered');
    assert.deepEqual(await seriousViolations(page), [], 'axe: no serious or critical violation');

    // Once only.
    const again = await http(server.url, 'POST', `/staff/rating_follow_ups/${badApp}/answer`, { answer: '再答' }, supToken);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'illegal_transition');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('the admin has the 好差评 tab too', { timeout: 90000 }, async () => {
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'admin', async () => {
    const admin = staff.accounts.find((a) => a.role === 'admin');
    await staffLogin(page, server.url, admin.username, admin.password);
    const tabs = page.getByRole('tablist', { name: '系统管理' }).getByRole('tab');
    await tabs.last().waitFor(); // the console has rendered (the URL changes first)
    const expectedTabs = ADMIN_TABS;
    assert.deepEqual(await settledTexts(tabs, expectedTabs), expectedTabs);
    await page.locator('[data-test=admin-tab-ratings]').click();
    await page.waitForURL(/\/staff\?tab=ratings$/);
    const answer = await figures({ by: 'window' }, await staffTokenByApi(server.url, admin.username, admin.password));
    await tableFor(page, answer);
    assert.deepEqual(await shownTable(page), expectedTable(answer));
    await page.reload();
    await tableFor(page, answer);
    assert.equal(await page.locator('[data-test=admin-tab-ratings]').getAttribute('aria-selected'), 'true');
    await page.locator('[data-test=fu-panel]').waitFor();
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});
