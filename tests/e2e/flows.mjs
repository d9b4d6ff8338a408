// Steps shared by the browser tests: a resident signing in and filling the form, staff signing
// in to the console. Selectors are the pages' labels and data-test hooks.
import assert from 'node:assert/strict';

/** Signs the resident in on the /login page it was sent to (code read from the server log). */
export async function residentLogin(page, server, phone) {
  await page.waitForURL(/\/login/);
  await page.getByLabel('手机号').fill(phone);
  const mark = server.log().length;
  await page.locator('[data-test=send-code]').click();
  let code = '';
  for (let i = 0; i < 50 && !code; i++) {
    await page.waitForTimeout(100);
    code = server.smsCode(mark);
  }
  assert.ok(code, `no SMS code in the server log:\n${server.log().slice(-2000)}`);
  await page.getByLabel('验证码').fill(code);
  await page.locator('[data-test=login]').click();
}

/** The fields of the bundle's (or item's) example applications from the catalog, merged. */
export function exampleApplication(catalog, bundleId) {
  const bundle = catalog.bundles.find((b) => b.id === bundleId);
  const fields = {};
  const answers = {};
  for (const st of bundle.stages) {
    for (const iid of st.items) {
      const it = catalog.items.find((i) => i.id === iid);
      const app = it?.example?.application || it?.example || {};
      Object.assign(fields, app.fields || {});
      Object.assign(answers, app.answers || {});
    }
  }
  return { fields, answers };
}

/** Fills one field in the page by its id with a value of the catalog's example (a repeated group: its entries). */
export async function fillField(page, id, value, scope = page) {
  if (Array.isArray(value)) {
    const group = scope.locator(`[data-group="${id}"]`);
    if ((await group.count()) === 0) return false;
    for (let i = 0; i < value.length; i++) {
      const entry = group.locator(`[data-entry="${i}"]`);
      if ((await entry.count()) === 0) await group.locator('[data-test=add-entry]').click();
      for (const [k, v] of Object.entries(value[i])) await fillField(page, k, v, entry);
    }
    return true;
  }
  const box = scope.locator(`[data-field="${id}"]`).first();
  if ((await box.count()) === 0) return false;
  if ((await box.locator('[data-test=division-picker]').count()) > 0) {
    await pickDivision(page, box, String(value));
    return true;
  }
  const select = box.locator('select');
  if (await select.count()) {
    await select.selectOption(String(value));
    return true;
  }
  if (typeof value === 'boolean') {
    await box.getByLabel(value ? '是' : '否', { exact: true }).check();
    return true;
  }
  await box.locator('input').first().fill(String(value));
  return true;
}

/**
 * Fills an area_code field: in the division picker (province → city → district, each level
 * that is not preselected), or typed when the picker fell back to a text box.
 */
export async function pickDivision(page, box, code) {
  const picker = box.locator('[data-test=division-picker]');
  await box.locator('[data-test=division-picker]:not([data-mode=loading])').waitFor();
  if ((await picker.getAttribute('data-mode')) !== 'pick') {
    await picker.locator('input').fill(code);
    return;
  }
  await picker.locator('[data-test=division-open]').click();
  // Each picker opened once keeps its (hidden) sheet in the page: the visible one is this one's.
  const sheet = page.locator('.van-popup:visible .van-cascader');
  await sheet.waitFor();
  const chain = [...new Set([`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code])];
  // The picker opens on the deepest level the field's prefix leaves open; click down from there.
  for (let guard = 0; guard < chain.length; guard++) {
    // The open tab's options (the others stay in the page beside it, aria-hidden).
    const visible = sheet.locator(chain.map((c) => `[aria-hidden=false] [data-code="${c}"]`).join(', '));
    await visible.first().waitFor();
    const shown = await visible.evaluateAll((els) => els.map((e) => e.dataset.code));
    const c = chain.filter((x) => shown.includes(x)).pop();
    await sheet.locator(`[aria-hidden=false] [data-code="${c}"]`).click();
    await sheet.locator(`[aria-hidden=false] [data-code="${c}"]`).waitFor({ state: 'hidden' });
    if (c === code) break;
  }
  await sheet.waitFor({ state: 'hidden' });
}

/** Signs a staff member in to the console (desktop width). */
/**
 * The administrator's console tabs in order (web/src/views/staff/AdminConsole.vue): the one list
 * the tests compare the tab bar with.
 */
export const ADMIN_TABS = ['账号管理', '审计日志', '事项目录', '事项导入', '目录版本', '节假日日历', '督办总览', '按时办结率', '好差评', '办理用时', '月度报告'];

export async function staffLogin(page, url, username, password) {
  await page.goto(`${url}/staff/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/staff$/);
}

// ---- the same steps straight over HTTP (to set up what a test is not about) -----------------

/** One JSON request to the server; resolves to {status, body}. */
export async function http(url, method, path, body, token) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}

/** A resident's token over HTTP: asks for a code, reads it from the server log, verifies it. */
export async function residentTokenByApi(server, phone) {
  const mark = server.log().length;
  const req = await http(server.url, 'POST', '/auth/sms/request', { phone });
  assert.equal(req.status, 202, `sms request: ${JSON.stringify(req.body)}`);
  let code = '';
  for (let i = 0; i < 50 && !code; i++) {
    await new Promise((r) => setTimeout(r, 100));
    code = server.smsCode(mark);
  }
  assert.ok(code, 'an SMS code in the server log');
  const v = await http(server.url, 'POST', '/auth/sms/verify', { phone, code });
  assert.equal(v.status, 200, `sms verify: ${JSON.stringify(v.body)}`);
  return v.body.token;
}

/** A staff member's token over HTTP. */
export async function staffTokenByApi(url, username, password) {
  const r = await http(url, 'POST', '/staff/login', { username, password });
  assert.equal(r.status, 200, `staff login ${username}: ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** Uploads one file for a material of an item as the resident; resolves to the upload ({id, kind, …}). */
export async function uploadByApi(url, token, { item, material, name, type, bytes }) {
  const form = new FormData();
  form.append('item', item);
  form.append('material', material);
  form.append('file', new Blob([bytes], { type }), name);
  const res = await fetch(`${url}/api/v1/uploads`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  const body = await res.json().catch(() => null);
  assert.equal(res.status, 201, `upload ${name}: ${JSON.stringify(body)}`);
  return body.upload;
}

// ---- drafts on a shared phone ---------------------------------------------------------------

/** The `yilu.draft.*` keys in the page's localStorage, sorted. */
export function draftKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('yilu.draft.')).sort());
}

/** The signed-in resident's id from the page's stored session ('' when nobody is signed in). */
export function signedInResidentId(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('yilu.resident.session') || 'null')?.resident?.id || '');
}

/** Signs the resident out with 我的办件's 退出登录 and waits for the home page. */
export async function residentLogout(page, url) {
  await page.goto(`${url}/me`);
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL((u) => u.pathname === '/');
}
