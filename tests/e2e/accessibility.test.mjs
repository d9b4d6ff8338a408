// Every resident page at a phone's size has no serious or critical axe-core violation, and a
// keyboard (or switch) user reaches every tile of the home page and every 返回 with Tab and
// opens them with Enter. The violations are printed when the test fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot } from './harness.mjs';
import { catalogOf, residentWithProfile, submitExample, exampleProfile } from './workflow_steps.mjs';
import { phonePage, seriousViolations, tabTo } from './resident_pages.mjs';

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

const P = 'a11y';
const ITEM = 'birth_household_registration';

test('every resident page has no serious or critical accessibility violation', { timeout: 240000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === ITEM);
  assert.ok(item, `the sample catalog has ${ITEM}`);
  const bundle = catalog.bundles[0];
  const token = await residentWithProfile(server, '13900139051', exampleProfile(item));
  const app = await submitExample(server, token, item);

  const pages = [
    { name: 'home', path: '/', ready: '[data-test^=bundle-]' },
    { name: 'search', path: '/search?q=出生', ready: '[data-test^=entry-]' },
    { name: 'search-none', path: '/search?q=无此事项', ready: '[data-test=search-empty]' },
    { name: 'window', path: `/window/${item.window}`, ready: '[data-test^=entry-]' },
    { name: 'departments', path: '/departments', ready: '[data-test^=department-]' },
    { name: 'department', path: `/browse/department/${item.department}`, ready: '[data-test^=entry-]' },
    { name: 'life-events', path: '/events/personal', ready: '[data-test^=event-]' },
    { name: 'life-event', path: '/browse/event/birth', ready: '[data-test^=entry-]' },
    { name: 'item-guide', path: `/guide/item/${item.id}`, ready: '[data-test=start-apply]' },
    { name: 'bundle-guide', path: `/guide/bundle/${bundle.id}`, ready: '[data-test=plan-due]' },
    { name: 'login', path: '/login', ready: '[data-test=send-code]' },
    { name: 'apply', path: `/apply/item/${item.id}`, ready: '[data-field=hukou_area] [data-test=division-open]', token },
    { name: 'my-apps', path: '/me', ready: `[data-test="app-${app.id}"]`, token },
    { name: 'app-detail', path: `/me/${app.id}`, ready: '[data-test=app-status]', token },
    { name: 'inbox', path: '/inbox', ready: 'main', token },
  ];
  const failures = [];
  for (const elder of [false, true]) {
    for (const p of pages) {
      const { ctx, page, errors } = await phonePage(browser, server, p.token);
      if (elder) await ctx.addInitScript(() => localStorage.setItem('yilu.elder', '1'));
      await page.goto(`${server.url}${p.path}`);
      await page.locator(p.ready).first().waitFor();
      await page.waitForTimeout(200); // let transitions end: axe reads the colours as drawn
      const found = await seriousViolations(page);
      if (p.name === 'apply') {
        // The division picker, open.
        await page.locator('[data-field=hukou_area] [data-test=division-open]').click();
        await page.locator('.van-popup:visible .van-cascader [aria-hidden=false] [data-code]').first().waitFor();
        await page.waitForTimeout(400);
        found.push(...(await seriousViolations(page)).map((v) => `(picker open) ${v}`));
      }
      if (found.length) {
        failures.push(`${elder ? '长辈版 ' : ''}${p.name} (${p.path}):\n  ${found.join('\n  ')}`);
        await shot(page, P, `violations-${elder ? 'elder-' : ''}${p.name}`, { fullPage: true });
      }
      assert.deepEqual(errors, [], `${p.name}: no uncaught page errors`);
      await ctx.close();
    }
  }
  if (failures.length) console.error(`axe-core serious/critical violations:\n${failures.join('\n')}`);
  assert.equal(failures.length, 0, `pages with serious/critical violations:\n${failures.join('\n')}`);
});

test('a keyboard reaches every tile of the home page and opens one with Enter', { timeout: 60000 }, async () => {
  const { ctx, page } = await phonePage(browser, server);
  await page.goto(`${server.url}/`);
  await page.locator('[data-test^=window-]').first().waitFor();
  const tiles = await page
    .locator('main a[href]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href')).filter((h) => h !== '/'));
  assert.ok(tiles.length >= 10, `bundles, ways to browse and windows on the home page: ${tiles}`);
  const last = tiles[tiles.length - 1];
  const seen = await tabTo(page, (f) => f.href === last);
  const reached = new Set(seen.map((f) => f.href));
  for (const href of tiles) assert.ok(reached.has(href), `Tab reaches ${href}`);
  assert.ok(
    seen.some((f) => f.test === 'elder-switch'),
    'Tab reaches the 长辈版 switch',
  );
  // The tab order follows the page: bundles, then the ways to browse, then the windows.
  const order = seen.map((f) => f.href).filter(Boolean);
  assert.deepEqual(
    order.filter((h) => tiles.includes(h)),
    tiles,
    'Tab visits the tiles in the order they are shown',
  );

  await page.goto(`${server.url}/`);
  await page.locator('[data-test^=window-]').first().waitFor();
  await tabTo(page, (f) => f.href === '/departments');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/departments');
  await ctx.close();
});

test('返回 is reached with Tab and pressed with Enter on every page that has it', { timeout: 120000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === ITEM);
  const paths = [
    '/search?q=出生',
    `/window/${item.window}`,
    '/departments',
    `/browse/department/${item.department}`,
    '/events/personal',
    '/browse/event/birth',
    `/guide/item/${item.id}`,
    '/login',
  ];
  const { ctx, page } = await phonePage(browser, server);
  for (const path of paths) {
    // From the home page, so 返回 has somewhere to go back to (a page opened first goes home).
    await page.goto(`${server.url}/`);
    await page.locator('[data-test^=bundle-]').first().waitFor();
    await page.goto(`${server.url}${path}`);
    await page.locator('[data-test=nav-back]').waitFor();
    await page.waitForTimeout(200);
    const seen = await tabTo(page, (f) => f.test === 'nav-back', 40);
    assert.match(seen[seen.length - 1].text, /返回/, `${path}: the focused element is 返回`);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/', { timeout: 5000 });
  }
  await ctx.close();
});
