// The catalog and the calendar, as the server serves them. The resident pages never download
// the whole catalog: they list and search the index (catalog_index.js) and take one slice per
// item or bundle they open — the part of the catalog its rules need, which the wasm core loads
// (docs/server-api.md, "The catalog for the phone"). The page reads catalog JSON only to name
// things; every rule in it is applied by the core. The whole catalog is the staff console's.
import { reactive } from 'vue';
import { getSummary } from './catalog_index.js';

/** @typedef {import('./api_types').Schemas['Versions']} Versions */

// 预览（未发布）: the console's 事项目录 tab shows a resident page in a frame
// (/guide/item/<id>?preview=1) with the administrator's unpublished draft. Such a page takes its
// catalog slice from the draft the console put in sessionStorage just before (never from the
// server), asks only the wasm core that loaded it (core/ask.js), and sends nothing (api/http.js).
// Read once, when the page loads with the flag: a resident's page has no flag and pays one test
// of its address.
export const PREVIEW_KEY = 'yilu.preview.catalog';

function readPreview() {
  try {
    if (typeof window === 'undefined' || !new URLSearchParams(window.location.search).has('preview')) return '';
    return sessionStorage.getItem(PREVIEW_KEY) || '';
  } catch {
    return ''; // storage off: no preview
  }
}

/** The draft slice's text on a preview page; '' on every other page. */
export const previewText = readPreview();

/** @type {Promise<string> | null} */
let catalogPromise = null;
/** @type {Promise<string> | null} */
let calendarPromise = null;

/** What the page holds, and whether the server's catalog has moved on since. */
export const catalogState = reactive({ version: '', serverVersion: '', stale: false });

/**
 * @param {any} catalog the parsed catalog
 * @returns {string} its version, or '' when it has none
 */
function versionOf(catalog) {
  return String(catalog?.version ?? catalog?.catalog_version ?? '');
}

/**
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<string>} the body; rejects on a non-2xx answer or a network failure
 */
async function fetchText(url, init) {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

/**
 * The catalog text, fetched once. Rejects when the server cannot be reached.
 * @returns {Promise<string>}
 */
export function getCatalogText() {
  if (!catalogPromise) {
    // no-cache: revalidate with the server's ETag every time (a 304 is cheap), so a reload
    // after "目录已更新" never reuses a stale copy from the HTTP cache.
    catalogPromise = fetchText('/api/v1/catalog', { cache: 'no-cache' }).catch((e) => {
      catalogPromise = null; // a later visit may try again
      throw e;
    });
  }
  return catalogPromise;
}

/**
 * The calendar text, fetched once.
 * @returns {Promise<string>}
 */
export function getCalendarText() {
  if (!calendarPromise) {
    calendarPromise = fetchText('/api/v1/calendar', { cache: 'no-cache' }).catch((e) => {
      calendarPromise = null;
      throw e;
    });
  }
  return calendarPromise;
}

/** @type {Map<string, Promise<string>>} slice texts by "kind/id" */
const slices = new Map();
/** @type {Promise<string> | null} */
let fingerprintPromise = null;

const FINGERPRINT_KEY = 'yilu.catalog.fingerprint';

/**
 * What the server runs (GET /api/v1/versions: its core's catalog_info and calendar_info).
 * @returns {Promise<Versions>} rejects on a non-2xx answer or a network failure
 */
async function fetchVersions() {
  const res = await fetch('/api/v1/versions', { cache: 'no-cache', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`/api/v1/versions: HTTP ${res.status}`);
  return res.json();
}

/** The server's fingerprint, asked of /api/v1/versions (a few hundred bytes), else of the index's summary. */
function askFingerprint() {
  return fetchVersions()
    .then((v) => /** @type {{ fingerprint?: string }} */ (v.catalog || {}).fingerprint || '')
    .catch(() => '')
    .then(
      async (fp) =>
        fp ||
        getSummary().then(
          (index) => index.fingerprint || '',
          () => '',
        ),
    )
    .then((fp) => {
      if (fp) localStorage.setItem(FINGERPRINT_KEY, fp);
      return fp;
    });
}

/**
 * The catalog fingerprint that names the slices. A repeat visit uses the one this phone last saw
 * at once (its slices are then in the cache: no round trip before the form works) and asks the
 * server in the background; when the catalog has changed, App.vue's check offers the reload. A
 * first visit asks (a page opened at a guide need not download the index first); '' when nothing
 * answers (slices are then asked for unversioned).
 * @returns {Promise<string>}
 */
function catalogFingerprint() {
  if (!fingerprintPromise) {
    let known = '';
    try {
      known = localStorage.getItem(FINGERPRINT_KEY) || '';
    } catch {
      /* storage off: ask */
    }
    const asked = askFingerprint();
    fingerprintPromise = known ? Promise.resolve(known) : asked;
  }
  return fingerprintPromise;
}

/**
 * The slice of an item or a bundle (catalog text of the same schema, docs/catalog.md), fetched
 * once per page load. Named by the catalog's fingerprint (catalogFingerprint), so the browser and
 * the service worker keep it for good; without the index it is asked for unversioned.
 * @param {'item' | 'bundle'} kind
 * @param {string} id
 * @returns {Promise<string>}
 */
export function getSliceText(kind, id) {
  if (previewText) return Promise.resolve(previewText); // the console's draft (core/preview.js)
  const key = `${kind}/${id}`;
  if (!slices.has(key)) {
    const url = `/api/v1/catalog/${kind === 'bundle' ? 'bundles' : 'items'}/${encodeURIComponent(id)}`;
    const p = catalogFingerprint()
      .then((v) => fetchText(v ? `${url}?v=${encodeURIComponent(v)}` : url))
      .catch((e) => {
        slices.delete(key); // a later visit may try again
        throw e;
      });
    slices.set(key, p);
  }
  return /** @type {Promise<string>} */ (slices.get(key));
}

/**
 * An item's or a bundle's slice, parsed: a catalog of the entry and what it refers to, for names
 * (catalog_view.js reads it like the whole catalog).
 * @param {'item' | 'bundle'} kind
 * @param {string} id
 * @returns {Promise<any>}
 */
export async function getSlice(kind, id) {
  return JSON.parse(await getSliceText(kind, id));
}

/** @type {{ text: string, json: any } | null} */
let parsed = null;
/**
 * The whole catalog, parsed — the staff console's (for names and lists only: docs/catalog.md;
 * not part of the OpenAPI document, which serves it as the core loads it). `fresh`: asked of the
 * server again rather than reused.
 * @returns {Promise<any>}
 */
export async function getCatalog({ fresh = false } = {}) {
  if (fresh) catalogPromise = null; // a new version was published from the console
  const text = await getCatalogText();
  if (!parsed || parsed.text !== text) {
    parsed = { text, json: JSON.parse(text) };
    catalogState.version = versionOf(parsed.json);
  }
  return parsed.json;
}

/**
 * Asks the server which catalog it runs (GET /api/v1/versions: its core's catalog_info) and
 * compares with the one the page holds: the fingerprint the wasm core computed of the text it
 * loaded (`held.fingerprint`), else the version in the catalog JSON the page read.
 * Returns true when they differ (the page then offers to reload).
 * @param {{ fingerprint?: string }} [held]
 * @returns {Promise<boolean>} false also when the server cannot be asked
 */
export async function checkCatalogVersion(held = {}) {
  if (previewText) return false; // a draft is meant to differ from the server's
  try {
    const v = await fetchVersions();
    /** @type {{ version?: unknown, fingerprint?: string }} */
    const server = v.catalog || {};
    catalogState.serverVersion = String(server.version ?? '');
    if (held.fingerprint && server.fingerprint) catalogState.stale = held.fingerprint !== server.fingerprint;
    else
      catalogState.stale =
        Boolean(catalogState.version) && Boolean(server.version) && String(server.version) !== catalogState.version;
    return catalogState.stale;
  } catch {
    return false;
  }
}
