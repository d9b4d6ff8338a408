// On a phone's network the app's own code can fail to arrive (a dropped connection on one of its
// files). The first screen then says so and offers to try again, instead of staying a blank top
// bar; trying again once the network is back opens the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot } from './harness.mjs';
import { phonePage } from './resident_pages.mjs';

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

test('a file of the app that fails to load: the page says so, and 重新加载 opens it', { timeout: 60000 }, async () => {
  const { ctx, page } = await phonePage(browser, server);
  // Vue's runtime, a static import of the entry: the entry's module graph cannot load.
  let dropped = 0;
  await ctx.route(/\/assets\/runtime-core[^/]*\.js$/, (route) => {
    dropped++;
    return route.abort('connectionreset');
  });
  await page.goto(`${server.url}/`);
  const box = page.locator('[data-test=load-failed]');
  await box.waitFor({ timeout: 15000 });
  assert.ok(dropped > 0, 'the runtime was asked for and dropped');
  assert.match(await box.textContent(), /页面没有加载完整，请检查网络后重试/);
  await shot(page, 'code-load-failed', 'message');

  // The network is back: 重新加载 opens the home page.
  await ctx.unroute(/\/assets\/runtime-core[^/]*\.js$/);
  await box.getByRole('button', { name: '重新加载' }).click();
  await page.locator('[data-test=home-search]').first().waitFor({ timeout: 15000 });
  assert.equal(await page.locator('[data-test=load-failed]').count(), 0);
  await ctx.close();
});
