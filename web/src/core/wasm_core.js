// The rules core, running as WebAssembly in the page. Every check and every date the page shows
// comes from `call` here (or, if the module cannot load, from the server): the page never
// re-implements a rule in JS.
//
// The core runs in a worker of its own (core_worker.js): loading data into it and checking never
// block the page's thread. The emscripten glue is imported there by URL, not bundled, and the
// browser caches glue and .wasm as plain files. They are fetched once: every caller shares one
// promise.
//
// The core holds the calendar and the catalog slices of the items and bundles the resident has
// opened (never the whole catalog): ensureCore(kind, id) adds an entry's slice, and the core
// answers for it exactly as with the whole catalog (tests/js/catalog_slices.test.mjs).
import { reactive } from 'vue';
import { getCalendarText, getSliceText } from '../api/data.js';
import { CORE_WORKER_URL, WASM_GLUE_URL, WASM_URL } from './wasm_files.js';

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
  /** performance.now() when the worker's own download of the .wasm ended (0: the page's, or
   * unknown; the page's is in its resource timing) */
  wasmDownloadedAt: 0,
  catalogVersion: '',
  /** FNV-1a of the catalog text the core loaded (catalog_info), compared with the server's */
  catalogFingerprint: '',
});

let modulePromise = null;
/** The core's worker (core_worker.js) once started; null before or when it failed. */
let worker = null;
/** Why the worker failed (its script did not load or threw), once it has. */
let workerFailure = null;
let nextId = 1;
/** Replies awaited from the worker, by message id. */
const pending = new Map();

// The data files go to the core as UTF-8 bytes: TextEncoder is native, and the binding copies
// bytes with one TypedArray.set instead of a JS loop per character.
const utf8 = (text) => new TextEncoder().encode(text);

/** Sends one message to the core's worker; resolves to its value, rejects with its error. */
function post(message) {
  return postTimed(message).then((r) => r.value);
}

/**
 * As post, resolving to { value, at }: `at` is when the worker finished, on this page's clock
 * (performance.now()), not when this thread read the answer.
 */
function postTimed(message, transfer = []) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    // A worker that failed to start (prepareCore's, before anything was sent) answers nothing.
    if (workerFailure) return reject(workerFailure);
    pending.set(id, { resolve, reject });
    try {
      worker.postMessage({ ...message, id }, transfer);
    } catch (e) {
      pending.delete(id);
      reject(e);
    }
  });
}

function onReply(event) {
  const { id, ok, value, error, at } = event.data;
  const p = pending.get(id);
  if (!p) return;
  pending.delete(id);
  if (ok) p.resolve({ value, at: typeof at === 'number' ? at - performance.timeOrigin : performance.now() });
  else p.reject(new Error(error));
}

// The module's `call` may fail only through a bug in the binding (the core never throws); a
// failure is turned into the core's own error shape so callers handle one shape.
async function rawCall(request) {
  try {
    return JSON.parse(await post({ op: 'call', request: JSON.stringify(request) }));
  } catch (err) {
    return { ok: false, error: { code: 'binding_error', message: String(err && err.message ? err.message : err) } };
  }
}

/** Settles once the calendar is sent to the worker: slices may be sent from then on. */
const calendarSent = deferred();
calendarSent.promise.catch(() => {}); // a failed start is reported by startCore

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

async function loadModule() {
  coreState.status = 'loading';
  const t0 = performance.now();
  // The calendar is fetched beside the .wasm, not after it, so it is in by the time the module
  // is compiled.
  const data = getCalendarText();
  data.catch(() => {}); // handled below; a rejection before then is not "unhandled"
  // The glue is named to the browser now (a modulepreload, as index.html does on the forms), so
  // it downloads beside the worker's script instead of after it; the worker's import then finds
  // it in the cache.
  bootWorker();
  const glueUrl = new URL(WASM_GLUE_URL, window.location.href).href;
  preloadModule(glueUrl);
  const glue = post({ op: 'glue', glueUrl });
  glue.catch(() => {}); // its failure is start's too
  // The worker fetches the .wasm itself, except on the forms, where index.html's preload is
  // already bringing it to this page (startWorker).
  const wasmUrl = new URL(WASM_URL, window.location.href).href;
  // The worker runs its messages one after the other: start, the calendar and then the slices
  // are sent as soon as each is at hand, not each after the last one's answer, so the steps do
  // not wait for the page's thread (busy drawing the page) between them.
  let started;
  let loaded;
  try {
    started = startWorker(wasmUrl);
    started.catch(() => {}); // awaited below
    const calendarText = await data;
    loaded = postTimed({ op: 'calendar', bytes: utf8(calendarText) });
    calendarSent.resolve();
  } catch (e) {
    calendarSent.reject(e);
    throw e;
  }
  const start = await started;
  coreState.instantiatedAt = start.at;
  const downloadedAt = start.value?.downloadedAt;
  if (typeof downloadedAt === 'number') coreState.wasmDownloadedAt = downloadedAt - performance.timeOrigin;
  coreState.instantiateMs = coreState.instantiatedAt - t0;
  const calendar = await loaded;
  const cal = parseLoad(calendar.value);
  if (!cal.ok) throw new Error(cal.error?.message || '日历数据无法载入');
  coreState.calendarMs = calendar.at - coreState.instantiatedAt;
  coreState.readyAt = calendar.at;
  coreState.readyMs = coreState.readyAt - t0;
  coreState.status = 'ready';
}

/**
 * Starts the core's worker (once). A new worker takes tens of ms to start (a thread, a JS engine,
 * its script): started when the router knows the page needs the core (prepareCore), it is
 * running by the time the .wasm has downloaded, instead of starting then.
 */
function bootWorker() {
  if (worker) return;
  worker = new Worker(new URL(CORE_WORKER_URL, window.location.href).href, { type: 'module' });
  worker.onmessage = onReply;
  worker.onerror = (e) => {
    const err = new Error(e.message || 'core worker failed');
    workerFailure = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
}

/**
 * Starts the core's worker ahead of the core (a small script, no download of the core): for the
 * pages that will load the core once their first screen is shown (router.js).
 */
export function prepareCore() {
  if (typeof Worker === 'undefined') return;
  try {
    bootWorker();
  } catch {
    worker = null; // loadModule tries again and reports the failure
  }
}

/**
 * Starts the core in its worker. The worker fetches the .wasm itself, so its download and
 * compilation never wait for this thread. Where index.html preloads the .wasm for this page (the
 * forms), this page takes that response and hands its body over as it downloads; where a stream
 * cannot be transferred (older browsers), it compiles the module here and sends it. Resolves to
 * { value, at } of the worker's start.
 * @param {string} url
 */
async function startWorker(url) {
  const preloaded = [...document.querySelectorAll('link[rel=preload]')].some((l) => l.href === url);
  if (!preloaded) return postTimed({ op: 'start', url });
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  try {
    return await postTimed({ op: 'start', body: response.body }, [response.body]);
  } catch (e) {
    if (!(e instanceof DOMException && e.name === 'DataCloneError')) throw e;
  }
  return postTimed({ op: 'start', module: await WebAssembly.compileStreaming(response) });
}

/** Adds a modulepreload of `href` unless the page has one. */
function preloadModule(href) {
  const has = [...document.querySelectorAll('link[rel=modulepreload]')].some((l) => l.href === href);
  if (has) return;
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = href;
  document.head.appendChild(link);
}

/** Slice texts the core holds, by "kind/id", in the order they were added. */
const held = new Map();
/** One load at a time: each reload hands the core every held slice. */
let sliceQueue = Promise.resolve(true);

/**
 * Hands the core these slice texts as its whole catalog; resolves to the load response and when
 * the core had them (`at`, performance.now() clock).
 */
async function loadSlices(texts) {
  const r = await postTimed({ op: 'slices', bytes: utf8(JSON.stringify(texts)) });
  return { ...parseLoad(r.value), at: r.at };
}

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
      await calendarSent.promise;
    } catch {
      return false;
    }
    const t = performance.now();
    let r = await loadSlices([...held.values(), text]);
    if (!r.ok) {
      held.clear();
      r = await loadSlices([text]);
      if (!r.ok) return false;
    }
    held.set(key, text);
    coreState.catalogMs = r.at - Math.max(t, coreState.readyAt);
    coreState.sliceReadyAt = r.at;
    coreState.entries = [...held.keys()];
    await noteCatalog();
    return true;
  });
  sliceQueue = next.catch(() => false);
  return next;
}

// loadCalendar/loadCatalogSlices answer the core's load response text: {"ok":true} or
// {"ok":false,"error":{code,message}} (wasm/binding.cpp, core's load_response).
function parseLoad(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { ok: false };
  }
}

async function noteCatalog() {
  const info = await rawCall({ op: 'catalog_info' });
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
  const ready = startCore();
  if (!kind || !id) return ready;
  // The slice is fetched and sent while the core starts, not after.
  const entry = loadEntry(kind, id);
  return (await ready) && (await entry);
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
        calendarSent.reject(err); // no slice waits for a core that will not start
        coreState.status = 'failed';
        coreState.error = String(err && err.message ? err.message : err);
        return false;
      },
    );
  }
  return modulePromise;
}

/** True when the core is loaded (`callCore` answers from it). */
export function coreReady() {
  return coreState.status === 'ready';
}

/**
 * One request to the core (the per-keystroke path: a message to the core's worker and back).
 * Resolves to the parsed response, or null when the core is not loaded.
 */
export function callCore(request) {
  if (!coreReady()) return Promise.resolve(null);
  return rawCall(request);
}
