// The wasm core loaded with slices of the catalog answers as with the whole catalog: for every
// item and bundle of the sample, guide, validate and plan_bundle are byte-identical (the native
// build is held to the same in tests/unit/catalog_slice_test.cpp). The slices are the ones the
// server publishes, printed by `yilu catalog slices`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { loadCore } from './lib/load_core.mjs';
import { root, yiluBin } from './lib/paths.mjs';

const samplePath = path.join(root, 'core/data/catalog/sanya.json');
const sample = JSON.parse(fs.readFileSync(samplePath, 'utf8'));
const NOW = Date.parse('2026-11-18T10:00:00+08:00') / 1000;

function publishedSlices() {
  const out = spawnSync(yiluBin, ['catalog', 'slices', samplePath], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.trim().split('\n').map((line) => JSON.parse(line));
}

function itemRequests(item) {
  const application = item.example?.application ?? {};
  return [
    { op: 'guide', item: item.id },
    { op: 'guide', item: item.id, answers: application.answers ?? {} },
    { op: 'validate', item: item.id, as_of: item.example?.as_of ?? '2026-11-26', application },
    { op: 'validate', item: item.id, application: {} },
  ];
}

function bundleRequests(bundle) {
  const requests = [
    { op: 'guide', bundle: bundle.id },
    { op: 'plan_bundle', bundle: bundle.id, accepted_at: '2026-11-26T10:00:00+08:00' },
    { op: 'validate', bundle: bundle.id, application: {} },
  ];
  for (const stage of bundle.stages)
    for (const id of stage.items) requests.push(...itemRequests(sample.items.find((i) => i.id === id)));
  return requests;
}

async function sliceCore(slices) {
  const core = await loadCore();
  const loaded = JSON.parse(core.loadCatalogSlices(new TextEncoder().encode(JSON.stringify(slices))));
  assert.equal(loaded.ok, true, JSON.stringify(loaded));
  return core;
}

test('every slice of the sample catalog answers as the whole catalog in wasm', async () => {
  const whole = await loadCore({ catalog: '../core/data/catalog/sanya.json' });
  const slices = publishedSlices();
  assert.equal(slices.length, sample.items.length + sample.bundles.length);
  let compared = 0;
  for (const s of slices) {
    const core = await sliceCore([s.slice]);
    const requests =
      s.kind === 'item'
        ? itemRequests(sample.items.find((i) => i.id === s.id))
        : bundleRequests(sample.bundles.find((b) => b.id === s.id));
    for (const r of requests) {
      const text = JSON.stringify(r);
      assert.equal(core.callAt(text, NOW), whole.callAt(text, NOW), `${s.kind} ${s.id}: ${text}`);
      compared += 1;
    }
  }
  assert.ok(compared > 200, `compared ${compared}`);
});

test('slices merged in wasm answer for the whole catalog, with its fingerprint', async () => {
  const whole = await loadCore({ catalog: '../core/data/catalog/sanya.json' });
  const slices = publishedSlices();
  const pick = (kind, id) => slices.find((s) => s.kind === kind && s.id === id).slice;
  const core = await sliceCore([pick('bundle', 'birth'), pick('item', 'residence_permit'), pick('item', 'tax_registration')]);
  const info = JSON.parse(core.callAt('{"op":"catalog_info"}', NOW));
  const wholeInfo = JSON.parse(whole.callAt('{"op":"catalog_info"}', NOW));
  assert.equal(info.fingerprint, wholeInfo.fingerprint);
  for (const r of [
    ...bundleRequests(sample.bundles.find((b) => b.id === 'birth')),
    ...itemRequests(sample.items.find((i) => i.id === 'residence_permit')),
  ]) {
    const text = JSON.stringify(r);
    assert.equal(core.callAt(text, NOW), whole.callAt(text, NOW), text);
  }
  // An entry outside the loaded slices is unknown, not answered from stale data.
  const other = JSON.parse(core.callAt('{"op":"guide","item":"food_business_licence"}', NOW));
  assert.equal(other.ok, false);
  assert.equal(other.error.code, 'unknown_item');
});
