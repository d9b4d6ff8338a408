// Where scripts/copy-wasm.mjs puts the core's emscripten output inside the built app.
export const WASM_BASE = '/wasm/';
export const WASM_GLUE = 'yilu_core.mjs';
