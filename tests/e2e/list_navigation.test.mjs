// Moving from one list page to another while the first one's entries are still on their way: the
// late answer belongs to the page the resident left, and must not be drawn on the page they are
// on — even when both pages have the same id (a department and a life event both called "gaj"
// here, a catalog made for this from the sample).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, shot, root } from './harness.mjs';
import { phonePage } from './resident_pages.mjs';

const SHARED_ID = 'gaj'; // a department of the sample catalog; here also a life event
let server;
let browser;
let dir;
let catalog;
let eventItem;
before(async () => {
  catalog = JSON.parse(readFileSync(join(root, 'core/data/catalog/sanya.json'), 'utf8'));
  assert.ok(catalog.departments.some((d) => d.id === SHARED_ID));
  // One item of another department joins the new life event, so the event's list and the
  // department's list have nothing in common.
  eventItem = catalog.items.find((i) => i.department !== SHARED_ID);
  catalog.life_events.push({ id: SHARED_ID, name: '测试事件', kind: 'personal' });
  eventItem.life_events = [...(eventItem.life_events || []), SHARED_ID];
  dir = mkdtempSync(join(tmpdir(), 'yilu-list-nav-'));
  const file = join(dir, 'catalog.json');
  writeFileSync(file, JSON.stringify(catalog));
  server = await startServer({ demo: false, catalog: file });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a department's late entries are not drawn on the life event of the same id the resident moved to", { timeout: 60000 }, async () => {
  const deptItems = catalog.items.filter((i) => i.department === SHARED_ID);
  assert.ok(deptItems.length > 0);
  const { ctx, page, errors } = await phonePage(browser, server);
  // Hold the department's entries until the resident is on the event's page.
  let release;
  const released = new Promise((r) => (release = r));
  let held = 0;
  await page.route(`**/api/v1/catalog/index/departments/${SHARED_ID}`, async (route) => {
    held++;
    await released;
    await route.continue();
  });
  await page.goto(`${server.url}/browse/department/${SHARED_ID}`);
  await page.locator('h1.title').waitFor();
  assert.ok(held >= 1, 'the department page asked for its entries');

  // In-app navigation (the same page component, new route parameters).
  await page.evaluate((path) => document.querySelector('#app').__vue_app__.config.globalProperties.$router.push(path), `/browse/event/${SHARED_ID}`);
  await page.locator(`[data-test=entry-item-${eventItem.id}]`).waitFor();
  assert.equal(await page.locator('h1.title').textContent(), '测试事件');

  const late = page.waitForResponse((r) => r.url().endsWith(`/index/departments/${SHARED_ID}`));
  release();
  await late;
  await page.waitForTimeout(300); // let Vue draw whatever the late answer would change
  const shown = await page.locator('[data-test^=entry-item-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-test')));
  assert.deepEqual(shown, [`entry-item-${eventItem.id}`], "only the event's entry, none of the department's");
  await shot(page, 'list-navigation', 'event-after-late-department');
  assert.deepEqual(errors, []);
  await ctx.close();
});
