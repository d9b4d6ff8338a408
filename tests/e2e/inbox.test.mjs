// 消息 on the phone: the window's 补正 notice (naming every material to bring) arrives in the
// resident's inbox; the tab bar's badge counts what is unread; opening the notice shows its
// application and marks it read; 全部已读 clears the rest, and the badge goes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot } from './harness.mjs';
import { http } from './flows.mjs';
import { catalogOf, residentWithProfile, submitExample, staffOf, act, phoneAs } from './workflow_steps.mjs';

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

test('the inbox shows a 补正 notice with its materials, with an unread badge until read', { timeout: 120000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === 'child_health_handbook');
  assert.ok(item, 'the sample catalog has child_health_handbook');
  const f = item.example.application.fields;
  const token = await residentWithProfile(server, '13900139031', { name: f.mother_name, id_number: f.mother_id });
  const asked = await submitExample(server, token, item);
  const other = await submitExample(server, token, item);

  // The window asks for two materials at once (一次性告知) on one, accepts the other.
  const clerk = await staffOf(server).clerk(item.window);
  const missing = ['母亲居民身份证（原件扫描件）', '新生儿预防接种记录'];
  const note = '身份证照片不清晰，请重新上传';
  await act(server, clerk, `/staff/applications/${asked.id}/supplement`, { note, missing });
  await act(server, clerk, `/staff/applications/${other.id}/accept`);
  const list = await http(server.url, 'GET', '/me/notifications', undefined, token);
  assert.equal(list.status, 200, JSON.stringify(list.body));
  const unread = list.body.unread;
  assert.ok(unread >= 2, `two unread notices at least: ${JSON.stringify(list.body)}`);
  const notice = list.body.notifications.find((n) => n.kind === 'supplement_requested' && n.application_id === asked.id);
  assert.ok(notice, `a supplement_requested notice: ${JSON.stringify(list.body.notifications)}`);

  const { ctx, page, errors } = await phoneAs(browser, server, token);
  await page.goto(`${server.url}/`);
  const badge = page.locator('[data-test=tab-inbox] .van-badge');
  await badge.waitFor();
  assert.equal((await badge.textContent()).trim(), String(unread), 'the badge counts the unread notices');
  await shot(page, 'inbox', 'home-badge');

  await page.locator('[data-test=tab-inbox]').click();
  await page.waitForURL((u) => u.pathname === '/inbox');
  const item1 = page.locator(`[data-test="note-${notice.id}"]`);
  await item1.waitFor();
  const text = await item1.textContent();
  for (const m of missing) assert.ok(text.includes(m), `the notice names ${m}: ${text}`);
  assert.ok(text.includes(note), `and the clerk's note: ${text}`);
  assert.equal(await item1.getAttribute('data-read'), 'false');
  // Newest first, as the server lists them: the notices appear in the server's order.
  const order = await page.locator('[data-test=inbox] [data-kind]').evaluateAll((els) => els.map((e) => e.dataset.test));
  assert.deepEqual(order, list.body.notifications.map((n) => `note-${n.id}`));
  await shot(page, 'inbox', 'list-unread');

  // Opening it shows the application and marks it read.
  await item1.click();
  await page.waitForURL((u) => u.pathname === `/me/${asked.id}`);
  await page.locator('[data-test=resubmit]').waitFor();
  await page.locator('[data-test=tab-inbox] .van-badge', { hasText: String(unread - 1) }).waitFor();
  await shot(page, 'inbox', 'opened-application');
  const after1 = await http(server.url, 'GET', '/me/notifications', undefined, token);
  assert.equal(after1.body.unread, unread - 1, 'one notice read');
  assert.equal(after1.body.notifications.find((n) => n.id === notice.id).read, true);

  // 全部已读: the rest are read, the badge is gone.
  await page.locator('[data-test=tab-inbox]').click();
  await page.waitForURL((u) => u.pathname === '/inbox');
  await page.locator('[data-test=read-all]').click();
  await page.locator('[data-test=read-all]').waitFor({ state: 'detached' });
  await page.locator('[data-test=tab-inbox] .van-badge').waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-test=inbox] [data-read=false]').count(), 0, 'every notice shows read');
  await shot(page, 'inbox', 'all-read');
  const after2 = await http(server.url, 'GET', '/me/notifications', undefined, token);
  assert.equal(after2.body.unread, 0);
  assert.deepEqual(errors, [], 'no uncaught page errors');
  await ctx.close();
});

test('the inbox pages through the list the server gives: 加载更多 follows next_cursor to the end', { timeout: 120000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === 'child_health_handbook');
  const f = item.example.application.fields;
  const token = await residentWithProfile(server, '13900139032', { name: f.mother_name, id_number: f.mother_id });
  const clerk = await staffOf(server).clerk(item.window);
  for (let i = 0; i < 3; i++) {
    const a = await submitExample(server, token, item);
    await act(server, clerk, `/staff/applications/${a.id}/accept`);
  }
  const all = await http(server.url, 'GET', '/me/notifications', undefined, token);
  assert.ok(all.body.total >= 3, JSON.stringify(all.body));

  const { ctx, page, errors } = await phoneAs(browser, server, token);
  // The real server answers one notice per page (the page asks for its default size; the test
  // shrinks it on the way), so a few notices make several pages.
  const asked = [];
  await page.route('**/api/v1/me/notifications*', (route) => {
    const url = new URL(route.request().url());
    if (route.request().method() !== 'GET') return route.continue();
    url.searchParams.set('limit', '1');
    asked.push(url.searchParams.get('cursor'));
    return route.continue({ url: url.toString() });
  });
  await page.goto(`${server.url}/inbox`);
  await page.locator('[data-test=inbox] [data-kind]').first().waitFor();
  assert.equal(await page.locator('[data-test=inbox] [data-kind]').count(), 1, 'the first page holds one notice');
  const more = page.locator('[data-test=inbox-more]');
  assert.ok((await more.textContent()).includes(`共 ${all.body.total} 条`), await more.textContent());
  await shot(page, 'inbox', 'paged-first');
  for (let shown = 1; shown < all.body.total; shown++) {
    await more.click();
    await page.locator('[data-test=inbox] [data-kind]').nth(shown).waitFor();
  }
  await more.waitFor({ state: 'detached' });
  const order = await page.locator('[data-test=inbox] [data-kind]').evaluateAll((els) => els.map((e) => e.dataset.test));
  assert.deepEqual(order, all.body.notifications.map((n) => `note-${n.id}`), 'every notice once, in the server order');
  assert.ok(asked.filter(Boolean).length >= all.body.total - 1, `later pages carry the server's cursor: ${asked}`);
  await shot(page, 'inbox', 'paged-all');
  assert.deepEqual(errors, []);
  await ctx.close();
});
