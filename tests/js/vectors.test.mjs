// Every shared vector against the wasm module: byte-identical to the expected response, which
// the Catch2 runner (tests/unit/vectors_test.cpp) checks against the native build.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadCore, nowSeconds, requestText, vectorFiles } from './lib/load_core.mjs';
import { vectorsDir } from './lib/paths.mjs';

// nlohmann's dump(): keys sorted, no spaces, non-ASCII as UTF-8. JSON.stringify with sorted keys
// gives the same bytes for the strings, integers and booleans our responses hold.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

for (const { file, doc } of vectorFiles(vectorsDir)) {
  test(`wasm: ${file}`, async () => {
    const core = await loadCore({ catalog: doc.catalog });
    const now = nowSeconds(doc);
    assert.ok(doc.cases.length > 0, 'a vector file without cases');
    for (const c of doc.cases) {
      assert.equal(core.callAt(requestText(c), now), canonical(c.response), `${file}: ${c.name}`);
    }
  });
}
