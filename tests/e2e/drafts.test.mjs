// Drafts on a shared phone belong to the resident who typed them: resident A's half-filled form
// is saved under A's account, leaves the device when A signs out (退出登录) or when the page
// finds A's session expired (401), and resident B signing in on the same browser never sees it —
// not after A's logout, and not even when a draft under A's key (or an old un-owned one) is
// put back into localStorage before B opens the form. A signing in again starts empty too,
// since the draft was removed, not hidden.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, shot } from "./harness.mjs";
import { residentLogin, http, draftKeys, signedInResidentId, residentLogout } from "./flows.mjs";

let server;
let browser;
let item; // 建设用地规划许可证核发: an item with plain text fields
before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  const catalog = await (await fetch(`${server.url}/api/v1/catalog`)).json();
  item = catalog.items.find((i) => i.name.includes("建设用地规划许可证"));
  assert.ok(item, "the sample catalog has 建设用地规划许可证核发");
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const P = "drafts";
const A = "13900139001";
const B = "13900139002";
const SECRET = "张三草稿测试";

const phoneContext = () =>
  browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: "zh-CN" });

/** The form's first plain text input (once the guide has loaded) and its field id. */
async function firstTextField(page) {
  const input = page.locator("[data-field] > .fi-control > input[type=text]").first();
  await input.waitFor();
  const id = await input.evaluate((el) => el.closest("[data-field]").dataset.field);
  return { input, id };
}

/** Opens the item's form, signing in as `phone` on the way; resolves to its first text field. */
async function openFormAs(page, phone) {
  await page.goto(`${server.url}/apply/item/${item.id}`);
  await residentLogin(page, server, phone);
  await page.waitForURL(/\/apply\/item\//);
  return firstTextField(page);
}

/** Types into the field and waits until the draft holding it is on the device; resolves to its key. */
async function typeAndWaitForDraft(page, input, text) {
  await input.fill(text);
  const handle = await page.waitForFunction(
    (t) => Object.keys(localStorage).find((k) => k.startsWith("yilu.draft.") && localStorage.getItem(k).includes(t)),
    text,
  );
  return handle.jsonValue();
}

/** Lets a draft restore (and its 300 ms save) happen, then reads the field. */
async function settledValue(page, input) {
  await page.waitForTimeout(800);
  return input.inputValue();
}

test(
  "a draft is the resident’s: removed at logout, never shown to the next resident on the phone",
  { timeout: 120000 },
  async () => {
    const ctx = await phoneContext();
    const page = await ctx.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      // ---- A fills a field: the draft is saved under A's account --------------------------------
      const a = await openFormAs(page, A);
      const idA = await signedInResidentId(page);
      assert.ok(idA, "A is signed in with a resident id");
      const keyA = await typeAndWaitForDraft(page, a.input, SECRET);
      assert.equal(keyA, `yilu.draft.${idA}.item:${item.id}`, "the draft is keyed by A’s resident id");
      const savedA = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), keyA);
      assert.equal(savedA.owner, idA, "the draft names its owner");
      assert.equal(savedA.values[a.id], SECRET);

      // 我的办件 lists A's draft; 退出登录 takes every draft off the device.
      await page.goto(`${server.url}/me`);
      await page.getByText("草稿（保存在本机）").waitFor();
      await shot(page, P, "a-has-draft");
      await residentLogout(page, server.url);
      assert.deepEqual(await draftKeys(page), [], "no yilu.draft. key is left after A signs out");

      // ---- B on the same phone: an empty form, no drafts listed ------------------------------
      const b = await openFormAs(page, B);
      const idB = await signedInResidentId(page);
      assert.ok(idB && idB !== idA, "B is another resident");
      assert.equal(await settledValue(page, b.input), "", "B’s form is empty");
      assert.ok(
        (await draftKeys(page)).every((k) => k.startsWith(`yilu.draft.${idB}.`)),
        "only B’s drafts on the device",
      );
      await page.goto(`${server.url}/me`);
      await page.getByRole("button", { name: "退出登录" }).waitFor();
      assert.equal(await page.getByText("草稿（保存在本机）").count(), 0, "B sees no drafts in 我的办件");

      // A draft under A's key (and an old un-owned one) left in storage is never read for B:
      // written while B is signed in, then the form opened without reloading the app.
      await page.evaluate(
        ({ keyA, idA, target, field, secret }) => {
          const draft = {
            title: "A",
            values: { [field]: secret },
            answers: {},
            materials: {},
            idemKey: "",
            savedAt: Date.now(),
          };
          localStorage.setItem(keyA, JSON.stringify({ ...draft, owner: idA }));
          localStorage.setItem(`yilu.draft.${target}`, JSON.stringify(draft));
          window.__sameDocument = true;
          history.pushState({}, "", `/apply/${target.replace(":", "/")}`);
          dispatchEvent(new PopStateEvent("popstate"));
        },
        { keyA, idA, target: `item:${item.id}`, field: a.id, secret: SECRET },
      );
      await page.waitForURL(/\/apply\/item\//);
      const b2 = await firstTextField(page);
      assert.equal(await settledValue(page, b2.input), "", "A’s planted draft and the legacy draft are not shown to B");
      assert.equal(await page.evaluate(() => window.__sameDocument), true, "the form was opened in the same document");
      await shot(page, P, "b-form-empty");
      // Loading the app again drops what is not B's.
      await page.reload();
      await firstTextField(page);
      assert.ok(
        (await draftKeys(page)).every((k) => k.startsWith(`yilu.draft.${idB}.`)),
        "another account’s and legacy drafts are removed on load",
      );
      await residentLogout(page, server.url);
      assert.deepEqual(await draftKeys(page), [], "no yilu.draft. key is left after B signs out");

      // ---- A again: the draft was removed at logout, not kept aside ------------------------------
      const a2 = await openFormAs(page, A);
      assert.equal(await signedInResidentId(page), idA);
      assert.equal(await settledValue(page, a2.input), "", "A’s own draft is gone after A’s logout");
      await page.goto(`${server.url}/me`);
      await page.getByRole("button", { name: "退出登录" }).waitFor();
      assert.equal(await page.getByText("草稿（保存在本机）").count(), 0, "A has no drafts listed");
      assert.deepEqual(errors, [], "no uncaught page errors");
    } catch (e) {
      await shot(page, P, "failure", { fullPage: true }).catch(() => {});
      console.error(`page ${page.url()}\n---- yilu serve log (tail) ----\n${server.log().slice(-2000)}`);
      throw e;
    } finally {
      await ctx.close();
    }
  },
);

test(
  "an expired session (401) signs the resident out and takes the drafts off the device",
  { timeout: 60000 },
  async () => {
    const ctx = await phoneContext();
    const page = await ctx.newPage();
    try {
      const a = await openFormAs(page, A);
      await typeAndWaitForDraft(page, a.input, SECRET);
      // The session ends on the server (as when it expires); the page finds out on its next request.
      const token = await page.evaluate(() => JSON.parse(localStorage.getItem("yilu.resident.session")).token);
      assert.equal((await http(server.url, "POST", "/auth/logout", {}, token)).status, 200);
      await page.goto(`${server.url}/me`);
      await page.waitForURL(/\/login/);
      assert.equal(await page.evaluate(() => localStorage.getItem("yilu.resident.session")), null, "signed out");
      assert.deepEqual(await draftKeys(page), [], "no yilu.draft. key is left after the 401");
    } catch (e) {
      await shot(page, P, "expired-failure", { fullPage: true }).catch(() => {});
      throw e;
    } finally {
      await ctx.close();
    }
  },
);
