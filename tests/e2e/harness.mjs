// Shared set-up of the browser tests: a real `yilu serve` on a free port with a fresh data
// folder (and --demo staff), Debian's chromium driven by playwright-core (never a browser
// download), screenshots under tests/e2e/screenshots/.
import { spawn } from 'node:child_process';
import { crc32, deflateSync } from 'node:zlib';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..', '..');
// playwright-core is a devDependency of web/ (web/package-lock.json), so `npm ci` in web/
// installs everything these tests need.
const require = createRequire(join(root, 'web', 'package.json'));
export const { chromium } = require('playwright-core');

export const DEMO_PASSWORD = 'demo-e2e-pass-2026';
export const shotsDir = join(here, 'screenshots');

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/**
 * Starts `yilu serve` (with `catalog`, a catalog file, instead of the sample; with `demoYear`
 * applications of a made-up year lived through the workflow before it listens: open work at
 * every level, overdue reviews included); returns {url, log(), stop(), smsCode(after)}.
 */
export async function startServer({ demo = true, catalog = '', demoYear = 0 } = {}) {
  const bin = process.env.YILU_BIN || join(root, 'build', 'server', 'yilu');
  if (!existsSync(bin)) throw new Error(`yilu binary not found at ${bin} (build it, or set YILU_BIN)`);
  const webDir = process.env.YILU_WEB_DIR || join(root, 'web', 'dist');
  if (!existsSync(join(webDir, 'index.html'))) throw new Error(`${webDir}/index.html missing: run npm ci && npm run build in web/`);
  const data = mkdtempSync(join(tmpdir(), 'yilu-e2e-'));
  const port = await freePort();
  const args = ['serve', '--addr', '127.0.0.1', '--port', String(port), '--data', data, '--web', webDir];
  if (demo) args.push('--demo');
  if (catalog) args.push('--catalog', catalog);
  if (demoYear) args.push('--demo-year', String(demoYear));
  const child = spawn(bin, args, {
    cwd: root,
    // The overview as of each request: the tests act and look at once (production keeps its
    // counts for 30 s; a server test covers that).
    env: { ...process.env, YILU_DEMO_PASSWORD: DEMO_PASSWORD, YILU_OVERVIEW_MAX_AGE: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((r) => child.on('exit', r));
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`yilu serve exited early:\n${out}`);
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > (demoYear ? 60000 : 15000)) throw new Error(`yilu serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    data,
    log: () => out,
    /** The last one-time code the default SMS sender wrote to the log after offset `after`. */
    smsCode(after = 0) {
      const m = [...out.slice(after).matchAll(/\[sms\][^\n]*?code\s*[:：]?\s*(\d{4,8})/g)];
      return m.length ? m[m.length - 1][1] : '';
    },
    async stop() {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's chromium, headless. Playwright refuses a --user-data-dir argument to launch(): it
 * gives every launch a fresh temporary profile of its own (and removes it on close), which is
 * what the flag was for.
 */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync',
    ],
  });
  return browser;
}

let shotN = 0;
/** Saves a screenshot as screenshots/<prefix>-NN-<name>.png: the viewport (what the person sees), or the full page. */
export async function shot(page, prefix, name, { fullPage = false } = {}) {
  mkdirSync(shotsDir, { recursive: true });
  shotN += 1;
  const file = join(shotsDir, `${prefix}-${String(shotN).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** A w×h PNG of two colour bands with a border: an "ID photo" the eye can check in a screenshot. */
export function makePng(w = 240, h = 320) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const edge = x < 6 || y < 6 || x >= w - 6 || y >= h - 6;
      const [r, g, b] = edge ? [23, 74, 150] : y < h / 2 ? [232, 240, 252] : [31, 95, 191];
      raw.set([r, g, b], y * (w * 3 + 1) + 1 + x * 3);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A small valid PDF of about `kb` KB (padding in a comment stream), for uploads. */
export function makePdf(kb = 64) {
  // A well-formed PDF (the server walks its cross-reference table): three objects, a comment
  // padding it to about `kb` KB, the xref table with each object's offset, the trailer.
  const objects = ['<</Type/Catalog/Pages 2 0 R>>', '<</Type/Pages/Kids[3 0 R]/Count 1>>', '<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>'];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj${o}endobj\n`;
    return at;
  });
  body += `%${'x'.repeat(Math.max(0, kb * 1024 - 500))}\n`;
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) body += `${String(at).padStart(10, '0')} 00000 n \n`;
  body += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A desk-sized page (1366×900, zh-CN) in a new context, with the page's uncaught errors collected. */
export async function deskPage(browser) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { ctx, page, errors };
}

/** Runs a test body; on failure saves a full-page screenshot and prints the server log's tail. */
/**
 * The trimmed texts of `locator`'s elements once they equal `expected`, or the last ones read
 * after `timeout` ms: for a list the page may draw again while it settles (the console renders
 * its tabs for the route, then for the signed-in role), where one read can catch it empty.
 */
export async function settledTexts(locator, expected, timeout = 10000) {
  const t0 = Date.now();
  for (;;) {
    const texts = (await locator.allTextContents()).map((s) => s.trim());
    if (JSON.stringify(texts) === JSON.stringify(expected) || Date.now() - t0 > timeout) return texts;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function withFailureShots(page, prefix, name, server, body) {
  try {
    await body();
  } catch (e) {
    await shot(page, prefix, `failure-${name}`, { fullPage: true }).catch(() => {});
    console.error(`---- yilu serve log (tail) ----\n${server.log().slice(-2000)}`);
    throw e;
  }
}
