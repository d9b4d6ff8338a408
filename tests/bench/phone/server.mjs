// One `yilu serve` per catalog for the phone budget: the built web app, a fresh data folder,
// the given catalog file (none: the sample the server ships), and a signed-in resident whose
// session the pages can be given (as the browser tests do, tests/e2e/resident_pages.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, residentToken, startYilu } from '../js/serve_util.mjs';

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };

/**
 * @param {{ bin: string, webDir: string, catalog?: string, label: string }} o
 * @returns {Promise<{ base: string, label: string, session: string, log(): string, stop(): Promise<void> }>}
 */
export async function startCatalogServer({ bin, webDir, catalog = '', label }) {
  const data = mkdtempSync(join(tmpdir(), `yilu-phone-${label}-`));
  const args = ['--data', data, '--web', webDir, ...(catalog ? ['--catalog', catalog] : [])];
  let srv;
  try {
    srv = await startYilu(bin, args, {}, join(data, 'serve.log'));
  } catch (e) {
    rmSync(data, { recursive: true, force: true });
    throw e;
  }
  try {
    const token = await residentToken(srv, '13800138000');
    const me = await call(srv.base, 'GET', '/api/v1/me', undefined, { Authorization: `Bearer ${token}` });
    if (me.status !== 200) throw new Error(`GET /me ${me.status}`);
    return {
      base: srv.base,
      label,
      session: JSON.stringify({ token, resident: me.body.resident }),
      log: srv.log,
      async stop() {
        await srv.stop();
        rmSync(data, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await srv.stop();
    rmSync(data, { recursive: true, force: true });
    throw e;
  }
}

/** A phone-sized context; signed in from its first page when `session` is given. */
export async function phoneContext(browser, session = '') {
  const ctx = await browser.newContext(PHONE);
  if (session) await signInContext(ctx, session);
  return ctx;
}

/** Pages opened in `ctx` from now on start signed in (the stored session of the page). */
export async function signInContext(ctx, session) {
  await ctx.addInitScript((s) => {
    if (!localStorage.getItem('yilu.resident.session')) localStorage.setItem('yilu.resident.session', s);
  }, session);
}
