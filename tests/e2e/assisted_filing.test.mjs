// 窗口帮办: the clerk files 失业登记 for a walk-in resident from the console — the resident's
// mobile number, name and ID, the form the core's guide asks for, the ID card by its number and
// the 解除劳动合同证明 as 容缺. The new application opens in the panel marked as filed at the window
// by this clerk, and it is the resident's own: it is in their list when they sign in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot } from './harness.mjs';
import { http, fillField, staffLogin, residentTokenByApi } from './flows.mjs';
import { catalogOf, staffOf } from './workflow_steps.mjs';

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

test('a clerk files an application for a walk-in resident (帮办), recorded as filed at the window', { timeout: 120000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === 'unemployment_registration');
  assert.ok(item, 'the sample catalog has unemployment_registration');
  const ex = item.example.application;
  const clerk = staffOf(server).clerkAccount(item.window);
  const phone = '13900139071';

  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const desk = await ctx.newPage();
  const errors = [];
  desk.on('pageerror', (e) => errors.push(e.message));
  await staffLogin(desk, server.url, clerk.username, clerk.password);
  await desk.locator('[data-test=assist-start]').click();
  await desk.locator('[data-test=assist-target]').selectOption(`item:${item.id}`);
  const form = desk.locator('[data-test=assist-form]');
  await form.locator('[data-field]').first().waitFor();
  await desk.locator('[data-test=assist-phone]').fill(phone);
  await desk.locator('[data-test=assist-name]').fill(ex.fields.applicant_name);
  await desk.locator('[data-test=assist-id]').fill(ex.fields.applicant_id);
  for (const [k, v] of Object.entries(ex.fields)) await fillField(desk, k, v, form);
  for (const [mid, m] of Object.entries(ex.materials)) {
    const select = form.locator(`[data-material="${mid}"] select`);
    if (m.by === 'licence') {
      await select.selectOption('licence');
      await form.locator(`[data-material="${mid}"] input`).fill(m.number);
    } else if (m.by === 'deferral') await select.selectOption('deferral');
  }
  await shot(desk, 'assist', 'form', { fullPage: true });
  await desk.locator('[data-test=assist-submit]').click();
  const done = desk.locator('[data-test=act-done]', { hasText: '已代为提交' });
  const err = desk.locator('[data-test=assist-form] .msg').filter({ hasText: /\S/ });
  await Promise.race([done.waitFor(), err.first().waitFor()]);
  if (!(await done.isVisible())) assert.fail(`帮办 refused: ${(await err.allTextContents()).join(' / ')}`);
  const channel = desk.locator('[data-test=panel-channel]');
  await channel.waitFor();
  assert.match(await channel.textContent(), /窗口帮办/);
  assert.ok((await channel.textContent()).includes(clerk.username) || /帮办：\S+/.test(await channel.textContent()), 'names the clerk');
  await shot(desk, 'assist', 'filed', { fullPage: true });

  // The resident finds it in their own list.
  const token = await residentTokenByApi(server, phone);
  const mine = await http(server.url, 'GET', '/me/applications', undefined, token);
  assert.equal(mine.status, 200);
  const app = mine.body.applications.find((a) => a.target_id === item.id);
  assert.ok(app, 'the application is the resident\'s own');
  assert.equal(app.channel, 'window');
  assert.equal(app.assisted_by?.username, clerk.username);
  assert.deepEqual(errors, [], 'no uncaught page errors');
  await ctx.close();
});
