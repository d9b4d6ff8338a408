// The catalog index (GET /api/v1/catalog/index): every window, department, life event, bundle
// and item by id and name, with the words people search by — what the resident pages list and
// search, without downloading the whole catalog (an item's rules come as a slice when its guide
// or form opens). Its summary (GET /api/v1/catalog/summary) is the same without the items, with
// each department's and life event's count: what the home page and the browse lists need, a few
// KB where the whole index of a real center is a few hundred. What one window, department or life
// event lists comes on its own (GET /api/v1/catalog/index/{windows|departments|life_events}/{id}).
// index.html starts the requests of the page it opens on while the app's code downloads; the
// functions below take those answers.
// Display only: nothing here decides anything.
import { markRaw } from 'vue';

/**
 * @typedef {{ id: string, name: string, level?: string, item_count?: number }} IndexDepartment
 * @typedef {{ id: string, name: string, kind?: string, location?: string, hours?: string }} IndexWindow
 * @typedef {{ id: string, name: string, kind?: string, entry_count?: number }} IndexLifeEvent
 * @typedef {{ id: string, name: string, window?: string, description?: string, keywords?: string[],
 *   life_events?: string[], initials?: string[] }} IndexBundle
 * @typedef {{ id: string, name: string, department?: string, window?: string, level?: string,
 *   online_level?: string | number, keywords?: string[], life_events?: string[], initials?: string[] }} IndexItem
 * @typedef {{ id?: string, name?: string, version?: string | number, fingerprint?: string,
 *   departments: IndexDepartment[], windows: IndexWindow[], life_events: IndexLifeEvent[],
 *   bundles: IndexBundle[], items: IndexItem[] }} CatalogIndex
 */

/** The three comprehensive windows, in the reform's order (before the department windows). */
const COMPREHENSIVE = ['建设项目', '社会民生', '人才平台'];

/** @type {Promise<CatalogIndex> | null} */
let indexPromise = null;
/** @type {Promise<CatalogIndex> | null} */
let summaryPromise = null;

/**
 * @param {any} v
 * @returns {any[]}
 */
const list = (v) => (Array.isArray(v) ? v : []);

/**
 * The index with every list present (an older server or a catalog without life events).
 * @param {any} raw
 * @returns {CatalogIndex}
 */
function normalise(raw) {
  // Never made reactive: the index is read, never changed, and with thousands of items a
  // reactive copy made every list, filter and search walk through a proxy per item (the first
  // search built its words 3–5× slower that way).
  return markRaw({
    ...raw,
    departments: list(raw?.departments),
    windows: list(raw?.windows),
    life_events: list(raw?.life_events),
    bundles: list(raw?.bundles),
    items: list(raw?.items),
  });
}

/**
 * The response of index.html's early request for `path`, once (a later call asks again), or
 * null when it did not ask for it.
 * @param {string} path
 * @returns {Promise<Response> | null}
 */
function takeEarly(path) {
  const early = /** @type {Record<string, Promise<Response>> | undefined} */ (/** @type {any} */ (window).__yiluEarly);
  const response = early?.[path];
  if (!response) return null;
  delete early[path];
  return response;
}

/**
 * One part of the index, fetched once per page load. no-cache: revalidated with the server's
 * ETag (a 304 is cheap), so a reload after "目录已更新" never reuses a stale copy.
 * @param {string} path
 * @returns {Promise<CatalogIndex>}
 */
function load(path) {
  return fetchJson(path).then(normalise);
}

/** A reply that is not 2xx; `status` is its HTTP status (0 never: a network failure is a TypeError). */
class HttpError extends Error {
  /**
   * @param {string} path
   * @param {number} status
   */
  constructor(path, status) {
    super(`${path}: HTTP ${status}`);
    this.status = status;
  }
}

/**
 * @param {string} path
 * @returns {Promise<any>}
 */
function fetchJson(path) {
  const ask = () => fetch(path, { cache: 'no-cache', headers: { Accept: 'application/json' } });
  return (takeEarly(path)?.catch(ask) || ask()).then((res) => {
    if (!res.ok) throw new HttpError(path, res.status);
    return res.json();
  });
}

/**
 * What one browse page lists: a window's items and bundles, a department's items, a life event's
 * items and bundles — the index's entries, without the rest of the index. null when the catalog
 * has no such window, department or life event (a 404).
 * @param {'windows' | 'departments' | 'life_events'} kind
 * @param {string} id
 * @returns {Promise<{ items: IndexItem[], bundles: IndexBundle[] } | null>}
 */
export function getGroup(kind, id) {
  return fetchJson(`/api/v1/catalog/index/${kind}/${encodeURIComponent(id)}`).then(
    (raw) => markRaw({ items: list(raw?.items), bundles: list(raw?.bundles) }),
    (e) => {
      if (e instanceof HttpError && e.status === 404) return null;
      throw e;
    },
  );
}

/**
 * The whole index. Rejects when the server cannot be reached; a later call tries again.
 * @returns {Promise<CatalogIndex>}
 */
export function getIndex() {
  if (!indexPromise) {
    indexPromise = load('/api/v1/catalog/index').catch((e) => {
      indexPromise = null;
      throw e;
    });
  }
  return indexPromise;
}

/**
 * The summary: departments, windows, life events (with counts) and bundles, no items. The whole
 * index when it is already here or on its way (it holds the summary).
 * @returns {Promise<CatalogIndex>}
 */
export function getSummary() {
  if (indexPromise) return indexPromise;
  if (!summaryPromise) {
    summaryPromise = load('/api/v1/catalog/summary').catch((e) => {
      summaryPromise = null;
      throw e;
    });
  }
  return summaryPromise;
}

/**
 * Forgets the index so the next getIndex asks the server again (after the catalog changed).
 * @returns {void}
 */
export function dropIndex() {
  indexPromise = null;
  summaryPromise = null;
}

/**
 * @template {{ id: string }} T
 * @param {T[]} xs
 * @param {string} id
 * @returns {T | undefined}
 */
export function byId(xs, id) {
  return xs.find((x) => String(x.id) === String(id));
}

/**
 * @param {IndexWindow} w
 * @returns {boolean}
 */
function isComprehensive(w) {
  return w.kind === 'comprehensive';
}

/**
 * @param {IndexWindow} w
 * @returns {number}
 */
function reformRank(w) {
  const i = COMPREHENSIVE.findIndex((n) => (w.name || '').includes(n));
  return i < 0 ? COMPREHENSIVE.length : i;
}

/**
 * The comprehensive windows, in the reform's order.
 * @param {CatalogIndex} ix
 * @returns {IndexWindow[]}
 */
export function comprehensiveWindows(ix) {
  return ix.windows.filter((w) => isComprehensive(w)).sort((a, b) => reformRank(a) - reformRank(b));
}

/**
 * The departments' own windows (公安户政、税务…), in the catalog's order.
 * @param {CatalogIndex} ix
 * @returns {IndexWindow[]}
 */
export function departmentWindows(ix) {
  return ix.windows.filter((w) => !isComprehensive(w));
}

/**
 * 市级 or 区级 as people read it; the catalog's default level is the city's.
 * @param {string | undefined} level
 * @returns {string}
 */
export function levelLabel(level) {
  return level === 'district' ? '区级' : '市级';
}

/**
 * The district a district-level department belongs to, read from its name (三亚市吉阳区民政局 →
 * 吉阳区); '' when the name says none.
 * @param {string} name
 * @returns {string}
 */
export function districtOf(name) {
  const m = /(?:^|市)([^市省]{1,5}?区)/.exec(name || '');
  return m ? m[1] : '';
}

/**
 * Departments for browsing: the city's, then each district's (in the order they first appear).
 * @param {CatalogIndex} ix
 * @returns {{ title: string, departments: IndexDepartment[] }[]}
 */
export function departmentGroups(ix) {
  const city = ix.departments.filter((d) => d.level !== 'district');
  /** @type {Map<string, IndexDepartment[]>} */
  const districts = new Map();
  for (const d of ix.departments) {
    if (d.level !== 'district') continue;
    const title = districtOf(d.name) || '区级部门';
    if (!districts.has(title)) districts.set(title, []);
    districts.get(title)?.push(d);
  }
  const groups = [];
  if (city.length) groups.push({ title: '市级部门', departments: city });
  for (const [title, departments] of districts) groups.push({ title, departments });
  return groups;
}

/**
 * Life events of one kind: 'personal' (人生大事) or 'enterprise' (企业全生命周期).
 * @param {CatalogIndex} ix
 * @param {string} kind
 * @returns {IndexLifeEvent[]}
 */
export function lifeEvents(ix, kind) {
  return ix.life_events.filter((e) => (e.kind || 'personal') === kind);
}

/** What each kind of life event is called. */
export const LIFE_EVENT_KINDS = /** @type {const} */ ({ personal: '人生大事', enterprise: '企业全生命周期' });

/**
 * A department's name by id (its id when the index has none).
 * @param {CatalogIndex} ix
 * @param {string | undefined} id
 * @returns {string}
 */
export function departmentName(ix, id) {
  return (id && byId(ix.departments, id)?.name) || id || '';
}

/**
 * A window's name by id (its id when the index has none).
 * @param {CatalogIndex} ix
 * @param {string | undefined} id
 * @returns {string}
 */
export function windowName(ix, id) {
  return (id && byId(ix.windows, id)?.name) || id || '';
}
