// The catalog and the calendar, as the server serves them. The page reads the catalog JSON only
// to list windows, items and bundles by name; every rule in it is applied by the core.
import { reactive } from 'vue';

/** @typedef {import('./api_types').Schemas['Versions']} Versions */

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

/** @type {{ text: string, json: any } | null} */
let parsed = null;
/**
 * The catalog, parsed (for names and lists only: docs/catalog.md; not part of the OpenAPI
 * document, which serves it as the core loads it).
 * @returns {Promise<any>}
 */
export async function getCatalog() {
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
  try {
    const res = await fetch('/api/v1/versions', { cache: 'no-cache', headers: { Accept: 'application/json' } });
    if (!res.ok) return false;
    const v = /** @type {Versions} */ (await res.json());
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

/**
 * Forgets the cached catalog so the next getCatalog fetches the server's.
 * @returns {void}
 */
export function dropCatalog() {
  catalogPromise = null;
  parsed = null;
  catalogState.stale = false;
}
