// Registers /sw.js (built by scripts/sw-plugin.mjs from src/sw/service_worker.js) once the page
// has loaded, in production builds only (the dev server has no /sw.js). The staff console shares
// it: its chunks are not precached, it simply runs from the network.
//
// On the first visit the page's requests went past the worker until it took control (it claims
// the page on activation); then the page names the requests it made so far, and the worker keeps
// the catalog slices and data among them (the guide the resident opened works offline next time).

/** Same-origin URLs the page has fetched, from the Resource Timing entries. */
function fetchedUrls() {
  const origin = `${window.location.origin}/`;
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => u.startsWith(origin));
}

export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  if (!sw.controller) {
    sw.addEventListener('controllerchange', () => sw.controller?.postMessage({ type: 'keep', urls: fetchedUrls() }), {
      once: true,
    });
  }
  // Without a worker the app works as before: only "offline" is lost.
  const register = () => sw.register('/sw.js').catch((e) => console.warn('service worker not registered', e));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
