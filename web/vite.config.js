// Vite build of the resident mini-program and the staff console. The wasm core is NOT bundled:
// src/core/wasm_files.js imports the emscripten glue and the .wasm with `?url`, so Vite emits
// them as content-hashed assets (dist/assets/yilu_core-<hash>.{mjs,wasm}, cached for a year),
// and the page imports the glue by that URL at run time (src/core/wasm_core.js).
// `npm run build` then writes .br/.gz beside the output (scripts/compress.mjs).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, searchForWorkspaceRoot } from 'vite';
import vue from '@vitejs/plugin-vue';
import components from 'unplugin-vue-components/vite';
import { VantResolver } from '@vant/auto-import-resolver';
import { serviceWorker } from './scripts/sw-plugin.mjs';
import { preloadCore } from './scripts/preload-core.mjs';
import { earlyCatalog } from './scripts/early-catalog.mjs';

const here = dirname(fileURLToPath(import.meta.url));

// YILU_WEB_OUT builds into another folder (a second checkout's tests, a helper's build).
const outDir = process.env.YILU_WEB_OUT || 'dist';

// The rules core's WebAssembly build (`cmake --preset wasm && cmake --build --preset wasm`);
// YILU_WASM_DIR says where another build is. Never committed: a stale binary would run old rules.
const wasmDir = resolve(process.env.YILU_WASM_DIR || join(here, '..', 'build-wasm', 'wasm'));
const wasmFiles = ['yilu_core.mjs', 'yilu_core.wasm'];

// A build (or dev server) without the core would ship a page whose checks silently fail: stop.
const requireWasm = {
  name: 'yilu-require-wasm',
  buildStart() {
    const missing = wasmFiles.filter((f) => !existsSync(join(wasmDir, f)));
    if (missing.length)
      this.error(
        `${missing.join(', ')} not found in ${wasmDir}: build the core first ` +
          '(cmake --preset wasm && cmake --build --preset wasm) or set YILU_WASM_DIR',
      );
  },
};

// `npm run dev` proxies the API to a running `yilu serve` (YILU_URL, default 127.0.0.1:8080).
const api = process.env.YILU_URL || 'http://127.0.0.1:8080';

// Each page imports the Vant components its template uses (Vant's documented on-demand setup):
// the entry chunk carries only the shell's, so a page's first screen parses and runs only its
// own. Styles stay in src/vant.js (Vant's per-component CSS without its icon font); <van-nav-bar>
// is ours (src/components/NavBar.vue, registered there); our own components are imported by name.
const vantOnDemand = components({
  resolvers: [VantResolver({ importStyle: false, exclude: ['NavBar'] })],
  dirs: [],
  dts: false,
});

export default defineConfig({
  plugins: [requireWasm, vue(), vantOnDemand, earlyCatalog(), preloadCore(), serviceWorker()],
  base: '/',
  resolve: { alias: { '@yilu-wasm': wasmDir } },
  build: {
    target: 'es2020',
    outDir,
    emptyOutDir: true,
    cssCodeSplit: true,
    reportCompressedSize: true,
    // Glue, .wasm and the core's worker stay files of their own, whatever their size: never a
    // data: URL (a worker from a data: URL has no origin to import the glue from).
    assetsInlineLimit: (file) => ([...wasmFiles, 'core_worker.js'].some((f) => file.endsWith(f)) ? false : undefined),
  },
  // The dev server serves the core from its build folder, outside web/.
  server: { proxy: { '/api': api }, fs: { allow: [searchForWorkspaceRoot(here), wasmDir] } },
});
