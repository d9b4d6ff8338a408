// The administrator's 节假日日历 at a desk (1366×900): next year's holiday schedule typed in,
// previewed and published, in force at once (docs/calendar.md, "Publishing a year's schedule");
// the supervisor's 督办总览 then lists the due dates it changed; a date that does not exist is
// refused at its line with the server's words.
//
// The server reads the wall clock (server/src/clock.hpp: no option moves it), so unlike the server
// test (tests/server/calendar_publication_test.cpp, a clock on 2027-01-18) the dates here are
// today's: an 身份证换领 filed now (20 working days) falls due early in 2027, a year the shipped
// calendar only estimates (provisional). The made-up 2027 schedule of that test (元旦 01-01..03,
// 春节 02-05..12, Saturday 02-20 worked) leaves such a date where it was and only makes it
// official; the admin then adds one more day off, on that very due date (补休), which moves it.
// Every date the page shows is compared with the server's own answer, never worked out here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, deskPage, settledTexts, shot, withFailureShots } from './harness.mjs';
import { staffLogin, http, staffTokenByApi, ADMIN_TABS } from './flows.mjs';
import { catalogOf, residentWithProfile, submitExample, staffOf, act, exampleProfile, read } from './workflow_steps.mjs';
import { seriousViolations } from './resident_pages.mjs';

const P = 'calendar';
const YEAR = 2027;
const HOLIDAY_LINES = ['2027-01-01 至 2027-01-03 元旦', '2027-02-05 至 2027-02-12 春节'];
const WORKDAY_LINES = ['2027-02-20 春节'];
const NOTICE = 'https://www.gov.cn/example-2027';
/** The same schedule as the server takes it. */
const HOLIDAYS = {
  ...Object.fromEntries(['01', '02', '03'].map((d) => [`2027-01-${d}`, '元旦'])),
  ...Object.fromEntries(['05', '06', '07', '08', '09', '10', '11', '12'].map((d) => [`2027-02-${d}`, '春节'])),
};
const WORKDAYS = { '2027-02-20': '春节' };

let server;
let browser;
let admin;
let sup;
let adminToken;
let supToken;
/** The 身份证换领 filed, accepted and dispatched today, and its deadline then. */
let app;
let due;
/** Why the scenario cannot run today ('' when it can), and what the publication answered. */
let cannot = '';
let published = null;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  const catalog = await catalogOf(server);
  const staff = staffOf(server);
  const item = catalog.items.find((i) => i.id === 'id_card_renewal');
  assert.ok(item?.example?.application, 'the sample catalog has id_card_renewal with an example');
  const token = await residentWithProfile(server, '13900139701', exampleProfile(item));
  app = await submitExample(server, token, item);
  const clerk = await staff.clerk(item.window);
  await act(server, clerk, `/staff/applications/${app.id}/accept`);
  due = (await act(server, clerk, `/staff/applications/${app.id}/dispatch`)).application.deadline;
  admin = staff.accounts.find((a) => a.role === 'admin');
  sup = staff.accounts.find((a) => a.role === 'supervisor');
  assert.ok(admin && sup, 'a demo admin and supervisor');
  adminToken = await staffTokenByApi(server.url, admin.username, admin.password);
  supToken = await staffTokenByApi(server.url, sup.username, sup.password);
  const info = await get('/admin/calendar', adminToken);
  if (info.in_force.last_year !== YEAR - 1)
    cannot = `the calendar in force ends in ${info.in_force.last_year}, not ${YEAR - 1}: ${YEAR} is no longer next year`;
  else if (!due?.due_date?.startsWith(`${YEAR}-`) || !due.provisional)
    cannot = `an application dispatched today is due ${due?.due_date}, not in ${YEAR}: this file's schedule cannot change it`;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const get = (path, token) => read(server, token, path);

/** What the server answers to a schedule (a dry run unless told). */
async function schedule(body, dryRun = true) {
  return http(server.url, 'POST', '/admin/calendar/schedules', { ...body, dry_run: dryRun }, adminToken);
}

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);
const snap = (page, name, options = {}) => shot(page, P, name, options);

// ---- what the tables must show: the server's dates, formatted only ------------------------
const cnDay = (iso) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y, m, d) => `${y}年${Number(m)}月${Number(d)}日`);
const dueText = (d) => (d ? `${cnDay(d.due_date)}${d.provisional ? '（预估）' : ''}` : '—');
const expectedRows = (changes) =>
  changes.map((c) => [c.application_id, c.target_name || '', dueText(c.before), dueText(c.after), c.moved ? '日期改变' : '转为正式']);

/** The rows of a changes table, cell by cell. */
const shownRows = (table) =>
  table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent.trim())));

const isSchedules = (r) => r.url().endsWith('/api/v1/admin/calendar/schedules') && r.request().method() === 'POST';

/** Presses a button of the form and resolves to the schedule request's answer. */
async function submit(page, button) {
  const [res] = await Promise.all([page.waitForResponse(isSchedules), page.locator(`[data-test=${button}]`).click()]);
  return res;
}

/** Signs the admin in and opens 节假日日历 (checking where the tab sits). */
async function openCalendarTab(page) {
  await staffLogin(page, server.url, admin.username, admin.password);
  const tabs = page.getByRole('tablist', { name: '系统管理' }).getByRole('tab');
  await tabs.last().waitFor(); // the console has rendered (the URL changes first)
  const expectedTabs = ADMIN_TABS;
  assert.deepEqual(await settledTexts(tabs, expectedTabs), expectedTabs);
  await page.locator('[data-test=admin-tab-calendar]').click();
  await page.waitForURL(/\/staff\?tab=calendar$/);
  await page.locator('[data-test=cal-form]').waitFor();
}

test('before any publication the supervisor’s overview shows no due-date changes', { timeout: 60000 }, async () => {
  assert.deepEqual(await get('/staff/supervision/due-changes', supToken), { ok: true, calendar: null, changes: [] });
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'no-changes', async () => {
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/v1/staff/supervision/due-changes'));
    await staffLogin(page, server.url, sup.username, sup.password);
    assert.equal((await asked).status(), 200);
    await page.locator('[data-test=overview-list]').waitFor();
    assert.equal(await page.locator('[data-test=due-changes]').count(), 0);
    assert.equal(await page.locator('[data-test=due-changes-msg]').count(), 0);
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test(
  'the admin previews the 2027 schedule, adds a day off and publishes it: the due date moves at once',
  { timeout: 120000 },
  async (t) => {
    if (cannot) return t.skip(cannot);
    const { ctx, page, errors } = await deskPage(browser);
    await withShots(page, 'admin', async () => {
      await openCalendarTab(page);
      // ---- the calendar in force: the shipped file, published up to last year, Hainan's overlay
      const info = await get('/admin/calendar', adminToken);
      assert.equal((await page.locator('[data-test=cal-source]').textContent()).trim(), '随版本发布的文件');
      assert.equal((await page.locator('[data-test=cal-last-year]').textContent()).trim(), `${YEAR - 1} 年`);
      for (const id of info.in_force.regions)
        assert.match(await page.locator('[data-test=cal-regions]').textContent(), new RegExp(`（${id}）`));
      assert.match(await page.locator('[data-test=cal-regions]').textContent(), /海南省（hainan）/);
      await page.locator('[data-test=cal-versions-empty]').waitFor();
      assert.equal(await page.locator('[data-test=cal-year]').inputValue(), String(YEAR), 'next year by default');

      // ---- the schedule as in the server test: this due date only becomes official
      await page.locator('[data-test=cal-holidays]').fill(HOLIDAY_LINES.join('\n'));
      await page.locator('[data-test=cal-workdays]').fill(WORKDAY_LINES.join('\n'));
      await page.locator('[data-test=cal-notice]').fill(NOTICE);
      let res = await submit(page, 'cal-preview');
      assert.equal(res.status(), 200);
      const sent = res.request().postDataJSON();
      assert.deepEqual(sent, { year: YEAR, holidays: HOLIDAYS, workdays: WORKDAYS, notice: NOTICE, dry_run: true });
      const first = (await schedule(sent)).body;
      const preview = page.locator('[data-test=cal-preview-result]');
      await preview.waitFor();
      assert.equal((await preview.locator('h2').textContent()).trim(), `预览（尚未发布）：${first.summary}`);
      assert.deepEqual(await shownRows(preview.locator('[data-test=cal-changes]')), expectedRows(first.changes));
      const mine = first.changes.find((c) => c.application_id === app.id);
      assert.ok(mine, `the open application is listed: ${JSON.stringify(first.changes)}`);
      assert.deepEqual(mine.before, { due_date: due.due_date, provisional: true }, 'its due date as it was, an estimate');
      assert.equal(mine.after.provisional, false);

      // ---- one more day off, on that due date: the preview says the form changed, then moves it
      const extra = `${due.due_date} 补休`;
      await page.locator('[data-test=cal-holidays]').fill([...HOLIDAY_LINES, extra].join('\n'));
      await page.locator('[data-test=cal-stale]').waitFor();
      res = await submit(page, 'cal-preview');
      const body = res.request().postDataJSON();
      assert.equal(body.holidays[due.due_date], '补休');
      const second = (await schedule(body)).body;
      await page.locator('[data-test=cal-stale]').waitFor({ state: 'detached' });
      const moved = second.changes.find((c) => c.application_id === app.id);
      assert.equal(moved?.moved, true, `the day off moves it: ${JSON.stringify(moved)}`);
      assert.notEqual(moved.after.due_date, due.due_date);
      assert.deepEqual(await shownRows(preview.locator('[data-test=cal-changes]')), expectedRows(second.changes));
      const row = preview.locator(`[data-test="cal-change-${app.id}"]`);
      assert.deepEqual(await row.locator('td').allTextContents(), [
        app.id,
        '居民身份证换领',
        `${cnDay(due.due_date)}（预估）`,
        cnDay(moved.after.due_date),
        '日期改变',
      ]);
      assert.equal((await get('/admin/calendar', adminToken)).versions.length, 0, 'a preview publishes nothing');
      await preview.scrollIntoViewIfNeeded();
      console.log(`screenshot: ${await snap(page, 'preview', { fullPage: true })}`);

      // ---- 发布: the confirmation counts the changes; then in force at once
      res = await submit(page, 'cal-publish');
      assert.equal(res.request().postDataJSON().dry_run, true, 'the count is asked of the server first');
      const dialog = page.locator('.cal-confirm');
      await dialog.waitFor();
      // Vant fades the dialog and its overlay in: axe reads colours, so it runs once nothing moves
      // for two frames (a transition starts a frame after the dialog is shown).
      await page.waitForFunction(
        () =>
          new Promise((done) =>
            requestAnimationFrame(() => requestAnimationFrame(() => done(document.getAnimations().length === 0))),
          ),
      );
      const n = second.changes.length;
      assert.match(await dialog.textContent(), new RegExp(`${n} 件在办申请的到期日将随之变化`));
      assert.equal(await dialog.getAttribute('aria-label'), '确认发布');
      assert.deepEqual(await seriousViolations(page), [], 'axe, the confirmation open: nothing serious');
      console.log(`screenshot: ${await snap(page, 'confirm')}`);
      [res] = await Promise.all([
        page.waitForResponse(isSchedules),
        dialog.getByRole('button', { name: '发布' }).click(),
      ]);
      assert.equal(res.status(), 200);
      published = await res.json();
      assert.equal(res.request().postDataJSON().dry_run, undefined, 'published for real');
      assert.equal(published.published, true);
      assert.deepEqual(expectedRows(published.changes), expectedRows(second.changes), 'the preview was what happened');
      await page.locator('[data-test=cal-published]').waitFor();
      await dialog.waitFor({ state: 'hidden' }); // closed, its fade-out over
      assert.match(await page.locator('[data-test=cal-done]').textContent(), new RegExp(`${n} 件在办申请的到期日已随之变化`));
      assert.deepEqual(
        await shownRows(page.locator('[data-test=cal-published] [data-test=cal-changes]')),
        expectedRows(published.changes),
      );
      await page.locator('[data-test=cal-versions]').waitFor();
      assert.equal((await page.locator('[data-test=cal-source]').textContent()).trim(), '管理员发布');
      assert.equal((await page.locator('[data-test=cal-last-year]').textContent()).trim(), `${YEAR} 年`);
      const version = page.locator(`[data-test="cal-version-${published.calendar.id}"] td`);
      const cells = (await version.allTextContents()).map((s) => s.trim());
      assert.match(cells[0], /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
      assert.deepEqual(cells.slice(1), [admin.username, published.summary]);
      console.log(`screenshot: ${await snap(page, 'published', { fullPage: true })}`);
      // In force at once: the application's deadline is the new date, no longer an estimate.
      const now = (await get(`/staff/applications/${app.id}`, adminToken)).application.deadline;
      assert.deepEqual([now.due_date, now.provisional], [moved.after.due_date, false]);
      assert.deepEqual(await seriousViolations(page), [], 'axe: no serious or critical violation');
      assert.deepEqual(errors, [], 'no uncaught page errors');
    });
    await ctx.close();
  },
);

test('the supervisor’s overview lists the due dates the publication changed', { timeout: 60000 }, async (t) => {
  if (!published) return t.skip(cannot || 'nothing was published');
  const answer = await get('/staff/supervision/due-changes', supToken);
  assert.equal(answer.calendar.id, published.calendar.id, 'the newest publication');
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'supervisor', async () => {
    await staffLogin(page, server.url, sup.username, sup.password);
    const card = page.locator('[data-test=due-changes]');
    await card.waitFor();
    assert.equal((await card.locator('h2').textContent()).trim(), '节假日安排调整后到期日变化的在办件');
    const about = await card.locator('[data-test=due-changes-about]').textContent();
    assert.ok(about.includes(answer.calendar.summary) && about.includes(admin.username), about);
    assert.deepEqual(await shownRows(card), expectedRows(answer.changes));
    const mine = answer.changes.find((c) => c.application_id === app.id);
    const row = card.locator(`[data-test="due-change-${app.id}"]`);
    assert.deepEqual((await row.locator('td').allTextContents()).slice(2), [
      `${cnDay(due.due_date)}（预估）`,
      cnDay(mine.after.due_date),
      '日期改变',
    ]);
    await card.scrollIntoViewIfNeeded();
    console.log(`screenshot: ${await snap(page, 'supervisor-card')}`);
    // The row opens the application beside the list, as the overview's rows do.
    await row.click();
    await page.locator('[data-test=panel-status]').waitFor();
    assert.equal(await row.getAttribute('class'), 'sel');
    const panel = page.locator('section.panel.detail');
    assert.match(await panel.textContent(), new RegExp(`${app.id}`));
    assert.match(await panel.textContent(), new RegExp(`办结期限\\s*${cnDay(mine.after.due_date)}`));
    assert.deepEqual(await seriousViolations(page), [], 'axe: no serious or critical violation');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('a date that does not exist is refused at its line, in the server’s words; nothing is published', { timeout: 60000 }, async () => {
  const versionsBefore = (await get('/admin/calendar', adminToken)).versions.length;
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'refused', async () => {
    await openCalendarTab(page);
    // A line the page cannot read stops there: no request.
    let asked = 0;
    page.on('request', (r) => r.url().endsWith('/api/v1/admin/calendar/schedules') && (asked += 1));
    await page.locator('[data-test=cal-year]').fill(String(YEAR));
    await page.locator('[data-test=cal-holidays]').fill('春节 2027-02-05');
    await page.locator('[data-test=cal-preview]').click();
    const problems = page.locator('[data-test=cal-problems-holidays] li');
    await problems.first().waitFor();
    assert.match(await problems.first().textContent(), /^第 1 行无法识别/);
    assert.equal(asked, 0, 'nothing was sent');
    // A new region without its code would be a national schedule: stopped here too.
    await page.locator('[data-test=cal-holidays]').fill('2027-04-14 三月三');
    await page.locator('[data-test=cal-scope]').selectOption({ label: '新地区…' });
    await page.locator('[data-test=cal-region-name]').fill('三亚市');
    await page.locator('[data-test=cal-preview]').click();
    await page.locator('[data-test=cal-problems-region] li', { hasText: '请填写新地区的代码' }).waitFor();
    assert.equal(asked, 0, 'nothing was sent');
    await page.locator('[data-test=cal-scope]').selectOption('');

    // 2027-02-30 goes to the server as typed; its answer is shown at the 放假日 box.
    await page.locator('[data-test=cal-holidays]').fill([...HOLIDAY_LINES, '2027-02-30 春节'].join('\n'));
    await page.locator('[data-test=cal-workdays]').fill(WORKDAY_LINES.join('\n'));
    const res = await submit(page, 'cal-preview');
    assert.equal(res.status(), 422);
    const refused = await res.json();
    assert.equal(refused.error.code, 'calendar_schedule_invalid');
    const bad = refused.problems.find((p) => p.path === '/holidays/2027-02-30');
    assert.ok(bad, JSON.stringify(refused.problems));
    await page.locator('[data-test=cal-problems-holidays] li', { hasText: bad.message }).waitFor();
    assert.deepEqual(
      (await problems.allTextContents()).map((s) => s.trim()),
      refused.problems.filter((p) => p.path.startsWith('/holidays/')).map((p) => `${p.path.slice(10)}：${p.message}`),
    );
    assert.equal(await page.locator('[data-test=cal-holidays]').getAttribute('aria-invalid'), 'true');
    await page.locator('[data-test=cal-form]').scrollIntoViewIfNeeded();
    console.log(`screenshot: ${await snap(page, 'refused')}`);

    // 发布 is refused the same way, before any confirmation.
    const again = await submit(page, 'cal-publish');
    assert.equal(again.status(), 422);
    await page.locator('[data-test=cal-problems-holidays] li', { hasText: bad.message }).waitFor();
    assert.equal(await page.locator('.cal-confirm').count(), 0, 'no confirmation for a refused schedule');
    assert.equal((await get('/admin/calendar', adminToken)).versions.length, versionsBefore, 'nothing published');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});
