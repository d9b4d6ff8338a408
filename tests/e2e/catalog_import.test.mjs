// The administrator's 事项导入 at a desk (1366×900): a generated standard item list of 820 good
// items of 43 departments and 12 broken ones (tests/tools/gen_item_list.mjs), picked as an XLSX
// file, read in the browser and checked by the server: the summary and every broken row at its
// cell are what the server answered and what the generator says it broke; the catalog the good
// rows make downloads as JSON; a file that is not a workbook gets a clear message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, shot, deskPage, withFailureShots, root } from './harness.mjs';
import { staffLogin } from './flows.mjs';
import { demoAccounts } from './accounts.mjs';

const P = 'catalog-import';
let server;
let browser;
let admin;
let dir;
let expected;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yilu-import-'));
  execFileSync('node', [join(root, 'tests/tools/gen_item_list.mjs'), '--items', '820', '--out', dir, '--seed', '3']);
  expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  admin = demoAccounts(server.log()).find((a) => a.role === 'admin');
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const isImport = (r) => new URL(r.url()).pathname === '/api/v1/admin/catalog/import';

test('an admin imports a standard item list: the broken rows at their cells, the rest as a catalog', { timeout: 120000 }, async () => {
  const { ctx, page, errors } = await deskPage(browser);
  await withFailureShots(page, P, 'import', server, async () => {
    await staffLogin(page, server.url, admin.username, admin.password);
    await page.locator('[data-test=admin-tab-catalog_import]').click();
    await page.waitForURL(/\/staff\?tab=catalog_import$/);
    await page.locator('[data-test=import-file]').setInputFiles(join(dir, 'item-list.xlsx'));
    await page.locator('[data-test=import-into]').uncheck();
    const [res] = await Promise.all([page.waitForResponse(isImport), page.locator('[data-test=import-run]').click()]);
    assert.equal(res.status(), 200, await res.text());
    assert.equal(new URL(res.url()).searchParams.get('into'), null, 'a new catalog, not into the current one');
    const answer = await res.json();
    const total = expected.items + expected.broken.length;
    assert.equal(answer.items_read, total);
    assert.equal(answer.items_imported, expected.items);
    assert.equal(answer.departments, expected.departments);

    const summary = page.locator('[data-test=import-summary]');
    await summary.waitFor();
    assert.match(await summary.textContent(), new RegExp(`读取 ${total} 个事项，导入 ${expected.items} 个；部门 ${expected.departments} 个；\\s*问题 ${expected.broken.length} 处`));
    for (const b of expected.broken) {
      const row = page.locator(`[data-test=import-problem-${b.cell}]`);
      assert.equal(await row.count(), 1, `a row for ${b.cell}`);
      const text = await row.textContent();
      assert.ok(text.includes(b.column) && text.includes(b.code), `${b.cell}: ${text}`);
    }
    assert.equal(await page.locator('[data-test=import-problems] tbody tr').count(), expected.broken.length);
    await shot(page, P, 'problems', { fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=import-download]').click()]);
    const saved = join(dir, 'downloaded.json');
    await download.saveAs(saved);
    const catalog = JSON.parse(readFileSync(saved, 'utf8'));
    assert.equal(catalog.items.length, expected.items);
    assert.ok(catalog.items.every((i) => i.to_complete.includes('form')), 'imported items are marked for completion');

    // Into the catalog in force: its 47 items and bundles stay beside the imported ones.
    await page.locator('[data-test=import-into]').check();
    const [into] = await Promise.all([page.waitForResponse(isImport), page.locator('[data-test=import-run]').click()]);
    assert.equal(new URL(into.url()).searchParams.get('into'), 'current');
    const merged = (await into.json()).catalog;
    assert.equal(merged.items.length, expected.items + 47);

    // Published as a new version: in force at once, the phone gets the imported items' slices.
    const imported = merged.items.find((i) => i.to_complete);
    assert.equal((await fetch(`${server.url}/api/v1/catalog/items/${imported.id}`)).status, 404, 'not on the phone before');
    await page.locator('[data-test=import-publish]').click();
    const [pub] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/admin/catalog/versions' && r.request().method() === 'POST'),
      page.getByRole('dialog').getByRole('button', { name: '发布' }).click(),
    ]);
    assert.equal(pub.status(), 200, await pub.text());
    const version = (await pub.json()).version;
    assert.equal(version.items, expected.items + 47);
    await page.locator('[data-test=import-published]').filter({ hasText: `第 ${version.id} 版已发布` }).waitFor();
    const slice = await fetch(`${server.url}/api/v1/catalog/items/${imported.id}`);
    assert.equal(slice.status, 200);
    assert.equal((await slice.json()).items[0].name, imported.name);
    await page.locator('[data-test=admin-tab-catalog_versions]').click();
    await page.locator(`[data-test=version-${version.id}] [data-test=version-in-force]`).waitFor();
    await shot(page, P, 'versions');
    await page.locator('[data-test=admin-tab-catalog_import]').click();

    // Not a workbook: said in words, nothing sent.
    const notXlsx = join(dir, 'not.xlsx');
    writeFileSync(notXlsx, 'plain text, not a workbook');
    await page.locator('[data-test=import-file]').setInputFiles(notXlsx);
    let sent = 0;
    page.on('request', (r) => (isImport(r) ? sent++ : 0));
    await page.locator('[data-test=import-run]').click();
    await page.locator('[data-test=import-msg]').filter({ hasText: '无法读取这个文件' }).waitFor();
    assert.equal(sent, 0);
    await shot(page, P, 'not-a-workbook');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});
