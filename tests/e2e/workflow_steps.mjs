// Steps over HTTP that the outcome, inbox and 容缺 tests share: a resident with a real-name
// profile, an application of a catalog item's example, the window's and a department's staff
// acting on it, and a phone page already signed in as that resident (what the tests look at).
import assert from 'node:assert/strict';
import { http, residentTokenByApi, staffTokenByApi, uploadByApi } from './flows.mjs';
import { makePdf } from './harness.mjs';
import { demoAccounts } from './accounts.mjs';

/** The sample catalog as the server serves it. */
export async function catalogOf(server) {
  return (await fetch(`${server.url}/api/v1/catalog`)).json();
}

/** A resident signed in over HTTP with the real-name profile {name, id_number}; resolves to the token. */
export async function residentWithProfile(server, phone, profile) {
  const token = await residentTokenByApi(server, phone);
  const r = await http(server.url, 'PUT', '/me/profile', profile, token);
  assert.equal(r.status, 200, `profile: ${JSON.stringify(r.body)}`);
  return token;
}

/**
 * Submits the catalog example of an item (with `extra` merged over it) as the resident; a material
 * the example gives as files gets one uploaded PDF. Resolves to the application.
 */
export async function submitExample(server, token, item, extra = {}) {
  const body = { kind: 'item', target_id: item.id, ...item.example.application, ...extra };
  const materials = { ...body.materials };
  for (const [mid, m] of Object.entries(materials)) {
    if (m.by !== 'file') continue;
    const types = item.materials.find((x) => x.id === mid)?.file_types || ['pdf'];
    assert.ok(types.includes('pdf'), `${item.id}/${mid} takes a PDF`);
    const up = await uploadByApi(server.url, token, { item: item.id, material: mid, name: `${mid}.pdf`, type: 'application/pdf', bytes: makePdf(30) });
    materials[mid] = { by: 'file', files: [{ upload: up.id }] };
  }
  body.materials = materials;
  const r = await http(server.url, 'POST', '/applications', body, token);
  assert.equal(r.status, 201, `submit ${item.id}: ${JSON.stringify(r.body)}`);
  return r.body.application;
}

/** Tokens of the demo staff: the clerk of a window, the reviewer of a department. */
export function staffOf(server) {
  const accounts = demoAccounts(server.log());
  const tokens = new Map();
  const login = async (a) => {
    if (!tokens.has(a.username)) tokens.set(a.username, await staffTokenByApi(server.url, a.username, a.password));
    return tokens.get(a.username);
  };
  return {
    accounts,
    /** The demo clerk account of a window. */
    clerkAccount(window) {
      const a = accounts.find((x) => x.role === 'clerk' && x.window === window);
      assert.ok(a, `a demo clerk of ${window}`);
      return a;
    },
    async clerk(window) {
      return login(this.clerkAccount(window));
    },
    async reviewer(department) {
      const a = accounts.find((x) => x.role === 'reviewer' && x.department === department);
      assert.ok(a, `a demo reviewer of ${department}`);
      return login(a);
    },
  };
}

/** One GET that must succeed (200); resolves to the answer's body. */
export async function read(server, token, path) {
  const r = await http(server.url, 'GET', path, undefined, token);
  assert.equal(r.status, 200, `GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** One staff action over HTTP that must succeed; resolves to the answer's body. */
export async function act(server, token, path, body = {}) {
  const r = await http(server.url, 'POST', path, body, token);
  assert.ok(r.status >= 200 && r.status < 300, `POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Dispatches the application's running stage, every department approves its review, the clerk issues; the application. */
export async function approveAndIssue(server, staff, clerk, id) {
  const dispatched = await act(server, clerk, `/staff/applications/${id}/dispatch`);
  const reviews = dispatched.application.tasks.filter((t) => t.kind === 'review' && t.status === 'reviewing');
  assert.ok(reviews.length > 0, `a review task for ${id}: ${JSON.stringify(dispatched.application.tasks)}`);
  for (const task of reviews) await act(server, await staff.reviewer(task.department), `/staff/tasks/${task.id}/approve`);
  return (await act(server, clerk, `/staff/applications/${id}/issue`)).application;
}

/** A resident files the item's example; it is accepted, dispatched, approved and issued; the application. */
export async function issuedItem(server, catalog, staff, token, itemId) {
  const it = catalog.items.find((i) => i.id === itemId);
  assert.ok(it?.example?.application, `the sample catalog has ${itemId} with an example`);
  const app = await submitExample(server, token, it);
  const clerk = await staff.clerk(it.window);
  await act(server, clerk, `/staff/applications/${app.id}/accept`);
  return approveAndIssue(server, staff, clerk, app.id);
}

/**
 * The resident files the bundle with its items' examples merged (a file material gets one uploaded
 * PDF, for the item that asks for it; a commitment is signed by `signer`); the window accepts it and
 * carries it through every stage to issue. The application.
 */
export async function issuedBundle(server, catalog, staff, token, bundleId, signer) {
  const bundle = catalog.bundles.find((b) => b.id === bundleId);
  assert.ok(bundle, `the sample catalog has the bundle ${bundleId}`);
  const item = (id) => catalog.items.find((i) => i.id === id);
  const body = { kind: 'bundle', target_id: bundle.id, fields: {}, answers: {}, materials: {} };
  for (const st of bundle.stages) {
    for (const iid of st.items) {
      const example = item(iid)?.example?.application || {};
      Object.assign(body.fields, example.fields);
      Object.assign(body.answers, example.answers);
      for (const [mid, m] of Object.entries(example.materials || {})) {
        if (body.materials[mid]) continue;
        if (m.by === 'file') {
          const types = item(iid).materials.find((x) => x.id === mid)?.file_types || ['pdf'];
          assert.ok(types.includes('pdf'), `${iid}/${mid} takes a PDF`);
          const up = await uploadByApi(server.url, token, {
            item: iid,
            material: mid,
            name: `${mid}.pdf`,
            type: 'application/pdf',
            bytes: makePdf(30),
          });
          body.materials[mid] = { by: 'file', files: [{ upload: up.id }] };
        } else body.materials[mid] = m.by === 'commitment' ? { ...m, signer } : m;
      }
    }
  }
  const r = await http(server.url, 'POST', '/applications', body, token);
  assert.equal(r.status, 201, `submit ${bundleId}: ${JSON.stringify(r.body)}`);
  const id = r.body.application.id;
  const clerk = await staff.clerk(bundle.window);
  await act(server, clerk, `/staff/applications/${id}/accept`);
  let app;
  for (let stage = 1; stage <= bundle.stages.length; stage++) app = await approveAndIssue(server, staff, clerk, id);
  assert.equal(app.status, 'issued', `the bundle is issued after its ${bundle.stages.length} stages`);
  return app;
}

/** The application as its resident sees it. */
export async function residentView(server, token, id) {
  const r = await http(server.url, 'GET', `/applications/${id}`, undefined, token);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.application;
}

/** A 375×667 phone page signed in as the resident (the session the page keeps after sign-in). */
export async function phoneAs(browser, server, token) {
  const me = await http(server.url, 'GET', '/me', undefined, token);
  assert.equal(me.status, 200, JSON.stringify(me.body));
  const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const session = JSON.stringify({ token, resident: me.body.resident });
  await ctx.addInitScript((s) => {
    if (!localStorage.getItem('yilu.resident.session')) localStorage.setItem('yilu.resident.session', s);
  }, session);
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { ctx, page, errors };
}

/** Fills and saves the apply page's 实名认证 form (shown before a resident's first submission). */
export async function fillProfile(page, name, idNumber) {
  await page.locator('[data-test=profile-form]').waitFor();
  await page.locator('[data-test=profile-name] input').fill(name);
  await page.locator('[data-test=profile-id] input').fill(idNumber);
  await page.locator('[data-test=profile-save]').click();
  await page.locator('[data-test=profile-done]').waitFor();
}

/**
 * The real-name profile for a catalog item's example: the applicant the item names (the first of
 * its `applicant.fields`, with the matching *_name field), else a fixed valid identity.
 */
export function exampleProfile(item, fields = item.example?.application?.fields || {}) {
  const idField = item.applicant?.fields?.find((f) => fields[f]);
  if (!idField) return { name: '测试居民', id_number: '11010519491231002X' };
  return { name: String(fields[idField.replace(/_id$/, '_name')] || '测试居民'), id_number: String(fields[idField]) };
}
