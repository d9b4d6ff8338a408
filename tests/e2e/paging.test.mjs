// Lists longer than a page (the server pages by `?limit=`/`?cursor=`, answering `next_cursor`
// and `total`): the clerk's queue shows the first page and the server's total, 加载更多 appends
// the rest without repeating a row; the supervisor's level filter is asked of the server
// (?level=) and starts again from the first page; a resident's 我的办件 on a phone loads the
// next page as the list is scrolled to its end. 56 applications come from four residents over
// HTTP (a resident may submit 20 a day: application_quota).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, deskPage, withFailureShots } from './harness.mjs';
import { staffLogin, http } from './flows.mjs';
import { demoAccounts } from './accounts.mjs';
import { catalogOf, residentWithProfile, submitExample, exampleProfile } from './workflow_steps.mjs';

const P = 'paging';
const RESIDENTS = 4;
const EACH = 14;
let server;
let browser;
let accounts;
let item;
/** Every application made, and each resident's token with the ids of their applications. */
const made = [];
const residents = [];

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  accounts = demoAccounts(server.log());
  const catalog = await catalogOf(server);
  // An item whose example needs no upload (its one material is an electronic licence).
  item = catalog.items.find((i) => i.id === 'child_health_handbook');
  assert.ok(item?.example?.application, 'the sample catalog has child_health_handbook with an example');
  for (let r = 0; r < RESIDENTS; r++) {
    const token = await residentWithProfile(server, `1390018${String(1000 + r).slice(-4)}`, exampleProfile(item));
    const ids = [];
    for (let i = 0; i < EACH; i++) ids.push((await submitExample(server, token, item)).id);
    residents.push({ token, ids });
    made.push(...ids);
  }
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const desk = () => deskPage(browser);

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);

/** Does `act` and resolves to the answer to a GET of `path` it caused: {url, body}. */
async function answerTo(page, path, act) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1${path}` && r.request().method() === 'GET'),
    act(),
  ]);
  assert.equal(res.status(), 200, `${path}: ${await res.text()}`);
  return { url: new URL(res.url()), body: await res.json() };
}

/** The ids of the rows a table shows, from their data-test hooks (`<prefix><id>`). */
async function rowIds(page, table, prefix) {
  return page.locator(`[data-test=${table}] tbody tr`).evaluateAll((trs, p) => trs.map((tr) => tr.dataset.test.slice(p.length)), prefix);
}

test('the clerk queue shows the first page and the total; 加载更多 appends the rest without repeats', { timeout: 120000 }, async () => {
  const clerk = accounts.find((a) => a.role === 'clerk' && a.window === item.window);
  assert.ok(clerk, `a demo clerk of ${item.window}`);
  const { ctx, page, errors } = await desk();
  await withShots(page, 'queue', async () => {
    const first = await answerTo(page, '/staff/queue', () => staffLogin(page, server.url, clerk.username, clerk.password));
    assert.equal(first.url.searchParams.get('cursor'), null, 'the first page has no cursor');
    assert.equal(first.body.total, made.length, 'the server counts every application');
    assert.ok(first.body.next_cursor, 'there is a second page');
    assert.ok(first.body.applications.length < made.length, `one page is not all: ${first.body.applications.length}`);
    await page.locator('[data-test=list-total]', { hasText: `共 ${made.length} 条` }).waitFor();
    let ids = await rowIds(page, 'queue', 'queue-');
    assert.deepEqual(ids, first.body.applications.map((a) => a.id), 'the first page, in the server\'s order');
    assert.match(await page.locator('[data-test=list-shown]').textContent(), new RegExp(`已显示 ${ids.length} 条，共 ${made.length} 条`));
    await shot(page, P, 'clerk-queue-first-page');
    await page.locator('[data-test=load-more]').scrollIntoViewIfNeeded();
    await shot(page, P, 'clerk-queue-load-more');

    // 加载更多 until the server has no next page.
    let cursor = first.body.next_cursor;
    while (cursor) {
      const next = await answerTo(page, '/staff/queue', () => page.locator('[data-test=load-more]').click());
      assert.equal(next.url.searchParams.get('cursor'), cursor, 'the next page is asked for with the previous next_cursor');
      assert.equal(next.body.total, made.length);
      cursor = next.body.next_cursor;
    }
    await page.locator('[data-test=load-more]').waitFor({ state: 'detached' });
    ids = await rowIds(page, 'queue', 'queue-');
    assert.equal(ids.length, made.length, 'every application is shown');
    assert.equal(new Set(ids).size, ids.length, 'no application is shown twice');
    assert.deepEqual([...ids].sort(), [...made].sort(), 'exactly the applications made');
    await page.locator('[data-test=list-total]', { hasText: `共 ${made.length} 条` }).waitFor();

    // An action reloads the list and keeps as many rows as were shown.
    const last = ids[ids.length - 1];
    await page.locator(`[data-test="queue-${last}"]`).click();
    await page.locator('[data-test=act-accept]').click();
    await page.locator('[data-test=act-done]', { hasText: '已受理' }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-test=queue] tbody tr').length === n, made.length);
    ids = await rowIds(page, 'queue', 'queue-');
    assert.equal(new Set(ids).size, made.length, 'after 受理 the list is as long as before, without repeats');
    await shot(page, P, 'clerk-queue-all');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test("the supervisor's level filter is asked of the server and starts from the first page", { timeout: 120000 }, async () => {
  const sup = accounts.find((a) => a.role === 'supervisor');
  assert.ok(sup, 'a demo supervisor');
  const { ctx, page, errors } = await desk();
  await withShots(page, 'overview', async () => {
    const all = await answerTo(page, '/staff/overview', () => staffLogin(page, server.url, sup.username, sup.password));
    assert.equal(all.url.searchParams.get('level'), null, 'every level at first');
    const counts = all.body.counts;
    const open = ['normal', 'yellow', 'red', 'overdue'].reduce((s, k) => s + counts[k], 0);
    assert.equal(all.body.total, open, 'the list counts every open application');
    await page.locator('[data-test=list-total]', { hasText: `共 ${open} 条` }).waitFor();
    assert.equal(await page.locator('[data-test=overview-list] tbody tr').count(), all.body.applications.length);
    // Page two, then a level: the level's list starts again from its first page.
    assert.ok(all.body.next_cursor, 'more than one page of open applications');
    await answerTo(page, '/staff/overview', () => page.locator('[data-test=load-more]').click());
    assert.equal(await page.locator('[data-test=overview-list] tbody tr').count(), Math.min(open, 2 * all.body.applications.length));

    const level = ['normal', 'yellow', 'red', 'overdue'].find((k) => counts[k] > 0);
    const byLevel = await answerTo(page, '/staff/overview', () => page.locator(`[data-test=filter-${level}]`).click());
    assert.equal(byLevel.url.searchParams.get('level'), level, 'the level goes to the server');
    assert.equal(byLevel.url.searchParams.get('cursor'), null, 'from the first page');
    assert.equal(byLevel.body.total, counts[level], "the level's list is as long as its count");
    assert.deepEqual(byLevel.body.counts, counts, 'the counts still cover every open application');
    await page.locator('[data-test=list-total]', { hasText: `共 ${counts[level]} 条` }).waitFor();
    const ids = await rowIds(page, 'overview-list', 'overview-');
    assert.deepEqual(ids, byLevel.body.applications.map((a) => a.id), "the table is the server's answer");
    assert.ok(byLevel.body.applications.every((a) => a.level === level));
    assert.equal(await page.locator(`[data-test=filter-${level}]`).getAttribute('aria-pressed'), 'true');
    await shot(page, P, 'supervisor-level', { fullPage: true });

    // Another level with no application: the server's empty list.
    const none = ['normal', 'yellow', 'red', 'overdue'].find((k) => counts[k] === 0);
    if (none) {
      const empty = await answerTo(page, '/staff/overview', () => page.locator(`[data-test=filter-${none}]`).click());
      assert.equal(empty.url.searchParams.get('level'), none);
      assert.equal(empty.body.total, 0);
      await page.locator('[data-test=list-total]', { hasText: '共 0 条' }).waitFor();
      await page.getByText('没有符合条件的申请').waitFor();
    }
    // Pressed again: every level, from the first page.
    const again = await answerTo(page, '/staff/overview', () => page.locator(`[data-test=filter-${none || level}]`).click());
    assert.equal(again.url.searchParams.get('level'), null);
    assert.equal(again.body.total, open);
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('a resident\'s 我的办件 on a phone loads the next page at the end of the list', { timeout: 90000 }, async () => {
  const { token, ids: mine } = residents[0];
  const me = await http(server.url, 'GET', '/me', undefined, token);
  assert.equal(me.status, 200);
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  await ctx.addInitScript((s) => localStorage.setItem('yilu.resident.session', s), JSON.stringify({ token, resident: me.body.resident }));
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const asked = [];
  page.on('request', (r) => new URL(r.url()).pathname === '/api/v1/me/applications' && asked.push(new URL(r.url())));
  await withShots(page, 'resident', async () => {
    await page.goto(`${server.url}/me`);
    await page.locator('[data-test=apps-total]', { hasText: `共 ${mine.length} 件` }).waitFor();
    await shot(page, P, 'resident-first-page');
    assert.equal(asked[0].searchParams.get('cursor'), null);
    const limit = Number(asked[0].searchParams.get('limit'));
    assert.ok(limit > 0 && limit < mine.length, `a page smaller than the list: ${limit}`);
    // Scrolled to the end until the server has no more.
    const cells = page.locator('[data-test^="app-"]');
    for (let i = 0; i < 10 && (await cells.count()) < mine.length; i++) {
      await cells.last().scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
    }
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const shown = await page.locator('[data-test^="app-"]').evaluateAll((els) => els.map((e) => e.dataset.test.slice(4)));
    assert.deepEqual([...shown].sort(), [...mine].sort(), 'every application of the resident, once');
    assert.ok(asked.some((u) => u.searchParams.get('cursor')), 'the next page was asked for with a cursor');
    await page.getByText('已显示全部办件').waitFor();
    await shot(page, P, 'resident-all');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});
