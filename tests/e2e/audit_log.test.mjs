// The administrator's 审计日志 at a desk (1366×900): a clerk's failed sign-in (wrong password),
// the clerk's sign-in, the clerk's read of an application and of its uploaded file all appear,
// with the failure's reason in words; 加载更多 shows the older pages, each entry once; the
// kind, subject and date filters are asked of the server (the request carries them) and narrow
// the table to what it answers; the total shown is the server's. Expected values come from the
// server's answers, never from copies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, deskPage, withFailureShots } from './harness.mjs';
import { staffLogin, staffTokenByApi, http } from './flows.mjs';
import { demoAccounts } from './accounts.mjs';
import { catalogOf, residentWithProfile, submitExample, exampleProfile } from './workflow_steps.mjs';

const P = 'audit';
let server;
let browser;
let accounts;
let catalog;
before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  accounts = demoAccounts(server.log());
  catalog = await catalogOf(server);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const desk = () => deskPage(browser);

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);

const isAudit = (r) => new URL(r.url()).pathname === '/api/v1/admin/audit' && r.request().method() === 'GET';

/** Does `act` and resolves to the audit list's answer it caused: {url, body}. */
async function auditAnswer(page, act) {
  const [res] = await Promise.all([page.waitForResponse(isAudit), act()]);
  assert.equal(res.status(), 200, `audit: ${await res.text()}`);
  return { url: new URL(res.url()), body: await res.json() };
}

/** The rows the table shows: [{seq, kind, text}]. */
async function shownRows(page) {
  return page
    .locator('[data-test=audit-list] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => ({ seq: Number(tr.dataset.test.slice('audit-row-'.length)), kind: tr.dataset.kind, text: tr.textContent })));
}

/** Today's date in China Standard Time (YYYY-MM-DD), shifted by `days`. */
function cstDay(days = 0) {
  return new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000).toISOString().slice(0, 10);
}

test("an admin sees a clerk's failed and successful sign-in and reads in the audit log, and filters it on the server", { timeout: 120000 }, async () => {
  const item = catalog.items.find((i) => i.id === 'eia_approval');
  assert.ok(item?.example?.application, 'the sample catalog has eia_approval with an example');
  const token = await residentWithProfile(server, '13900177001', exampleProfile(item));
  const app = await submitExample(server, token, item);
  const clerk = accounts.find((a) => a.role === 'clerk' && a.window === item.window);
  const admin = accounts.find((a) => a.role === 'admin');
  assert.ok(clerk && admin, 'a demo clerk of the window and a demo admin');

  // Older entries than one page holds: the clerk's 50 reads over HTTP, before what is looked at.
  const clerkToken = await staffTokenByApi(server.url, clerk.username, clerk.password);
  for (let i = 0; i < 50; i++) assert.equal((await http(server.url, 'GET', `/staff/applications/${app.id}`, undefined, clerkToken)).status, 200);

  const { ctx, page, errors } = await desk();
  await withShots(page, 'audit', async () => {
    // ---- the clerk: a wrong password, then the right one; opens the application and its file
    await page.goto(`${server.url}/staff/login`);
    await page.getByLabel('用户名').fill(clerk.username);
    await page.getByLabel('密码').fill('not-the-password-1');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/staff/login')),
      page.getByRole('button', { name: '登录' }).click(),
    ]);
    assert.equal(refused.status(), 401, 'the wrong password is refused');
    await staffLogin(page, server.url, clerk.username, clerk.password);
    await page.locator(`[data-test="queue-${app.id}"]`).click();
    const view = page.locator('[data-test="view-file-eia_report-0"]');
    await view.waitFor();
    const [file] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/v1/uploads/')), view.click()]);
    assert.equal(file.status(), 200, 'the clerk reads the file');
    const fileSha = new URL(file.url()).pathname.split('/').pop();
    await page.keyboard.press('Escape');
    await page.locator('[data-test=logout]').click();
    await page.waitForURL(/\/staff\/login/);

    // ---- the admin: 审计日志, newest first, the server's total
    await staffLogin(page, server.url, admin.username, admin.password);
    const first = await auditAnswer(page, () => page.locator('[data-test=admin-tab-audit]').click());
    await page.waitForURL(/\/staff\?tab=audit$/);
    assert.equal(first.url.searchParams.get('kind'), null, 'no filter at first');
    const total = first.body.total;
    assert.ok(total > 55, `at least the entries of this test: ${total}`);
    assert.ok(first.body.next_cursor, 'more than one page');
    await page.locator('[data-test=audit-total]', { hasText: `共 ${total} 条` }).waitFor();
    let rows = await shownRows(page);
    assert.deepEqual(
      rows.map((r) => r.seq),
      first.body.entries.map((e) => e.seq),
      'the table shows the server\'s first page, in its order',
    );
    const seqs = rows.map((r) => r.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');

    const entryOf = (kind, pred = () => true) => first.body.entries.find((e) => e.kind === kind && pred(e));
    const failed = entryOf('staff_sign_in_failed', (e) => e.subject === clerk.username);
    assert.ok(failed, 'the failed sign-in is recorded');
    assert.equal(failed.detail.reason, 'wrong_password');
    const failedRow = page.locator(`[data-test="audit-row-${failed.seq}"]`);
    assert.equal((await failedRow.locator('[data-test=audit-kind-label]').textContent()).trim(), failed.kind_label);
    assert.match(await failedRow.locator('[data-test=audit-actor-cell]').textContent(), new RegExp(clerk.username));
    assert.equal((await failedRow.locator('[data-test=audit-detail]').textContent()).trim(), '失败原因：密码错误');

    const signIn = entryOf('staff_sign_in', (e) => e.actor.id === clerk.username);
    assert.ok(signIn, "the clerk's sign-in is recorded");
    assert.ok(signIn.seq > failed.seq, 'after the failure');
    const signInRow = page.locator(`[data-test="audit-row-${signIn.seq}"]`);
    assert.equal((await signInRow.locator('[data-test=audit-kind-label]').textContent()).trim(), signIn.kind_label);
    assert.match(await signInRow.locator('[data-test=audit-actor-cell]').textContent(), /工作人员/);

    const read = entryOf('application_read', (e) => e.actor.id === clerk.username && e.subject === app.id);
    assert.ok(read, "the clerk's read of the application is recorded");
    assert.match(await page.locator(`[data-test="audit-row-${read.seq}"] [data-test=audit-subject-cell]`).textContent(), new RegExp(app.id));
    const fileRead = entryOf('file_read', (e) => e.actor.id === clerk.username && e.subject === `${app.id}/${fileSha}`);
    assert.ok(fileRead, `the clerk's read of the file is recorded as ${app.id}/${fileSha}`);
    const fileCell = await page.locator(`[data-test="audit-row-${fileRead.seq}"] [data-test=audit-subject-cell]`).textContent();
    assert.match(fileCell, new RegExp(app.id));
    assert.match(fileCell, new RegExp(`文件 ${fileSha.slice(0, 16)}`));
    await shot(page, P, 'admin-audit-log');

    // ---- 加载更多 to the end: every entry once, as many as the server counted
    let cursor = first.body.next_cursor;
    while (cursor) {
      const next = await auditAnswer(page, () => page.locator('[data-test=audit-more]').click());
      assert.equal(next.url.searchParams.get('cursor'), cursor, 'the next page is asked for with the previous next_cursor');
      cursor = next.body.next_cursor;
    }
    await page.locator('[data-test=audit-more]').waitFor({ state: 'detached' });
    const all = (await shownRows(page)).map((r) => r.seq);
    assert.equal(all.length, total, 'every entry is shown');
    assert.equal(new Set(all).size, all.length, 'none twice');
    assert.deepEqual(all, [...all].sort((a, b) => b - a), 'still newest first');

    // ---- by kind: the server is asked, and the table is what it answered
    await page.locator('[data-test=audit-kind]').selectOption('staff_sign_in_failed');
    const byKind = await auditAnswer(page, () => page.locator('[data-test=audit-search]').click());
    assert.equal(byKind.url.searchParams.get('kind'), 'staff_sign_in_failed', 'the kind goes to the server');
    assert.ok(byKind.body.total >= 1 && byKind.body.total < total, `fewer entries: ${byKind.body.total} of ${total}`);
    await page.locator('[data-test=audit-total]', { hasText: `共 ${byKind.body.total} 条` }).waitFor();
    rows = await shownRows(page);
    assert.equal(rows.length, byKind.body.entries.length);
    assert.ok(rows.every((r) => r.kind === 'staff_sign_in_failed'), 'only failed sign-ins are shown');
    assert.ok(rows.some((r) => r.seq === failed.seq), "the clerk's failure among them");
    await shot(page, P, 'admin-audit-failed-sign-ins');

    // ---- by subject: the application id in a row fills 对象 (its file read included)
    await page.locator('[data-test=audit-kind]').selectOption('');
    await auditAnswer(page, () => page.locator('[data-test=audit-search]').click());
    const bySubject = await auditAnswer(page, () => page.locator(`[data-test="audit-app-${read.seq}"]`).click());
    assert.equal(bySubject.url.searchParams.get('subject'), app.id, 'the subject goes to the server');
    assert.equal(await page.locator('[data-test=audit-subject]').inputValue(), app.id, 'the 对象 filter is filled');
    await page.locator('[data-test=audit-total]', { hasText: `共 ${bySubject.body.total} 条` }).waitFor();
    rows = await shownRows(page);
    assert.equal(rows.length, bySubject.body.entries.length);
    assert.ok(rows.length >= 2 && rows.length < total, `the application's entries only: ${rows.length}`);
    assert.ok(rows.every((r) => r.kind === 'application_read' || r.kind === 'file_read'), `reads only: ${rows.map((r) => r.kind)}`);
    assert.ok(rows.some((r) => r.seq === fileRead.seq) && rows.some((r) => r.seq === read.seq), 'the read and the file read');
    await shot(page, P, 'admin-audit-by-application');

    // ---- by date: today keeps them, a range ending yesterday has none
    await page.locator('[data-test=audit-since]').fill(cstDay(0));
    await page.locator('[data-test=audit-until]').fill(cstDay(0));
    const today = await auditAnswer(page, () => page.locator('[data-test=audit-search]').click());
    assert.equal(today.url.searchParams.get('since'), cstDay(0));
    assert.equal(today.url.searchParams.get('until'), cstDay(0));
    assert.equal(today.body.total, bySubject.body.total, 'everything of this test happened today');
    await page.locator('[data-test=audit-until]').fill(cstDay(-1));
    await page.locator('[data-test=audit-since]').fill(cstDay(-7));
    const before = await auditAnswer(page, () => page.locator('[data-test=audit-search]').click());
    assert.equal(before.body.total, 0);
    await page.locator('[data-test=audit-empty]', { hasText: '没有符合条件的记录' }).waitFor();
    await page.locator('[data-test=audit-total]', { hasText: '共 0 条' }).waitFor();

    // ---- 清除筛选: the whole log again
    const cleared = await auditAnswer(page, () => page.locator('[data-test=audit-clear]').click());
    assert.equal([...cleared.url.searchParams.keys()].filter((k) => k !== 'cursor').length, 0, 'no filter is sent');
    await page.locator('[data-test=audit-total]', { hasText: `共 ${cleared.body.total} 条` }).waitFor();
    assert.ok(cleared.body.total >= total);
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});
