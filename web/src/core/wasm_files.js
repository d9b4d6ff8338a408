// The core's emscripten output as Vite emits it: content-hashed assets
// (/assets/yilu_core-<hash>.mjs and .wasm), so both are cached for a year and a new build is a
// new URL. '@yilu-wasm' is the wasm build folder (vite.config.js, YILU_WASM_DIR).
export { default as WASM_GLUE_URL } from '@yilu-wasm/yilu_core.mjs?url';
export { default as WASM_URL } from '@yilu-wasm/yilu_core.wasm?url';
// The core's worker, copied as it is (it imports nothing; the page sends it the glue's URL).
export { default as CORE_WORKER_URL } from './core_worker.js?url';
