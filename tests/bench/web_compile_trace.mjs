// Where the wasm core's time to ready goes in headless chromium (the diagnosis behind the
// issue-5 readiness budget): one cold page load under a Chrome trace, summed per thread and
// V8 wasm event. Chromium compiles each wasm function on its first call, on the page's own
// thread (wasm.CompileLazy), and recompiles hot ones in the background (TopTierCompilation);
// the largest lazily compiled functions are listed by index and size, with their names when
// the .wasm has a name section (build with YILU_WASM_OPT="-O2;--profiling-funcs").
// Run:  node tests/bench/web_compile_trace.mjs   (after scripts/build.sh native wasm web)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, root } from '../e2e/harness.mjs';
import { wasmFunctions } from './lib/wasm_functions.mjs';

const webDir = process.env.YILU_WEB_DIR || join(root, 'web', 'dist');
// The build names the wasm after its content (assets/yilu_core-<hash>.wasm).
const wasmFile = readdirSync(join(webDir, 'assets')).find((f) => /^yilu_core-.*\.wasm$/.test(f));
const funcs = wasmFunctions(readFileSync(join(webDir, 'assets', wasmFile)));
const server = await startServer({ demo: false });
const browser = await launchBrowser();
let trace;
let timing;
try {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true });
  const page = await ctx.newPage();
  await browser.startTracing(page, { categories: ['v8.wasm', 'disabled-by-default-v8.wasm.detailed'] });
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => window.__yilu && ['ready', 'failed'].includes(window.__yilu.coreState.status), null, { timeout: 20000 });
  trace = JSON.parse((await browser.stopTracing()).toString());
  timing = await page.evaluate(() => {
    const s = window.__yilu.coreState;
    const e = performance.getEntriesByType('resource').find((x) => x.name.endsWith('.wasm'));
    return { status: s.status, ready_after_download_ms: s.readyAt - e.responseEnd, load_calendar_ms: s.calendarMs, load_catalog_ms: s.catalogMs };
  });
} finally {
  await browser.close();
  await server.stop();
}

const events = trace.traceEvents || trace;
const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const totals = {};
const lazy = [];
for (const e of events) {
  if (e.ph !== 'X' || !String(e.cat).includes('wasm')) continue;
  const key = `${threads.get(`${e.pid}:${e.tid}`) || e.tid} ${e.name}`;
  const t = (totals[key] ||= { count: 0, ms: 0 });
  t.count += 1;
  t.ms += e.dur / 1000;
  if (e.name === 'wasm.CompileLazy') lazy.push({ ms: e.dur / 1000, index: e.args?.func_index });
}
const round = (x) => Math.round(x * 10) / 10;
const byTime = Object.entries(totals).sort((a, b) => b[1].ms - a[1].ms).slice(0, 8);
const sizeOf = (i) => funcs.byIndex.get(i) || {};
console.log(JSON.stringify({
  ...Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])),
  events: Object.fromEntries(byTime.map(([k, v]) => [k, { count: v.count, ms: round(v.ms) }])),
  lazily_compiled: { functions: lazy.length, bytes: lazy.reduce((n, l) => n + (sizeOf(l.index).size || 0), 0), ms: round(lazy.reduce((n, l) => n + l.ms, 0)) },
  largest_module_functions: funcs.largest(5).map((f) => ({ index: f.index, bytes: f.size, name: f.name?.slice(0, 80) })),
  slowest_lazy_compiles: lazy.sort((a, b) => b.ms - a.ms).slice(0, 8).map((l) => ({ ms: round(l.ms), index: l.index, bytes: sizeOf(l.index).size, name: sizeOf(l.index).name?.slice(0, 80) })),
}, null, 2));
