// What the accessibility and finding-items tests share: a phone (390×844) page, signed in or
// not, and axe-core run in it (the devDependency of web/, injected from its file).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { http } from './flows.mjs';
import { root } from './harness.mjs';

const require = createRequire(join(root, 'web', 'package.json'));
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const PHONE = { width: 390, height: 844 };

/** A 390×844 phone page, signed in as the resident of `token` when one is given. */
export async function phonePage(browser, server, token = '') {
  const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  if (token) {
    const me = await http(server.url, 'GET', '/me', undefined, token);
    if (me.status !== 200) throw new Error(`GET /me: ${JSON.stringify(me.body)}`);
    const session = JSON.stringify({ token, resident: me.body.resident });
    await ctx.addInitScript((s) => {
      if (!localStorage.getItem('yilu.resident.session')) localStorage.setItem('yilu.resident.session', s);
    }, session);
  }
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { ctx, page, errors };
}

/** axe-core's serious and critical violations on the page as it is now, one line each. */
export async function seriousViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} — ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, ' ')}`),
    );
}

/** Presses Tab until `matches(focused)` holds (at most `max` times); resolves to what was focused on the way. */
export async function tabTo(page, matches, max = 80) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      return {
        tag: el?.tagName.toLowerCase() || '',
        test: el?.getAttribute('data-test') || '',
        href: el?.getAttribute('href') || '',
        text: (el?.textContent || '').replace(/\s+/g, ' ').trim(),
      };
    });
    seen.push(f);
    if (matches(f)) return seen;
  }
  throw new Error(`Tab never reached it; focused on the way: ${JSON.stringify(seen.map((f) => f.test || f.href || f.text))}`);
}
