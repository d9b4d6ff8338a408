// A resident finds what to do the way they say it or by browsing: 社保卡, 低保, 上户口 and 生孩子
// find their items and bundle as they are typed; an item of a department's own window is reached
// from the home page without searching; the division picker fills 落户地 with a district of
// 三亚市 (the field's area_prefix) and the core accepts it; 长辈版 is on before the first paint
// after a reload, with larger text and touch targets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot } from './harness.mjs';
import { catalogOf, residentWithProfile, exampleProfile } from './workflow_steps.mjs';
import { phonePage } from './resident_pages.mjs';

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

const P = 'finding';

/** The names in the search results, in order. */
const resultNames = (page) =>
  page.locator('[data-test^=entry-] .entry-name').evaluateAll((els) => els.map((e) => e.textContent.replace(/^\s*一件事/, '').trim()));

test('the words residents say find their items and bundles as they type', { timeout: 90000 }, async () => {
  const cases = [
    ['社保卡', '社会保障卡申领（新生儿）'],
    ['低保', '最低生活保障审核确认'],
    ['上户口', '出生登记（新生儿落户）'],
    ['生孩子', '出生一件事'],
  ];
  const { ctx, page, errors } = await phonePage(browser, server);
  // From the home page's search box: the search page opens with the results.
  await page.goto(`${server.url}/`);
  await page.locator('[data-test=home-search] input').fill(cases[0][0]);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  await page.locator('[data-test^=entry-]').first().waitFor();
  assert.equal((await resultNames(page))[0], cases[0][1]);
  await shot(page, P, 'search-sbk');

  // Then typed on the search page, one character at a time: the list follows without a submit.
  const box = page.locator('[data-test=search-input] input');
  for (const [phrase, want] of cases) {
    await box.fill('');
    await box.pressSequentially(phrase, { delay: 30 });
    await page.locator('[data-test^=entry-] .entry-name', { hasText: want }).first().waitFor({ timeout: 3000 });
    const names = await resultNames(page);
    assert.ok(names.slice(0, 3).includes(want), `"${phrase}" finds ${want} among the first three: ${names}`);
    const count = await page.locator('[data-test=search-count]').textContent();
    assert.match(count, new RegExp(`找到 ${names.length} 项`), 'the count is the list');
  }
  await shot(page, P, 'search-shz');
  // The address keeps the query: a reload shows the same results.
  await page.waitForURL((u) => u.searchParams.get('q') === '生孩子');
  await page.reload();
  await page.locator('[data-test^=entry-] .entry-name', { hasText: '出生一件事' }).first().waitFor();

  // Results say who does it and at which level.
  await box.fill('低保');
  const row = page.locator('[data-test=entry-item-minimum_living_allowance]');
  await row.waitFor();
  const text = await row.textContent();
  assert.match(text, /市级|区级/, `the level: ${text}`);
  assert.match(text, /民政局/, `the department: ${text}`);
  await row.click();
  await page.waitForURL(/\/guide\/item\/minimum_living_allowance$/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('an item of a department window is reached by browsing, from the window and from its department', { timeout: 60000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === 'tax_registration');
  assert.ok(item, 'the sample catalog has tax_registration');
  const win = catalog.windows.find((w) => w.id === item.window);
  assert.equal(win.kind, 'department', `${item.id} is handled at a department window`);

  const { ctx, page, errors } = await phonePage(browser, server);
  await page.goto(`${server.url}/`);
  await page.locator(`[data-test=window-${win.id}]`).click();
  await page.waitForURL((u) => u.pathname === `/window/${win.id}`);
  await page.locator(`[data-test=entry-item-${item.id}]`).waitFor();
  await shot(page, P, 'department-window');
  await page.locator(`[data-test=entry-item-${item.id}]`).click();
  await page.waitForURL((u) => u.pathname === `/guide/item/${item.id}`);
  await page.locator('[data-test=start-apply]').waitFor();

  // 按部门 → the department → the item.
  await page.goto(`${server.url}/`);
  await page.locator('[data-test=browse-departments]').click();
  await page.locator(`[data-test=department-${item.department}]`).click();
  await page.waitForURL((u) => u.pathname === `/browse/department/${item.department}`);
  await page.locator(`[data-test=entry-item-${item.id}]`).waitFor();
  await shot(page, P, 'department-items');

  // 人生大事 → 出生: the bundle and its items.
  await page.goto(`${server.url}/`);
  await page.locator('[data-test=browse-personal]').click();
  await page.locator('[data-test=event-birth]').click();
  await page.locator('[data-test=entry-bundle-birth]').waitFor();
  await page.locator('[data-test=entry-item-birth_household_registration]').waitFor();
  await shot(page, P, 'life-event-birth');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('each list page asks once for the catalog data it shows: the summary and its own entries to browse, the index to search', { timeout: 60000 }, async () => {
  const catalog = await catalogOf(server);
  const { ctx, page, errors } = await phonePage(browser, server);
  /** @type {string[]} */
  let asked = [];
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/api/v1/catalog/')) asked.push(p);
  });
  const open = async (path, ready) => {
    asked = [];
    await page.goto(`${server.url}${path}`);
    await page.locator(ready).first().waitFor();
    return asked.filter((p) => !/^\/api\/v1\/catalog\/(items|bundles)\//.test(p)).sort();
  };
  // The home page and the department list draw from the summary alone, started by index.html.
  assert.deepEqual(await open('/', '[data-test^=window-]'), ['/api/v1/catalog/summary']);
  assert.deepEqual(await open('/departments', '[data-test^=department-]'), ['/api/v1/catalog/summary']);
  // Its counts are the catalog's: the items of each department, counted here by hand.
  const dept = catalog.items[0].department;
  const n = catalog.items.filter((i) => i.department === dept).length;
  assert.match(await page.locator(`[data-test=department-${dept}]`).textContent(), new RegExp(`${n} 项`));
  // A window, a department and a life event: the summary and that page's entries, never the index.
  const win = catalog.items[0].window;
  assert.deepEqual(await open(`/window/${win}`, '[data-test^=entry-]'), [`/api/v1/catalog/index/windows/${win}`, '/api/v1/catalog/summary']);
  assert.deepEqual(await open(`/browse/department/${dept}`, '[data-test^=entry-]'), [
    `/api/v1/catalog/index/departments/${dept}`,
    '/api/v1/catalog/summary',
  ]);
  assert.deepEqual(await open('/browse/event/birth', '[data-test^=entry-]'), ['/api/v1/catalog/index/life_events/birth', '/api/v1/catalog/summary']);
  // Search lists items: the whole index, asked for once.
  assert.deepEqual(await open(`/search?q=${encodeURIComponent('社保卡')}`, '[data-test^=entry-]'), ['/api/v1/catalog/index']);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the division picker fills 落户地 with a district of 三亚市, and the core accepts it', { timeout: 90000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === 'birth_household_registration');
  const field = item.fields.find((f) => f.id === 'hukou_area');
  assert.equal(field.area_prefix, '4602', 'hukou_area takes a district of 三亚市');
  const divisions = (await (await fetch(`${server.url}/api/v1/divisions`)).json()).divisions;
  const sanya = divisions[0].children.find((c) => c.code === '460200');
  const districts = sanya.children.map((d) => d.name);

  const token = await residentWithProfile(server, '13900139061', exampleProfile(item));
  const { ctx, page, errors } = await phonePage(browser, server, token);
  await page.goto(`${server.url}/apply/item/${item.id}`);
  const box = page.locator('[data-field=hukou_area]');
  const open = box.locator('[data-test=division-open]');
  await open.waitFor();
  assert.match(await open.textContent(), /请选择/);
  await open.click();

  // It opens on 三亚市's districts, 海南省 / 三亚市 already chosen, nothing of another city.
  const sheet = page.locator('.van-popup:visible .van-cascader');
  const shown = sheet.locator('[aria-hidden=false] [data-code]'); // the open tab's options
  await shown.first().waitFor();
  await page.waitForTimeout(300);
  const tabs = await sheet.locator('.van-tab').allTextContents();
  assert.deepEqual(tabs.map((t) => t.trim()).slice(0, 2), ['海南省', '三亚市'], `the path is preselected: ${tabs}`);
  const offered = await shown.allTextContents();
  assert.deepEqual(offered.map((t) => t.trim()), districts, 'only 三亚市 districts are offered');
  await shot(page, P, 'picker-open');

  await sheet.locator('[data-code="460202"]').click();
  await sheet.waitFor({ state: 'hidden' });
  assert.match(await open.textContent(), /三亚市\s*海棠区/);
  assert.match(await open.textContent(), /460202/);
  // The core checks the code when the field is left: no message for a code of 三亚市.
  await page.waitForTimeout(500);
  assert.equal((await page.locator('[data-test=msg-hukou_area]').textContent()).trim(), '');
  await box.scrollIntoViewIfNeeded();
  await shot(page, P, 'picker-chosen');

  // The resident may type a code instead; one outside 三亚市 gets the core's message.
  await box.locator('[data-test=division-type]').click();
  const typed = box.locator('input');
  await typed.fill('460105');
  await typed.blur();
  await page.locator('[data-test=msg-hukou_area]').filter({ hasText: /4602/ }).waitFor({ timeout: 5000 });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('长辈版 is kept on this phone: on before the first paint after a reload, larger text and targets', { timeout: 60000 }, async () => {
  const { ctx, page, errors } = await phonePage(browser, server);
  // Whether <html> had the class when the app first put anything on the page (index.html's
  // top bar, marked data-shell, is there before the app's code runs: it is not the app's).
  await ctx.addInitScript(() => {
    new MutationObserver((_, obs) => {
      const app = document.getElementById('app');
      if (app && [...app.children].some((c) => !c.hasAttribute('data-shell'))) {
        window.__elderAtFirstRender = document.documentElement.classList.contains('elder');
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${server.url}/`);
  const name = page.locator('.event-name').first();
  await name.waitFor();
  const small = await name.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  const sw = page.locator('.hero [data-test=elder-switch]');
  assert.equal(await sw.getAttribute('aria-checked'), 'false');
  assert.equal(await page.evaluate(() => window.__elderAtFirstRender), false);
  await shot(page, P, 'elder-off');

  await sw.click();
  assert.equal(await sw.getAttribute('aria-checked'), 'true');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder')), true);

  await page.reload();
  await name.waitFor();
  assert.equal(await page.evaluate(() => window.__elderAtFirstRender), true, 'the class is there before the first render');
  assert.equal(await page.locator('.hero [data-test=elder-switch]').getAttribute('aria-checked'), 'true');
  const large = await name.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(large >= small * 1.2, `text about 1.25× larger: ${small}px → ${large}px`);
  await shot(page, P, 'elder-on');

  // Touch targets of at least 48 px: 返回, the rows of a list, the tab bar.
  await page.goto(`${server.url}/search?q=出生`);
  await page.locator('[data-test^=entry-]').first().waitFor();
  for (const sel of ['[data-test=nav-back]', '[data-test^=entry-]', '.van-tabbar-item']) {
    const h = (await page.locator(sel).first().boundingBox()).height;
    assert.ok(h >= 48, `${sel} is ${h}px high`);
  }
  await shot(page, P, 'elder-search');

  // Off again, and still off after a reload.
  await page.goto(`${server.url}/`);
  await page.locator('.hero [data-test=elder-switch]').click();
  await page.reload();
  await name.waitFor();
  assert.equal(await page.evaluate(() => window.__elderAtFirstRender), false);
  assert.equal(await page.locator('.hero [data-test=elder-switch]').getAttribute('aria-checked'), 'false');
  assert.deepEqual(errors, []);
  await ctx.close();
});
