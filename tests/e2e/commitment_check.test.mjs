// 告知承诺 核查 after issue: an item whose 结婚证 was replaced by a signed commitment is issued;
// the department then has a 核查 task. In the console it is labelled 核查 with its own deadline
// and offers 核查属实 / 承诺不实 (from the task's allowed_actions); 承诺不实 needs a reason. Once
// found untrue, the resident's page shows the result revoked: the status, the licence marked
// 已撤销 with the reason, and the check's outcome with the reviewer's words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot } from './harness.mjs';
import { http, staffLogin } from './flows.mjs';
import { catalogOf, residentWithProfile, submitExample, staffOf, act, residentView, phoneAs } from './workflow_steps.mjs';

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

test('a false commitment found at the 核查 revokes the result, and the phone shows it revoked', { timeout: 150000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === 'birth_medical_certificate');
  assert.ok(item, 'the sample catalog has birth_medical_certificate');
  const promised = item.materials.find((m) => m.commitment);
  assert.ok(promised, 'one of its materials may be replaced by a commitment');
  const f = item.example.application.fields;
  const token = await residentWithProfile(server, '13900139061', { name: f.mother_name, id_number: f.mother_id });
  const materials = { ...item.example.application.materials, [promised.id]: { by: 'commitment', signed: true, signer: f.mother_name } };
  const app = await submitExample(server, token, item, { materials });

  const staff = staffOf(server);
  const clerk = await staff.clerk(item.window);
  await act(server, clerk, `/staff/applications/${app.id}/accept`);
  await act(server, clerk, `/staff/applications/${app.id}/dispatch`);
  for (const t of (await residentView(server, token, app.id)).tasks)
    await act(server, await staff.reviewer(t.department), `/staff/tasks/${t.id}/approve`, { note: '同意' });
  await act(server, clerk, `/staff/applications/${app.id}/issue`);
  const issued = await residentView(server, token, app.id);
  const check = issued.tasks.find((t) => t.kind === 'check');
  assert.ok(check, `a 核查 task after issue: ${JSON.stringify(issued.tasks)}`);
  assert.ok(issued.licences.length >= 1, 'a licence was issued');

  // ---- the reviewer's console: a 核查 task with its deadline and its two decisions -----------
  const rev = staff.accounts.find((a) => a.role === 'reviewer' && a.department === check.department);
  const deskCtx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const desk = await deskCtx.newPage();
  const errors = [];
  desk.on('pageerror', (e) => errors.push(e.message));
  await staffLogin(desk, server.url, rev.username, rev.password);
  const row = desk.locator(`[data-test="task-${check.id}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /核查/);
  await row.click();
  await desk.locator('[data-test=task-kind]').waitFor();
  const mine = (await http(server.url, 'GET', `/staff/applications/${app.id}`, undefined, await staff.reviewer(check.department))).body.application.tasks.find((t) => t.id === check.id);
  assert.deepEqual([...mine.allowed_actions].sort(), ['approve', 'revoke'], 'the check task offers approve and revoke');
  assert.equal((await desk.locator('[data-test=act-approve]').textContent()).trim(), '核查属实');
  assert.match(await desk.locator('[data-test=act-revoke]').textContent(), /承诺不实/);
  if (check.deadline?.due_date) {
    const [, y, m, d] = check.deadline.due_date.match(/^(\d{4})-(\d{2})-(\d{2})$/);
    await desk.getByText(`核查期限 ${Number(y)}年${Number(m)}月${Number(d)}日`).first().waitFor();
  }
  await shot(desk, 'check', 'reviewer-check-task');
  // 承诺不实 without a reason is refused on the page; with one it is sent.
  await desk.locator('[data-test=act-revoke]').click();
  await desk.locator('.console .msg', { hasText: '理由' }).waitFor();
  const reason = '经向婚姻登记机关核实，申请人承诺的婚姻登记信息不实';
  await desk.locator('#rev-reason').fill(reason);
  await desk.locator('[data-test=act-revoke]').click();
  await desk.locator('[data-test=act-done]', { hasText: '已撤销结果' }).waitFor();
  await shot(desk, 'check', 'reviewer-revoked', { fullPage: true });

  // ---- the resident's phone ------------------------------------------------------------
  const revoked = await residentView(server, token, app.id);
  assert.equal(revoked.status, 'revoked');
  const { ctx, page, errors: phoneErrors } = await phoneAs(browser, server, token);
  await page.goto(`${server.url}/me/${app.id}`);
  await page.locator('[data-test=app-status]', { hasText: revoked.status_label }).waitFor();
  const lic = page.locator('[data-test=licences]');
  await lic.locator('[data-test=licence-revoked]').first().waitFor();
  const revokedLicence = revoked.licences.find((l) => l.revoked_at);
  assert.ok(revokedLicence, 'the server marks the licence revoked');
  if (revokedLicence.revoked_reason) assert.ok((await lic.textContent()).includes(revokedLicence.revoked_reason));
  const outcome = page.locator(`[data-test="outcome-${item.id}-check"]`);
  await outcome.waitFor();
  assert.ok((await outcome.locator('[data-test=reject-reason]').textContent()).includes(reason), "the reviewer's reason");
  await shot(page, 'check', 'phone-revoked');
  await shot(page, 'check', 'phone-revoked-page', { fullPage: true });
  assert.deepEqual([...errors, ...phoneErrors], [], 'no uncaught page errors');
  await ctx.close();
  await deskCtx.close();
});
