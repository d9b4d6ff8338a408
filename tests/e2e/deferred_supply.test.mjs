// 容缺受理 on the phone: a resident without a real-name profile is asked for it once (the core's
// check_id answers under the ID number as it is typed), applies for 失业登记 with the 解除劳动合同
// 证明 deferred, and the window accepts. The detail page lists the owed material with its due
// date; the clerk cannot issue while it is owed. The resident uploads it from the phone, the
// owed list empties, the record shows it supplied, and the clerk's 统一出件 becomes possible.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, makePdf } from './harness.mjs';
import { http, fillField, staffLogin, residentTokenByApi } from './flows.mjs';
import { catalogOf, staffOf, act, residentView, phoneAs, residentWithProfile, submitExample } from './workflow_steps.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const P = 'deferred';

test('a 容缺 material is supplied from the phone after acceptance, and then the clerk can issue', { timeout: 180000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === 'unemployment_registration');
  assert.ok(item, 'the sample catalog has unemployment_registration');
  const deferred = item.materials.find((m) => m.deferrable);
  assert.ok(deferred, 'it has a deferrable material');
  const ex = item.example.application;
  const token = await residentTokenByApi(server, '13900139041');
  const me = await http(server.url, 'GET', '/me', undefined, token);
  assert.equal(me.body.resident.profile, null, 'a new resident has no real-name profile');

  // ---- apply on the phone -----------------------------------------------------------------
  const { ctx, page, errors } = await phoneAs(browser, server, token);
  await page.goto(`${server.url}/apply/item/${item.id}`);
  await page.waitForFunction(() => ['ready', 'failed'].includes(window.__yilu?.coreState?.status));
  const profileForm = page.locator('[data-test=profile-form]');
  await profileForm.waitFor();
  await page.locator('[data-test=profile-name] input').fill(ex.fields.applicant_name);
  const goodId = ex.fields.applicant_id;
  const wrongId = goodId.slice(0, 17) + (goodId[17] === '0' ? '1' : '0');
  await page.locator('[data-test=profile-id] input').fill(wrongId);
  const idError = page.locator('[data-test=profile-id] .van-field__error-message');
  await idError.waitFor();
  assert.match(await idError.textContent(), /校验|身份证/, 'the core says why the number is not one');
  await shot(page, P, 'profile-wrong-id');
  await page.locator('[data-test=profile-id] input').fill(goodId);
  await idError.waitFor({ state: 'detached' });
  await page.locator('[data-test=profile-save]').click();
  await page.locator('[data-test=profile-done]').waitFor();

  for (const [k, v] of Object.entries(ex.fields)) await fillField(page, k, v);
  for (const m of item.materials) {
    if (m.id === deferred.id) {
      await page.locator(`[data-test="defer-${m.id}"]`).click();
      continue;
    }
    const input = page.locator(`[data-test="file-${m.id}"]`);
    if ((await input.count()) === 0) continue;
    await input.setInputFiles({ name: `${m.id}.pdf`, mimeType: 'application/pdf', buffer: makePdf(40) });
    await page.locator(`[data-material="${m.id}"] [data-test=upload-done]`).waitFor();
  }
  await page.locator('[data-test=submit]').click();
  await page.waitForURL(/\/me\/[^/]+$/, { timeout: 15000 });
  const id = page.url().split('/').pop();
  const sent = await residentView(server, token, id);
  assert.equal(sent.materials[deferred.id]?.by, 'deferral', JSON.stringify(sent.materials));

  // ---- the window accepts; the department approves; nothing is issued while it is owed --------
  const staff = staffOf(server);
  const clerkAccount = staff.clerkAccount(item.window);
  const clerk = await staff.clerk(item.window);
  await act(server, clerk, `/staff/applications/${id}/accept`);
  await act(server, clerk, `/staff/applications/${id}/dispatch`);
  for (const t of (await residentView(server, token, id)).tasks) {
    await act(server, await staff.reviewer(t.department), `/staff/tasks/${t.id}/approve`, { note: '同意' });
  }
  const waiting = (await http(server.url, 'GET', `/staff/applications/${id}`, undefined, clerk)).body.application;
  assert.ok(!waiting.allowed_actions.includes('issue'), `no issue while owed: ${waiting.status} ${waiting.allowed_actions}`);
  assert.deepEqual(waiting.owed.map((o) => o.material_id), [deferred.id]);
  const early = await http(server.url, 'POST', `/staff/applications/${id}/issue`, {}, clerk);
  assert.equal(early.status, 409, JSON.stringify(early.body));
  assert.equal(early.body.error.code, 'materials_owed');

  // ---- the resident supplies it from the phone ---------------------------------------------
  await page.reload();
  const owed = page.locator('[data-test=owed]');
  await owed.waitFor();
  const row = owed.locator(`[data-owed="${deferred.id}"]`);
  assert.ok((await row.textContent()).includes(deferred.name), 'the owed material is named');
  const due = waiting.owed[0].due_date;
  const [, y, mo, d] = due.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  assert.ok((await row.textContent()).includes(`${Number(y)}年${Number(mo)}月${Number(d)}日`), 'with the server\'s due date');
  await owed.scrollIntoViewIfNeeded();
  await shot(page, P, 'owed-on-phone');
  await page.locator(`[data-test="supply-file-${deferred.id}"]`).setInputFiles({ name: 'termination.pdf', mimeType: 'application/pdf', buffer: makePdf(60) });
  await owed.waitFor({ state: 'detached', timeout: 15000 });
  const record = page.locator(`[data-test="deferred-${deferred.id}"]`);
  await record.waitFor();
  assert.match(await record.textContent(), /已补交/);
  await record.scrollIntoViewIfNeeded();
  await shot(page, P, 'supplied-on-phone');
  const after = await residentView(server, token, id);
  assert.deepEqual(after.owed, [], 'nothing owed');
  assert.ok(!after.allowed_actions.includes('supply'), 'nothing left to supply');
  await page.locator('[data-test=timeline] [data-event=supplied]').waitFor();

  // ---- the clerk can now issue, in the console ---------------------------------------------
  const deskCtx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const desk = await deskCtx.newPage();
  desk.on('pageerror', (e) => errors.push(e.message));
  await staffLogin(desk, server.url, clerkAccount.username, clerkAccount.password);
  await desk.locator(`[data-test="queue-${id}"]`).click();
  const supplied = desk.locator(`[data-material="${deferred.id}"] [data-test=ms-deferred]`);
  await supplied.waitFor();
  assert.match(await supplied.textContent(), /已补交.*申请人在线补交/);
  await desk.locator('[data-test=act-issue]').click();
  await desk.locator('[data-test=act-done]', { hasText: '已出件' }).waitFor();
  await shot(desk, P, 'clerk-issued', { fullPage: true });
  assert.equal((await residentView(server, token, id)).status, 'issued');
  assert.deepEqual(errors, [], 'no uncaught page errors');
  await deskCtx.close();
  await ctx.close();
});

test('the clerk records a 容缺 material handed in at the window, in the console', { timeout: 120000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === 'unemployment_registration');
  const deferred = item.materials.find((m) => m.deferrable);
  const ex = item.example.application;
  assert.equal(ex.materials[deferred.id]?.by, 'deferral', 'the example defers it');
  const token = await residentWithProfile(server, '13900139042', { name: ex.fields.applicant_name, id_number: ex.fields.applicant_id });
  const app = await submitExample(server, token, item);
  const staff = staffOf(server);
  const account = staff.clerkAccount(item.window);
  await act(server, await staff.clerk(item.window), `/staff/applications/${app.id}/accept`);

  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const desk = await ctx.newPage();
  const errors = [];
  desk.on('pageerror', (e) => errors.push(e.message));
  await staffLogin(desk, server.url, account.username, account.password);
  await desk.locator(`[data-test="queue-${app.id}"]`).click();
  await desk.locator('[data-test=owed-table]').waitFor();
  // Without a material picked nothing is sent.
  await desk.locator('[data-test=act-supply]').click();
  await desk.locator('.console .msg', { hasText: '请选择' }).waitFor();
  await desk.locator('[data-test=supply-material]').selectOption(deferred.id);
  await desk.locator('#supply-note').fill('收到原件，已核对');
  await shot(desk, P, 'clerk-supply-form');
  await desk.locator('[data-test=act-supply]').click();
  await desk.locator('[data-test=act-done]', { hasText: '已登记补交' }).waitFor();
  await desk.locator('[data-test=owed-table]').waitFor({ state: 'detached' });
  const state = desk.locator(`[data-material="${deferred.id}"] [data-test=ms-deferred]`);
  assert.match(await state.textContent(), /已补交.*窗口收取/);
  await shot(desk, P, 'clerk-supplied', { fullPage: true });
  const after = await residentView(server, token, app.id);
  assert.deepEqual(after.owed, []);
  assert.equal(after.material_status.find((m) => m.id === deferred.id)?.supplied_by, 'clerk');
  assert.deepEqual(errors, [], 'no uncaught page errors');
  await ctx.close();
});
