// The administrator's 事项目录 at a desk (1366×900): 居住证办理 (residence_permit: legal 15, promised
// 10 working days) found, its promised limit set above the legal one — the wasm core's lint puts
// its own message at that input — and then to 5; its residence material renamed; the draft shown
// in the resident's own guide (预览（未发布）); published as a new version, in force at once on
// the phone, while an application filed before keeps its limit; then 目录版本 → 恢复 puts 10 back.
// Every limit compared is the server's answer or the core's words, never worked out here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, deskPage, settledTexts, shot, withFailureShots, makePng } from './harness.mjs';
import { staffLogin, http, staffTokenByApi, uploadByApi, ADMIN_TABS } from './flows.mjs';
import { catalogOf, residentWithProfile, staffOf, exampleProfile, read } from './workflow_steps.mjs';
import { phonePage, seriousViolations } from './resident_pages.mjs';

const P = 'catalog-editor';
const ITEM = 'residence_permit';
const OLD_NAME = '居住证明（租赁合同或房产证明）';
const NEW_NAME = '居住证明（租赁合同、房产证明或单位证明）';
const NOTE = '居住证承诺时限缩短为 5 个工作日';

let server;
let browser;
let admin;
let adminToken;
let residentToken;
let item;
/** The application filed before any change, and the version in force then. */
let before1;
let firstVersion;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  const catalog = await catalogOf(server);
  item = catalog.items.find((i) => i.id === ITEM);
  assert.ok(item?.example?.application, `the sample catalog has ${ITEM} with an example`);
  assert.equal(item.legal_days, 15);
  assert.equal(item.promised_days, 10);
  assert.equal(item.materials[1].name, OLD_NAME);
  const staff = staffOf(server);
  admin = staff.accounts.find((a) => a.role === 'admin');
  assert.ok(admin, 'a demo admin');
  adminToken = await staffTokenByApi(server.url, admin.username, admin.password);
  residentToken = await residentWithProfile(server, '13900139751', exampleProfile(item));
  before1 = await fileExample();
  assert.equal(before1.due_preview.limit_days, 10, `filed under the promised 10 days: ${JSON.stringify(before1.due_preview)}`);
  firstVersion = (await get('/admin/catalog/versions', adminToken)).in_force;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const get = (path, token) => read(server, token, path);

// The photo material takes jpg or png, not the PDF submitExample uploads: harness.mjs makePng.

/** The resident files the item's example (its photo as a PNG); resolves to the application. */
async function fileExample() {
  const ex = item.example.application;
  const materials = {};
  for (const [mid, m] of Object.entries(ex.materials)) {
    if (m.by !== 'file') {
      materials[mid] = m.by === 'commitment' ? { ...m, signer: exampleProfile(item).name } : m;
      continue;
    }
    const up = await uploadByApi(server.url, residentToken, {
      item: ITEM,
      material: mid,
      name: `${mid}.png`,
      type: 'image/png',
      bytes: makePng(),
    });
    materials[mid] = { by: 'file', files: [{ upload: up.id }] };
  }
  const body = { kind: 'item', target_id: ITEM, fields: ex.fields, materials };
  const r = await http(server.url, 'POST', '/applications', body, residentToken);
  assert.equal(r.status, 201, `submit ${ITEM}: ${JSON.stringify(r.body)}`);
  return r.body.application;
}

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);
const snap = (page, name, options = {}) => shot(page, P, name, options);

/** The core's own message for a promised limit above the legal one, as the server's lint words it. */
async function coreMessage(promised) {
  const catalog = await catalogOf(server);
  const edited = structuredClone(catalog);
  edited.items.find((i) => i.id === ITEM).promised_days = promised;
  const r = await http(server.url, 'POST', '/admin/catalog/versions', { catalog: edited }, adminToken);
  assert.equal(r.status, 422, 'refused, nothing published');
  const index = catalog.items.findIndex((i) => i.id === ITEM);
  const p = r.body.problems.find((x) => x.path === `/items/${index}/promised_days`);
  assert.ok(p, `a problem at the promised limit: ${JSON.stringify(r.body.problems)}`);
  assert.equal(p.code, 'catalog.promised_exceeds_legal');
  return p.message;
}

/** The resident's guide of the item on a fresh phone page: {promised, materials}. */
async function residentGuide() {
  const { ctx, page, errors } = await phonePage(browser, server);
  try {
    await page.goto(`${server.url}/guide/item/${ITEM}`);
    return await guideOn(page, errors);
  } finally {
    await ctx.close();
  }
}

/** What a guide page (or frame) shows: the promised limit's line and the materials' names. */
async function guideOn(frame, errors = []) {
  const dd = frame.locator('dt', { hasText: '承诺时限' }).locator('xpath=following-sibling::dd[1]');
  await dd.waitFor();
  const promised = (await dd.textContent()).trim();
  const materials = (await frame.locator('.mats li > span:first-child').allTextContents()).map((s) => s.trim());
  assert.deepEqual(errors, [], 'no uncaught page errors');
  return { promised, materials };
}

test('the admin edits 居住证办理 with the core’s lint live, previews and publishes it; filed applications keep their limit; 恢复 puts it back', { timeout: 180000 }, async () => {
  const tooLong = await coreMessage(20);
  assert.match(tooLong, /承诺时限.*超过法定时限/);
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'editor', async () => {
    // ---- 事项目录 sits right after 审计日志
    await staffLogin(page, server.url, admin.username, admin.password);
    const tabs = page.getByRole('tablist', { name: '系统管理' }).getByRole('tab');
    await tabs.last().waitFor();
    assert.deepEqual(await settledTexts(tabs, ADMIN_TABS), ADMIN_TABS);
    await page.locator('[data-test=admin-tab-catalog]').click();
    await page.waitForURL(/\/staff\?tab=catalog$/);

    // ---- find 居住证 and open it; the catalog in force is clean
    await page.locator('[data-test=editor-search]').fill('居住证');
    await page.locator(`[data-test=editor-item-${ITEM}]`).click();
    const promised = page.locator('[data-test=ed-promised_days]');
    assert.equal(await promised.inputValue(), '10');
    await page.locator('[data-test=lint-state]', { hasText: '目录检查通过' }).waitFor();

    // ---- 20 days: the core's message at that input; 5: it is gone
    await promised.fill('20');
    const problem = page.locator('[data-test=problem-promised_days]');
    await problem.waitFor();
    assert.equal((await problem.textContent()).trim(), tooLong, 'the core’s words, at the input');
    assert.equal(await promised.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('[data-test=lint-others]').count(), 0, 'no other item has a problem');
    await snap(page, 'lint-problem');
    assert.deepEqual(await seriousViolations(page), [], 'axe-core: no serious or critical violation');
    await promised.fill('5');
    await problem.waitFor({ state: 'detached' });
    await page.locator('[data-test=lint-state]', { hasText: '目录检查通过' }).waitFor();

    // ---- the material renamed
    const mat = page.locator('[data-test=ed-material-name-1]');
    assert.equal(await mat.inputValue(), OLD_NAME);
    await mat.fill(NEW_NAME);
    await page.locator(`[data-test=editor-item-${ITEM}] .edited`).waitFor();

    // ---- 预览（未发布）: the resident's guide on the draft
    await page.locator('[data-test=ed-preview]').click();
    const pane = page.locator('[data-test=ed-preview-pane]');
    await pane.getByRole('heading', { name: '预览（未发布）' }).waitFor();
    const frame = page.frameLocator('[data-test=ed-preview-frame]');
    const shown = await guideOn(frame);
    assert.match(shown.promised, /^5\s*个工作日/);
    assert.ok(shown.materials.includes(NEW_NAME), `the new name in the preview: ${shown.materials}`);
    await snap(page, 'preview');
    // The form too: the apply page on the draft, shown without a resident signed in.
    await page.locator('[data-test=ed-preview-form]').click();
    await frame.locator('.van-nav-bar__title', { hasText: '在线申报' }).waitFor();
    await frame.getByText(NEW_NAME).first().waitFor();
    await snap(page, 'preview-form');
    // The server still publishes the old one: nothing was sent.
    assert.match((await residentGuide()).promised, /^10\s*个工作日/);

    // ---- 发布新版本
    await page.locator('[data-test=ed-note]').fill(NOTE);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/catalog/versions') && r.request().method() === 'POST'),
      page.locator('[data-test=ed-publish]').click(),
    ]);
    assert.equal(res.status(), 200);
    const version = (await res.json()).version;
    assert.equal(res.request().postDataJSON().note, NOTE);
    await page.locator('[data-test=ed-done]', { hasText: `第 ${version.id} 版已发布` }).waitFor();
    // The console took the new catalog: the item is no longer marked as edited, and shows 5.
    await page.locator(`[data-test=editor-item-${ITEM}] .edited`).waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-test=ed-promised_days]').inputValue(), '5');
    const list = await get('/admin/catalog/versions', adminToken);
    assert.equal(list.in_force, version.id);

    // ---- the phone: a fresh guide page shows 5 days and the new name
    const after5 = await residentGuide();
    assert.match(after5.promised, /^5\s*个工作日/);
    assert.ok(after5.materials.includes(NEW_NAME), `the new name on the phone: ${after5.materials}`);

    // ---- the application filed before keeps 10; a new filing has 5
    const kept = await get(`/applications/${before1.id}`, residentToken);
    const keptLimit = (kept.application.deadline || kept.application.due_preview).limit_days;
    assert.equal(keptLimit, 10, 'filed under the old version');
    const fresh = await fileExample();
    assert.equal(fresh.due_preview.limit_days, 5, 'filed under the new version');

    // ---- 目录版本 → 恢复 the first version: the phone shows 10 again
    await page.locator('[data-test=admin-tab-catalog_versions]').click();
    await page.locator(`[data-test=restore-${firstVersion}]`).click();
    await page.getByRole('dialog').getByRole('button', { name: '恢复' }).click();
    await page.locator('[data-test=versions-done]', { hasText: '已恢复' }).waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await snap(page, 'versions');
    assert.match((await residentGuide()).promised, /^10\s*个工作日/);
    assert.ok((await residentGuide()).materials.includes(OLD_NAME));
    // And the editor's catalog is the restored one.
    await page.locator('[data-test=admin-tab-catalog]').click();
    await page.locator('[data-test=editor-search]').fill('居住证');
    await page.locator(`[data-test=editor-item-${ITEM}]`).click();
    assert.equal(await page.locator('[data-test=ed-promised_days]').inputValue(), '10');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});
