// 撤回: before the window accepts it, the resident withdraws an application from its detail page.
// The button is there because the server says `withdraw` is allowed; one more tap confirms; the
// page then shows 已撤回, the timeline says so, and the button is gone (nothing is allowed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot } from './harness.mjs';
import { residentLogin, http } from './flows.mjs';

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

test('a resident withdraws an application before acceptance', async () => {
  const catalog = await (await fetch(`${server.url}/api/v1/catalog`)).json();
  const item = catalog.items.find((i) => i.id === 'child_health_handbook');
  assert.ok(item, 'the sample catalog has child_health_handbook');
  const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/me`);
  await residentLogin(page, server, '13900139011');
  await page.waitForURL((u) => u.pathname === '/me');
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('yilu.resident.session') || 'null')?.token || '');
  assert.ok(token, 'the page keeps the session token');
  const f = item.example.application.fields;
  const profile = await http(server.url, 'PUT', '/me/profile', { name: f.mother_name, id_number: f.mother_id }, token);
  assert.equal(profile.status, 200, JSON.stringify(profile.body));
  const sent = await http(server.url, 'POST', '/applications', { kind: 'item', target_id: item.id, ...item.example.application }, token);
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  assert.deepEqual(sent.body.application.allowed_actions, ['withdraw']);
  const id = sent.body.application.id;

  await page.goto(`${server.url}/me/${id}`);
  await page.locator('[data-test=withdraw-start]').click();
  await page.locator('[data-test=withdraw-confirm]').click();
  await page.getByText('已撤回').first().waitFor();
  await page.getByText('申请人撤回申请').first().waitFor();
  assert.equal(await page.locator('[data-test=withdraw]').count(), 0, 'no withdraw button once withdrawn');
  await shot(page, 'withdraw', 'withdrawn');
  const after = await http(server.url, 'GET', `/applications/${id}`, undefined, token);
  assert.equal(after.body.application.status, 'withdrawn');
  await ctx.close();
});
