// Offline and repeat visits: a resident opens an item's guide and its form once (signed in, the
// form filled in and a file uploaded), then the phone loses the network. Reloading the form, and
// navigating to the guide again, still works from the service worker: the form and its draft
// show, fields take typing, the wasm core checks a wrong ID number with its own message, the
// offline banner says what works; submitting shows that it waits for the network, and once the
// network is back the application goes through by itself. The worker's caches hold the shell,
// the core and the catalog data, and never the resident's own answers (/me, /applications).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, makePdf } from './harness.mjs';
import { residentLogin, fillField, http } from './flows.mjs';
import { fillProfile, exampleProfile } from './workflow_steps.mjs';

let server;
let browser;
let item; // 居民身份证换领: text, ID-number, mobile and choice fields, one file to upload
before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  const catalog = await (await fetch(`${server.url}/api/v1/catalog`)).json();
  item = catalog.items.find((i) => i.id === 'id_card_renewal');
  assert.ok(item?.example?.application, 'the sample catalog has 居民身份证换领 with an example');
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const P = 'offline';
const PHONE = '13900139077';

/** Every URL the page's origin holds in the Cache API, by cache name. */
async function cachedUrls(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
    }
    return out;
  });
}

/** Waits (polling the Cache API) until some cached URL matches `re`. */
async function waitForCached(page, re, what) {
  for (let i = 0; i < 100; i++) {
    const all = Object.values(await cachedUrls(page)).flat();
    if (all.some((u) => re.test(u))) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`the service worker did not keep ${what}: ${JSON.stringify(await cachedUrls(page))}`);
}

/** The signed-in resident's applications, asked of the server directly. */
async function applicationsOf(page) {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('yilu.resident.session')).token);
  const r = await http(server.url, 'GET', '/me/applications', undefined, token);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.applications || r.body.items || [];
}

const coreReadyFor = (page, id) =>
  page.waitForFunction(
    (key) => window.__yilu?.coreState.status === 'ready' && window.__yilu.coreState.entries.includes(key),
    `item/${id}`,
  );

test(
  'offline, a form used before opens from the device, is checked by the core, and is sent when the network is back',
  { timeout: 180000 },
  async () => {
    const ctx = await browser.newContext({
      viewport: { width: 375, height: 667 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const fields = item.example.application.fields;
    const idField = item.fields.find((f) => f.type === 'resident_id').id;
    try {
      // ---- first visit, online: the guide, then the form (signed in, filled in, a file) --------
      await page.goto(`${server.url}/guide/item/${item.id}`);
      await page.locator('[data-test=start-apply]:not([disabled])').waitFor();
      await page.locator('[data-test=start-apply]').click();
      await residentLogin(page, server, PHONE);
      await page.waitForURL(/\/apply\/item\//);
      const profile = exampleProfile(item);
      await fillProfile(page, profile.name, profile.id_number);
      await coreReadyFor(page, item.id);
      for (const [k, v] of Object.entries(fields)) assert.ok(await fillField(page, k, v), `field ${k} on the form`);
      // Each upload replaces its material's file input with the uploaded file.
      const files = await page.locator('input[type=file]').count();
      for (let i = 0; i < files; i++) {
        const input = page.locator('input[type=file]').first();
        const mat = await input.evaluate((el) => el.closest('[data-material]').dataset.material);
        await input.setInputFiles({ name: `${mat}.pdf`, mimeType: 'application/pdf', buffer: makePdf(20) });
        await page.locator(`[data-material="${mat}"] [data-test=upload-done]`).waitFor();
      }
      await page.getByText('材料齐全，可以提交').waitFor();
      // The draft (values and the uploaded file's reference) is on the device.
      await page.waitForFunction(
        (name) =>
          Object.keys(localStorage).some(
            (k) =>
              k.startsWith('yilu.draft.') &&
              localStorage.getItem(k).includes(name) &&
              localStorage.getItem(k).includes('"upload"'),
          ),
        fields.applicant_name,
      );

      // The worker took the page over, precached the shell and kept what the page opened.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await waitForCached(page, /\/assets\/[^/]+\.wasm$/, 'the core');
      await waitForCached(page, new RegExp(`/api/v1/catalog/items/${item.id}\\?v=`), 'the item’s slice');
      await waitForCached(page, /\/api\/v1\/calendar$/, 'the calendar');

      // ---- the network goes away -----------------------------------------------------------
      await ctx.setOffline(true);
      assert.equal(
        await page.evaluate(() =>
          fetch('/api/v1/health').then(
            () => 'reached',
            () => 'offline',
          ),
        ),
        'offline',
        'the server cannot be reached from the page',
      );
      await page.reload();
      await page.locator('[data-test=offline]').waitFor();
      assert.match(
        await page.locator('[data-test=offline]').textContent(),
        /网络已断开：可继续填写，草稿已保存在本机；恢复网络后再提交/,
      );
      await coreReadyFor(page, item.id);
      const nameInput = page.locator(`[data-field="applicant_name"] input`).first();
      await nameInput.waitFor();
      await page.waitForFunction(
        (v) => document.querySelector('[data-field="applicant_name"] input')?.value === v,
        fields.applicant_name,
      );
      await shot(page, P, 'form-offline');

      // The guide opens again by navigation too, and its button leads back to the form.
      await page.goto(`${server.url}/guide/item/${item.id}`);
      await page.locator('[data-test=start-apply]:not([disabled])').waitFor();
      await page.locator('[data-test=offline]').waitFor();
      await page.locator('[data-test=start-apply]').click();
      await page.waitForURL(/\/apply\/item\//);
      await coreReadyFor(page, item.id);

      // Typing works and the core answers: a wrong check digit gets its message, no network.
      const idInput = page.locator(`[data-field="${idField}"] input`).first();
      const goodId = String(fields[idField]);
      const wrongId = goodId.slice(0, 17) + (goodId[17] === '0' ? '1' : '0');
      const msg = page.locator(`[data-test="msg-${idField}"]`);
      await idInput.fill('');
      await idInput.pressSequentially(wrongId, { delay: 5 });
      await msg.filter({ hasText: /\S/ }).waitFor({ timeout: 3000 });
      assert.match(await msg.textContent(), /身份证|校验/, 'the core’s message under the ID field');
      await shot(page, P, 'wrong-id-offline');
      await idInput.fill(goodId);
      await page.waitForFunction(
        (id) => !document.querySelector(`[data-test="msg-${id}"]`).textContent.trim(),
        idField,
      );
      await page.getByText('材料齐全，可以提交').waitFor();

      // Submitting waits for the network, clearly, and keeps the draft.
      await page.locator('[data-test=submit]').click();
      const waitNote = page.getByRole('status').filter({ hasText: '等待网络…' });
      await waitNote.waitFor();
      assert.equal((await page.locator('[data-test=form-error]').textContent()).trim(), '', 'no error shown');
      await shot(page, P, 'waiting-for-network');
      await page.waitForTimeout(1500);
      assert.match(page.url(), /\/apply\/item\//, 'still on the form');
      assert.ok(
        await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('yilu.draft.'))),
        'the draft is still on the device',
      );
      assert.equal((await applicationsOf(page)).length, 0, 'nothing reached the server');

      // ---- the network is back: the submission goes out by itself -------------------------
      await ctx.setOffline(false);
      await page.waitForURL(/\/me\/[^/]+$/, { timeout: 15000 });
      await page.locator('[data-test=offline]').waitFor({ state: 'detached' });
      const apps = await applicationsOf(page);
      assert.equal(apps.length, 1, 'one application, sent once');
      assert.equal(apps[0].id, page.url().split('/').pop());
      assert.equal(
        await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('yilu.draft.'))),
        false,
        'the draft is gone once the application is stored',
      );
      await shot(page, P, 'submitted-after-reconnect');

      // ---- what the worker holds: the shell and public data, never personal answers --------
      const cached = await cachedUrls(page);
      const urls = Object.values(cached)
        .flat()
        .map((u) => new URL(u).pathname + new URL(u).search);
      const personal = urls.filter((u) => /^\/api\/v1\/(applications|me)(\/|\?|$)/.test(u));
      assert.deepEqual(personal, [], 'no /api/v1/applications or /api/v1/me response is cached');
      const api = urls.filter((u) => u.startsWith('/api/'));
      assert.ok(
        api.every((u) =>
          /^\/api\/v1\/(calendar|divisions|catalog\/index|catalog\/(items|bundles)\/[^/?]+\?v=)/.test(u),
        ),
        `only the catalog and calendar data are cached: ${JSON.stringify(api)}`,
      );
      const sw = await (await fetch(`${server.url}/sw.js`)).text();
      const precache = JSON.parse(sw.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]);
      assert.ok(precache.includes('/index.html'), 'the shell page is precached');
      assert.ok(
        precache.some((u) => /\/assets\/Apply-[^/]+\.js$/.test(u)),
        'the form’s chunk is precached',
      );
      assert.equal(precache.filter((u) => /Staff/.test(u)).length, 0, 'no staff console chunk is precached');
      // Nor the console's chart code (ECharts, import()ed by 按时办结率 only).
      assert.equal(precache.filter((u) => /on_time_chart/.test(u)).length, 0, 'no chart chunk is precached');
      assert.deepEqual(errors, [], 'no uncaught page errors');
    } catch (e) {
      await shot(page, P, 'failure', { fullPage: true }).catch(() => {});
      console.error(`page ${page.url()}\n---- yilu serve log (tail) ----\n${server.log().slice(-2000)}`);
      throw e;
    } finally {
      await ctx.close();
    }
  },
);
