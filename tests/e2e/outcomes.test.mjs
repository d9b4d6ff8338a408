// A department's 不予许可 reaches the resident's phone with its reason: the window accepts and
// dispatches an item, the department's reviewer rejects it with a reason, and the resident's
// detail page shows the item, the department, the server's status label and, set apart under
// 不予许可原因, the reviewer's words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot } from './harness.mjs';
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

test("a resident sees the department's reason for rejecting an item on the phone", { timeout: 120000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === 'child_health_handbook');
  assert.ok(item, 'the sample catalog has child_health_handbook');
  const f = item.example.application.fields;
  // The mother applies for her child: her own name and ID are her profile.
  const token = await residentWithProfile(server, '13900139021', { name: f.mother_name, id_number: f.mother_id });
  const app = await submitExample(server, token, item);

  const staff = staffOf(server);
  const clerk = await staff.clerk(item.window);
  await act(server, clerk, `/staff/applications/${app.id}/accept`);
  await act(server, clerk, `/staff/applications/${app.id}/dispatch`);
  const task = (await residentView(server, token, app.id)).tasks.find((t) => t.item_id === item.id);
  assert.ok(task, `a task for ${item.id}`);
  const reason = '新生儿出生日期与《出生医学证明》记载不一致，请核实后重新申请';
  const reviewer = await staff.reviewer(task.department);
  await act(server, reviewer, `/staff/tasks/${task.id}/reject`, { reason });
  const decided = await residentView(server, token, app.id);
  assert.equal(decided.status, 'rejected', JSON.stringify(decided.tasks));

  const { ctx, page, errors } = await phoneAs(browser, server, token);
  await page.goto(`${server.url}/me/${app.id}`);
  await page.locator('[data-test=app-status]', { hasText: decided.status_label }).waitFor();
  const outcome = page.locator(`[data-test="outcome-${item.id}"]`);
  await outcome.waitFor();
  assert.match(await outcome.textContent(), new RegExp(item.name.replace(/[《》()（）]/g, '.')), 'the item is named');
  if (task.department_name) assert.match(await outcome.textContent(), new RegExp(task.department_name), 'and its department');
  assert.match(await outcome.locator('[data-test=outcome-status]').textContent(), new RegExp(decided.tasks[0].status_label));
  const why = outcome.locator('[data-test=reject-reason]');
  await why.waitFor();
  assert.ok(await why.isVisible(), 'the reason is visible');
  const text = await why.textContent();
  assert.match(text, /不予许可原因/);
  assert.ok(text.includes(reason), `the reviewer's words: ${text}`);
  await why.scrollIntoViewIfNeeded();
  await shot(page, 'outcomes', 'rejection-reason');
  await shot(page, 'outcomes', 'rejection-page', { fullPage: true });
  assert.deepEqual(errors, [], 'no uncaught page errors');
  await ctx.close();
});
