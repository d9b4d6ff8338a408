// Puts into index.html the requests of the catalog data the opening page lists
// (src/api/early_catalog.js: the pages' table and the function that reads it), so they start
// while the app's code downloads instead of after it has run. A hint only: a page whose data
// was not asked for here fetches it itself. src/api/catalog_index.js takes the answers from
// window.__yiluEarly.
import { CATALOG_PAGES, earlyCatalogPaths } from '../src/api/early_catalog.js';

/** @returns {import('vite').Plugin} */
export function earlyCatalog() {
  const script =
    '(function () {' +
    'if (!window.fetch) return;' +
    `var paths = (${earlyCatalogPaths.toString()})(${JSON.stringify(CATALOG_PAGES)}, location.pathname);` +
    'var early = {};' +
    'paths.forEach(function (path) {' +
    "var response = fetch(path, { cache: 'no-cache', headers: { Accept: 'application/json' } });" +
    'response.catch(function () {});' + // offline: the page says so when it takes the answer
    'early[path] = response;' +
    '});' +
    'window.__yiluEarly = early;' +
    '})();';
  // At its place in index.html: before the stylesheets, which hold up any script after them.
  const placeholder = '<!-- yilu:early-catalog -->';
  return {
    name: 'yilu-early-catalog',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(placeholder)) throw new Error(`index.html has no ${placeholder}`);
        return html.replace(placeholder, () => `<script>${script}</script>`); // a function: no $-patterns
      },
    },
  };
}
