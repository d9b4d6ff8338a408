// The JS side of the side-by-side comparison: the wasm core (JSON call, as the page
// uses it) and the npm peers a web team would otherwise use, on the inputs the native
// benchmark (tests/bench/peers_bench.cpp) reads. Checks that every implementation gives the
// same answers before timing it. Medians of repeated runs, nanoseconds per call.
//   node tests/bench/js/peers.mjs [--wasm-dir DIR] [--label NAME] [--reps N] [--out FILE] [--quick]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Ajv from 'ajv';
import * as workday from 'chinese-workday';
import IDValidator from 'id-validator';

import { addYiluChecks, birthSchema, NOT_COVERED } from './birth_schema.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const quick = args.includes('--quick');
const wasmDir = path.resolve(opt('--wasm-dir', path.join(root, 'build-wasm/wasm')));
const label = opt('--label', 'wasm');
const reps = +opt('--reps', quick ? 3 : 15);
const onlyWasm = args.includes('--wasm-only');
const outFile = opt('--out', null);
const AS_OF = '2026-11-26';
const NOW = Date.parse('2026-11-26T10:00:00+08:00') / 1000;

const inputs = JSON.parse(fs.readFileSync(path.join(root, 'tests/bench/peer_inputs.json'), 'utf8'));
const calendarText = fs.readFileSync(path.join(root, 'core/data/calendar/cn-calendar.json'), 'utf8');
const catalogText = fs.readFileSync(path.join(root, 'core/data/catalog/sanya.json'), 'utf8');
const validateDoc = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/birth-bundle-application.json'), 'utf8'));
delete validateDoc._comment;
const validateText = JSON.stringify(validateDoc);

// ---- timing: `batch` calls per run over the inputs, `reps` runs, median ns per call ----
function measure(name, fn, n, { batch } = {}) {
  // Size the batch to ~20 ms (quick: ~5 ms) from a calibration run, after a warm-up.
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink ^= fn(i % n) ? 1 : 0;
  if (!batch) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 1000; i++) sink ^= fn(i % n) ? 1 : 0;
    const per = Number(process.hrtime.bigint() - t0) / 1000;
    batch = Math.max(100, Math.round((quick ? 5e6 : 2e7) / Math.max(per, 1)));
  }
  // CPU time of this process (user + system), not wall time: the machine is shared, and a
  // preempted run would otherwise count another program's work. Wall time is kept beside.
  const runs = [];
  const walls = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink ^= fn(i % n) ? 1 : 0;
    const wall = Number(process.hrtime.bigint() - t0);
    const c = process.cpuUsage(c0);
    runs.push(((c.user + c.system) * 1000) / batch);
    walls.push(wall / batch);
  }
  runs.sort((a, b) => a - b);
  walls.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)];
  const wallMedian = walls[Math.floor(walls.length / 2)];
  globalThis.__sink = sink;
  return { name, ns_per_call: median, wall_ns_per_call: wallMedian, min: runs[0], max: runs[runs.length - 1], reps, batch };
}

// ---- the wasm core ----
const { default: createYiluCore } = await import(path.join(wasmDir, 'yilu_core.mjs'));
const core = await createYiluCore({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'yilu_core.wasm')) });
if (!JSON.parse(core.loadCalendar(calendarText)).ok) throw new Error('calendar did not load');
if (!JSON.parse(core.loadCatalog(catalogText)).ok) throw new Error('catalog did not load');

const dateReqs = inputs.dates.map((d) => JSON.stringify({ op: 'add_workdays', date: d, days: inputs.days }));
const idReqs = inputs.ids.map((v) => JSON.stringify({ op: 'check_id', value: v }));
const yiluDates = dateReqs.map((r) => JSON.parse(core.callAt(r, NOW)).date);
const yiluIds = idReqs.map((r) => JSON.parse(core.callAt(r, NOW)).valid);
// The typed export answers as the JSON call (as of today: no birth date in the inputs is recent).
if (inputs.ids.some((id, i) => core.checkId(id).valid !== yiluIds[i])) throw new Error('checkId disagrees with check_id');
const yiluValidate = JSON.parse(core.callAt(validateText, NOW));
if (!String(yiluValidate.verdict).startsWith('acceptable')) throw new Error(`fixture not acceptable: ${JSON.stringify(yiluValidate).slice(0, 300)}`);

// ---- peers ----
// 1. chinese-workday: the n-th working day after d by its API (isWorkday day by day; the
//    package has no add_workdays).
const DAY = 86400000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);
function cwAddWorkdays(date, n) {
  let t = Date.parse(date + 'T00:00:00Z');
  while (n > 0) {
    t += DAY;
    if (workday.isWorkday(iso(t))) n--;
  }
  return iso(t);
}

// 2. A plain day-by-day walk over the core's own calendar data (the JSON the core loads).
const cal = JSON.parse(calendarText);
const holidays = new Set();
const extraWorkdays = new Set();
for (const y of Object.values(cal.years)) {
  for (const d of Object.keys(y.holidays ?? {})) holidays.add(Date.parse(d + 'T00:00:00Z') / DAY);
  for (const d of Object.keys(y.workdays ?? {})) extraWorkdays.add(Date.parse(d + 'T00:00:00Z') / DAY);
}
function walkAddWorkdays(date, n) {
  let day = Date.parse(date + 'T00:00:00Z') / DAY;
  while (n > 0) {
    day++;
    const wd = (day + 4) % 7;  // 1970-01-01 was a Thursday: 0 = Sunday
    if ((wd !== 0 && wd !== 6 && !holidays.has(day)) || extraWorkdays.has(day)) n--;
  }
  return iso(day * DAY);
}

// 3. id-validator (its own rules: 15- and 18-digit numbers, birth date, check digit).
const idv = new IDValidator();

// 4. ajv with the birth form as JSON Schema; JSON in and out like the core's call.
const catalog = JSON.parse(catalogText);
const ajv = new Ajv({ allErrors: true, strict: false });
addYiluChecks(ajv, AS_OF);
const ajvValidate = ajv.compile(birthSchema(catalog, 'birth', AS_OF));
function ajvCall(text) {
  const req = JSON.parse(text);
  const ok = ajvValidate(req.application);
  return JSON.stringify(ok ? { ok: true, verdict: 'acceptable', problems: [] } : { ok: true, verdict: 'not_acceptable', problems: ajvValidate.errors });
}

// ---- agreement on the inputs before timing ----
const agree = (a, b) => a.filter((x, i) => x === b[i]).length;
const agreement = {
  chinese_workday_dates: agree(inputs.dates.map((d) => cwAddWorkdays(d, inputs.days)), yiluDates),
  walk_dates: agree(inputs.dates.map((d) => walkAddWorkdays(d, inputs.days)), yiluDates),
  id_validator: agree(inputs.ids.map((v) => idv.isValid(v)), yiluIds),
  dates_total: inputs.dates.length,
  ids_total: inputs.ids.length,
  ajv_accepts_fixture: JSON.parse(ajvCall(validateText)).verdict === 'acceptable',
};
if (!agreement.ajv_accepts_fixture) {
  ajvValidate(validateDoc.application);
  console.error('ajv refuses the fixture:', JSON.stringify(ajvValidate.errors, null, 1).slice(0, 2000));
}
// The same schema must refuse what the core refuses (a wrong check digit in mother_id).
const broken = structuredClone(validateDoc);
broken.application.fields.mother_id = '460203199503151221';
agreement.ajv_refuses_bad_id = JSON.parse(ajvCall(JSON.stringify(broken))).verdict === 'not_acceptable';
agreement.core_refuses_bad_id = JSON.parse(core.callAt(JSON.stringify(broken), NOW)).verdict === 'not_acceptable';

// ---- timing ----
const D = inputs.dates.length;
const I = inputs.ids.length;
const rows = [];
const row = (group, impl, iface, m) => rows.push({ group, impl, interface: iface, ...m });
row('add_workdays', `yilu ${label}`, 'JSON call', measure('wasm add_workdays', (i) => core.callAt(dateReqs[i], NOW).length, D));
row('check_id', `yilu ${label}`, 'JSON call', measure('wasm check_id', (i) => core.callAt(idReqs[i], NOW).length, I));
row('check_id', `yilu ${label}`, 'typed export', measure('wasm checkId', (i) => core.checkId(inputs.ids[i]).valid, I));
row('validate', `yilu ${label}`, 'JSON call', measure('wasm validate', () => core.callAt(validateText, NOW).length, 1));
if (!onlyWasm) {
  row('add_workdays', 'chinese-workday (npm)', 'typed JS, isWorkday day by day', measure('chinese-workday', (i) => cwAddWorkdays(inputs.dates[i], inputs.days), D));
  row('add_workdays', 'day-by-day walk (JS)', 'typed JS, core calendar data', measure('walk', (i) => walkAddWorkdays(inputs.dates[i], inputs.days), D));
  // id-validator keeps every ID it has answered in a map (`cache`) and answers a repeat from it:
  // over 256 inputs, every timed call would be a map lookup. A resident's typing gives a new
  // value per keystroke, so the comparison row checks each ID as new (the map emptied first; the
  // emptying alone is a few ns). The repeats row is kept to show what the map does.
  row('check_id', 'id-validator (npm)', 'typed JS, each ID new to it', measure('id-validator new', (i) => {
    idv.cache = {};
    return idv.isValid(inputs.ids[i]);
  }, I));
  row('check_id', 'id-validator (npm)', 'typed JS, repeats from its cache', measure('id-validator cached', (i) => idv.isValid(inputs.ids[i]), I));
  row('validate', 'ajv (npm)', 'JSON in and out', measure('ajv json', () => ajvCall(validateText).length, 1));
  row('validate', 'ajv (npm)', 'object, compiled schema', measure('ajv object', () => ajvValidate(validateDoc.application), 1));
}

const result = { label, wasm_dir: path.relative(root, wasmDir), node: process.version, agreement, not_covered_by_schema: NOT_COVERED, rows };
for (const r of rows) console.log(`${r.group.padEnd(13)} ${r.impl.padEnd(24)} ${r.interface.padEnd(34)} ${r.ns_per_call.toFixed(1).padStart(10)} ns`);
console.log('agreement', JSON.stringify(agreement));
if (outFile) fs.writeFileSync(outFile, JSON.stringify(result, null, 1) + '\n');
