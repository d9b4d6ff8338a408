// The page's request builders (web/src/core/ops.js) against the real core: for every item and
// bundle of the sample catalog, the page's form state built from the catalog's example gives
// the same `validate` verdict as the example itself — so the page and the core cannot drift.
// The other requests the page sends (the due date by answers, a bundle's merged form, the
// mobile check) get the core's answers the page relies on.
// Runs the wasm build in Node (build-wasm/wasm, or YILU_WASM_DIR); no browser, no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './harness.mjs';
import { validateRequest, submissionBody, problemTarget, pageMaterial, deadlineRequest, bundleGuideRequest, checkMobileRequest } from '../../web/src/core/ops.js';

const dir = resolve(process.env.YILU_WASM_DIR || join(root, 'build-wasm', 'wasm'));
const catalogText = readFileSync(join(root, 'core', 'data', 'catalog', 'sanya.json'), 'utf8');
const catalog = JSON.parse(catalogText);

// The page's state for a material entry of the catalog's examples: what the server would have
// stored for it (an upload's `type` is the core's file type id), read back by the page.
function pageState(m) {
  if (m.by === 'licence') return { licence: { id: 'L1', type: m.licence, number: m.number } };
  if (m.by === 'file') return pageMaterial({ by: 'file', files: [{ upload: 'a'.repeat(64), type: m.files[0].type, bytes: m.files[0].bytes }] });
  return pageMaterial(m);
}

let loaded = null;
/** The wasm core with the calendar and the sample catalog loaded: call(request) → response. */
async function loadCore() {
  if (!loaded) {
    const { default: create } = await import(pathToFileURL(join(dir, 'yilu_core.mjs')).href);
    const core = await create({ wasmBinary: readFileSync(join(dir, 'yilu_core.wasm')) });
    assert.equal(JSON.parse(core.loadCalendar(readFileSync(join(root, 'core', 'data', 'calendar', 'cn-calendar.json'), 'utf8'))).ok, true);
    assert.equal(JSON.parse(core.loadCatalog(catalogText)).ok, true);
    loaded = (r) => JSON.parse(core.call(JSON.stringify(r)));
  }
  return loaded;
}

// The test command always builds the wasm module first: a missing build is a failure, not a skip.
test('page requests give the verdicts of the catalog examples', async () => {
  const call = await loadCore();
  let n = 0;
  for (const it of catalog.items) {
    const ex = it.example?.application;
    if (!ex) continue;
    const asOf = it.example.as_of;
    const direct = call({ op: 'validate', item: it.id, as_of: asOf, application: ex });
    const mats = Object.fromEntries(Object.entries(ex.materials || {}).map(([k, m]) => [k, pageState(m)]));
    const req = validateRequest('item', it.id, ex.answers, ex.fields, mats);
    req.as_of = asOf;
    const viaPage = call(req);
    assert.equal(viaPage.ok, true, `${it.id}: ${JSON.stringify(viaPage.error)}`);
    assert.equal(viaPage.verdict, direct.verdict, `${it.id}: ${JSON.stringify(viaPage.problems)}`);
    // The submission carries files by upload id and licences by licence id, as the server expects.
    const body = submissionBody('item', it.id, ex.answers, ex.fields, mats);
    for (const [k, m] of Object.entries(body.materials)) {
      if (m.by === 'file') assert.match(m.files[0].upload, /^[0-9a-f]{64}$/, k);
      if (m.by === 'licence') assert.equal(m.licence_id, 'L1', k);
    }
    n += 1;
  }
  assert.ok(n >= 40, `examples checked: ${n}`);
});

test('problem paths land on their field or material', () => {
  assert.deepEqual(problemTarget('/application/fields/mother_id'), { section: 'fields', key: 'mother_id' });
  assert.deepEqual(problemTarget('/application/fields/newborns/0/child_name'), { section: 'fields', key: 'newborns/0/child_name' });
  assert.deepEqual(problemTarget('/application/materials/delivery_record/files/0/type'), { section: 'materials', key: 'delivery_record' });
  assert.deepEqual(problemTarget('/application/answers/land_case'), { section: 'answers', key: 'land_case' });
  assert.deepEqual(problemTarget(''), { section: '', key: '' });
});

test('the due date request by answers gets the limit of those answers', async () => {
  const call = await loadCore();
  const item = catalog.items.find((i) => i.id === 'land_use_planning_permit');
  const at = '2026-11-26T10:00:00+08:00';
  const region = catalog.departments.find((d) => d.id === item.department)?.region || '';
  const limits = {};
  for (const [answer, days] of Object.entries(item.promised_days_by.days)) {
    const r = call(deadlineRequest(item.id, { land_case: answer }, at));
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.limit_days, days, answer);
    // The same date as the limit spelled out.
    const plain = call({ op: 'deadline', accepted_at: at, limit_days: days, counts_acceptance_day: Boolean(item.counts_acceptance_day), ...(region ? { region } : {}) });
    assert.equal(r.due_date, plain.due_date, answer);
    limits[answer] = r.limit_days;
  }
  assert.deepEqual(limits, { allocated_simple: 7, transfer: 10, complex: 15 });
  const open = call(deadlineRequest(item.id, {}, at));
  assert.equal(open.ok, true, JSON.stringify(open));
  assert.equal(open.limit_days, item.promised_days, 'no answer: the catalog\'s promised limit');
});

test('a bundle\'s form is one merged guide with each material\'s items, stage and file types', async () => {
  const call = await loadCore();
  const bundle = catalog.bundles.find((b) => b.name.includes('出生'));
  const r = call(bundleGuideRequest(bundle.id, {}));
  assert.equal(r.ok, true, JSON.stringify(r));
  const g = r.guide || r;
  const ids = (list) => list.map((x) => x.id);
  for (const key of ['fields', 'materials']) assert.equal(new Set(ids(g[key])).size, g[key].length, `${key} asked once each`);
  const itemsOf = new Set(bundle.stages.flatMap((st) => st.items));
  assert.ok(g.materials.length >= 1);
  for (const m of g.materials) {
    assert.ok(Array.isArray(m.items) && m.items.length >= 1 && m.items.every((i) => itemsOf.has(i)), `${m.id} items ${m.items}`);
    assert.ok(Number.isInteger(m.stage) && m.stage >= 1 && m.stage <= bundle.stages.length, `${m.id} stage ${m.stage}`);
    assert.equal(typeof m.accept, 'string', `${m.id} accept`);
    assert.ok(!m.file_types.includes('jpeg'), `${m.id}: file types are the core's ids (jpg, never jpeg)`);
  }
});

test('the mobile check answers valid with the normalized number, or why not', async () => {
  const call = await loadCore();
  const ok = call(checkMobileRequest('13800138000'));
  assert.equal(ok.valid, true, JSON.stringify(ok));
  assert.equal(ok.normalized, '13800138000');
  for (const [value, reason] of [['1380013800', 'length'], ['1380013800a', 'charset'], ['23800138000', 'prefix']]) {
    const r = call(checkMobileRequest(value));
    assert.equal(r.valid, false, value);
    assert.equal(r.reason, reason, value);
  }
});
