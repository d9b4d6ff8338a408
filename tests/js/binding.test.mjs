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
