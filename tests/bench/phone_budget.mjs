// The phone at real scale: the resident pages on a 390×844 touch phone in headless chromium
// against a real `yilu serve`, once with the sample catalog (47 items) and once with a generated
// one of 2,270 items (tests/tools/gen_catalog.py), each against its budget (phone/budgets.mjs):
//   1. first visit (fresh context, empty cache) of an item's guide and of the birth bundle's:
//      bytes on the wire until the core holds the entry's slice and the guide is on screen
//      (DevTools' encodedDataLength: headers and body as sent, plus the service worker's own
//      fetches) — ≤ 300 KB, listed per URL;
//   2. repeat visit (a new page of the same context, after the service worker installed) —
//      ≤ 30 KB; then with the network off and the resident signed in, the entry's apply page
//      must show its form;
//   3. the core ready after the .wasm download (coreState.sliceReadyAt − the .wasm's
//      responseEnd) — ≤ 100 ms; and the ready time from navigation start with the big catalog
//      within 1.25× of the sample's (medians of --runs);
//   4. Fast 3G (150 ms, 1.6 Mbps down, 750 kbps up): the birth bundle's apply form usable
//      (fields on screen, the core answers `validate` for it) — first visit ≤ 3 s, repeat ≤ 1 s;
//      twice: DevTools' emulation of the page (which leaves the service worker's fetches at full
//      speed) and the whole browser through one slow link (phone/slow_link.mjs);
//   5. search: keystroke to results painted on /search — ≤ 50 ms (medians per keystroke);
//   6. the field check: `validate` of the birth form's first stage — < 1 ms mean;
//   7. Lighthouse, mobile preset, on every resident page: performance ≥ 95, accessibility 100,
//      LCP ≤ 2.5 s, CLS ≤ 0.1 (needs `npm ci` in tests/bench; scripts/bench.sh phone does it).
//
// Run (after a Release server, the wasm and the web app are built; scripts/bench.sh phone does
// all of it):
//   node tests/bench/phone_budget.mjs [--runs 5] [--big FILE] [--items 2270] [--item ID]
//        [--skip visits,fast3g,search,check,lighthouse] [--catalogs sample,big] [--lighthouse-runs 1]
//        [--out FILE.json] [--md FILE.md]
//   YILU_BIN (default build-release/server/yilu, else build/server/yilu), YILU_WEB_DIR
//   (default web/dist), CHROMIUM (default /usr/bin/chromium).
// Prints the markdown table (and the JSON without --out); exits 1 when a budget is exceeded.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { launchBrowser, root } from '../e2e/harness.mjs';
import { option } from './js/serve_util.mjs';
import { startCatalogServer } from './phone/server.mjs';
import { applyOnFast3g, guideVisits } from './phone/visits.mjs';
import { FAST_3G } from './phone/wire.mjs';
import { firstKeystroke, searchKeystrokes } from './phone/search.mjs';
import { fieldCheck } from './phone/field_check.mjs';
import { lighthouseAvailable, lighthousePages, residentPages } from './phone/lighthouse.mjs';
import { judge, markdown, summarise } from './phone/budgets.mjs';

const args = process.argv.slice(2);
const runs = Number(option(args, '--runs', process.env.RUNS || 5));
const items = Number(option(args, '--items', 2270));
const lighthouseRuns = Number(option(args, '--lighthouse-runs', 1));
const item = option(args, '--item', 'birth_household_registration');
const skip = new Set(
  String(option(args, '--skip', ''))
    .split(',')
    .filter(Boolean),
);
const catalogsWanted = String(option(args, '--catalogs', 'sample,big')).split(',');
const outJson = option(args, '--out', '');
const outMd = option(args, '--md', '');
const log = (m) => process.stderr.write(`phone: ${m}\n`);

const bin =
  process.env.YILU_BIN ||
  [join(root, 'build-release/server/yilu'), join(root, 'build/server/yilu')].find((p) => existsSync(p));
const webDir = process.env.YILU_WEB_DIR || join(root, 'web', 'dist');
if (!bin || !existsSync(bin))
  throw new Error('no yilu binary: build it (scripts/bench.sh builds build-release/) or set YILU_BIN');
if (!existsSync(join(webDir, 'index.html')))
  throw new Error(`${webDir}/index.html missing: build the web app or set YILU_WEB_DIR`);

// The generated catalog: deterministic, so one file per (items, seed) is reused between runs.
function bigCatalog() {
  const given = option(args, '--big', '');
  if (given) return given;
  const file = join(os.tmpdir(), `yilu-phone-catalog-${items}-seed1.json`);
  if (!existsSync(file)) {
    log(`generating ${items} items → ${file}`);
    execFileSync(
      'python3',
      [join(root, 'tests/tools/gen_catalog.py'), '--items', String(items), '--seed', '1', '-o', file],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  return file;
}

const catalogs = {
  sample: { title: 'sample (47 items)', file: '' },
  big: { title: `generated (${items} items)`, file: null },
};
const haveLighthouse = skip.has('lighthouse') ? false : await lighthouseAvailable();
if (!skip.has('lighthouse') && !haveLighthouse) log('lighthouse is not installed (cd tests/bench && npm ci): skipped');

const browser = await launchBrowser();
const raw = {};
try {
  for (const label of catalogsWanted) {
    const c = catalogs[label];
    if (!c) throw new Error(`unknown catalog ${label} (sample, big)`);
    if (c.file === null) c.file = bigCatalog();
    log(`${label}: starting yilu serve${c.file ? ` --catalog ${c.file}` : ''}`);
    const srv = await startCatalogServer({ bin, webDir, catalog: c.file, label });
    const r = (raw[label] = {});
    try {
      if (!skip.has('visits')) {
        r.visits = { item: [], bundle: [] };
        for (let i = 0; i < runs; i++) {
          r.visits.item.push(await guideVisits(browser, srv, { kind: 'item', id: item }, { offlineApply: true }));
          r.visits.bundle.push(
            await guideVisits(browser, srv, { kind: 'bundle', id: 'birth' }, { offlineApply: true }),
          );
          const v = r.visits.item[i];
          log(
            `${label} run ${i + 1}: item guide ${(v.first.bytes / 1024).toFixed(1)} KB first, ${(v.repeat.bytes / 1024).toFixed(1)} KB again, slice ready ${v.first.slice_ready_after_wasm_ms} ms after the wasm, offline apply ${v.offline_apply?.pass ? 'pass' : 'fail'}`,
          );
        }
      }
      if (!skip.has('fast3g')) {
        r.fast3g = [];
        r.fast3g_link = [];
        for (let i = 0; i < runs; i++) {
          const birth = { kind: 'bundle', id: 'birth' };
          const f = await applyOnFast3g(browser, srv, birth, FAST_3G, { via: 'devtools' });
          const l = await applyOnFast3g(browser, srv, birth, FAST_3G, { via: 'link' });
          log(
            `${label} Fast 3G ${i + 1}: birth form usable at ${f.first_ms} ms first, ${f.repeat_ms} ms again (DevTools); ` +
              `${l.first_ms} / ${l.repeat_ms} ms (whole link)`,
          );
          r.fast3g.push(f);
          r.fast3g_link.push(l);
        }
      }
      if (!skip.has('search')) {
        const first = [];
        for (let i = 0; i < runs; i++) first.push(await firstKeystroke(browser, srv));
        r.search = { steps: await searchKeystrokes(browser, srv, { rounds: 20 }), first };
      }
      if (!skip.has('check')) r.field_check = await fieldCheck(browser, srv);
      if (haveLighthouse)
        r.lighthouse = await lighthousePages(srv.base, residentPages(item), {
          chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
          runs: lighthouseRuns,
          log,
        });
    } finally {
      await srv.stop();
    }
  }
} finally {
  await browser.close().catch(() => {});
}

const git = (...a) => {
  try {
    return execFileSync('git', ['-C', root, ...a], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};
const machine = {
  date: new Date().toISOString(),
  cpus: os.cpus().length,
  cpu_model: os.cpus()[0]?.model || '',
  loadavg: os.loadavg(),
  chromium: execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim(),
  node: process.version,
  commit: `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? ' (+ uncommitted changes)' : ''}`,
  server: bin,
  web: webDir,
};
const summaries = {};
const out = { runs, item, machine, catalogs: {} };
for (const label of Object.keys(raw)) {
  summaries[label] = summarise(raw[label]);
  out.catalogs[label] = {
    title: catalogs[label].title,
    file: catalogs[label].file || '(sample)',
    summary: summaries[label],
  };
}
out.judged = judge(summaries);
out.over = out.judged.filter((j) => !j.ok).map((j) => `${j.catalog}: ${j.measure} = ${j.value} (budget ${j.budget})`);
const md = markdown(out);
if (outJson) {
  mkdirSync(dirname(outJson), { recursive: true });
  writeFileSync(outJson, `${JSON.stringify(out, null, 1)}\n`);
}
if (outMd) {
  mkdirSync(dirname(outMd), { recursive: true });
  writeFileSync(outMd, `${md}\n`);
}
console.log(md);
if (!outJson) console.log(`\n${JSON.stringify(out, null, 1)}`);
if (out.over.length) {
  console.error(`\nover budget:\n  ${out.over.join('\n  ')}`);
  process.exit(1);
}
