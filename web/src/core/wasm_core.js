// The rules core, running as WebAssembly in the page. Every check and every date the page shows
// comes from `call` here (or, if the module cannot load, from the server): the page never
// re-implements a rule in JS.
//
// The emscripten glue is imported by URL at run time, not bundled, so the home page does not pay
// for it and the browser caches glue and .wasm as plain files. It is fetched once: every caller
// shares one promise.
import { reactive } from 'vue';
import { getCalendarText, getCatalogText } from '../api/data.js';
import { WASM_BASE, WASM_GLUE } from './wasm_files.js';

/** Observable state for banners and the benchmark: idle → loading → ready | failed. */
export const coreState = reactive({
  status: 'idle',
  error: '',
  /** ms from the start of the glue import to the module being instantiated */
  instantiateMs: 0,
  /** ms from the start of the glue import to catalog + calendar loaded */
  readyMs: 0,
  /** ms spent in loadCalendar and loadCatalog (parsing the data inside the core) */
  calendarMs: 0,
  catalogMs: 0,
  /** performance.now() when the core became ready (the budget benchmark compares it with the
   * .wasm download's responseEnd) */
  readyAt: 0,
  /** performance.now() when the module was compiled and instantiated (before the data loads) */
  instantiatedAt: 0,
  catalogVersion: '',
  /** FNV-1a of the catalog text the core loaded (catalog_info), compared with the server's */
  catalogFingerprint: '',
});

let modulePromise = null;
let instance = null;

// The data files go to the core as UTF-8 bytes: TextEncoder is native, and the binding copies
// bytes with one TypedArray.set instead of a JS loop per character.
const utf8 = (text) => new TextEncoder().encode(text);

// The module's `call` may throw only through a bug in the binding (the core never throws);
// a thrown error is turned into the core's own error shape so callers handle one shape.
function rawCall(request) {
  const text = instance.call(JSON.stringify(request));
  return JSON.parse(text);
}

async function loadModule() {
  coreState.status = 'loading';
  const t0 = performance.now();
  // The data is fetched beside the glue and the .wasm, not after them, so it is in by the time
  // the module is compiled.
  const data = Promise.all([getCalendarText(), getCatalogText()]);
  data.catch(() => {}); // handled below; a rejection before then is not "unhandled"
  const glueUrl = new URL(WASM_BASE + WASM_GLUE, window.location.href).href;
  const glue = await import(/* @vite-ignore */ glueUrl);
  // -sMODULARIZE -sEXPORT_ES6 (wasm/CMakeLists.txt): the factory is the module's default export.
  const factory = glue.default;
  const base = new URL(WASM_BASE, window.location.href).href;
  const [mod, [calendarText, catalogText]] = await Promise.all([factory({ locateFile: (path) => base + path }), data]);
  coreState.instantiatedAt = performance.now();
  coreState.instantiateMs = coreState.instantiatedAt - t0;
  let t = performance.now();
  const cal = parseLoad(mod.loadCalendar(utf8(calendarText)));
  if (!cal.ok) throw new Error(cal.error?.message || '日历数据无法载入');
  coreState.calendarMs = performance.now() - t;
  t = performance.now();
  const cat = parseLoad(mod.loadCatalog(utf8(catalogText)));
  if (!cat.ok) throw new Error(cat.error?.message || '办事目录无法载入');
  coreState.catalogMs = performance.now() - t;
  instance = mod;
  coreState.readyAt = performance.now();
  coreState.readyMs = coreState.readyAt - t0;
  noteCatalog();
  coreState.status = 'ready';
  return mod;
}

// loadCalendar/loadCatalog answer the core's load response text: {"ok":true} or
// {"ok":false,"error":{code,message}} (wasm/binding.cpp, core's load_response).
function parseLoad(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { ok: false };
  }
}

function noteCatalog() {
  const info = rawCall({ op: 'catalog_info' });
  if (info.ok) {
    coreState.catalogVersion = info.version;
    coreState.catalogFingerprint = info.fingerprint;
  }
}

/** Starts loading the core (once); resolves to true when ready, false when it failed. */
export function ensureCore() {
  if (!modulePromise) {
    modulePromise = loadModule().then(
      () => true,
      (err) => {
        console.warn('yilu core failed to load', err);
        coreState.status = 'failed';
        coreState.error = String(err && err.message ? err.message : err);
        return false;
      },
    );
  }
  return modulePromise;
}

/** True when `callCore` answers synchronously. */
export function coreReady() {
  return coreState.status === 'ready';
}

/**
 * One request to the core, synchronously (the per-keystroke path). Returns the parsed response,
 * or null when the core is not loaded.
 */
export function callCore(request) {
  if (!instance) return null;
  try {
    return rawCall(request);
  } catch (err) {
    return { ok: false, error: { code: 'binding_error', message: String(err) } };
  }
}

/** Reloads the catalog into a loaded core (after the server's catalog changed). */
export async function reloadCatalog(text) {
  if (!instance) return false;
  const r = parseLoad(instance.loadCatalog(utf8(text)));
  if (r && r.ok === false) return false;
  noteCatalog();
  return true;
}
