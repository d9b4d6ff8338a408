// A catalog of real size (tests/tools/gen_catalog.py, 2,270 items): the home page lists the first
// department windows and the rest on request; a comprehensive window's items are drawn ten per
// department at first and a life event's thirty, each list growing by its "再显示" button until
// every entry of the catalog is there. Counted against the catalog file by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, shot, root } from './harness.mjs';
import { phonePage } from './resident_pages.mjs';

let server;
let browser;
let dir;
let catalog;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yilu-long-lists-'));
  const file = join(dir, 'catalog.json');
  execFileSync('python3', [join(root, 'tests/tools/gen_catalog.py'), '--items', '2270', '--seed', '1', '-o', file]);
  catalog = JSON.parse(readFileSync(file, 'utf8'));
  server = await startServer({ demo: false, catalog: file });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const P = 'long-lists';

/** Presses a list's "再显示" until it is gone; the entries then drawn. */
async function showAll(page, list) {
  for (let i = 0; i < 100 && (await list.locator('xpath=following-sibling::div[1]//button').count()); i++)
    await list.locator('xpath=following-sibling::div[1]//button').click();
  return list.locator('li').count();
}

test('the home page lists eight department windows, then all of them on request', { timeout: 60000 }, async () => {
  const deptWindows = catalog.windows.filter((w) => w.kind === 'department');
  assert.ok(deptWindows.length > 8, `the generated catalog has ${deptWindows.length} department windows`);
  const { ctx, page, errors } = await phonePage(browser, server);
  await page.goto(`${server.url}/`);
  const tiles = page.locator('ul.dept-wins > li');
  await tiles.first().waitFor();
  assert.equal(await tiles.count(), 8);
  await page.locator('[data-test=dept-wins-more]').click();
  assert.equal(await tiles.count(), deptWindows.length);
  assert.equal(await page.locator('[data-test=dept-wins-more]').count(), 0);
  await shot(page, P, 'home-all-windows');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a window lists ten items per department, and every item of it after "再显示"', { timeout: 90000 }, async () => {
  // The comprehensive window with the most items.
  const per = new Map();
  for (const it of catalog.items) per.set(it.window, (per.get(it.window) || 0) + 1);
  const [win, total] = [...per.entries()].sort((a, b) => b[1] - a[1])[0];
  assert.ok(total > 100, `${win} has ${total} items`);
  const byDept = new Map();
  for (const it of catalog.items.filter((i) => i.window === win)) byDept.set(it.department, (byDept.get(it.department) || 0) + 1);

  const { ctx, page, errors } = await phonePage(browser, server);
  await page.goto(`${server.url}/window/${win}`);
  await page.locator('[data-test=window-count]').waitFor();
  assert.match(await page.locator('[data-test=window-count]').textContent(), new RegExp(`共 ${total} 个事项`));
  await page.locator('[data-test=entries-more]').first().scrollIntoViewIfNeeded();
  await shot(page, P, 'window-first-ten');
  let drawn = 0;
  let all = 0;
  for (const [dept, n] of byDept) {
    const list = page.locator(`section[aria-labelledby="dept-${dept}"] ul[data-test=entries]`);
    assert.equal(await list.locator('li').count(), Math.min(10, n), `${dept}: the first ten of ${n}`);
    drawn += Math.min(10, n);
    all += await showAll(page, list);
  }
  assert.ok(drawn < total, 'fewer rows than items at first');
  assert.equal(all, total, 'every item of the window after 再显示');
  await shot(page, P, 'window-all');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a life event lists thirty items first, every one of them after "再显示"', { timeout: 90000 }, async () => {
  const per = new Map();
  for (const it of catalog.items) for (const e of it.life_events || []) per.set(e, (per.get(e) || 0) + 1);
  const [event, n] = [...per.entries()].sort((a, b) => b[1] - a[1])[0];
  assert.ok(n > 30, `${event} has ${n} items`);
  const { ctx, page, errors } = await phonePage(browser, server);
  await page.goto(`${server.url}/browse/event/${event}`);
  const list = page.locator('ul[data-test=entries][aria-label=相关事项]');
  await list.locator('li').first().waitFor();
  assert.equal(await list.locator('li').count(), 30);
  assert.match(await page.locator('[data-test=entries-more]').last().textContent(), new RegExp(`共 ${n} 项`));
  assert.equal(await showAll(page, list), n);
  assert.deepEqual(errors, []);
  await ctx.close();
});
