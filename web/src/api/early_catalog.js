// The resident list pages, by their router paths, and the parts of the catalog index each shows
// first. One table for two readers: router.js takes these pages' paths from it, and the build puts
// it into index.html (scripts/early-catalog.mjs) with earlyCatalogPaths below, so the page that
// opens asks for its data while the app's code downloads; catalog_index.js takes the answers by
// their API path. A part may name a path parameter (`:id`).

/** @typedef {{ name: string, path: string, parts: string[] }} CatalogPage */

/** @type {CatalogPage[]} */
export const CATALOG_PAGES = [
  { name: 'home', path: '/', parts: ['summary'] },
  { name: 'search', path: '/search', parts: ['index'] },
  { name: 'window', path: '/window/:id', parts: ['summary', 'index/windows/:id'] },
  { name: 'departments', path: '/departments', parts: ['summary'] },
  { name: 'events', path: '/events/:kind(personal|enterprise)', parts: ['summary'] },
  { name: 'department', path: '/browse/:by(department)/:id', parts: ['summary', 'index/departments/:id'] },
  { name: 'event', path: '/browse/:by(event)/:id', parts: ['summary', 'index/life_events/:id'] },
];

/**
 * The router path of the list page `name`.
 * @param {string} name
 */
export function catalogPagePath(name) {
  const page = CATALOG_PAGES.find((p) => p.name === name);
  if (!page) throw new Error(`no catalog page ${name}`);
  return page.path;
}

/**
 * The API paths the page at `pathname` lists first. Matches the router's path syntax as these
 * pages use it (`:name` and `:name(a|b)`). Written in ES5 and self-contained: the build copies its
 * text into index.html, where it runs before any of the app's code.
 * @param {CatalogPage[]} pages
 * @param {string} pathname
 * @returns {string[]}
 */
export function earlyCatalogPaths(pages, pathname) {
  for (var i = 0; i < pages.length; i++) {
    /** @type {string[]} */
    var names = [];
    var source = pages[i].path.replace(/:(\w+)(?:\(([^)]*)\))?/g, function (_, name, alternatives) {
      names.push(name);
      return '(' + (alternatives || '[^/]+') + ')';
    });
    var match = new RegExp('^' + source + '$').exec(pathname);
    if (!match) continue;
    /** @type {string[]} */
    var values = match;
    return pages[i].parts.map(function (part) {
      return (
        '/api/v1/catalog/' +
        part.replace(/:(\w+)/g, function (_, name) {
          return values[names.indexOf(name) + 1];
        })
      );
    });
  }
  return [];
}
