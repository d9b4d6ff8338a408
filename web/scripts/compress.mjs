// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside every compressible
// file of the built app, after `vite build`: `yilu serve` sends them as they are to clients that
// accept them (server/src/http/static_files.hpp), so nothing is compressed per request and the
// strongest settings cost only build time. A variant is written only when it is smaller; an old
// one that no longer is gets removed. YILU_WEB_OUT names the output folder (default dist).
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(web, process.env.YILU_WEB_OUT || 'dist');
const compressible = /\.(js|mjs|css|html|svg|json|wasm|webmanifest|txt)$/;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile() && compressible.test(e.name)) yield p;
  }
}

async function variants(path) {
  const bytes = readFileSync(path);
  const [br, gzBytes] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: path.endsWith('.wasm')
          ? constants.BROTLI_MODE_GENERIC
          : constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gz(bytes, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  const sizes = { path: relative(out, path), identity: bytes.length };
  for (const [suffix, data] of [
    ['.br', br],
    ['.gz', gzBytes],
  ]) {
    if (data.length < bytes.length) {
      writeFileSync(path + suffix, data);
      sizes[suffix] = data.length;
    } else {
      rmSync(path + suffix, { force: true });
    }
  }
  return sizes;
}

try {
  statSync(join(out, 'index.html'));
} catch {
  console.error(`compress: ${out}/index.html not found: run vite build first`);
  process.exit(1);
}
const rows = await Promise.all([...files(out)].map(variants));
rows.sort((a, b) => b.identity - a.identity);
const kb = (n) => (n === undefined ? '—' : (n / 1024).toFixed(1));
for (const r of rows)
  console.log(`compress: ${r.path}  ${kb(r.identity)} KB → br ${kb(r['.br'])} / gz ${kb(r['.gz'])}`);
const sum = (k) => rows.reduce((s, r) => s + (r[k] ?? r.identity), 0);
console.log(
  `compress: ${rows.length} files, ${kb(sum('identity'))} KB → br ${kb(sum('.br'))} KB, gz ${kb(sum('.gz'))} KB`,
);
