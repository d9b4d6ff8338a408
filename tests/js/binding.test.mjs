// The binding's two ways in for the data files: a string (Node tests, tools) and UTF-8 bytes
// (the page, which avoids embind's per-character string loop). Both must load the same text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

import { loadCore } from './lib/load_core.mjs';
import { root } from './lib/paths.mjs';

const catalogText = fs.readFileSync(path.join(root, 'core', 'data', 'catalog', 'sanya.json'), 'utf8');

test('a catalog given as bytes loads the same text as the string', async () => {
  const viaString = await loadCore();
  const viaBytes = await loadCore();
  assert.equal(JSON.parse(viaString.loadCatalog(catalogText)).ok, true);
  assert.equal(JSON.parse(viaBytes.loadCatalog(new TextEncoder().encode(catalogText))).ok, true);
  const a = JSON.parse(viaString.call('{"op":"catalog_info"}'));
  const b = JSON.parse(viaBytes.call('{"op":"catalog_info"}'));
  assert.equal(a.ok, true);
  assert.deepEqual(b, a); // fingerprint over every byte, Chinese included
});

test('bytes that are not a catalog give the core error, not a crash', async () => {
  const core = await loadCore();
  const r = JSON.parse(core.loadCatalog(new TextEncoder().encode('{"schema_version":')));
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'catalog_invalid');
  const empty = JSON.parse(core.loadCatalog(new Uint8Array(0)));
  assert.equal(empty.ok, false);
});

// The typed checks (api.js over the C exports) answer as the JSON ops do, for every ID and credit
// code of the shared vectors, numbers typed with a Chinese input method, and values far larger
// than any before (the input buffer grows, the memory with it).
test('checkId, checkUscc and checkMobile agree with check_id, check_uscc and check_mobile', async () => {
  const core = await loadCore();
  const doc = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'vectors', 'identity.json'), 'utf8'));
  const values = { check_id: [], check_uscc: [], check_mobile: [] };
  for (const c of doc.cases) {
    const r = c.request;
    if (r && values[r.op] && typeof r.value === 'string' && !('as_of' in r)) values[r.op].push(r.value);
  }
  values.check_mobile.push('13876001234', '１３８７６００１２３４', '1387600123', '12876001234', '1387600123a', '');
  // Beyond the JSON call's 1 MiB limit only the typed check can take it: the heap must grow.
  assert.equal(core.checkMobile('1'.repeat(40_000_000)).reason, 'length');
  for (const op of Object.keys(values)) values[op].push('4'.repeat(600_000), '出生'.repeat(1000), 'x');
  const typed = { check_id: core.checkId, check_uscc: core.checkUscc, check_mobile: core.checkMobile };
  let checked = 0;
  for (const [op, list] of Object.entries(values)) {
    assert.ok(list.length >= 5, `${op}: too few values`);
    for (const value of [...list, ...list]) {
      const json = JSON.parse(core.call(JSON.stringify({ op, value })));
      const expected = json.valid ? { valid: true } : { valid: false, reason: json.reason, message: json.message };
      assert.deepEqual(typed[op](value), expected, `${op} ${value.slice(0, 40)}`);
      checked += 1;
    }
  }
  assert.ok(checked >= 60);
});
