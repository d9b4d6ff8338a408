// with the wasm file blocked the page stays usable — a banner says the
// checks run on submit, the guide and the due date come from the server's core, and the
// server's 422 problems appear on the fields; fixed, the application is submitted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, makePdf } from './harness.mjs';
import { residentLogin, exampleApplication, fillField } from './flows.mjs';
import { fillProfile } from './workflow_steps.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ demo: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('wasm blocked: the server checks on submit and its problems show on the fields', { timeout: 120000 }, async () => {
  const catalog = await (await fetch(`${server.url}/api/v1/catalog`)).json();
  const bundle = catalog.bundles.find((b) => b.name.includes('出生'));
  const example = exampleApplication(catalog, bundle.id);

  // No service worker: it would fetch the wasm for its cache where page.route cannot see it.
  const ctx = await browser.newContext({
    viewport: { width: 375, height: 667 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    serviceWorkers: 'block',
  });
  const page = await ctx.newPage();
  let blocked = 0;
  await page.route(/\.wasm(\?.*)?$/, (route) => {
    blocked += 1;
    return route.abort();
  });
  await page.goto(`${server.url}/apply/bundle/${bundle.id}`);
  await residentLogin(page, server, '13900139000');
  await page.waitForURL(/\/apply\/bundle\//);
  await page.locator('[data-test=core-failed]').waitFor();
  assert.ok(blocked >= 1, 'the page asked for the wasm');
  await page.locator('[data-field]').first().waitFor();
  await fillProfile(page, example.fields.mother_name, example.fields.mother_id);

  // The due date still shows (from the server's core).
  await page.locator('[data-test=due-date]').waitFor();

  // A wrong ID: nothing is checked while typing …
  const idBox = page.locator('[data-type=resident_id]').first();
  const idField = await idBox.getAttribute('data-field');
  const goodId = String(example.fields[idField]);
  const wrongId = goodId.slice(0, 17) + (goodId[17] === '0' ? '1' : '0');
  await idBox.locator('input').fill(wrongId);
  for (const [k, v] of Object.entries(example.fields)) {
    if (k === idField || v === null) continue;
    await fillField(page, k, v);
  }
  const msg = page.locator(`[data-test="msg-${idField}"]`);
  assert.equal((await msg.textContent()).trim(), '', 'no check while typing without the core');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'blocked', 'banner');

  // … the server's 422 puts its problems on the fields.
  await page.locator('[data-test=submit]').click();
  await msg.filter({ hasText: /\S/ }).waitFor({ timeout: 10000 });
  assert.match(await msg.textContent(), /身份证|校验/);
  await page.locator('[data-test=form-error]', { hasText: '服务器' }).waitFor();
  await shot(page, 'blocked', 'server-problems');

  // Fixed, with the materials uploaded, it is submitted.
  await idBox.locator('input').fill(goodId);
  const pdf = makePdf(40);
  for (;;) {
    const input = page.locator('input[type=file]').first();
    if ((await input.count()) === 0) break;
    const mat = await input.evaluate((el) => el.closest('[data-material]').dataset.material);
    await input.setInputFiles({ name: `${mat}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await page.locator(`[data-material="${mat}"] [data-test=upload-done]`).waitFor();
  }
  // The first successful submission's response is lost on the way back: the page retries with
  // the same Idempotency-Key and the server answers with the first result — one application.
  const keys = [];
  let lost = false;
  await page.route('**/api/v1/applications', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    const res = await route.fetch();
    if (res.status() === 201 && !lost) {
      lost = true;
      return route.abort('connectionreset');
    }
    return route.fulfill({ response: res });
  });
  await page.locator('[data-test=submit]').click();
  await page.waitForURL(/\/me\/[^/]+$/, { timeout: 20000 });
  await page.locator('[data-test=app-status]').waitFor();
  await shot(page, 'blocked', 'submitted');
  assert.ok(lost, 'a response was lost');
  const ok = keys.filter(Boolean);
  assert.ok(ok.length >= 2, `submissions sent: ${keys.length}`);
  assert.equal(new Set(ok).size, 1, 'the retry resent the same Idempotency-Key');
  const mine = await page.evaluate(async () => {
    const s = JSON.parse(localStorage.getItem('yilu.resident.session'));
    const r = await fetch('/api/v1/me/applications', { headers: { Authorization: `Bearer ${s.token}` } });
    return (await r.json()).applications.length;
  });
  assert.equal(mine, 1, 'one application despite the retry');
});

// The guides load the core in a worker that fetches the .wasm itself; with the .wasm, or the
// worker's own script, unreachable the guide is the server core's and the page stops waiting for
// the core (no endless 加载中).
for (const [what, blockedPath] of [
  ['the .wasm', /\.wasm(\?.*)?$/],
  ["the core's worker", /core_worker-[^/]*\.js(\?.*)?$/],
]) {
  test(`${what} blocked: a guide is the server core's, and the core is reported failed`, { timeout: 60000 }, async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, serviceWorkers: 'block' });
    const page = await ctx.newPage();
    let blocked = 0;
    await page.route(blockedPath, (route) => {
      blocked += 1;
      return route.abort();
    });
    await page.goto(`${server.url}/guide/item/birth_household_registration`);
    await page.locator('[data-test=start-apply]').waitFor({ timeout: 20000 });
    await page.waitForFunction(() => window.__yilu?.coreState.status === 'failed', null, { timeout: 20000 });
    assert.ok(blocked >= 1, `the page asked for ${what}`);
    // Asked again, the core answers at once that it cannot (the server's core is used instead).
    assert.equal(await page.evaluate(() => window.__yilu.ensureCore('item', 'birth_household_registration')), false);
    await ctx.close();
  });
}
