// a resident on a phone applies for 出生一件事 — a wrong ID number gets the
// core's message at once, a PDF uploads with a progress bar, the due date shows — and submits;
// the clerk accepts and dispatches, each department's reviewer approves, the clerk issues; the
// resident sees it issued and rates it. On the way the clerk asks for a supplement (补正): the
// resident's timeline shows the request with its title and note, the 重新提交 button comes from
// the server's allowed_actions, and the resubmission keeps the first 收件 time. A second test:
// the due date of 建设用地规划许可证 follows the 用地情形 answer (划拨 7 working days, 出让 10),
// after the sign-in page refused a number the core says is not a mobile number.
// Screenshots of every step in tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, makePdf } from './harness.mjs';
import { residentLogin, exampleApplication, fillField, staffLogin } from './flows.mjs';
import { demoAccounts } from './accounts.mjs';
import { fillProfile } from './workflow_steps.mjs';

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

const P = 'flow';
const open = []; // pages, screenshotted when the test fails

test('出生一件事: apply on the phone, one-window workflow in the console, issued and rated', { timeout: 240000 }, async () => {
  try {
    await flow();
  } catch (e) {
    console.error(`---- yilu serve log (tail) ----\n${server.log().slice(-3000)}`);
    for (const [i, pg] of open.entries()) {
      await shot(pg, P, `failure-${i}`, { fullPage: true }).catch(() => {});
      const msgs = await pg.evaluate(() => [...document.querySelectorAll('.field-msg, .msg, [role=alert]')].map((e) => e.textContent.trim()).filter(Boolean)).catch(() => []);
      console.error(`page ${i} ${pg.url()} messages: ${JSON.stringify(msgs)}`);
    }
    throw e;
  }
});

test('建设用地规划许可证: the promised date follows the 用地情形 answer (划拨 7 working days, 出让 10)', { timeout: 120000 }, async () => {
  const catalog = await (await fetch(`${server.url}/api/v1/catalog`)).json();
  const item = catalog.items.find((i) => i.name.includes('建设用地规划许可证'));
  assert.ok(item, 'the sample catalog has 建设用地规划许可证核发');
  const q = item.questions.find((x) => x.id === item.promised_days_by?.question);
  assert.ok(q, 'its promised limit depends on a situation question');
  const option = (days) => q.options.find((o) => item.promised_days_by.days[o.value] === days);
  const core = async (req) => (await fetch(`${server.url}/api/v1/core`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req) })).json();
  // The date of a given limit, asked of the server's core with the limit spelled out (not by answers).
  const dept = catalog.departments.find((d) => d.id === item.department);
  const guide = (await core({ op: 'guide', item: item.id })).guide;
  const dateOf = async (days) => {
    const t = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 19) + '+08:00';
    const req = { op: 'deadline', accepted_at: t, limit_days: days, counts_acceptance_day: Boolean(guide.time_limits?.counts_acceptance_day) };
    if (dept?.region) req.region = dept.region;
    const r = await core(req);
    assert.equal(r.ok, true, JSON.stringify(r));
    const [, y, m, d] = r.due_date.match(/^(\d{4})-(\d{2})-(\d{2})$/);
    return `${Number(y)}年${Number(m)}月${Number(d)}日`;
  };

  const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await ctx.newPage();
  open.push(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/apply/item/${item.id}`);
  // The sign-in page asks the core whether the number is a mobile number, and says why not.
  await page.waitForURL(/\/login/);
  await page.getByLabel('手机号').fill('1370013700x');
  await page.locator('.van-field__error-message', { hasText: /数字/ }).waitFor();
  assert.equal(await page.locator('[data-test=send-code]').isDisabled(), true, 'no code for a number that is not one');
  await page.getByLabel('手机号').fill('');
  await residentLogin(page, server, '13700137000');
  await page.waitForURL(/\/apply\/item\//);
  await page.locator(`[data-question="${q.id}"]`).waitFor();

  const dueText = page.locator('[data-test=due-date]');
  for (const days of [7, 10, 7]) {
    const o = option(days);
    assert.ok(o, `an answer with ${days} working days`);
    await page.locator(`[data-question="${q.id}"]`).getByText(o.label, { exact: true }).click();
    const want = await dateOf(days);
    await page.locator('[data-test=due-limit]', { hasText: `承诺 ${days} 个工作日` }).waitFor();
    await dueText.filter({ hasText: want }).waitFor({ timeout: 5000 });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, P, 'land-permit-allocated-7-days');
  assert.deepEqual(errors, [], 'no uncaught page errors');
  await ctx.close();
});

async function flow() {
  const catalog = await (await fetch(`${server.url}/api/v1/catalog`)).json();
  const bundle = catalog.bundles.find((b) => b.name.includes('出生'));
  assert.ok(bundle, 'the sample catalog has 出生一件事');
  const example = exampleApplication(catalog, bundle.id);

  // ---- resident, 375×667 -----------------------------------------------------------------
  const phoneCtx = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await phoneCtx.newPage();
  open.push(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/`);
  await page.getByRole('link', { name: new RegExp(bundle.name) }).waitFor();
  await shot(page, P, 'home');

  await page.getByRole('link', { name: new RegExp(bundle.name) }).click();
  await page.locator('[data-test=plan-due]').waitFor();
  await shot(page, P, 'bundle-guide', { fullPage: true });
  await page.locator('[data-test=start-apply]').click();

  await residentLogin(page, server, '13800138000');
  await page.waitForURL(/\/apply\/bundle\//);
  // 实名认证 once, before the first submission: the mother applies for her newborn.
  await fillProfile(page, example.fields.mother_name, example.fields.mother_id);
  await page.waitForFunction(() => ['ready', 'failed'].includes(window.__yilu.coreState.status));
  const core = await page.evaluate(() => ({ ...window.__yilu.coreState }));
  assert.equal(core.status, 'ready', `the wasm core loads: ${core.error}`);
  await page.locator('[data-field]').first().waitFor();

  // A wrong ID number: the core's message appears under the field while typing, no blur.
  const idBox = page.locator('[data-type=resident_id]').first();
  const idField = await idBox.getAttribute('data-field');
  const goodId = String(example.fields[idField] || '');
  assert.match(goodId, /^\d{17}[\dX]$/, `the example has an ID for ${idField}`);
  const wrongId = goodId.slice(0, 17) + (goodId[17] === '0' ? '1' : '0');
  const msg = page.locator(`[data-test="msg-${idField}"]`);
  const before = await msg.boundingBox();
  await idBox.locator('input').pressSequentially(wrongId, { delay: 5 });
  await assert.doesNotReject(msg.filter({ hasText: /\S/ }).waitFor({ timeout: 2000 }), 'message under the ID field');
  const text = await msg.textContent();
  assert.match(text, /身份证|校验/, `the core's Chinese message: ${text}`);
  const afterBox = await msg.boundingBox();
  assert.equal(Math.round(afterBox.y), Math.round(before.y), 'no layout jump when the error appears');
  await shot(page, P, 'wrong-id');

  await idBox.locator('input').fill(goodId);
  await page.waitForFunction((id) => !document.querySelector(`[data-test="msg-${id}"]`).textContent.trim(), idField);

  // The other fields from the catalog's example application.
  for (const [k, v] of Object.entries(example.fields)) {
    if (k === idField || v === null) continue;
    await fillField(page, k, v);
  }

  // Materials: a PDF for each; the progress bar is shown.
  const pdf = makePdf(600);
  const inputs = page.locator('input[type=file]');
  const n = await inputs.count();
  assert.ok(n >= 1, 'at least one material to upload');
  for (let i = 0; i < n; i++) {
    const input = page.locator('input[type=file]').first();
    const mat = await input.evaluate((el) => el.closest('[data-material]').dataset.material);
    await input.setInputFiles({ name: `${mat}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await page.locator(`[data-material="${mat}"] [data-test=upload-progress]`).waitFor();
    await page.locator(`[data-material="${mat}"] [data-test=upload-done]`).waitFor();
    if (i === 0) {
      await page.locator(`[data-material="${mat}"]`).scrollIntoViewIfNeeded();
      await shot(page, P, 'uploaded-with-progress');
    }
  }

  const due = (await page.locator('[data-test=due-date]').textContent()).trim();
  assert.match(due, /^\d{4}年\d{1,2}月\d{1,2}日/, `due date shown: ${due}`);
  await page.locator('[data-test=due-box]').scrollIntoViewIfNeeded();
  await shot(page, P, 'due-date');
  await shot(page, P, 'form-complete', { fullPage: true });

  await page.locator('[data-test=submit]').click();
  await page.waitForURL(/\/me\/[^/]+$/, { timeout: 15000 });
  const appId = page.url().split('/').pop();
  await page.locator('[data-test=app-status]').waitFor();
  await shot(page, P, 'submitted', { fullPage: true });
  // The server's due-date preview equals the page's (same core, same calendar).
  const detail = await page.evaluate(async (id) => {
    const s = JSON.parse(localStorage.getItem('yilu.resident.session'));
    const r = await fetch(`/api/v1/applications/${id}`, { headers: { Authorization: `Bearer ${s.token}` } });
    return r.json();
  }, appId);
  const [, y, m, d] = due.match(/^(\d{4})年(\d{1,2})月(\d{1,2})日/);
  const pageDue = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  assert.equal(detail.application.due_preview?.due_date, pageDue, 'page due date = server due_preview');
  const firstSubmittedAt = detail.application.submitted_at;

  // ---- 补正: the clerk asks for a supplement; the resident sees it and resubmits -----------
  const accounts = demoAccounts(server.log());
  const clerk = accounts.find((a) => a.role === 'clerk' && a.window === bundle.window);
  assert.ok(clerk, `a demo clerk of window ${bundle.window}: ${JSON.stringify(accounts)}`);
  const note = '出生医学证明扫描件不清晰，请重新上传清晰的扫描件';
  await staffApi(clerk, 'POST', `/api/v1/staff/applications/${appId}/supplement`, { note, missing: [] });
  await page.reload();
  const asked = page.locator('[data-test=timeline] [data-event=supplement_requested]');
  await asked.waitFor();
  assert.match(await asked.textContent(), /要求补正材料/, 'the 补正 request has its title in the timeline');
  assert.match(await asked.textContent(), new RegExp(note), 'and the clerk\'s note');
  await page.locator('[data-test=timeline]').scrollIntoViewIfNeeded();
  await shot(page, P, 'supplement-requested');
  await shot(page, P, 'supplement-requested-page', { fullPage: true });
  await page.locator('[data-test=resubmit]').click();
  await page.waitForURL(/\/apply\/bundle\/.*resubmit=/);
  await page.locator(`[data-field="${idField}"] input`).first().waitFor();
  await page.waitForFunction((id) => document.querySelector(`[data-field="${id}"] input`).value !== '', idField);
  await page.locator('[data-test=submit]').click();
  await page.waitForURL(new RegExp(`/me/${appId}$`), { timeout: 15000 });
  await page.locator('[data-test=resubmitted-at]').waitFor();
  const again = page.locator('[data-test=timeline] [data-event=resubmitted]');
  await again.waitFor();
  assert.match(await again.textContent(), /补正后重新提交/);
  const resubmitted = await appStatus(appId);
  assert.equal(resubmitted.submitted_at, firstSubmittedAt, '收件 time stays the first submission');
  assert.ok(resubmitted.resubmitted_at, 'resubmitted_at after the resubmission');
  assert.equal(await page.locator('[data-test=resubmit]').count(), 0, 'no 重新提交 once resubmitted');
  await shot(page, P, 'resubmitted', { fullPage: true });

  // ---- staff, desktop --------------------------------------------------------------------
  const staffCtx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const desk = await staffCtx.newPage();
  open.push(desk);
  desk.on('pageerror', (e) => errors.push(e.message));

  // One console action; fails with the message the console showed, if any.
  const act = async (action, label) => {
    await desk.locator(`[data-test=act-${action}]:not([disabled])`).click();
    const done = desk.locator('[data-test=act-done]', { hasText: label });
    const err = desk.locator('.console .msg').filter({ hasText: /\S/ });
    await Promise.race([done.waitFor(), err.first().waitFor()]);
    if (!(await done.isVisible())) assert.fail(`${action}: ${await err.first().textContent()}`);
  };
  const clerkAct = async (action, label) => {
    await staffLogin(desk, server.url, clerk.username, clerk.password);
    await desk.locator(`[data-test="queue-${appId}"]`).click();
    await act(action, label);
    await shot(desk, P, `clerk-${action}`, { fullPage: true });
  };

  // Stages run in sequence: accept, dispatch, every department approves, issue — per stage.
  for (let round = 0; round < 5; round++) {
    const st = await appStatus(appId);
    if (st.status === 'issued' || st.status === 'closed') break;
    if (st.status === 'submitted') await clerkAct('accept', '已受理');
    const s2 = await appStatus(appId);
    if (s2.status === 'accepted') await clerkAct('dispatch', '已转办');
    if (round === 0) {
      // The supervisor sees it in progress, counted under its window and departments.
      const sup = accounts.find((a) => a.role === 'supervisor');
      assert.ok(sup, 'a demo supervisor');
      await staffLogin(desk, server.url, sup.username, sup.password);
      await desk.locator('[data-test=count-normal]').waitFor();
      const counted = await Promise.all(['normal', 'yellow', 'red', 'overdue'].map(async (k) => Number(await desk.locator(`[data-test=count-${k}]`).textContent())));
      assert.ok(counted.reduce((a, b) => a + b, 0) >= 1, `the overview counts the open application: ${counted}`);
      await shot(desk, P, 'supervisor', { fullPage: true });
    }
    const s3 = await appStatus(appId);
    for (const t of (s3.tasks || []).filter((x) => x.status === 'reviewing')) {
      const rev = accounts.find((a) => a.role === 'reviewer' && a.department === t.department);
      assert.ok(rev, `a demo reviewer of ${t.department}`);
      await staffLogin(desk, server.url, rev.username, rev.password);
      await desk.locator(`[data-test="task-${t.id}"]`).click();
      await act('approve', '已通过');
      await shot(desk, P, `reviewer-${t.department}-${t.item_id}`);
    }
    const s4 = await appStatus(appId);
    if (s4.status === 'ready_for_issue') await clerkAct('issue', '已出件');
    else if (s4.status === s3.status && s3.status !== 'dispatched') assert.fail(`stuck at ${s4.status}`);
  }

  // ---- resident sees it issued and rates it ----------------------------------------------
  await page.goto(`${server.url}/me/${appId}`);
  await page.locator('[data-test=app-status]', { hasText: /已出件|已办结/ }).waitFor();
  await shot(page, P, 'issued', { fullPage: true });
  await page.locator('[data-test=rating] .van-rate__item').nth(4).click();
  await page.locator('[data-test=rate-submit]').click();
  await page.locator('[data-test=rated]').waitFor();
  await shot(page, P, 'rated', { fullPage: true });

  // 电子证照复用: a licence issued to the resident is offered instead of an upload.
  const lic = await page.evaluate(async () => {
    const s = JSON.parse(localStorage.getItem('yilu.resident.session'));
    const r = await fetch('/api/v1/me/licences', { headers: { Authorization: `Bearer ${s.token}` } });
    return (await r.json()).licences || [];
  });
  assert.ok(lic.length >= 1, 'the issued bundle produced electronic licences');
  const reusing = catalog.items.find((it) => it.id !== bundle.id && (it.materials || []).some((m) => lic.some((l) => l.type === m.licence) && m.required));
  if (reusing) {
    const m = reusing.materials.find((x) => lic.some((l) => l.type === x.licence) && x.required);
    await page.goto(`${server.url}/apply/item/${reusing.id}`);
    const offer = page.locator(`[data-test="licence-${m.id}"]`).first();
    await offer.waitFor();
    await offer.click();
    await page.locator(`[data-material="${m.id}"]`, { hasText: '使用电子证照' }).waitFor();
    await page.locator(`[data-material="${m.id}"]`).scrollIntoViewIfNeeded();
    await shot(page, P, 'licence-offered');
  }

  assert.deepEqual(errors, [], 'no uncaught page errors');

  // A staff member's API call (the console's own pages are tested by the staff tests).
  async function staffApi(who, method, path, body) {
    const login = await fetch(`${server.url}/api/v1/staff/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: who.username, password: who.password }) });
    assert.equal(login.status, 200, `staff login ${who.username}`);
    const { token } = await login.json();
    const r = await fetch(`${server.url}${path}`, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: body ? JSON.stringify(body) : undefined });
    const json = await r.json();
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  }

  async function appStatus(id) {
    const r = await page.evaluate(async (appId) => {
      const s = JSON.parse(localStorage.getItem('yilu.resident.session'));
      const res = await fetch(`/api/v1/applications/${appId}`, { headers: { Authorization: `Bearer ${s.token}` } });
      return res.json();
    }, id);
    return r.application;
  }
}
