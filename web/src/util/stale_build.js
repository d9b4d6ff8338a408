// A page of an older build may ask for a route chunk that the server no longer has (a new build
// was deployed since the page — or the service worker's shell — was loaded). Vite reports that as
// `vite:preloadError`; the page then reloads once, to the current build. Once: offline, or with a
// chunk that truly fails, a second failure within a minute is left to the page's own error.
const KEY = 'yilu.reloadedForBuild';

export function reloadOnStaleBuild() {
  window.addEventListener('vite:preloadError', (event) => {
    const last = Number(sessionStorage.getItem(KEY) || 0);
    if (Date.now() - last < 60_000) return;
    sessionStorage.setItem(KEY, String(Date.now()));
    event.preventDefault(); // the reload answers it; no unhandled error
    window.location.reload();
  });
}
