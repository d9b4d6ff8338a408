// Copies the rules core's WebAssembly build (../build-wasm/wasm/yilu_core.{mjs,wasm}, made by
// `cmake --preset wasm && cmake --build --preset wasm`) into the app as /wasm/…, after
// `vite build` (into dist/) or, with --public, into public/ for `npm run dev`.
// The wasm is never committed: a stale committed binary would run old rules.
// YILU_WASM_DIR overrides where the build output is. Exits non-zero when it is missing, so a
// build never ships a page whose checks silently fail.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const web = resolve(here, '..');
const from = resolve(process.env.YILU_WASM_DIR || join(web, '..', 'build-wasm', 'wasm'));
const to = join(web, process.argv.includes('--public') ? 'public' : 'dist', 'wasm');
const files = ['yilu_core.mjs', 'yilu_core.wasm'];

const missing = files.filter((f) => !existsSync(join(from, f)));
if (missing.length) {
  console.error(`copy-wasm: ${missing.join(', ')} not found in ${from}`);
  console.error('copy-wasm: build the core first: cmake --preset wasm && cmake --build --preset wasm');
  process.exit(1);
}
mkdirSync(to, { recursive: true });
for (const f of files) {
  copyFileSync(join(from, f), join(to, f));
  console.log(`copy-wasm: ${f} (${statSync(join(to, f)).size} bytes) -> ${to}`);
}
