// 催办 in the staff console at a desk (1366×900). A resident files 出生登记 and the window's
// clerk accepts and dispatches it over HTTP (this file is about the console). The supervisor
// opens it from 督办总览 and presses 催办 on the 公安局 review: an empty note is refused with the
// server's message, a note is sent and listed on the task, and the staff timeline shows 督办催办.
// A review decided while the form is open is refused by the server (409) and the page says so.
// The department's reviewer sees the badge and the note in their list and on the task. The
// resident's own page on a phone shows no 催办 at all, and the resident's API answer has none.
// axe finds nothing serious or critical on the panels touched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, deskPage, withFailureShots } from './harness.mjs';
import { staffLogin, http, staffTokenByApi } from './flows.mjs';
import { catalogOf, residentWithProfile, submitExample, staffOf, act, phoneAs, exampleProfile } from './workflow_steps.mjs';
import { seriousViolations } from './resident_pages.mjs';

const P = 'reminders';
const ITEM = 'birth_household_registration'; // reviewed by 公安局 (gaj)
const NOTE = '群众反映已等待多日，请公安局于本周内办结并回复督办室。';

let server;
let browser;
let catalog;
let staff;
let sup; // the demo supervisor account
let supToken;
let resident; // the resident's token
/** The application the supervisor presses 催办 on, and its review task. */
let app;
let task;

/** A resident's application of ITEM, accepted and dispatched by the window: {app, task}. */
async function dispatched() {
  const item = catalog.items.find((i) => i.id === ITEM);
  assert.ok(item?.example?.application, `the sample catalog has ${ITEM} with an example`);
  const a = await submitExample(server, resident, item);
  const clerk = await staff.clerk(item.window);
  await act(server, clerk, `/staff/applications/${a.id}/accept`);
  const d = await act(server, clerk, `/staff/applications/${a.id}/dispatch`);
  const t = d.application.tasks.find((x) => x.kind === 'review' && x.status === 'reviewing');
  assert.ok(t, `a review under way after 转办: ${JSON.stringify(d.application.tasks)}`);
  return { app: d.application, task: t };
}

/** The application as the supervisor's console reads it (GET /staff/applications/{id}). */
async function staffDetail(id, token = supToken) {
  const r = await http(server.url, 'GET', `/staff/applications/${id}`, undefined, token);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  catalog = await catalogOf(server);
  staff = staffOf(server);
  sup = staff.accounts.find((a) => a.role === 'supervisor');
  assert.ok(sup, 'a demo supervisor');
  supToken = await staffTokenByApi(server.url, sup.username, sup.password);
  // The newborn's items name the mother as applicant: she files them herself.
  const item = catalog.items.find((i) => i.id === ITEM);
  resident = await residentWithProfile(server, '13900139401', exampleProfile(item));
  ({ app, task } = await dispatched());
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);

/** Opens an application from 督办总览 and waits for its panel. */
async function openFromOverview(page, id) {
  await page.locator('[data-test=supervisor-tab-overview][aria-selected=true]').waitFor();
  const row = page.locator(`[data-test="overview-${id}"]`);
  await row.click();
  await page.locator('[data-test=panel-tasks]').waitFor();
  await page.locator('[data-test=panel-status]').waitFor();
}

/** Clicks 发送 and resolves to the remind request's response. */
async function send(page) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/remind`) && r.request().method() === 'POST'),
    page.locator('[data-test=remind-send]').click(),
  ]);
  return res;
}

test('the supervisor presses 催办 from 督办总览: an empty note is refused, a note is sent and listed, and the timeline shows it', { timeout: 120000 }, async () => {
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'supervisor', async () => {
    await staffLogin(page, server.url, sup.username, sup.password);
    await openFromOverview(page, app.id);
    const button = page.locator(`[data-test="remind-task-${task.id}"]`);
    await button.waitFor();
    assert.equal((await button.textContent()).trim(), '催办');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.match(await button.getAttribute('aria-label'), /^催办 .*公安局/, 'the button names the task it presses');
    assert.equal(await page.locator('[data-test=remind-badge]').count(), 0, 'no badge before any 催办');
    assert.equal(await page.locator('[data-test^=act-]').count(), 0, 'still no clerk or reviewer actions for the supervisor');

    // ---- 取消 and Esc close the form and give focus back to 催办 ----------------------------
    await button.click();
    const form = page.locator('[data-test=remind-form]');
    await form.waitFor();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), 'remind-note', 'the note has focus');
    await page.locator('[data-test=remind-cancel]').click();
    await form.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), `remind-task-${task.id}`);
    await button.click();
    await form.waitFor();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), `remind-task-${task.id}`);

    // ---- an empty note: the server refuses it (422 missing_note) and its message is shown ----
    const refusal = await http(server.url, 'POST', `/staff/tasks/${task.id}/remind`, { note: '' }, supToken);
    assert.equal(refusal.status, 422);
    assert.equal(refusal.body.error.code, 'missing_note');
    await button.click();
    await form.waitFor();
    const note = page.locator('[data-test=remind-note]');
    assert.equal(await note.getAttribute('maxlength'), '200');
    assert.equal(await note.evaluate((el) => el.required), true, 'the note is marked required');
    assert.equal(await page.getByLabel(/催办说明/).getAttribute('data-test'), 'remind-note', 'the note has its label');
    assert.equal((await page.locator('[data-test=remind-count]').textContent()).trim(), '已输入 0/200 字');
    let res = await send(page);
    assert.equal(res.status(), 422, 'the empty note went to the server, which refused it');
    const error = page.locator('[data-test=remind-error]');
    await page.waitForFunction(() => document.querySelector('[data-test=remind-error]')?.textContent.trim());
    assert.equal((await error.textContent()).trim(), refusal.body.error.message, 'the server’s message, as sent');
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.equal(await note.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), 'remind-note', 'focus back on the note');
    // Blanks only are no note either: the page trims, the server refuses.
    await note.fill('   ');
    res = await send(page);
    assert.equal(res.status(), 422);
    assert.deepEqual(JSON.parse(res.request().postData()), { note: '' });
    await error.scrollIntoViewIfNeeded();
    await shot(page, P, 'supervisor-empty-note');
    assert.deepEqual(await seriousViolations(page), [], 'axe: the panel with the form and its error');
    assert.equal((await staffDetail(app.id)).application.tasks.find((t) => t.id === task.id).reminders.length, 0, 'nothing was recorded');

    // ---- the note: counted as typed, sent, listed on the task ---------------------------------
    await note.fill(NOTE);
    assert.equal((await page.locator('[data-test=remind-count]').textContent()).trim(), `已输入 ${NOTE.length}/200 字`);
    res = await send(page);
    assert.equal(res.status(), 200, 'the 催办 was accepted');
    assert.deepEqual(JSON.parse(res.request().postData()), { note: NOTE });
    const done = page.locator('[data-test=remind-done]');
    await done.filter({ hasText: `已向${task.department_name}发送催办` }).waitFor();
    assert.equal(await done.getAttribute('role'), 'status', 'the result is announced');
    await form.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), `remind-task-${task.id}`);

    // What the panel lists is what the server recorded.
    const d = await staffDetail(app.id);
    const recorded = d.application.tasks.find((t) => t.id === task.id).reminders;
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0].by_kind, 'staff');
    assert.equal(recorded[0].note, NOTE);
    const sub = page.locator(`[data-task-sub="${task.id}"]`);
    const item = sub.locator('[data-test=reminder]');
    await item.first().waitFor();
    assert.equal(await item.count(), 1);
    assert.equal(await item.getAttribute('data-by'), 'staff');
    assert.equal((await item.locator('[data-test=reminder-note]').textContent()).trim(), NOTE);
    assert.ok((await item.textContent()).includes(recorded[0].by_name), `the supervisor's name ${recorded[0].by_name}`);
    const badge = page.locator(`[data-task="${task.id}"] [data-test=remind-badge]`);
    assert.match(await badge.textContent(), /^催办 1次/);
    assert.equal(await badge.getAttribute('data-overdue'), 'false');

    // The staff timeline: the server's event with its title and the note.
    const ev = page.locator('[data-test=timeline] tr[data-kind=reminded]');
    await ev.waitFor();
    const event = d.timeline.find((e) => e.kind === 'reminded');
    assert.ok(event, 'the server wrote a reminded event');
    assert.equal(event.title, '督办催办');
    assert.equal((await ev.locator('.ev-title').textContent()).trim(), event.title);
    assert.ok((await ev.textContent()).includes(NOTE), 'the note is on the event');
    await page.locator('[data-test=panel-tasks]').scrollIntoViewIfNeeded();
    await shot(page, P, 'supervisor-reminded');
    await ev.scrollIntoViewIfNeeded();
    await shot(page, P, 'supervisor-timeline');
    assert.deepEqual(await seriousViolations(page), [], 'axe: the panel after the 催办');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('a review decided while the form is open: the server refuses the 催办 (409) and the page shows its message', { timeout: 120000 }, async () => {
  const other = await dispatched();
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'decided', async () => {
    await staffLogin(page, server.url, sup.username, sup.password);
    await openFromOverview(page, other.app.id);
    await page.locator(`[data-test="remind-task-${other.task.id}"]`).click();
    await page.locator('[data-test=remind-note]').fill('请尽快办理');
    // Meanwhile the department decides it.
    const reviewer = await staff.reviewer(other.task.department);
    await act(server, reviewer, `/staff/tasks/${other.task.id}/approve`);
    const refusal = await http(server.url, 'POST', `/staff/tasks/${other.task.id}/remind`, { note: '请尽快办理' }, supToken);
    assert.equal(refusal.status, 409);
    assert.equal(refusal.body.error.code, 'illegal_transition');
    const res = await send(page);
    assert.equal(res.status(), 409);
    await page.waitForFunction(() => document.querySelector('[data-test=remind-error]')?.textContent.trim());
    assert.equal((await page.locator('[data-test=remind-error]').textContent()).trim(), refusal.body.error.message);
    assert.equal(await page.locator('[data-test=remind-form]').count(), 1, 'the form stays, with what was typed');
    assert.equal(await page.locator('[data-test=remind-note]').inputValue(), '请尽快办理');
    const d = await staffDetail(other.app.id);
    const decided = d.application.tasks.find((t) => t.id === other.task.id);
    assert.equal(decided.reminders.length, 0);
    assert.ok(!d.timeline.some((e) => e.kind === 'reminded'), 'nothing was recorded');
    // The refusal makes the panel fetch the application again: the task's status is the
    // server's now, and it has no 催办 button any more.
    await page.locator(`[data-task="${other.task.id}"]`, { hasText: decided.status_label }).waitFor();
    assert.equal(await page.locator(`[data-test="remind-task-${other.task.id}"]`).count(), 0, 'no 催办 on a decided review');
    await page.locator('[data-test=remind-error]').scrollIntoViewIfNeeded();
    await shot(page, P, 'supervisor-decided-refused');
    assert.deepEqual(await seriousViolations(page), [], 'axe: the refused form');
    // 取消: with its button gone, focus goes to the tasks' title.
    await page.locator('[data-test=remind-cancel]').click();
    await page.locator('[data-test=remind-form]').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), 'panel-tasks-title');

    // Another application and back: still no 催办 on the decided review.
    await page.locator(`[data-test="overview-${app.id}"]`).click();
    await page.locator(`[data-test="remind-task-${task.id}"]`).waitFor();
    // Approved, the application waits for 出件: still open, still listed.
    await page.locator(`[data-test="overview-${other.app.id}"]`).click();
    await page.locator(`[data-task="${other.task.id}"]`).waitFor();
    assert.equal(await page.locator(`[data-test="remind-task-${other.task.id}"]`).count(), 0, 'no 催办 on a decided review');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('the department’s reviewer sees the badge and the note on the task, and no 催办 button', { timeout: 120000 }, async () => {
  const rev = staff.accounts.find((a) => a.role === 'reviewer' && a.department === task.department);
  assert.ok(rev, `a demo reviewer of ${task.department}`);
  const revToken = await staffTokenByApi(server.url, rev.username, rev.password);
  const listed = await http(server.url, 'GET', '/staff/tasks', undefined, revToken);
  assert.equal(listed.status, 200);
  const mine = listed.body.tasks.find((t) => t.id === task.id);
  assert.ok(mine, 'the reviewer’s list has the task');
  assert.equal(mine.reminders.length, 1, 'the list’s task carries its 催办');

  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'reviewer', async () => {
    await staffLogin(page, server.url, rev.username, rev.password);
    const row = page.locator(`[data-test="task-${task.id}"]`);
    await row.waitFor();
    const badge = row.locator('[data-test=remind-badge]');
    assert.match(await badge.textContent(), /^催办 1次/);
    assert.equal(await badge.getAttribute('data-overdue'), 'false');
    await row.click();
    const box = page.locator('[data-test=task-reminders]');
    await box.waitFor();
    assert.equal((await box.locator('h3').textContent()).trim(), '督办催办');
    const item = box.locator('[data-test=reminder]');
    assert.equal(await item.count(), 1);
    assert.equal((await item.locator('[data-test=reminder-note]').textContent()).trim(), NOTE);
    assert.ok((await item.textContent()).includes(mine.reminders[0].by_name), 'who sent it');
    assert.equal(await page.locator('[data-test^=remind-task-]').count(), 0, 'the reviewer has no 催办 button');
    assert.equal(await page.locator('[data-test=remind-form]').count(), 0);
    // The reviewer's own buttons are still the server's allowed_actions.
    await page.locator('[data-test=act-approve]').waitFor();
    // The application's timeline in the reviewer's panel has the event too.
    const ev = page.locator('[data-test=timeline] tr[data-kind=reminded]');
    await ev.waitFor();
    assert.equal((await ev.locator('.ev-title').textContent()).trim(), '督办催办');
    await shot(page, P, 'reviewer-task');
    assert.deepEqual(await seriousViolations(page), [], 'axe: the reviewer’s list and task');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('an automatic overdue 催办 turns the reviewer’s badge red and is listed as 系统自动 · 已超期', { timeout: 90000 }, async () => {
  // The server raises it only once a review is past its limit (days from now), so the answers
  // here are the server's with one such reminder added, in the shape the server sends.
  const rev = staff.accounts.find((a) => a.role === 'reviewer' && a.department === task.department);
  const auto = { at: new Date().toISOString(), by_kind: 'system', note: '', level: 'overdue', level_label: '已超期' };
  const withAuto = (t) => (t.id === task.id ? { ...t, reminders: [...t.reminders, auto] } : t);
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'overdue', async () => {
    await page.route(/\/api\/v1\/staff\/tasks(\?.*)?$/, async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      body.tasks = (body.tasks || []).map(withAuto);
      await route.fulfill({ response: res, json: body });
    });
    await page.route(`**/api/v1/staff/applications/${app.id}`, async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      body.application.tasks = body.application.tasks.map(withAuto);
      await route.fulfill({ response: res, json: body });
    });
    await staffLogin(page, server.url, rev.username, rev.password);
    const row = page.locator(`[data-test="task-${task.id}"]`);
    const badge = row.locator('[data-test=remind-badge]');
    await badge.waitFor();
    assert.match(await badge.textContent(), /^催办 2次，含超期后的系统自动催办/);
    assert.equal(await badge.getAttribute('data-overdue'), 'true');
    const colours = await badge.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color }));
    assert.deepEqual(colours, { bg: 'rgb(196, 39, 28)', fg: 'rgb(255, 255, 255)' }, 'solid red');

    await row.click();
    const items = page.locator('[data-test=task-reminders] [data-test=reminder]');
    await items.nth(1).waitFor();
    assert.equal(await items.count(), 2, 'the supervisor’s and the server’s, oldest first');
    assert.equal((await items.nth(0).locator('[data-test=reminder-note]').textContent()).trim(), NOTE);
    const sys = items.nth(1);
    assert.equal(await sys.getAttribute('data-by'), 'system');
    assert.match(await sys.textContent(), /系统自动/);
    assert.equal((await sys.locator('[data-test=reminder-level]').textContent()).trim(), '已超期');
    assert.equal(await sys.locator('[data-test=reminder-note]').count(), 0, 'no empty note');
    // The application panel's task row has the same.
    const inPanel = page.locator(`[data-task-sub="${task.id}"] [data-test=reminder][data-by=system]`);
    assert.equal((await inPanel.locator('[data-test=reminder-level]').textContent()).trim(), '已超期');
    assert.equal(await page.locator(`[data-task="${task.id}"] [data-test=remind-badge]`).getAttribute('data-overdue'), 'true');
    await shot(page, P, 'reviewer-overdue-badge');
    assert.deepEqual(await seriousViolations(page), [], 'axe: the red badge and the automatic one');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('the admin may 催办 from its 督办总览 too; the window clerk sees the 催办 but has no button', { timeout: 90000 }, async () => {
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'roles', async () => {
    const admin = staff.accounts.find((a) => a.role === 'admin');
    await staffLogin(page, server.url, admin.username, admin.password);
    await page.locator('[data-test=admin-tab-overview]').click();
    await page.locator('[data-test=admin-tab-overview][aria-selected=true]').waitFor();
    await page.locator(`[data-test="overview-${app.id}"]`).click();
    await page.locator(`[data-test="remind-task-${task.id}"]`).waitFor();
    assert.match(await page.locator(`[data-task="${task.id}"] [data-test=remind-badge]`).textContent(), /^催办 1次/);

    const item = catalog.items.find((i) => i.id === ITEM);
    const clerk = staff.clerkAccount(item.window);
    await staffLogin(page, server.url, clerk.username, clerk.password);
    await page.getByLabel('显示已办结').check();
    await page.locator(`[data-test="queue-${app.id}"]`).click();
    await page.locator(`[data-task="${task.id}"] [data-test=remind-badge]`).waitFor();
    assert.equal((await page.locator(`[data-task-sub="${task.id}"] [data-test=reminder-note]`).textContent()).trim(), NOTE);
    assert.equal(await page.locator('[data-test^=remind-task-]').count(), 0, 'no 催办 button for the clerk');
    assert.equal(await page.locator('[data-test=panel-tasks] th', { hasText: '督办' }).count(), 0, 'nor its column');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('the resident’s own application shows no 催办 at all, on the phone and in the API', { timeout: 90000 }, async () => {
  const r = await http(server.url, 'GET', `/applications/${app.id}`, undefined, resident);
  assert.equal(r.status, 200);
  for (const t of r.body.application.tasks || []) assert.equal(t.reminders, undefined, 'no reminders field for the resident');
  assert.ok(!(r.body.timeline || []).some((e) => e.kind === 'reminded' || e.kind === 'escalated'), 'no 催办 events');
  assert.ok(!JSON.stringify(r.body).includes(NOTE), 'the note is nowhere in the answer');

  const { ctx, page, errors } = await phoneAs(browser, server, resident);
  await withFailureShots(page, P, 'resident', server, async () => {
    await page.goto(`${server.url}/me/${app.id}`);
    await page.locator('[data-test=app-status]').waitFor();
    await page.locator('[data-test=timeline] [data-event=dispatched]').waitFor();
    const text = await page.locator('body').innerText();
    assert.ok(!text.includes('催办'), 'no 催办 on the resident’s page');
    assert.ok(!text.includes(NOTE), 'no note');
    assert.equal(await page.locator('[data-event=reminded], [data-event=escalated]').count(), 0);
    await shot(page, P, 'resident-application', { fullPage: true });
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});
