// Vite build of the resident mini-program and the staff console. The wasm core is NOT bundled:
// scripts/copy-wasm.mjs copies the emscripten glue and .wasm to dist/wasm/, and the page imports
// the glue by URL at run time (src/core/wasm_core.js), so the wasm stays one cacheable file.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// `npm run dev` proxies the API to a running `yilu serve` (YILU_URL, default 127.0.0.1:8080).
const api = process.env.YILU_URL || 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    cssCodeSplit: true,
    reportCompressedSize: true,
  },
  server: { proxy: { '/api': api } },
});
