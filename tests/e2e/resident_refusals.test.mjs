// What a resident is told on a phone (390×844) when the server refuses an upload or a
// submission: a damaged PDF (422 file_damaged), a PDF carrying a script (422
// file_active_content), a full disk (507 storage_full, stubbed: a disk cannot be filled here),
// and the day's 21st application (429 application_quota) — each time the server's own Chinese
// message, never a generic line; the quota is not retried (it lasts until midnight) and the
// draft stays. Messages are compared with what the server answered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, makePdf } from './harness.mjs';
import { http, fillField } from './flows.mjs';
import { catalogOf, residentWithProfile, submitExample, exampleProfile } from './workflow_steps.mjs';

const P = 'refusals';
let server;
let browser;
before(async () => {
  server = await startServer({ demo: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A PDF whose cross-reference table is missing (cut short, or renamed from something else). */
function damagedPdf() {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n${'x'.repeat(2000)}\n%%EOF\n`, 'latin1');
}

/** A well-formed PDF that runs JavaScript when opened. */
function scriptPdf() {
  const objects = [
    '<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj${o}endobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) body += `${String(at).padStart(10, '0')} 00000 n \n`;
  body += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

test('a resident sees the server\'s message for a refused upload and for the day\'s application quota', { timeout: 180000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === 'eia_approval');
  assert.ok(item?.example?.application, 'the sample catalog has eia_approval with an example');
  const token = await residentWithProfile(server, '13900166001', exampleProfile(item));
  // The day's allowance used up over HTTP (20 applications), so the page's submission is the 21st.
  for (let i = 0; i < 20; i++) await submitExample(server, token, item);
  const me = await http(server.url, 'GET', '/me', undefined, token);
  assert.equal(me.status, 200);

  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  await ctx.addInitScript((s) => localStorage.setItem('yilu.resident.session', s), JSON.stringify({ token, resident: me.body.resident }));
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${server.url}/apply/item/${item.id}`);
    await page.locator('[data-field]').first().waitFor();
    for (const [k, v] of Object.entries(item.example.application.fields)) await fillField(page, k, v);

    const input = page.locator('[data-test=file-eia_report]');
    const msg = page.locator('[data-test=msg-mat-eia_report]');
    /** Chooses a file and resolves to the server's answer to the upload: {status, body}. */
    const upload = async (name, buffer) => {
      const [res] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/uploads' && r.request().method() === 'POST'),
        input.setInputFiles({ name, mimeType: 'application/pdf', buffer }),
      ]);
      return { status: res.status(), body: await res.json() };
    };

    // A damaged PDF.
    let r = await upload('report.pdf', damagedPdf());
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'file_damaged');
    await msg.filter({ hasText: r.body.error.message }).waitFor();
    assert.equal((await msg.textContent()).trim(), r.body.error.message, 'the server\'s message under the material');
    await msg.scrollIntoViewIfNeeded();
    await shot(page, P, 'upload-damaged');

    // A PDF with a script in it.
    r = await upload('report.pdf', scriptPdf());
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'file_active_content');
    await msg.filter({ hasText: r.body.error.message }).waitFor();
    assert.equal((await msg.textContent()).trim(), r.body.error.message);

    // A full disk (stubbed: the server's 507 body).
    const full = { ok: false, error: { code: 'storage_full', message: '服务器存储空间已满，暂时不能保存新的内容；已保存的申请和材料不受影响，请稍后再试' } };
    await page.route('**/api/v1/uploads', (route) => route.fulfill({ status: 507, contentType: 'application/json', body: JSON.stringify(full) }));
    await input.setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: makePdf(30) });
    await msg.filter({ hasText: full.error.message }).waitFor();
    await shot(page, P, 'upload-storage-full');
    await page.unroute('**/api/v1/uploads');

    // A good file is taken.
    r = await upload('report.pdf', makePdf(30));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await page.locator('[data-material=eia_report] [data-test=upload-done]').waitFor();
    assert.equal((await msg.textContent()).trim(), '', 'the message is gone once a file is taken');

    // The 21st application of the day: the server's message, sent once (no retry), draft kept.
    const sent = [];
    page.on('request', (q) => new URL(q.url()).pathname === '/api/v1/applications' && q.method() === 'POST' && sent.push(q));
    const [res] = await Promise.all([
      page.waitForResponse((x) => new URL(x.url()).pathname === '/api/v1/applications' && x.request().method() === 'POST'),
      page.locator('[data-test=submit]').click(),
    ]);
    assert.equal(res.status(), 429);
    const body = await res.json();
    assert.equal(body.error.code, 'application_quota');
    assert.ok(body.retry_after > 0, 'the server says how long until the quota renews');
    const formError = page.locator('[data-test=form-error]');
    await formError.filter({ hasText: body.error.message.replace(/[。.]$/, '') }).waitFor({ timeout: 5000 });
    assert.match(await formError.textContent(), /草稿已保存在本机/);
    await page.waitForTimeout(1500); // a retry would have gone out by now (the first backoff is 0.5 s)
    assert.equal(sent.length, 1, 'a quota that lasts until midnight is not retried');
    assert.match(page.url(), /\/apply\/item\//, 'the resident stays on the form');
    await shot(page, P, 'submit-quota');
    const mine = await http(server.url, 'GET', '/me/applications', undefined, token);
    assert.equal(mine.body.total, 20, 'no 21st application was stored');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  } catch (e) {
    await shot(page, P, 'failure', { fullPage: true }).catch(() => {});
    console.error(`---- yilu serve log (tail) ----\n${server.log().slice(-2000)}`);
    throw e;
  }
  await ctx.close();
});
