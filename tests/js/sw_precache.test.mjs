// The service worker's precache list (web/scripts/sw-plugin.mjs), from a bundle shaped like
// Vite's output: the resident pages' chunks, their CSS and the core's glue and .wasm are in it;
// a chunk only the staff console loads is not; another build is another worker VERSION.
import assert from 'node:assert/strict';
import test from 'node:test';
import path from 'node:path';

import { root } from './lib/paths.mjs';

const { residentFiles, serviceWorker } = await import(path.join(root, 'web', 'scripts', 'sw-plugin.mjs'));

const chunk = (fileName, { entry = false, facade = null, imports = [], dynamic = [], css = [], assets = [] } = {}) => ({
  type: 'chunk',
  fileName,
  isEntry: entry,
  facadeModuleId: facade,
  imports,
  dynamicImports: dynamic,
  viteMetadata: { importedCss: new Set(css), importedAssets: new Set(assets) },
});
const asset = (fileName, source = '') => ({ type: 'asset', fileName, source });

/** A small app: an entry, a resident page, a staff page, and a chunk each of them shares. */
function bundle({ applyHash = 'a1' } = {}) {
  const b = {
    'index.html': asset('index.html', '<script src="/assets/index-e1.js"></script>'),
    'assets/index-e1.js': chunk('assets/index-e1.js', {
      entry: true,
      facade: '/w/web/index.html',
      imports: ['assets/vue-v1.js'],
      dynamic: [`assets/Apply-${applyHash}.js`, 'assets/StaffConsole-s1.js'],
      css: ['assets/index-c1.css'],
      assets: ['assets/yilu_core-g1.mjs', 'assets/yilu_core-w1.wasm'],
    }),
    'assets/vue-v1.js': chunk('assets/vue-v1.js'),
    [`assets/Apply-${applyHash}.js`]: chunk(`assets/Apply-${applyHash}.js`, {
      facade: '/w/web/src/views/resident/Apply.vue',
      imports: ['assets/vue-v1.js', 'assets/shared-x1.js'],
      css: ['assets/Apply-c2.css'],
    }),
    'assets/StaffConsole-s1.js': chunk('assets/StaffConsole-s1.js', {
      facade: '/w/web/src/views/staff/StaffConsole.vue',
      imports: ['assets/shared-x1.js', 'assets/staffonly-y1.js'],
      css: ['assets/StaffConsole-c3.css'],
      // The console's chart code (ECharts), import()ed by a staff screen only.
      dynamic: ['assets/on_time_chart-k1.js'],
    }),
    'assets/on_time_chart-k1.js': chunk('assets/on_time_chart-k1.js', {
      facade: '/w/web/src/views/staff/on_time_chart.js',
      imports: ['assets/shared-x1.js'],
    }),
    'assets/shared-x1.js': chunk('assets/shared-x1.js'),
    'assets/staffonly-y1.js': chunk('assets/staffonly-y1.js'),
  };
  for (const f of ['index-c1.css', 'Apply-c2.css', 'StaffConsole-c3.css', 'yilu_core-g1.mjs', 'yilu_core-w1.wasm'])
    b[`assets/${f}`] = asset(`assets/${f}`);
  return b;
}

test('the precache holds the resident pages, their CSS and the core, never a staff-only chunk', () => {
  assert.deepEqual(residentFiles(bundle()), [
    'assets/Apply-a1.js',
    'assets/Apply-c2.css',
    'assets/index-c1.css',
    'assets/index-e1.js',
    'assets/shared-x1.js',
    'assets/vue-v1.js',
    'assets/yilu_core-g1.mjs',
    'assets/yilu_core-w1.wasm',
  ]);
});

/** The sw.js the plugin emits for a bundle. */
function emitWorker(b) {
  const plugin = serviceWorker();
  plugin.configResolved({ root: path.join(root, 'web'), base: '/' });
  let emitted = null;
  const ctx = { emitFile: (f) => (emitted = f), warn: (m) => assert.fail(m) };
  plugin.generateBundle.handler.call(ctx, {}, b);
  assert.equal(emitted.fileName, 'sw.js');
  const precache = JSON.parse(emitted.source.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]);
  const version = emitted.source.match(/const VERSION = '([0-9a-f]+)';/)[1];
  return { precache, version, source: emitted.source };
}

test('sw.js names its files from the root and is a new version when the build changes', () => {
  const one = emitWorker(bundle());
  assert.equal(one.precache[0], '/index.html');
  assert.ok(one.precache.includes('/assets/yilu_core-w1.wasm'));
  assert.ok(!one.precache.some((u) => u.includes('Staff') || u.includes('staffonly') || u.includes('on_time_chart')));
  assert.match(one.source, /self\.addEventListener\('fetch'/, 'the worker’s code follows the list');
  assert.equal(emitWorker(bundle()).version, one.version, 'the same build, the same version');
  assert.notEqual(emitWorker(bundle({ applyHash: 'a2' })).version, one.version, 'a changed chunk, a new version');
});
