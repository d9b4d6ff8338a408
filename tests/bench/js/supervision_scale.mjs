// The supervision center's figures at a million applications' worth of facts, in PostgreSQL:
// each figure of a whole year and of a month, timed over many requests by one client.
//
// 1. A throwaway cluster (scripts/pg_cluster.sh, fsync on; shared_buffers 1 GB).
// 2. `yilu demo-year --applications N` (default 20,000) lives a year through the workflow
//    (docs/workflow.md "A year for demos"): decisions with their figures, ratings, 催办, events.
// 3. In SQL, the facts the figures read — task_results, application_results, deferral_results,
//    rating_facts and the one-window events — are copied --copies times (default 50: 20,000 × 50
//    = a million applications' worth) with new keys and the same days, foreign keys off for the copy (session_replication_role = replica).
//    Then VACUUM ANALYZE.
// 4. `yilu serve` on that database: its job rolls the past days up into daily counts at start
//    (figures_rollup.hpp); the roll-up's time is reported. Then each figure is requested
//    --requests times after a warm-up: p50, p99, max.
// 5. With the web app (--web, default web/dist when built): the staff console in headless
//    Chromium at a desk, signed in as the supervisor; from navigating to /staff until the
//    督办中心's tabs are drawn and until 督办总览's list is filled, and from pressing 按时办结率 until
//    its table is shown (--paints runs, median and worst).
//   node tests/bench/js/supervision_scale.mjs [--yilu BIN] [--applications 20000] [--copies 50]
//        [--requests 200] [--web DIR] [--paints 5] [--out FILE]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, option, call, startYilu, pgCluster, sleep } from './serve_util.mjs';
import { launchBrowser } from '../../e2e/harness.mjs';

const args = process.argv.slice(2);
const yiluBin = path.resolve(option(args, '--yilu', path.join(root, 'build-release/server/yilu')));
const applications = +option(args, '--applications', '20000');
const copies = +option(args, '--copies', '50');
const requests = +option(args, '--requests', '200');
const outFile = option(args, '--out', null);
const webDir = path.resolve(option(args, '--web', path.join(root, 'web/dist')));
const paints = +option(args, '--paints', '5');
const password = 'bench-supervision-pass';
const started = Date.now();
const say = (...m) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s]`, ...m);

const cst = (t) => new Date(t + 8 * 3600 * 1000).toISOString().slice(0, 10);
const today = cst(Date.now());
const yearAgo = cst(Date.now() - 364 * 86400 * 1000);
const monthAgo = cst(Date.now() - 29 * 86400 * 1000);
const figures = [
  ['on-time by department, a year', `on_time?by=department&from=${yearAgo}&to=${today}`],
  ['on-time by item, a year', `on_time?by=item&from=${yearAgo}&to=${today}`],
  ['on-time of one department by item, a year', `on_time?by=item&department=gaj&from=${yearAgo}&to=${today}`],
  ['on-time by department, 30 days', `on_time?by=department&from=${monthAgo}&to=${today}`],
  ['ratings by department, a year', `ratings?by=department&from=${yearAgo}&to=${today}`],
  ['ratings by clerk, a year', `ratings?by=clerk&from=${yearAgo}&to=${today}`],
  ['ratings of the center by month, a year', `ratings?by=month&from=${yearAgo}&to=${today}`],
  ['volumes by month, a year', `volumes?interval=month&from=${yearAgo}&to=${today}`],
  ['volumes by day, 30 days', `volumes?interval=day&from=${monthAgo}&to=${today}`],
  ['催办 per department, a year', `reminders?from=${yearAgo}&to=${today}`],
  ['time per stage by item and bundle, a year', `stages?by=target&from=${yearAgo}&to=${today}`],
  ['time per stage by window, 30 days', `stages?by=window&from=${monthAgo}&to=${today}`],
  ['容缺 supplied per window, a year', `deferrals?from=${yearAgo}&to=${today}`],
];

// The 办结明细 exports measured: the last 7 days, and 60 days (well past 100,000 rows at a
// million applications a year).
const exportDays = [7, 60];

/** Streams one 办结明细 export; its rows, size, time and the server's RSS before and at its peak. */
async function streamedExport(srv, auth, query) {
  const rssKb = () => +/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${srv.proc.pid}/status`, 'utf8'))[1];
  const before = rssKb();
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, rssKb()); }, 20);
  const t = Date.now();
  let bytes = 0, lines = 0;
  try {
    const res = await fetch(`${srv.base}/api/v1/staff/supervision/stages/applications.csv?${query}`, { headers: auth });
    if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
    }
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, rssKb());
  return { rows: lines - 1, mb: +(bytes / 1e6).toFixed(1), s: +((Date.now() - t) / 1000).toFixed(2),
    rss_before_mb: +(before / 1024).toFixed(1), rss_peak_mb: +(peak / 1024).toFixed(1) };
}

const results = {
  applications, copies, requests, yilu: yiluBin,
  machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0].model, loadavg_start: os.loadavg(), date: new Date().toISOString() },
};
const cluster = pgCluster('supervision');
let srv = null;
try {
  cluster.startForBulk();
  const blobs = path.join(cluster.parent, 'blobs');
  fs.mkdirSync(blobs);

  say(`generating a year of ${applications} applications through the workflow`);
  const t0 = Date.now();
  const gen = JSON.parse(execFileSync(yiluBin, ['demo-year', '--db', cluster.url, '--data', blobs,
    '--applications', String(applications), '--threads', '2'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  results.generated = { ...gen, wall_s: (Date.now() - t0) / 1000 };
  say(`generated: ${JSON.stringify(gen.by_status)}`);

  if (copies > 1) {
    say(`copying the facts ${copies} times`);
    const t1 = Date.now();
    const n = copies - 1;
    cluster.psql(`SET session_replication_role = replica;
      INSERT INTO task_results SELECT task_id || '-c' || i, application_id, item_id, department, window_id, approved,
        started_at, decided_at, decided_on, due_on, limit_days, extension_days, paused_workdays, workdays_taken, on_time
        FROM task_results, generate_series(1, ${n}) i;
      INSERT INTO application_results SELECT application_id || '-c' || i, kind, target_id, window_id, issued_at,
        issued_on, total_workdays, intake_workdays, correction_workdays, review_workdays, paused_workdays,
        issue_wait_workdays, taken_workdays, promised_days, separate_days, materials_given, materials_promised,
        materials_separate FROM application_results, generate_series(1, ${n}) i;
      INSERT INTO deferral_results SELECT application_id || '-c' || i, material_id, window_id, supplied_at,
        supplied_on, due_on, on_time, supplied_by FROM deferral_results, generate_series(1, ${n}) i;
      INSERT INTO rating_facts SELECT application_id || '-c' || i, dimension, key, score, good, bad, rated_on, rated_month
        FROM rating_facts, generate_series(1, ${n}) i;
      INSERT INTO events (application_id, task_id, kind, actor_kind, actor_id, actor_name, at, data)
        SELECT application_id, task_id, kind, actor_kind, actor_id, actor_name, at, data FROM events, generate_series(1, ${n}) i
        WHERE kind IN ('submitted','assisted_submitted','accepted','issued','refused','rejected');`);
    cluster.psql('VACUUM ANALYZE');
    results.copied_s = (Date.now() - t1) / 1000;
  }
  results.rows = Object.fromEntries(['task_results', 'application_results', 'deferral_results', 'rating_facts', 'events'].map((t) => [t, +cluster.psql(`SELECT COUNT(*) FROM ${t}`)]));
  say(`facts: ${JSON.stringify(results.rows)}`);

  const t2 = Date.now();
  const withWeb = fs.existsSync(path.join(webDir, 'index.html'));
  srv = await startYilu(yiluBin, ['--db', cluster.url, '--data', blobs, '--demo', ...(withWeb ? ['--web', webDir] : [])],
    { YILU_DEMO_PASSWORD: password, YILU_CONNECTIONS_PER_ADDRESS: '0' }, path.join(cluster.parent, 'server.log'));
  const target = Math.floor((Date.now() + 8 * 3600 * 1000) / 86400000) - 2;
  for (;;) {
    const through = +cluster.psql("SELECT through_day FROM rollup_state WHERE name='supervision'");
    if (through >= target) break;
    if (Date.now() - t2 > 600000) throw new Error(`roll-up stuck at day ${through}`);
    await sleep(200);
  }
  results.rollup_s = (Date.now() - t2) / 1000;
  results.daily_rows = Object.fromEntries(['task_result_days', 'application_result_days', 'rating_days', 'volume_days'].map((t) => [t, +cluster.psql(`SELECT COUNT(*) FROM ${t}`)]));
  say(`rolled up in ${results.rollup_s} s (server start included): ${JSON.stringify(results.daily_rows)}`);

  const login = await call(srv.base, 'POST', '/api/v1/staff/login', { username: 'supervisor', password });
  if (login.status !== 200) throw new Error(`login ${login.status}`);
  const auth = { Authorization: `Bearer ${login.body.token}` };
  results.figures = [];
  for (const [name, p] of figures) {
    for (let i = 0; i < 5; i++) await call(srv.base, 'GET', `/api/v1/staff/supervision/${p}`, undefined, auth);
    const ms = [];
    for (let i = 0; i < requests; i++) {
      const t = process.hrtime.bigint();
      const r = await call(srv.base, 'GET', `/api/v1/staff/supervision/${p}`, undefined, auth);
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (r.status !== 200) throw new Error(`${p}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    ms.sort((a, b) => a - b);
    const at = (q) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
    const row = { figure: name, path: p, p50_ms: +at(0.5).toFixed(1), p99_ms: +at(0.99).toFixed(1), max_ms: +ms[ms.length - 1].toFixed(1) };
    results.figures.push(row);
    say(`${name}: p50 ${row.p50_ms} ms, p99 ${row.p99_ms} ms, max ${row.max_ms} ms`);
  }
  // 办结明细: the issued applications of the last N days, streamed; rows, time, and the server's
  // resident memory before and at its peak while it streams (sampled every 20 ms).
  results.exports = [];
  for (const days of exportDays) {
    const from = new Date(Date.now() + 8 * 3600e3 - days * 86400e3).toISOString().slice(0, 10);
    const row = await streamedExport(srv, auth, `from=${from}&to=${today}`);
    row.days = days;
    results.exports.push(row);
    say(`export of ${days} days: ${row.rows} rows, ${row.mb} MB in ${row.s} s; server RSS ${row.rss_before_mb} MB before, peak ${row.rss_peak_mb} MB`);
  }
  if (withWeb) results.console = await consolePaint(srv.base);
  else say(`no web app at ${webDir}: the console's first paint is not measured`);
  results.machine.loadavg_end = os.loadavg();
  console.log('\n| 办结明细 export | rows | MB | seconds | server RSS before | peak while streaming |\n| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results.exports) console.log(`| last ${r.days} days | ${r.rows} | ${r.mb} | ${r.s} | ${r.rss_before_mb} MB | ${r.rss_peak_mb} MB |`);
  console.log('\n| figure | p50 | p99 | max |\n| --- | ---: | ---: | ---: |');
  for (const r of results.figures) console.log(`| ${r.figure} | ${r.p50_ms} ms | ${r.p99_ms} ms | ${r.max_ms} ms |`);
  if (results.console) {
    console.log('\n| console (ms, median / worst) | tabs drawn | 督办总览 filled | 按时办结率 shown |\n| --- | ---: | ---: | ---: |');
    const c = results.console;
    console.log(`| supervisor at a desk | ${c.tabs.median} / ${c.tabs.worst} | ${c.overview.median} / ${c.overview.worst} | ${c.on_time.median} / ${c.on_time.worst} |`);
  }
  if (outFile) fs.writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
} finally {
  if (srv) srv.proc.kill('SIGTERM');
  await sleep(300);
  cluster.stop();
}

// The console as a supervisor opens it: signed in once, then each run a fresh navigation to
// /staff (the session kept), timed from the navigation's start by the page's own clock.
async function consolePaint(base) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/staff/login`);
    await page.getByLabel('用户名').fill('supervisor');
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/staff$/);
    const runs = { tabs: [], overview: [], on_time: [] };
    for (let i = 0; i < paints; i++) {
      await page.goto('about:blank');
      await page.goto(`${base}/staff`);
      const tabs = page.getByRole('tablist', { name: '督办中心' });
      await tabs.waitFor({ timeout: 30000 });
      runs.tabs.push(await page.evaluate(() => performance.now()));
      await page.locator('table tbody tr').first().waitFor({ timeout: 30000 });
      runs.overview.push(await page.evaluate(() => performance.now()));
      const t0 = await page.evaluate(() => performance.now());
      await tabs.getByRole('tab', { name: '按时办结率' }).click();
      await page.locator('[data-test=ot-table] tbody tr').first().waitFor({ timeout: 30000 });
      runs.on_time.push((await page.evaluate(() => performance.now())) - t0);
    }
    const summary = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return { median: Math.round(s[Math.floor(s.length / 2)]), worst: Math.round(s[s.length - 1]), runs: xs.map(Math.round) };
    };
    const out = { tabs: summary(runs.tabs), overview: summary(runs.overview), on_time: summary(runs.on_time) };
    say(`console: tabs ${out.tabs.median} ms, 督办总览 ${out.overview.median} ms, 按时办结率 ${out.on_time.median} ms (medians)`);
    return out;
  } finally {
    await browser.close();
  }
}
