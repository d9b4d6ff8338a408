// The rules core, running as WebAssembly in the page. Every check and every date the page shows
// comes from `call` here (or, if the module cannot load, from the server): the page never
// re-implements a rule in JS.
//
// The emscripten glue is imported by URL at run time, not bundled, so the home page does not pay
// for it and the browser caches glue and .wasm as plain files. It is fetched once: every caller
// shares one promise.
//
// The core holds the calendar and the catalog slices of the items and bundles the resident has
// opened (never the whole catalog): ensureCore(kind, id) adds an entry's slice, and the core
// answers for it exactly as with the whole catalog (tests/js/catalog_slices.test.mjs).
import { reactive } from 'vue';
import { getCalendarText, getSliceText } from '../api/data.js';
import { WASM_GLUE_URL, WASM_URL } from './wasm_files.js';

/** Observable state for banners and the benchmark: idle → loading → ready | failed. */
export const coreState = reactive({
  status: 'idle',
  error: '',
  /** ms from the start of the glue import to the module being instantiated */
  instantiateMs: 0,
  /** ms from the start of the glue import to the calendar and the first entry's slice loaded */
  readyMs: 0,
  /** ms spent in loadCalendar and loadCatalogSlices (parsing the data inside the core) */
  calendarMs: 0,
  catalogMs: 0,
  /** performance.now() when the core last took a slice (the guide can then be answered) */
  sliceReadyAt: 0,
  /** the entries ("item/<id>", "bundle/<id>") whose slices the core holds */
  entries: /** @type {string[]} */ ([]),
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
  // The calendar is fetched beside the glue and the .wasm, not after them, so it is in by the
  // time the module is compiled.
  const data = getCalendarText();
  data.catch(() => {}); // handled below; a rejection before then is not "unhandled"
  const glueUrl = new URL(WASM_GLUE_URL, window.location.href).href;
  const glue = await import(/* @vite-ignore */ glueUrl);
  // -sMODULARIZE -sEXPORT_ES6 (wasm/CMakeLists.txt): the factory is the module's default export.
  const factory = glue.default;
  // The glue asks for 'yilu_core.wasm' beside itself; the build named it after its content.
  const wasmUrl = new URL(WASM_URL, window.location.href).href;
  const locateFile = (path) => (path.endsWith('.wasm') ? wasmUrl : new URL(path, glueUrl).href);
  const [mod, calendarText] = await Promise.all([factory({ locateFile }), data]);
  coreState.instantiatedAt = performance.now();
  coreState.instantiateMs = coreState.instantiatedAt - t0;
  const t = performance.now();
  const cal = parseLoad(mod.loadCalendar(utf8(calendarText)));
  if (!cal.ok) throw new Error(cal.error?.message || '日历数据无法载入');
  coreState.calendarMs = performance.now() - t;
  instance = mod;
  coreState.readyAt = performance.now();
  coreState.readyMs = coreState.readyAt - t0;
  coreState.status = 'ready';
  return mod;
}

/** Slice texts the core holds, by "kind/id", in the order they were added. */
const held = new Map();
/** One load at a time: each reload hands the core every held slice. */
let sliceQueue = Promise.resolve(true);

/**
 * Loads the slice of `kind`/`id` into the core (once): fetches it, then reloads the core's
 * catalog with every slice held so far. When the catalog changed on the server meanwhile
 * (slices of two versions do not merge) the core keeps only the new one. Resolves to false
 * when the slice cannot be had (the server's core answers instead).
 * @param {'item' | 'bundle'} kind
 * @param {string} id
 */
function loadEntry(kind, id) {
  const key = `${kind}/${id}`;
  if (held.has(key)) return Promise.resolve(true);
  const next = sliceQueue.then(async () => {
    if (held.has(key)) return true;
    let text;
    try {
      text = await getSliceText(kind, id);
    } catch {
      return false;
    }
    const t = performance.now();
    let r = parseLoad(instance.loadCatalogSlices(utf8(JSON.stringify([...held.values(), text]))));
    if (!r.ok) {
      held.clear();
      r = parseLoad(instance.loadCatalogSlices(utf8(JSON.stringify([text]))));
      if (!r.ok) return false;
    }
    held.set(key, text);
    coreState.catalogMs = performance.now() - t;
    coreState.sliceReadyAt = performance.now();
    coreState.entries = [...held.keys()];
    noteCatalog();
    return true;
  });
  sliceQueue = next.catch(() => false);
  return next;
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

/**
 * Starts loading the core (once) and, given an entry, its slice; resolves to true when the
 * core can answer for it, false when it cannot (the module or the slice failed to load: ask()
 * then goes to the server's core).
 * @param {'item' | 'bundle'} [kind]
 * @param {string} [id]
 * @returns {Promise<boolean>}
 */
export async function ensureCore(kind, id) {
  const ready = await startCore();
  if (!ready || !kind || !id) return ready;
  return loadEntry(kind, id);
}

/** True when the core holds the slice of this entry. */
export function coreHolds(kind, id) {
  return coreReady() && held.has(`${kind}/${id}`);
}

function startCore() {
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
