// Staff accounts at a desk (1366×900): every staff member changes the password from the
// console header (the server's refusals shown at the field they name, its reason for a weak
// password, its wait after too many wrong tries; afterwards only the new password signs in);
// the administrator's 账号管理 creates an account that can then sign in, disables one after a
// confirmation so it can no longer sign in, and is told in Chinese that the last admin cannot
// be disabled. Messages are compared with what the server answered, never with copies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, deskPage, withFailureShots } from './harness.mjs';
import { staffLogin, http, staffTokenByApi } from './flows.mjs';
import { demoAccounts } from './accounts.mjs';

const P = 'accounts';
let server;
let browser;
let accounts;
before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  accounts = demoAccounts(server.log());
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const desk = () => deskPage(browser);

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);

/** The n-th demo clerk (each test that may lock an account out uses its own). */
function clerk(n) {
  const cs = accounts.filter((a) => a.role === 'clerk');
  assert.ok(cs.length > n, `at least ${n + 1} demo clerks`);
  return cs[n];
}
const admin = () => accounts.find((a) => a.role === 'admin');

/** Fills the password form and submits it; resolves to the server's answer {status, body}. */
async function changePassword(page, { current, next, repeat = next }) {
  await page.locator('[data-test=password-current]').fill(current);
  await page.locator('[data-test=password-new]').fill(next);
  await page.locator('[data-test=password-repeat]').fill(repeat);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/staff/password') && r.request().method() === 'POST'),
    page.locator('[data-test=password-submit]').click(),
  ]);
  return { status: res.status(), body: await res.json() };
}

/** Tries the sign-in form; resolves to the server's answer {status, body} (the page stays on failure). */
async function trySignIn(page, username, password) {
  await page.goto(`${server.url}/staff/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/staff/login')),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  return { status: res.status(), body: await res.json() };
}

const text = async (page, test) => (await page.locator(`[data-test="${test}"]`).textContent()).trim();

test('a clerk changes the password: wrong current and weak new are refused at their fields, then only the new password signs in', { timeout: 90000 }, async () => {
  const me = clerk(0);
  const fresh = 'Qingshui-river-2026';
  const { ctx, page, errors } = await desk();
  await withShots(page, 'change', async () => {
    // A second session of the same clerk, which the change must end.
    const other = await staffTokenByApi(server.url, me.username, me.password);
    await staffLogin(page, server.url, me.username, me.password);
    await page.locator('[data-test=open-password]').click();
    await page.locator('[data-test=password-screen]').waitFor();
    assert.match(page.url(), /\/staff\?screen=password$/);
    await shot(page, P, 'password-form');

    // The two new passwords differ: the page says so, and asks nothing of the server.
    let asked = 0;
    page.on('request', (r) => r.url().endsWith('/api/v1/staff/password') && asked++);
    await page.locator('[data-test=password-current]').fill(me.password);
    await page.locator('[data-test=password-new]').fill(fresh);
    await page.locator('[data-test=password-repeat]').fill(`${fresh}x`);
    await page.locator('[data-test=password-submit]').click();
    assert.equal(await text(page, 'password-repeat-error'), '两次输入的新密码不一致');
    assert.equal(asked, 0, 'a mismatch is not sent');

    // A wrong current password: the server's message at 当前密码, nothing at 新密码.
    let r = await changePassword(page, { current: 'not-my-password-1', next: fresh });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.path, '/current');
    assert.equal(await text(page, 'password-current-error'), r.body.error.message);
    assert.equal(await text(page, 'password-new-error'), '');
    assert.equal(await text(page, 'password-repeat-error'), '', 'the mismatch message is gone once they match');
    await shot(page, P, 'password-wrong-current');

    // A weak new password: the rule it breaks (the server's reason) at 新密码.
    r = await changePassword(page, { current: me.password, next: 'short1' });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'weak_password');
    assert.equal(r.body.error.path, '/new');
    assert.ok(r.body.reason, 'the server says which rule');
    assert.equal(await text(page, 'password-new-error'), r.body.reason, 'the reason is shown at 新密码');
    assert.equal(await text(page, 'password-rules'), r.body.error.message, 'with the server\'s list of rules');
    assert.equal(await text(page, 'password-current-error'), '');
    await shot(page, P, 'password-weak-new');

    // Accepted: a confirmation; this session stays, the other one is over.
    r = await changePassword(page, { current: me.password, next: fresh });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const done = page.locator('[data-test=password-done]');
    await done.waitFor();
    assert.match(await done.textContent(), /密码已修改/);
    await shot(page, P, 'password-changed');
    assert.equal((await http(server.url, 'GET', '/staff/queue', undefined, other)).status, 401, 'the other session was ended');
    const [queue] = await Promise.all([
      page.waitForResponse((x) => x.url().includes('/api/v1/staff/queue')),
      page.locator('[data-test=password-back]').click(),
    ]);
    await page.locator('[data-test=queue]').waitFor();
    assert.equal(queue.status(), 200, 'this session is still signed in');
    assert.match(page.url(), /\/staff$/);

    // Signed out: the old password no longer signs in, the new one does.
    await page.locator('[data-test=logout]').click();
    await page.waitForURL(/\/staff\/login$/);
    const old = await trySignIn(page, me.username, me.password);
    assert.equal(old.status, 401);
    assert.equal((await page.getByRole('alert').textContent()).trim(), old.body.error.message);
    assert.match(page.url(), /\/staff\/login$/);
    await staffLogin(page, server.url, me.username, fresh);
    assert.match(await text(page, 'staff-who'), /综合窗口收件员/);
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('too many wrong current passwords: the server\'s wait is shown and the button waits', { timeout: 90000 }, async () => {
  const me = clerk(1);
  const { ctx, page, errors } = await desk();
  await withShots(page, 'backoff', async () => {
    await staffLogin(page, server.url, me.username, me.password);
    await page.locator('[data-test=open-password]').click();
    let r;
    for (let i = 0; i < 10; i++) {
      r = await changePassword(page, { current: `wrong-password-${i}`, next: 'Qingshui-river-2026' });
      if (r.status === 429) break;
      assert.equal(r.status, 422);
    }
    assert.equal(r.status, 429, 'the server holds back after a few wrong tries');
    assert.equal(r.body.error.code, 'too_many_failures');
    assert.ok(r.body.retry_after > 0);
    assert.match(await text(page, 'password-msg'), new RegExp(`^${r.body.error.message}`));
    const wait = await text(page, 'password-wait');
    const secs = Number(/(\d+) 秒/.exec(wait)?.[1] ?? -1) + 60 * Number(/(\d+) 分/.exec(wait)?.[1] ?? 0);
    assert.ok(secs > 0 && secs <= r.body.retry_after, `the wait shown (${wait}) is the server's (${r.body.retry_after} s)`);
    assert.ok(await page.locator('[data-test=password-submit]').isDisabled(), 'no retry before the wait is over');
    await shot(page, P, 'password-too-many');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

/** Signs the admin in and opens 账号管理 (the admin's first tab). */
async function adminDesk() {
  const d = await desk();
  const a = admin();
  assert.ok(a, 'a demo admin');
  await staffLogin(d.page, server.url, a.username, a.password);
  await d.page.locator('[data-test=admin-tab-accounts][aria-selected=true]').waitFor();
  await d.page.locator('[data-test="staff-row-admin"]').waitFor();
  return d;
}

test('the admin creates a reviewer account (a taken username is refused at its field) and the new account signs in', { timeout: 90000 }, async () => {
  const { ctx, page, errors } = await adminDesk();
  await withShots(page, 'create', async () => {
    await shot(page, P, 'admin-accounts');
    const form = page.locator('[data-test=new-staff]');
    await form.locator('[data-test=new-role]').selectOption('reviewer');
    const dept = page.locator('[data-test=new-department]');
    const deptId = await dept.locator('option:not([disabled])').first().getAttribute('value');
    const deptName = (await dept.locator(`option[value="${deptId}"]`).textContent()).trim();
    await dept.selectOption(deptId);
    await form.locator('[data-test=new-display-name]').fill('王审批');
    await form.locator('[data-test=new-password]').fill('Luhuitou-cape-2026');

    // The username is taken: the server's message at 用户名.
    await form.locator('[data-test=new-username]').fill(admin().username);
    let [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/staff') && r.request().method() === 'POST'),
      form.locator('[data-test=new-staff-submit]').click(),
    ]);
    assert.equal(res.status(), 409);
    const taken = await res.json();
    assert.equal(await text(page, 'new-username-error'), taken.error.message);
    await shot(page, P, 'admin-create-taken');

    await form.locator('[data-test=new-username]').fill('wang.review');
    [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/staff') && r.request().method() === 'POST'),
      form.locator('[data-test=new-staff-submit]').click(),
    ]);
    assert.equal(res.status(), 201, JSON.stringify(await res.json()));
    const row = page.locator('[data-test="staff-row-wang.review"]');
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    assert.deepEqual(cells.slice(1, 5).map((c) => c.trim()), ['王审批', '部门审批人员', deptName, '启用']);
    assert.match(await text(page, 'new-staff-done'), /已创建账户 王审批（wang\.review，部门审批人员）/);
    assert.equal(await text(page, 'new-username-error'), '', 'the refusal is gone');
    await shot(page, P, 'admin-created');

    // The new reviewer signs in and sees the department's tasks.
    const other = await desk();
    await staffLogin(other.page, server.url, 'wang.review', 'Luhuitou-cape-2026');
    assert.equal(await text(other.page, 'staff-who'), '王审批（部门审批人员）');
    await shot(other.page, P, 'new-reviewer-signed-in');
    await other.ctx.close();
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('the admin disables an account after confirming, and it can no longer sign in', { timeout: 90000 }, async () => {
  // An account of its own, made over HTTP (creating one is the test above).
  const token = await staffTokenByApi(server.url, admin().username, admin().password);
  const made = await http(server.url, 'POST', '/admin/staff', { username: 'li.window', display_name: '李收件', role: 'clerk', window: clerk(2).window, password: 'Sanya-bay-clerk-2026' }, token);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const theirs = await staffTokenByApi(server.url, 'li.window', 'Sanya-bay-clerk-2026');

  const { ctx, page, errors } = await adminDesk();
  await withShots(page, 'disable', async () => {
    await page.locator('[data-test="disable-li.window"]').click();
    const dialog = page.locator('[data-test=disable-dialog]');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /确定停用 李收件（li\.window，综合窗口收件员）吗？/);
    await shot(page, P, 'admin-disable-confirm');

    // 取消 leaves it as it was.
    await dialog.locator('[data-test=disable-cancel]').click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await text(page, 'staff-state-li.window'), '启用');

    await page.locator('[data-test="disable-li.window"]').click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/staff/li.window/disable')),
      dialog.locator('[data-test=disable-confirm]').click(),
    ]);
    assert.equal(res.status(), 200);
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-test="staff-state-li.window"]', { hasText: '已停用' }).waitFor();
    assert.equal(await page.locator('[data-test="disable-li.window"]').count(), 0, 'no 停用 on a disabled account');
    assert.match(await text(page, 'accounts-done'), /已停用账户 李收件（li\.window）/);
    await shot(page, P, 'admin-disabled');
    assert.equal((await http(server.url, 'GET', '/staff/queue', undefined, theirs)).status, 401, 'its session is over');

    const other = await desk();
    const r = await trySignIn(other.page, 'li.window', 'Sanya-bay-clerk-2026');
    assert.equal(r.status, 401);
    assert.equal((await other.page.getByRole('alert').textContent()).trim(), r.body.error.message);
    assert.match(other.page.url(), /\/staff\/login$/);
    await other.ctx.close();
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('disabling the last admin is refused with the server\'s Chinese message and the admin stays', { timeout: 90000 }, async () => {
  const { ctx, page, errors } = await adminDesk();
  await withShots(page, 'last-admin', async () => {
    const me = admin().username;
    await page.locator(`[data-test="disable-${me}"]`).click();
    const dialog = page.locator('[data-test=disable-dialog]');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /这是您本人的账户/);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/admin/staff/${me}/disable`)),
      dialog.locator('[data-test=disable-confirm]').click(),
    ]);
    assert.equal(res.status(), 409);
    const body = await res.json();
    assert.equal(body.error.code, 'last_admin');
    assert.equal(await text(page, 'disable-msg'), body.error.message);
    assert.match(body.error.message, /[\u4e00-\u9fff]/, 'the message is Chinese');
    await shot(page, P, 'admin-last-admin');
    await dialog.locator('[data-test=disable-cancel]').click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await text(page, `staff-state-${me}`), '启用');
    // Still signed in: the list loads again after a reload.
    await page.reload();
    await page.locator(`[data-test="staff-state-${me}"]`, { hasText: '启用' }).waitFor();

    // The admin's other tab, 督办总览, is the supervisor's overview; the tab is in the address.
    await page.locator('[data-test=admin-tab-overview]').click();
    await page.waitForURL(/\/staff\?tab=overview$/);
    await page.locator('[data-test=count-overdue]').waitFor();
    assert.equal(await page.locator('[data-test=staff-list]').count(), 0);
    await shot(page, P, 'admin-overview-tab');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});
