// The service worker of the resident pages: a repeat visit opens from the device, and with the
// network off the resident can still open a guide or a form they used, type into it and have the
// wasm core check it (drafts stay in localStorage; sending waits for the network, in the page).
//
// scripts/sw-plugin.mjs writes this file to /sw.js at build time, with PRECACHE (the build's
// index.html, entry, resident route chunks, CSS, and the core's glue and .wasm — never the staff
// console's chunks) and VERSION (a hash of that list) defined above it. A new build is a new
// VERSION: the new worker precaches its own list and deletes the old one's cache.
//
// What it keeps, by request (route() below is the one place that says it):
//   navigations           the precached index.html (the SPA shell) at once: a repeat visit
//                         waits for no round trip. A new build reaches the phone as a new
//                         worker (the browser checks /sw.js on navigations), whose shell the
//                         next visit opens; a page of the old build that asks for a chunk the
//                         server no longer has reloads once (src/main.js). Without a shell
//                         (never, once installed) the network;
//   /assets/*             cache first from the precache (content-hashed, never change);
//   catalog slices ?v=…   cache first, kept once the server calls them immutable: the slices
//                         the resident opened, one per item or bundle (a newer catalog's slice
//                         replaces the older one when it is fetched, never before);
//   slices without ?v     the network, else the kept slice of that entry (offline, the page may
//                         not know the fingerprint: /api/v1/versions cannot be reached);
//   index, its summary,   stale-while-revalidate: the kept copy at once, refreshed behind it
//   browse lists,         (the browser's HTTP cache makes the refresh a conditional request);
//   calendar, divisions
//   anything else         the network, untouched: the rest of the API is personal data and is
//                         never cached, POSTs and Range requests are never intercepted.
/* global PRECACHE, VERSION */

const SHELL = `yilu-shell-${VERSION}`;
const DATA = 'yilu-data';
const SLICES = 'yilu-slices';
const SHELL_PAGE = '/index.html';
const DATA_PATHS = ['/api/v1/catalog/index', '/api/v1/catalog/summary', '/api/v1/calendar', '/api/v1/divisions'];

/**
 * How a same-origin GET is answered: 'shell' | 'slice' | 'any-slice' | 'data', or '' for the
 * network alone.
 * @param {URL} url
 */
function route(url) {
  const p = url.pathname;
  if (p.startsWith('/assets/')) return 'shell';
  if (/^\/api\/v1\/catalog\/(items|bundles)\/[^/]+$/.test(p)) return url.searchParams.get('v') ? 'slice' : 'any-slice';
  if (DATA_PATHS.includes(p) || /^\/api\/v1\/catalog\/index\/(windows|departments|life_events)\/[^/]+$/.test(p))
    return 'data';
  return '';
}

self.addEventListener('install', (event) => {
  // addAll goes through the HTTP cache: what the first visit downloaded is not downloaded again.
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('yilu-shell-') && name !== SHELL) await caches.delete(name);
      }
      // Navigations are answered from the shell: a navigation preload (an earlier worker's)
      // would be a request per visit whose answer is never used.
      await self.registration.navigationPreload?.disable();
      // The first visit's page is controlled from now on, so the slices it opens next are kept.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || req.headers.has('Range')) return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    if (!url.pathname.startsWith('/api/')) event.respondWith(navigate(event));
    return;
  }
  const kind = route(url);
  if (kind === 'shell') event.respondWith(cacheFirst(req, SHELL));
  else if (kind === 'slice') event.respondWith(cacheFirst(req, SLICES, keepSlice));
  else if (kind === 'any-slice') event.respondWith(networkThenKeptSlice(req));
  else if (kind === 'data') event.respondWith(staleWhileRevalidate(event));
});

// Requests the first visit made before this worker controlled the page went past it; the page
// names them once it is controlled (src/util/service_worker.js) and the worker keeps the slices
// and data among them as if it had seen them.
self.addEventListener('message', (event) => {
  const urls = event.data?.type === 'keep' && Array.isArray(event.data.urls) ? event.data.urls : [];
  event.waitUntil(Promise.all(urls.map((u) => keep(String(u)).catch(() => {}))));
});

async function keep(href) {
  const url = new URL(href, self.location.href);
  const kind = url.origin === self.location.origin ? route(url) : '';
  if (kind !== 'slice' && kind !== 'data') return;
  const cache = await caches.open(kind === 'slice' ? SLICES : DATA);
  if (await cache.match(url.href, { ignoreVary: true })) return;
  const req = new Request(url.href);
  const res = await fetch(req);
  if (kind === 'slice') await keepSlice(cache, req, res);
  else if (res.status === 200) await cache.put(req, res);
}

async function navigate(event) {
  const shell = await caches.match(SHELL_PAGE, { cacheName: SHELL });
  return shell || fetch(event.request);
}

/**
 * Cache first. A miss goes to the network and is handed to `keepIt` (slices); the precache is
 * never added to, so a staff chunk or another build's file is not kept.
 */
async function cacheFirst(req, name, keepIt = null) {
  const cache = await caches.open(name);
  const hit = await cache.match(req, { ignoreVary: true });
  if (hit) return hit;
  const res = await fetch(req);
  if (keepIt) await keepIt(cache, req, res.clone());
  return res;
}

/**
 * Keeps a slice the server calls immutable (its ?v= is the current catalog's) as the one slice
 * of its item or bundle: an older catalog's slice of the same entry goes.
 */
async function keepSlice(cache, req, res) {
  if (res.status !== 200 || !/\bimmutable\b/.test(res.headers.get('Cache-Control') || '')) return;
  await cache.put(req, res);
  for (const old of await cache.keys(req, { ignoreSearch: true, ignoreVary: true })) {
    if (old.url !== req.url) await cache.delete(old);
  }
}

/** A slice asked for without ?v=: the network's answer, or offline the entry's kept slice. */
async function networkThenKeptSlice(req) {
  try {
    return await fetch(req);
  } catch (e) {
    const kept = await caches.match(req, { cacheName: SLICES, ignoreSearch: true, ignoreVary: true });
    if (kept) return kept;
    throw e;
  }
}

async function staleWhileRevalidate(event) {
  const req = event.request;
  const cache = await caches.open(DATA);
  const hit = await cache.match(req, { ignoreVary: true });
  const fresh = fetch(req).then((res) => {
    // Stored unless it is the copy kept already (the same ETag: the usual 304 revalidation).
    const tag = res.headers.get('ETag');
    if (res.status === 200 && !(tag && tag === hit?.headers.get('ETag')))
      event.waitUntil(cache.put(req, res.clone()).catch(() => {}));
    return res;
  });
  if (!hit) return fresh;
  event.waitUntil(fresh.catch(() => {}));
  return hit;
}
