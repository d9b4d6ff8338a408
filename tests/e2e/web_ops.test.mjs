// The page's request builders (web/src/core/ops.js) against the real core: for every item and
// bundle of the sample catalog, the page's form state built from the catalog's example gives
// the same `validate` verdict as the example itself — so the page and the core cannot drift.
// Runs the wasm build in Node (build-wasm/wasm, or YILU_WASM_DIR); no browser, no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './harness.mjs';
import { validateRequest, submissionBody, problemTarget } from '../../web/src/core/ops.js';

const dir = resolve(process.env.YILU_WASM_DIR || join(root, 'build-wasm', 'wasm'));
const catalogText = readFileSync(join(root, 'core', 'data', 'catalog', 'sanya.json'), 'utf8');
const catalog = JSON.parse(catalogText);

// The page's state for a material entry of the catalog's examples (the inverse of ops.js).
function pageState(m) {
  if (m.by === 'deferral') return { deferred: true };
  if (m.by === 'commitment') return { commitment: true };
  if (m.by === 'licence') return { licence: { id: 'L1', type: m.licence, number: m.number } };
  const f = m.files[0];
  return { upload: { id: 'a'.repeat(64), kind: f.type === 'jpg' ? 'jpeg' : f.type, size: f.bytes } };
}

// The test command always builds the wasm module first: a missing build is a failure, not a skip.
test('page requests give the verdicts of the catalog examples', async () => {
  const { default: create } = await import(pathToFileURL(join(dir, 'yilu_core.mjs')).href);
  const core = await create({ wasmBinary: readFileSync(join(dir, 'yilu_core.wasm')) });
  assert.equal(JSON.parse(core.loadCalendar(readFileSync(join(root, 'core', 'data', 'calendar', 'cn-calendar.json'), 'utf8'))).ok, true);
  assert.equal(JSON.parse(core.loadCatalog(catalogText)).ok, true);
  const call = (r) => JSON.parse(core.call(JSON.stringify(r)));
  let n = 0;
  for (const it of catalog.items) {
    const ex = it.example?.application;
    if (!ex) continue;
    const asOf = it.example.as_of;
    const direct = call({ op: 'validate', item: it.id, as_of: asOf, application: ex });
    const mats = Object.fromEntries(Object.entries(ex.materials || {}).map(([k, m]) => [k, pageState(m)]));
    const defs = Object.fromEntries((it.materials || []).map((m) => [m.id, m]));
    const req = validateRequest('item', it.id, ex.answers, ex.fields, mats, defs);
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
