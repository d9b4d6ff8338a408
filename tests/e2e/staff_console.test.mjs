// The staff console at a desk (1366×900): the window clerk opens an application's uploaded PDF
// and photo with 查看 and sees them; a rated application shows the applicant's score and
// comment in the panel and in the "rated" event; the supervisor's level filter keeps
// applications not yet accepted; the clerk's and the reviewer's buttons are the server's
// allowed_actions, and statuses and events carry the server's Chinese labels. Residents'
// applications are made over HTTP (this file is about the console; resident_flow.test.mjs
// drives the resident's pages).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, makePdf, makePng, deskPage, withFailureShots } from './harness.mjs';
import { staffLogin, http, residentTokenByApi, staffTokenByApi, uploadByApi } from './flows.mjs';
import { exampleProfile } from './workflow_steps.mjs';
import { demoAccounts } from './accounts.mjs';

const P = 'staff';
let server;
let browser;
let catalog;
let accounts;
before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  catalog = await (await fetch(`${server.url}/api/v1/catalog`)).json();
  accounts = demoAccounts(server.log());
});
after(async () => {
  await browser?.close();
  await server?.stop();
});


let phoneN = 0;
/**
 * A resident applies for `itemId` over HTTP with the catalog's example application; every
 * material the example gives as files gets one real upload (a PNG where PDF is not accepted).
 * Resolves to {id, token, uploads: {material: upload}}.
 */
async function applyByApi(itemId) {
  const item = catalog.items.find((i) => i.id === itemId);
  assert.ok(item?.example?.application, `the sample catalog has ${itemId} with an example`);
  phoneN += 1;
  const token = await residentTokenByApi(server, `1390000${String(1000 + phoneN).slice(-4)}`);
  const ex = item.example.application;
  // 实名认证 first; the applicant the item names is the resident, who signs any commitment.
  const profile = exampleProfile(item);
  const pr = await http(server.url, 'PUT', '/me/profile', profile, token);
  assert.equal(pr.status, 200, `profile: ${JSON.stringify(pr.body)}`);
  const materials = {};
  const uploads = {};
  for (const [mid, m] of Object.entries(ex.materials || {})) {
    if (m.by !== 'file') {
      materials[mid] = m.by === 'commitment' ? { ...m, signer: profile.name } : m;
      continue;
    }
    const types = item.materials.find((x) => x.id === mid)?.file_types || ['pdf'];
    const pdf = types.includes('pdf');
    const up = await uploadByApi(server.url, token, {
      item: itemId,
      material: mid,
      name: pdf ? `${mid}.pdf` : `${mid}.png`,
      type: pdf ? 'application/pdf' : 'image/png',
      bytes: pdf ? makePdf(40) : makePng(),
    });
    uploads[mid] = up;
    materials[mid] = { by: 'file', files: [{ upload: up.id }] };
  }
  const body = { kind: 'item', target_id: itemId, answers: ex.answers || {}, fields: ex.fields || {}, materials };
  const r = await http(server.url, 'POST', '/applications', body, token);
  assert.equal(r.status, 201, `application for ${itemId}: ${JSON.stringify(r.body)}`);
  return { id: r.body.application.id, token, uploads, item };
}

const clerkOf = (itemId) => {
  const w = catalog.items.find((i) => i.id === itemId).window;
  const c = accounts.find((a) => a.role === 'clerk' && a.window === w);
  assert.ok(c, `a demo clerk of window ${w}`);
  return c;
};

const desk = () => deskPage(browser);

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);

test('查看 on an uploaded PDF fetches it for the application and shows it to the clerk', { timeout: 90000 }, async () => {
  const app = await applyByApi('eia_approval');
  const clerk = clerkOf('eia_approval');
  const { ctx, page, errors } = await desk();
  await withShots(page, 'pdf', async () => {
    await staffLogin(page, server.url, clerk.username, clerk.password);
    await page.locator(`[data-test="queue-${app.id}"]`).click();
    const view = page.locator('[data-test="view-file-eia_report-0"]');
    await view.waitFor();
    await shot(page, P, 'clerk-application');

    const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/v1/uploads/')), view.click()]);
    const u = new URL(res.url());
    assert.equal(u.pathname, `/api/v1/uploads/${app.uploads.eia_report.id}`);
    assert.equal(u.searchParams.get('application'), app.id, 'the file is asked for through its application');
    assert.equal(res.status(), 200, 'the clerk may fetch the file');
    assert.equal(res.headers()['content-type'].split(';')[0], 'application/pdf');

    const pdf = page.locator('[data-test=file-viewer] [data-test=file-pdf]');
    await pdf.waitFor();
    const data = await pdf.getAttribute('data');
    assert.match(data, /^blob:/, 'the PDF is shown from the fetched bytes');
    const shownHead = await page.evaluate(async (u) => new TextDecoder('latin1').decode((await (await fetch(u)).arrayBuffer()).slice(0, 5)), data);
    assert.equal(shownHead, '%PDF-', 'what is shown is the PDF');
    assert.equal(await page.locator('[data-test=file-error]').count(), 0);
    // Chromium's PDF viewer draws in a frame of its own that the page cannot wait on: a moment
    // for the screenshot (nothing is asserted on the drawing).
    await page.waitForTimeout(1500);
    await shot(page, P, 'clerk-views-pdf');

    // 在新标签页打开: the browser's own PDF viewer in a new tab.
    const [tab] = await Promise.all([ctx.waitForEvent('page'), page.locator('[data-test=file-open-tab]').click()]);
    await tab.waitForLoadState();
    assert.match(tab.url(), /^blob:/, 'the new tab shows the fetched file');
    await tab.waitForTimeout(1500);
    await shot(tab, P, 'clerk-pdf-new-tab');
    await tab.close();

    // Esc closes the viewer and gives focus back to 查看.
    await page.keyboard.press('Escape');
    await page.locator('[data-test=file-viewer]').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), 'view-file-eia_report-0');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('查看 on an uploaded photo shows the image inline; a file that fails gives a Chinese message', { timeout: 90000 }, async () => {
  const app = await applyByApi('residence_permit');
  const clerk = clerkOf('residence_permit');
  const { ctx, page, errors } = await desk();
  await withShots(page, 'image', async () => {
    await staffLogin(page, server.url, clerk.username, clerk.password);
    await page.locator(`[data-test="queue-${app.id}"]`).click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/uploads/')),
      page.locator('[data-test="view-file-photo-0"]').click(),
    ]);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'].split(';')[0], 'image/png');
    const img = page.locator('[data-test=file-viewer] img[data-test=file-image]');
    await img.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-test=file-image]')?.naturalWidth > 0);
    assert.equal(await img.evaluate((el) => el.naturalWidth), 240, 'the photo is decoded and drawn');
    assert.ok(await img.getAttribute('alt'), 'the image has a text alternative');
    await shot(page, P, 'clerk-views-photo');
    await page.locator('[data-test=file-close]').click();

    // When the server refuses the file (a 404 stubbed here), the viewer says so in Chinese.
    await page.route('**/api/v1/uploads/**', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: '{"ok":false,"error":{"code":"not_found","message":"未找到该文件"}}' }));
    await page.locator('[data-test="view-file-photo-0"]').click();
    const err = page.locator('[data-test=file-viewer] [data-test=file-error]');
    await err.waitFor();
    assert.match(await err.textContent(), /文件打开失败：未找到该文件/);
    await shot(page, P, 'clerk-file-error');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('a rated application, opened from the queue by keyboard, shows its score and comment to staff, in the panel and the rated event', { timeout: 90000 }, async () => {
  const app = await applyByApi('eia_approval');
  const clerk = clerkOf('eia_approval');
  const staffToken = await staffTokenByApi(server.url, clerk.username, clerk.password);
  const refused = await http(server.url, 'POST', `/staff/applications/${app.id}/refuse`, { reason: '项目不在本市审批范围' }, staffToken);
  assert.equal(refused.status, 200, `refuse: ${JSON.stringify(refused.body)}`);
  const comment = '窗口答复清楚，一次说明白了';
  const rated = await http(server.url, 'POST', `/applications/${app.id}/rating`, { score: 4, comment }, app.token);
  assert.equal(rated.status, 200, `rating: ${JSON.stringify(rated.body)}`);

  const { ctx, page, errors } = await desk();
  await withShots(page, 'rating', async () => {
    await staffLogin(page, server.url, clerk.username, clerk.password);
    await page.getByLabel('显示已办结').check();
    // By keyboard: the queue's row takes the focus and opens the application with Enter.
    const row = page.locator(`[data-test="queue-${app.id}"]`);
    assert.equal(await row.getAttribute('tabindex'), '0', 'the row is in the tab order');
    await row.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('[data-test=panel-rating]');
    await panel.waitFor();
    const score = panel.locator('[data-test=rating-score]');
    assert.equal(await score.getAttribute('aria-label'), '评分 4 分，满分 5 分');
    assert.match(await score.textContent(), /★★★★☆\s*4\/5/);
    assert.match(await panel.locator('[data-test=rating-comment]').textContent(), new RegExp(comment));

    const ev = page.locator('[data-test=timeline] tr[data-kind=rated]');
    await ev.waitFor();
    assert.equal(await ev.locator('[data-test=rating-score]').getAttribute('aria-label'), '评分 4 分，满分 5 分');
    assert.match(await ev.textContent(), new RegExp(comment));
    await ev.scrollIntoViewIfNeeded();
    await shot(page, P, 'clerk-sees-rating');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test("the supervisor's level filter keeps applications not yet accepted", { timeout: 90000 }, async () => {
  const app = await applyByApi('eia_approval');
  const sup = accounts.find((a) => a.role === 'supervisor');
  assert.ok(sup, 'a demo supervisor');
  const supToken = await staffTokenByApi(server.url, sup.username, sup.password);
  const ov = await http(server.url, 'GET', '/staff/overview', undefined, supToken);
  const mine = (ov.body.applications || []).find((a) => a.id === app.id);
  assert.ok(mine, 'the overview lists the application not yet accepted');
  assert.ok(['normal', 'yellow', 'red', 'overdue'].includes(mine.level), `it has a level: ${mine.level}`);

  const { ctx, page, errors } = await desk();
  await withShots(page, 'overview', async () => {
    await staffLogin(page, server.url, sup.username, sup.password);
    const row = page.locator(`[data-test="overview-${app.id}"]`);
    await row.waitFor();
    await page.locator(`[data-test=filter-${mine.level}]`).click();
    assert.equal(await page.locator(`[data-test=filter-${mine.level}]`).getAttribute('aria-pressed'), 'true');
    await row.waitFor({ timeout: 2000 });
    const counted = Number(await page.locator(`[data-test=count-${mine.level}]`).textContent());
    assert.equal(await page.locator('[data-test=overview-list] tbody tr').count(), counted, 'the list shows as many as the count says');
    await shot(page, P, 'supervisor-filtered', { fullPage: true });
    // Another level hides it.
    const other = ['normal', 'yellow', 'red', 'overdue'].find((k) => k !== mine.level);
    await page.locator(`[data-test=filter-${other}]`).click();
    await row.waitFor({ state: 'detached' });
    // The supervisor opens it read-only: no action buttons.
    await page.locator(`[data-test=filter-${other}]`).click();
    await row.click();
    await page.locator('[data-test=panel-status]').waitFor();
    assert.equal(await page.locator('[data-test^=act-]').count(), 0, 'the supervisor has no actions');
    await shot(page, P, 'supervisor-opens', { fullPage: true });
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test("the console's buttons are the server's allowed_actions; statuses and events carry its labels", { timeout: 120000 }, async () => {
  const app = await applyByApi('eia_approval');
  const clerk = clerkOf('eia_approval');
  const token = await staffTokenByApi(server.url, clerk.username, clerk.password);
  const { ctx, page, errors } = await desk();
  const shown = async (group) => (await page.locator(`[role=group][aria-label="${group}"] [data-test^=act-]`).evaluateAll((els) => els.map((e) => e.dataset.test.slice(4)))).sort();
  const detail = async (tok = token) => (await http(server.url, 'GET', `/staff/applications/${app.id}`, undefined, tok)).body;
  await withShots(page, 'actions', async () => {
    await staffLogin(page, server.url, clerk.username, clerk.password);
    await page.locator(`[data-test="queue-${app.id}"]`).click();
    await page.locator('[data-test=panel-status]').waitFor();
    let d = await detail();
    assert.ok(Array.isArray(d.application.allowed_actions), 'the server sends allowed_actions');
    await page.locator('[data-test=act-accept]').waitFor();
    assert.deepEqual(await shown('办理操作'), [...d.application.allowed_actions].sort(), 'buttons = allowed_actions (received)');
    assert.equal((await page.locator('[data-test=panel-status]').textContent()).trim(), d.application.status_label);
    await shot(page, P, 'clerk-submitted-actions');

    await page.locator('[data-test=act-accept]').click();
    await page.locator('[data-test=act-done]', { hasText: '已受理' }).waitFor();
    d = await detail();
    assert.deepEqual(await shown('办理操作'), [...d.application.allowed_actions].sort(), 'buttons = allowed_actions (accepted)');
    assert.ok(!d.application.allowed_actions.includes('accept'), 'accepting twice is not offered');
    assert.equal((await page.locator('[data-test=panel-status]').textContent()).trim(), d.application.status_label);
    // Every event has the server's Chinese title, never its code.
    const titles = await page.locator('[data-test=timeline] tr td:nth-child(2)').allTextContents();
    assert.deepEqual(titles.map((t) => t.trim()), d.timeline.map((e) => e.title));
    for (const t of titles) assert.doesNotMatch(t, /^[a-z_]+$/, `a Chinese title: ${t}`);
    await shot(page, P, 'clerk-accepted-actions');

    // Dispatched: the department's reviewer gets the task's allowed_actions as buttons.
    await page.locator('[data-test=act-dispatch]').click();
    await page.locator('[data-test=act-done]', { hasText: '已转办' }).waitFor();
    d = await detail();
    const task = d.application.tasks.find((t) => t.status === 'reviewing');
    assert.ok(task, 'a task under review after 转办');
    const rev = accounts.find((a) => a.role === 'reviewer' && a.department === task.department);
    assert.ok(rev, `a demo reviewer of ${task.department}`);
    const revToken = await staffTokenByApi(server.url, rev.username, rev.password);
    await staffLogin(page, server.url, rev.username, rev.password);
    await page.locator(`[data-test="task-${task.id}"]`).click();
    await page.locator('[data-test=act-approve]').waitFor();
    let mine = (await detail(revToken)).application.tasks.find((t) => t.id === task.id);
    assert.ok(Array.isArray(mine.allowed_actions), 'tasks carry allowed_actions');
    assert.deepEqual(await shown('审批操作'), [...mine.allowed_actions].sort(), 'buttons = task allowed_actions (reviewing)');
    assert.match(await page.locator('[data-test=task-status]').textContent(), new RegExp(mine.status_label));
    await page.getByLabel(/理由或意见/).fill('等待补充现场核查结果');
    await page.locator('[data-test=act-pause]').click();
    await page.locator('[data-test=act-done]', { hasText: '已中止计时' }).waitFor();
    mine = (await detail(revToken)).application.tasks.find((t) => t.id === task.id);
    assert.deepEqual(await shown('审批操作'), [...mine.allowed_actions].sort(), 'buttons = task allowed_actions (paused)');
    assert.ok(!mine.allowed_actions.includes('approve'), 'a paused task is not approved');
    await shot(page, P, 'reviewer-paused-actions');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});
