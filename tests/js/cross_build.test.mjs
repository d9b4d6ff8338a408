// Thousands of mutated vector requests through the native `yilu core` and the wasm module:
// no crash in either, and byte-identical responses line by line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

import { loadCore } from './lib/load_core.mjs';
import { root, yiluBin } from './lib/paths.mjs';
import { mutations } from './mutate_vectors.mjs';

const COUNT = Number(process.env.YILU_MUTATIONS ?? 4000);

test(`native and wasm agree on ${COUNT} mutated requests`, async () => {
  const groups = new Map();  // one native process and one wasm instance per (catalog, now)
  for (const m of mutations({ count: COUNT, seed: 20261126 })) {
    const key = `${m.catalog}|${m.now}`;
    if (!groups.has(key)) groups.set(key, { catalog: m.catalog, now: m.now, requests: [] });
    groups.get(key).requests.push(m.request);
  }
  let compared = 0;
  for (const g of groups.values()) {
    const args = ['core', '--now', new Date(g.now * 1000).toISOString()];
    // The same data on both sides: yilu core loads the sample catalog unless told otherwise.
    args.push(...(g.catalog ? ['--catalog', path.join(root, 'tests', g.catalog)] : ['--no-catalog']));
    const input = g.requests.map((r) => r.replace(/\n/g, ' ')).join('\n') + '\n';
    const native = spawnSync(yiluBin, args, { input, maxBuffer: 1 << 30, encoding: 'utf8' });
    assert.equal(native.status, 0, `yilu core exited with ${native.status}: ${native.stderr}`);
    const lines = native.stdout.split('\n').slice(0, -1);
    assert.equal(lines.length, g.requests.length, 'one response per request');
    const core = await loadCore({ catalog: g.catalog });
    g.requests.forEach((r, i) => {
      const wasm = core.callAt(r.replace(/\n/g, ' '), g.now);
      assert.ok(JSON.parse(wasm).ok !== undefined, 'every response has ok');
      assert.equal(wasm, lines[i], `request ${r.slice(0, 200)}`);
      compared += 1;
    });
  }
  assert.equal(compared, COUNT);
});
