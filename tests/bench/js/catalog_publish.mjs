// A center's own catalog at real scale (docs/catalog.md "Versions", "Importing a standard item
// list"): how long the operations an operator waits on take.
//
// 1. tests/tools/gen_catalog.py writes a two-level catalog of --items (default 2,270) items;
//    `yilu catalog lint` of it (every load problem and every item's example validated).
// 2. tests/tools/gen_item_list.mjs writes a standard item list of --list items (default 1,000,
//    its vocabulary's limit is about 1,060) with 12 broken ones; `yilu catalog import` of the
//    XLSX (read by read-excel-file in Node) and of the CSV files.
// 3. `yilu serve` (SQLite) with the generated catalog as its file: as the admin, publishing the
//    same catalog with one item's promised days changed (the core's lint, the store, the phone's
//    index and slices, in force), --runs times, and restoring the first version.
//   node tests/bench/js/catalog_publish.mjs [--yilu BIN] [--items 2270] [--list 1000] [--runs 5] [--out FILE]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, option, call, startYilu } from './serve_util.mjs';

const args = process.argv.slice(2);
const yiluBin = path.resolve(option(args, '--yilu', path.join(root, 'build-release/server/yilu')));
const items = +option(args, '--items', '2270');
const listItems = +option(args, '--list', '1000');
const runs = +option(args, '--runs', '5');
const outFile = option(args, '--out', null);
const password = 'bench-catalog-pass';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yilu-catalog-bench-'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Wall seconds of a command (its output discarded); a non-zero exit that is not `ok` throws. */
function timed(cmd, argv, ok = [0]) {
  const t = process.hrtime.bigint();
  try {
    execFileSync(cmd, argv, { stdio: 'ignore' });
  } catch (e) {
    if (!ok.includes(e.status)) throw e;
  }
  return Number(process.hrtime.bigint() - t) / 1e9;
}

const results = { items, list_items: listItems, runs };
const catalogFile = path.join(dir, 'catalog.json');
execFileSync('python3', [path.join(root, 'tests/tools/gen_catalog.py'), '-o', catalogFile, '--items', String(items)]);
results.catalog_bytes = fs.statSync(catalogFile).size;
results.lint_s = median(Array.from({ length: runs }, () => timed(yiluBin, ['catalog', 'lint', catalogFile])));
console.log(`lint of ${items} items (${(results.catalog_bytes / 1e6).toFixed(1)} MB): ${results.lint_s.toFixed(2)} s`);

execFileSync('node', [path.join(root, 'tests/tools/gen_item_list.mjs'), '--items', String(listItems), '--out', dir]);
const list = (f) => path.join(dir, f);
results.import_xlsx_s = median(Array.from({ length: runs }, () => timed(yiluBin, ['catalog', 'import', list('item-list.xlsx')], [1])));
results.import_csv_s = median(Array.from({ length: runs }, () => timed(yiluBin, ['catalog', 'import', list('item-list.csv'), list('mapping.csv')], [1])));
console.log(`import of ${listItems} + 12 broken items: XLSX ${results.import_xlsx_s.toFixed(2)} s, CSV ${results.import_csv_s.toFixed(2)} s`);

const srv = await startYilu(yiluBin, ['--data', path.join(dir, 'data'), '--catalog', catalogFile, '--demo'],
  { YILU_DEMO_PASSWORD: password }, path.join(dir, 'server.log'));
try {
  const login = await call(srv.base, 'POST', '/api/v1/staff/login', { username: 'admin', password });
  if (login.status !== 200) throw new Error(`login ${login.status}`);
  const auth = { Authorization: `Bearer ${login.body.token}` };
  const catalog = JSON.parse(fs.readFileSync(catalogFile, 'utf8'));
  const first = (await call(srv.base, 'GET', '/api/v1/admin/catalog/versions', undefined, auth)).body.versions[0].id;
  const publish = [];
  for (let i = 0; i < runs; i++) {
    catalog.items[0].promised_days = 1 + (i % catalog.items[0].legal_days);
    const t = process.hrtime.bigint();
    const r = await call(srv.base, 'POST', '/api/v1/admin/catalog/versions', { catalog, note: `bench ${i}` }, auth);
    publish.push(Number(process.hrtime.bigint() - t) / 1e9);
    if (r.status !== 200) throw new Error(`publish ${r.status}: ${JSON.stringify(r.body).slice(0, 500)}`);
  }
  results.publish_s = median(publish);
  results.publish_max_s = Math.max(...publish);
  const t = process.hrtime.bigint();
  const back = await call(srv.base, 'POST', `/api/v1/admin/catalog/versions/${first}/restore`, {}, auth);
  results.restore_s = Number(process.hrtime.bigint() - t) / 1e9;
  if (back.status !== 200) throw new Error(`restore ${back.status}`);
  console.log(`publish ${items} items: median ${results.publish_s.toFixed(2)} s, worst ${results.publish_max_s.toFixed(2)} s; restore ${results.restore_s.toFixed(2)} s`);
} finally {
  await srv.stop();
}
if (outFile) fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
fs.rmSync(dir, { recursive: true, force: true });
