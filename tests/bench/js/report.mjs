// The benchmark report: reads docs/bench-data/*.json written by scripts/bench.sh,
// prints the tables, writes them as Markdown (docs/bench-data/summary.md) and draws the plots
// as SVG (docs/bench-*.svg) with no dependencies. Parts whose data is missing are skipped.
//   node tests/bench/js/report.mjs [--data docs/bench-data] [--docs docs]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { linePlot, panels } from './svg_plot.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dataDir = path.resolve(root, opt('--data', 'docs/bench-data'));
const docsDir = path.resolve(root, opt('--docs', 'docs'));

const load = (f) => {
  const p = path.join(dataDir, f);
  return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : null;
};
const UNIT = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

// Google Benchmark JSON → Map(run name → {cpu_ns, real_ns, counters…}), medians when repeated.
function gbench(file) {
  const doc = load(file);
  const out = new Map();
  if (!doc) return out;
  for (const b of doc.benchmarks) {
    const median = b.run_type === 'aggregate' && b.aggregate_name === 'median';
    const single = b.run_type !== 'aggregate' && !out.has(b.run_name ?? b.name);
    if (!median && !single) continue;
    out.set(b.run_name ?? b.name, { ...b, cpu_ns: b.cpu_time * UNIT[b.time_unit], real_ns: b.real_time * UNIT[b.time_unit], repetitions: b.repetitions ?? 1, load_avg: doc.context.load_avg });
  }
  return out;
}

function fmtNs(ns) {
  if (ns == null || Number.isNaN(ns)) return '—';
  if (ns < 1e3) return `${ns.toFixed(ns < 100 ? 1 : 0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
}
const fmtRatio = (r) => (r == null ? '—' : r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`);
const fmtBytes = (b) => (b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${b} B`);

const md = [];
const say = (line = '') => {
  md.push(line);
  console.log(line);
};
function table(head, rows) {
  say(`| ${head.join(' | ')} |`);
  say(`| ${head.map(() => '---').join(' | ')} |`);
  for (const r of rows) say(`| ${r.join(' | ')} |`);
  say();
}

const start = load('machine-start.json');
const end = load('machine-end.json');
say('<!-- written by tests/bench/js/report.mjs from docs/bench-data/*.json (scripts/bench.sh) -->');
if (start) {
  say(`Measured ${start.date} → ${end?.date ?? '?'} on ${start.host_cpus} × ${start.cpu_model}, ${start.mem_gib} GiB; ` +
    `load average at start ${start.loadavg.map((x) => x.toFixed(2)).join(' / ')}, at end ${end ? end.loadavg.map((x) => x.toFixed(2)).join(' / ') : '?'} ` +
    `(1 / 5 / 15 min); ${start.compiler}; ${start.emcc}; Node ${start.node}${start.quick ? '; **--quick run: not for the documentation**' : ''}.`);
  say();
}

// ---------------- side by side ----------------
const peers = gbench('yilu_bench_peers.json');
const js = load('peers.json');
const validateBench = gbench('yilu_bench_validate.json');
const targets = [];
if (peers.size && js) {
  say('### Side by side (CPU time per call, medians)');
  say();
  const jsRow = (group, implPrefix, iface) => js.rows.find((r) => r.group === group && r.impl.startsWith(implPrefix) && (!iface || r.interface.startsWith(iface)));
  const rows = [];
  const add = (group, impl, iface, ns, base, baseName) => rows.push([group, impl, iface, fmtNs(ns), `${fmtRatio(ns / base)} ${baseName}`]);
  for (const [group, typed, json] of [['add_workdays', 'BM_peer_add_workdays_typed', 'BM_peer_add_workdays_json'], ['check_id', 'BM_peer_check_id_typed', 'BM_peer_check_id_json']]) {
    const t = peers.get(typed).cpu_ns;
    const j = peers.get(json).cpu_ns;
    const w = jsRow(group, 'yilu').ns_per_call;
    add(group, '**yilu native**', 'typed C++', t, t, '');
    add(group, 'yilu native', 'JSON call', j, t, `(1× = typed)`);
    add(group, `yilu ${js.label}`, 'JSON call', w, t, `(${fmtRatio(w / j)} of native JSON)`);
    const typedWasm = jsRow(group, 'yilu', 'typed export');
    if (typedWasm) add(group, `yilu ${js.label}`, 'typed export (checkId)', typedWasm.ns_per_call, t, '');
    for (const r of js.rows.filter((x) => x.group === group && !x.impl.startsWith('yilu'))) add(group, r.impl, r.interface, r.ns_per_call, t, '');
    targets.push({ what: `wasm ${group} JSON call vs native JSON call`, target: '≤ 3×', value: fmtRatio(w / j), ok: w / j <= 3 });
    if (group === 'add_workdays') targets.push({ what: 'typed add_workdays calls/s', target: '≥ 10 million', value: `${(1e9 / t / 1e6).toFixed(0)} million`, ok: 1e9 / t >= 1e7 });
    if (group === 'check_id') targets.push({ what: 'typed check_id calls/s', target: '≥ 10 million', value: `${(1e9 / t / 1e6).toFixed(0)} million`, ok: 1e9 / t >= 1e7 });
  }
  const vj = peers.get('BM_peer_validate_json').cpu_ns;
  const vr = validateBench.get('BM_validate_bundle_rules')?.cpu_ns;
  const vw = jsRow('validate', 'yilu').ns_per_call;
  add('validate (birth bundle)', '**yilu native**', 'JSON call', vj, vj, '');
  if (vr) add('validate (birth bundle)', 'yilu native', 'rules only (parsed in, report struct out)', vr, vj, '');
  add('validate (birth bundle)', `yilu ${js.label}`, 'JSON call', vw, vj, '');
  for (const r of js.rows.filter((x) => x.group === 'validate' && !x.impl.startsWith('yilu'))) add('validate (birth bundle)', r.impl, r.interface, r.ns_per_call, vj, '');
  targets.push({ what: 'wasm validate JSON call vs native', target: '≤ 3×', value: fmtRatio(vw / vj), ok: vw / vj <= 3 });
  // The JSON path against the peers, in the same run (docs/PERFORMANCE.md, "The JSON path").
  const ajvJson = jsRow('validate', 'ajv', 'JSON in and out')?.ns_per_call;
  if (ajvJson) {
    targets.push({ what: 'validate JSON call, native ÷ ajv JSON in and out', target: '≤ 0.5', value: (vj / ajvJson).toFixed(2), ok: vj / ajvJson <= 0.5 });
    targets.push({ what: 'validate JSON call, wasm ÷ ajv JSON in and out', target: '≤ 1', value: (vw / ajvJson).toFixed(2), ok: vw / ajvJson <= 1 });
  }
  const awJson = peers.get('BM_peer_add_workdays_json').cpu_ns;
  const walk = jsRow('add_workdays', 'day-by-day walk')?.ns_per_call;
  const awWasm = jsRow('add_workdays', 'yilu').ns_per_call;
  targets.push({ what: 'add_workdays JSON call, native', target: '≤ 0.3 µs', value: fmtNs(awJson), ok: awJson <= 300 });
  if (walk) targets.push({ what: 'add_workdays JSON call, native vs the JS walk', target: 'faster', value: `${fmtNs(awJson)} vs ${fmtNs(walk)}`, ok: awJson < walk });
  targets.push({ what: 'add_workdays JSON call, wasm', target: '≤ 1 µs', value: fmtNs(awWasm), ok: awWasm <= 1000 });
  const idTyped = jsRow('check_id', 'yilu', 'typed export')?.ns_per_call;
  // Against id-validator checking the ID (each new to it), not answering a repeat from its map.
  const idv = (jsRow('check_id', 'id-validator', 'typed JS, each') ?? jsRow('check_id', 'id-validator'))?.ns_per_call;
  const idWasm = jsRow('check_id', 'yilu').ns_per_call;
  if (idTyped && idv) targets.push({ what: 'check_id, wasm typed export vs id-validator (each ID new to it)', target: '≤ 1×', value: `${fmtNs(idTyped)} vs ${fmtNs(idv)}`, ok: idTyped <= idv });
  targets.push({ what: 'check_id JSON call, wasm', target: '≤ 1 µs', value: fmtNs(idWasm), ok: idWasm <= 1000 });
  if (vr) targets.push({ what: 'validate of the birth bundle, rules (median)', target: '≤ 10 µs', value: fmtNs(vr), ok: vr <= 1e4 });
  targets.push({ what: 'validate of the birth bundle, whole JSON call (median)', target: '≤ 10 µs', value: fmtNs(vj), ok: vj <= 1e4 });
  table(['operation', 'implementation', 'interface', 'per call', 'ratio to yilu native'], rows);
  const a = js.agreement;
  say(`Same answers on the inputs: chinese-workday ${a.chinese_workday_dates}/${a.dates_total} dates, JS walk ${a.walk_dates}/${a.dates_total}, ` +
    `id-validator ${a.id_validator}/${a.ids_total} IDs; ajv accepts the fixture: ${a.ajv_accepts_fixture}, refuses a wrong check digit: ${a.ajv_refuses_bad_id} (core: ${a.core_refuses_bad_id}).`);
  say();
}

// ---------------- growth ----------------
const growth = gbench('yilu_bench_growth.json');
const series = (prefix, xKey) => [...growth.entries()].filter(([n]) => n.startsWith(prefix + '/')).map(([n, b]) => [xKey ? b[xKey] : +n.split('/')[1], b.cpu_ns]);
const plots = [];
if (growth.size) {
  say('### Growth (CPU time per call through Engine::call, medians)');
  say();
  const g = [
    ['validate one item vs catalog items', 'BM_validate_vs_catalog_items', 'items in the catalog'],
    ['validate one item vs fields filled in', 'BM_validate_vs_fields', 'fields', 'fields'],
    ['validate one item vs repeated group entries', 'BM_validate_vs_group_entries', 'newborn entries'],
    ['plan_bundle vs stages (3 items each)', 'BM_plan_vs_stages', 'stages'],
    ['plan_bundle vs items per stage (3 stages)', 'BM_plan_vs_items_per_stage', 'items per stage'],
    ['loading the catalog vs items', 'BM_catalog_load_vs_items', 'items in the catalog'],
  ];
  const rows = [];
  for (const [title, prefix, xl, key] of g) {
    const s = series(prefix, key);
    if (!s.length) continue;
    rows.push([title, s.map(([x, y]) => `${x}: ${fmtNs(y)}`).join(', '), s.length > 1 ? fmtRatio(s[s.length - 1][1] / s[0][1]) + ` for ${fmtRatio(s[s.length - 1][0] / s[0][0])} the size` : '']);
    // A flat curve reads best from zero; growing ones on log-log, where the slope is the power.
    const flat = s[s.length - 1][1] / s[0][1] < 1.5;
    plots.push({ title, xLabel: xl, yLabel: prefix.includes('load') ? 'ms per load' : 'µs per call', logX: true, logY: !flat,
      series: [{ name: title, points: s.map(([x, y]) => [x, prefix.includes('load') ? y / 1e6 : y / 1e3]) }] });
  }
  table(['what', 'size: time', 'growth'], rows);
  if (plots.length) {
    fs.writeFileSync(path.join(docsDir, 'bench-growth.svg'), panels(plots.map((p) => linePlot(p)), 3));
    say('Plot: [bench-growth.svg](bench-growth.svg)');
    say();
  }
}

// ---------------- sizes ----------------
const sizes = load('wasm-sizes.json');
if (sizes) {
  say('### The wasm core: size and speed per build variant');
  say();
  const rows = sizes.map((s) => {
    const sp = load(`wasm-speed-${s.variant}.json`);
    const t = (g) => sp?.rows.find((r) => r.group === g)?.ns_per_call;
    return [s.variant, `\`${s.link_flags}\` / \`${s.compile_flags}\``, fmtBytes(s.wasm_bytes), fmtBytes(s.wasm_gzip), fmtBytes(s.glue_bytes), fmtBytes(s.glue_gzip),
      fmtBytes(s.wasm_gzip + s.glue_gzip), fmtNs(t('add_workdays')), fmtNs(t('check_id')), fmtNs(t('validate'))];
  });
  table(['variant', 'link / compile flags', 'wasm', 'wasm gzip', 'glue', 'glue gzip', 'total gzip', 'add_workdays', 'check_id', 'validate'], rows);
}

// ---------------- server ----------------
const server = load('server-load.json');
if (server) {
  say(`### Server under concurrent clients (wrk, ${server.seconds} s per point, keep-alive; data folder on ${server.data_filesystem ?? '?'}, load average ${server.machine.loadavg_start.map((x) => x.toFixed(1)).join('/')} at start)`);
  say();
  const sc = server.scenarios;
  const names = { bare_core: 'bare httplib', yilu_core: 'yilu POST /api/v1/core', yilu_submit: 'yilu durable submissions' };
  const clientsList = [...new Set(Object.values(sc).flatMap((a) => a.map((r) => r.clients)))].sort((a, b) => a - b);
  const rows = clientsList.map((c) => {
    const cell = (k) => {
      const r = sc[k]?.find((x) => x.clients === c);
      return r ? `${r.rps.toFixed(0)} / ${(r.p99_us / 1000).toFixed(1)} ms${r.errors ? ` (${r.errors} err)` : ''}` : '—';
    };
    const b = sc.bare_core?.find((x) => x.clients === c);
    const y = sc.yilu_core?.find((x) => x.clients === c);
    return [c, cell('bare_core'), cell('yilu_core'), b && y ? `${((100 * y.rps) / b.rps).toFixed(0)}%` : '—', cell('yilu_submit')];
  });
  table(['clients', `${names.bare_core}: req/s / p99`, `${names.yilu_core}: req/s / p99`, 'core ÷ bare', `${names.yilu_submit}: req/s / p99`], rows);
  const at = (k, c) => sc[k]?.find((x) => x.clients === c);
  const s32 = at('yilu_submit', 32);
  if (s32) targets.push({ what: 'durable submissions at 32 clients', target: '≥ 1000/s, p99 < 50 ms', value: `${s32.rps.toFixed(0)}/s, p99 ${(s32.p99_us / 1000).toFixed(1)} ms`, ok: s32.rps >= 1000 && s32.p99_us < 50000 });
  const b32 = at('bare_core', 32);
  const y32 = at('yilu_core', 32);
  if (b32 && y32) targets.push({ what: 'POST /api/v1/core vs bare httplib at 32 clients', target: '≥ 50%', value: `${((100 * y32.rps) / b32.rps).toFixed(0)}%`, ok: y32.rps / b32.rps >= 0.5 });
  const mk = (f) => Object.entries(sc).map(([k, a]) => ({ name: names[k], points: a.filter((r) => r.requests > 0).map((r) => [r.clients, f(r)]) }));
  fs.writeFileSync(path.join(docsDir, 'bench-server.svg'), panels([
    linePlot({ title: 'throughput vs concurrent clients', xLabel: 'clients (keep-alive connections)', yLabel: 'requests per second', logX: true, series: mk((r) => r.rps) }),
    linePlot({ title: 'p99 latency vs concurrent clients', xLabel: 'clients (keep-alive connections)', yLabel: 'p99 ms', logX: true, logY: true, series: mk((r) => r.p99_us / 1000) }),
  ], 2));
  if (server.submissions_stored != null)
    say(`Durability check: ${server.submissions_answered} submissions answered 201 during the runs, ${server.submissions_stored} applications in the database afterwards (in-flight requests cut off at the end of a run may be stored without wrk counting them).`);
  say();
  say('Plot: [bench-server.svg](bench-server.svg)');
  say();
}

if (targets.length) {
  say('### Against the earlier targets');
  say();
  table(['measure', 'target', 'measured', ''], targets.map((t) => [t.what, t.target, t.value, t.ok ? 'met' : '**missed**']));
}

fs.writeFileSync(path.join(dataDir, 'summary.md'), md.join('\n') + '\n');
