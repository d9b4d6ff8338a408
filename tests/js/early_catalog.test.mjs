// The catalog data a resident list page asks for before the app's code has run
// (web/src/api/early_catalog.js): index.html runs earlyCatalogPaths on the page's path, with the
// same table the router takes its paths from, and the pages take the answers by API path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';

import { CATALOG_PAGES, catalogPagePath, earlyCatalogPaths } from '../../web/src/api/early_catalog.js';
import { earlyCatalog } from '../../web/scripts/early-catalog.mjs';

const paths = (pathname) => earlyCatalogPaths(CATALOG_PAGES, pathname);

test('each list page asks for the summary and its own group, a search for the whole index', () => {
  assert.deepEqual(paths('/'), ['/api/v1/catalog/summary']);
  assert.deepEqual(paths('/search'), ['/api/v1/catalog/index']);
  assert.deepEqual(paths('/departments'), ['/api/v1/catalog/summary']);
  assert.deepEqual(paths('/events/enterprise'), ['/api/v1/catalog/summary']);
  assert.deepEqual(paths('/window/w_social'), ['/api/v1/catalog/summary', '/api/v1/catalog/index/windows/w_social']);
  assert.deepEqual(paths('/browse/department/rsj'), [
    '/api/v1/catalog/summary',
    '/api/v1/catalog/index/departments/rsj',
  ]);
  assert.deepEqual(paths('/browse/event/birth'), ['/api/v1/catalog/summary', '/api/v1/catalog/index/life_events/birth']);
});

test('a path the router does not give a list page asks for nothing', () => {
  for (const p of ['/guide/item/birth', '/events/other', '/browse/window/w_social', '/window/', '/window/a/b', '/me', '/searchx'])
    assert.deepEqual(paths(p), [], p);
});

test('the router reads the same paths, and an unknown page name is an error', () => {
  assert.equal(catalogPagePath('window'), '/window/:id');
  assert.equal(catalogPagePath('event'), '/browse/:by(event)/:id');
  assert.throws(() => catalogPagePath('nowhere'), /no catalog page nowhere/);
});

test('the build puts the requests at their place in index.html, and they run there on their own', () => {
  const plugin = earlyCatalog();
  const html = plugin.transformIndexHtml.handler('<head><title>t</title><!-- yilu:early-catalog --></head>');
  const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1];
  assert.ok(script, html);
  const fetched = [];
  const window = {
    fetch: (path, init) => {
      fetched.push([path, init.cache]);
      return Promise.resolve({ path });
    },
  };
  window.window = window;
  vm.runInNewContext(script, { window, fetch: window.fetch, location: { pathname: '/browse/event/birth' } });
  assert.deepEqual(fetched, [
    ['/api/v1/catalog/summary', 'no-cache'],
    ['/api/v1/catalog/index/life_events/birth', 'no-cache'],
  ]);
  assert.deepEqual(Object.keys(window.__yiluEarly), fetched.map(([p]) => p));
  assert.throws(() => plugin.transformIndexHtml.handler('<head></head>'), /no <!-- yilu:early-catalog -->/);
});
