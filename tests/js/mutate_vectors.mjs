// Deterministic mutations of the shared vectors' requests, for crash and cross-build tests.
//
//   node tests/js/mutate_vectors.mjs [--count N] [--seed S] [--file calendar.json] > out.jsonl
//
// Writes one JSON object per line: {"file": <vector file>, "catalog": <its catalog or null>,
// "now": <seconds>, "request": <request text>}. Mutations: a field dropped, a value's type
// swapped (string/number/bool/null/array/object), strings stretched or emptied, numbers pushed
// to extremes, keys added, text truncated. Seeded: the same arguments give the same lines.
import { fileURLToPath } from 'node:url';

import { nowSeconds, requestText, vectorFiles } from './lib/load_core.mjs';
import { vectorsDir } from './lib/paths.mjs';

// mulberry32: a tiny seeded PRNG, enough for test data.
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD = [null, true, false, 0, -1, 1e12, 2 ** 63, -(2 ** 63), 1.5, '', ' ', 'x'.repeat(1000),
  '２０２４－０１－０１', '2024-02-30', '\u0000', '中文', [], {}, [1, 2], { op: 'check_id' }];

function paths(value, prefix = []) {
  const out = [prefix];
  if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) out.push(...paths(value[k], [...prefix, k]));
  }
  return out;
}

function mutate(request, rand) {
  const copy = structuredClone(request);
  const all = paths(copy).filter((p) => p.length > 0);
  if (all.length === 0) return copy;
  const p = all[Math.floor(rand() * all.length)];
  const parent = p.slice(0, -1).reduce((o, k) => o[k], copy);
  const key = p[p.length - 1];
  const kind = Math.floor(rand() * 6);
  const old = parent[key];
  if (kind === 0) {
    if (Array.isArray(parent)) parent.splice(key, 1); else delete parent[key];
  } else if (kind === 1) {
    parent[key] = WEIRD[Math.floor(rand() * WEIRD.length)];
  } else if (kind === 2 && typeof old === 'string') {
    parent[key] = old.repeat(1 + Math.floor(rand() * 50));
  } else if (kind === 3 && typeof old === 'number') {
    parent[key] = [0, -old, old * 1e6, old + 0.5, Number.MAX_SAFE_INTEGER][Math.floor(rand() * 5)];
  } else if (kind === 4 && typeof old === 'string') {
    parent[key] = old.slice(0, Math.floor(rand() * old.length));
  } else {
    parent[`extra_${Math.floor(rand() * 100)}`] = WEIRD[Math.floor(rand() * WEIRD.length)];
  }
  return copy;
}

export function* mutations({ count = 2000, seed = 1, only } = {}) {
  const rand = rng(seed);
  const files = vectorFiles(vectorsDir).filter(({ file }) => !only || file === only);
  const cases = files.flatMap(({ file, doc }) => doc.cases.map((c) => ({ file, doc, c })));
  for (let i = 0; i < count && cases.length; ++i) {
    const { file, doc, c } = cases[Math.floor(rand() * cases.length)];
    let text;
    if ('request' in c) {
      let r = c.request;
      const rounds = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < rounds; ++k) r = mutate(r, rand);
      text = JSON.stringify(r);
    } else {
      text = requestText(c);
    }
    if (rand() < 0.05) text = text.slice(0, Math.floor(rand() * text.length));  // truncated text
    yield { file, catalog: doc.catalog ?? null, now: nowSeconds(doc), request: text };
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  for (const m of mutations({ count: Number(arg('--count', 2000)), seed: Number(arg('--seed', 1)), only: arg('--file') })) {
    process.stdout.write(`${JSON.stringify(m)}\n`);
  }
}
