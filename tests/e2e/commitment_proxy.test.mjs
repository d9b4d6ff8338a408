// 告知承诺 and 代办 on the phone: a resident files 最低生活保障 for her husband. Choosing 告知承诺
// shows the catalog's 告知承诺书 text and asks for a typed name. The server's refusals land where
// the resident fixes them: without 为他人代办 the relation is asked for next to the 代办 box; a
// signature that is not her real name is refused next to the material. Once both are right the
// application is stored, and its page shows the relation and who signed the commitment, when.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, makePdf } from './harness.mjs';
import { fillField } from './flows.mjs';
import { catalogOf, residentWithProfile, residentView, phoneAs } from './workflow_steps.mjs';

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

const P = 'commitment';

test('a resident signs a 告知承诺书 and files for her husband; the server\'s refusals show where they are fixed', { timeout: 150000 }, async () => {
  const catalog = await catalogOf(server);
  const item = catalog.items.find((i) => i.id === 'minimum_living_allowance');
  assert.ok(item, 'the sample catalog has minimum_living_allowance');
  const promised = item.materials.find((m) => m.commitment);
  assert.ok(promised, 'it has a material that may be replaced by a commitment');
  const ex = item.example.application;
  const spouse = ex.fields.members[0];
  const token = await residentWithProfile(server, '13900139051', { name: spouse.member_name, id_number: spouse.member_id });
  const guide = await (await fetch(`${server.url}/api/v1/core`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ op: 'guide', item: item.id }) })).json();
  const commitmentText = guide.guide.materials.find((m) => m.id === promised.id)?.commitment_text;
  assert.ok(commitmentText, `the guide gives the 告知承诺书 text: ${JSON.stringify(guide.guide.materials)}`);
  assert.equal(guide.guide.applicant?.proxy, true, 'the item may be filed for someone else');

  const { ctx, page, errors } = await phoneAs(browser, server, token);
  await page.goto(`${server.url}/apply/item/${item.id}`);
  await page.locator('[data-test=profile-done]').waitFor();
  await page.locator('[data-test=proxy]').waitFor();
  for (const [k, v] of Object.entries(ex.fields)) await fillField(page, k, v);
  for (const m of item.materials) {
    if (m.commitment) continue;
    const input = page.locator(`[data-test="file-${m.id}"]`);
    if ((await input.count()) === 0) continue;
    await input.setInputFiles({ name: `${m.id}.pdf`, mimeType: 'application/pdf', buffer: makePdf(40) });
    await page.locator(`[data-material="${m.id}"] [data-test=upload-done]`).waitFor();
  }

  // 告知承诺: the text first, then a typed name; signed in someone else's name at first.
  await page.locator(`[data-test="commit-${promised.id}"]`).click();
  const sheet = page.locator(`[data-test="commitment-${promised.id}"]`);
  await sheet.waitFor();
  assert.equal((await sheet.locator('[data-test=commitment-text]').textContent()).trim(), commitmentText.trim());
  await page.locator(`[data-test="sign-${promised.id}"]`).click();
  await sheet.getByText('请输入您的姓名').waitFor();
  await sheet.scrollIntoViewIfNeeded();
  await shot(page, P, 'commitment-text');
  await page.locator(`[data-test="signer-${promised.id}"]`).fill(ex.fields.applicant_name);
  await page.locator(`[data-test="sign-${promised.id}"]`).click();
  await page.locator(`[data-material="${promised.id}"] [data-test=commitment-signed]`).waitFor();

  // Not marked as 代办: the server asks for the relation, shown at the 代办 box.
  await page.locator('[data-test=submit]').click();
  const proxyMsg = page.locator('[data-test=proxy-msg]');
  await proxyMsg.filter({ hasText: /\S/ }).waitFor();
  assert.match(await proxyMsg.textContent(), /关系/);
  await shot(page, P, 'proxy-relation-asked');
  await page.locator('[data-test=proxy-on]').check();
  await page.locator('[data-test=proxy-relation] input').fill('配偶');

  // Signed in another's name: refused, the message under the material (or above the button).
  await page.locator('[data-test=submit]').click();
  const signerMsg = page.locator(`[data-test="msg-mat-${promised.id}"], [data-test=form-error]`).filter({ hasText: /签名|签署/ });
  await signerMsg.first().waitFor();
  await page.locator(`[data-material="${promised.id}"]`).scrollIntoViewIfNeeded();
  await shot(page, P, 'signer-refused');
  await page.locator(`[data-material="${promised.id}"]`).getByRole('button', { name: '撤销' }).click();
  await page.locator(`[data-test="commit-${promised.id}"]`).click();
  await page.locator(`[data-test="signer-${promised.id}"]`).fill(spouse.member_name);
  await page.locator(`[data-test="sign-${promised.id}"]`).click();
  await page.locator('[data-test=submit]').click();
  await page.waitForURL(/\/me\/[^/]+$/, { timeout: 15000 });
  const id = page.url().split('/').pop();

  const app = await residentView(server, token, id);
  assert.equal(app.proxy?.relation, '配偶', JSON.stringify(app.proxy));
  await page.locator('[data-test=proxy-facts]', { hasText: '配偶' }).waitFor();
  const signed = page.locator(`[data-test="signed-${promised.id}"]`);
  await signed.waitFor();
  assert.ok((await signed.textContent()).includes(spouse.member_name), 'the signer is shown');
  await signed.scrollIntoViewIfNeeded();
  await shot(page, P, 'signed-on-detail');
  await shot(page, P, 'detail', { fullPage: true });
  assert.deepEqual(errors, [], 'no uncaught page errors');
  await ctx.close();
});
