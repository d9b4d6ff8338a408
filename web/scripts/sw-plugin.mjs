// Vite plugin: writes /sw.js, the resident pages' service worker (src/sw/service_worker.js), with
// the exact list of files it precaches, read from this build's bundle: index.html, the entry
// chunk and everything it imports, the resident route chunks it loads on demand, their CSS, and
// the assets they import (the wasm core's glue and .wasm). Chunks loaded only by the staff
// console (src/views/staff/) are left out: residents never need them offline.
// The worker's VERSION is a hash of that list, of index.html and of the worker's code, so every
// build that changes what the phone runs is a new worker that replaces the old cache.
// Wired in vite.config.js: `plugins: [..., serviceWorker()]`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Chunks loaded on demand by the app that the resident pages never load. */
const STAFF_ONLY = /\/src\/views\/staff\//;

/**
 * The bundle's files the resident pages load: from each entry chunk, its static imports, its
 * dynamic imports except staff views, and the CSS and assets of every chunk reached.
 * @param {Record<string, any>} bundle Rollup/Rolldown output bundle
 * @returns {string[]} file names relative to the output folder, sorted
 */
export function residentFiles(bundle) {
  const seen = new Set();
  const walk = (fileName) => {
    const out = bundle[fileName];
    if (!out || seen.has(fileName)) return;
    seen.add(fileName);
    if (out.type !== 'chunk') return;
    for (const f of out.viteMetadata?.importedCss ?? []) seen.add(f);
    for (const f of out.viteMetadata?.importedAssets ?? []) seen.add(f);
    for (const f of out.imports) walk(f);
    for (const f of out.dynamicImports) {
      const target = bundle[f];
      const id = String(target?.facadeModuleId || '').replace(/\\/g, '/');
      if (!STAFF_ONLY.test(id)) walk(f);
    }
  };
  for (const out of Object.values(bundle)) if (out.type === 'chunk' && out.isEntry) walk(out.fileName);
  return [...seen].sort();
}

/**
 * @param {{ source?: string }} [options] the worker's code (default src/sw/service_worker.js)
 * @returns {import('vite').Plugin}
 */
export function serviceWorker({ source = 'src/sw/service_worker.js' } = {}) {
  let root = process.cwd();
  let base = '/';
  return {
    name: 'yilu-service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      base = config.base;
    },
    generateBundle: {
      // After vite:build-html has put index.html into the bundle.
      order: 'post',
      handler(_options, bundle) {
        const code = readFileSync(resolve(root, source), 'utf8');
        const files = residentFiles(bundle);
        if (!files.some((f) => f.endsWith('.wasm')))
          this.warn('no .wasm among the files the resident pages import: the core will not work offline');
        const precache = [`${base}index.html`, ...files.map((f) => base + f)];
        const html = bundle['index.html'];
        const version = createHash('sha256')
          .update(JSON.stringify(precache))
          .update(html?.type === 'asset' ? html.source : '')
          .update(code)
          .digest('hex')
          .slice(0, 16);
        this.emitFile({
          type: 'asset',
          fileName: 'sw.js',
          source:
            `// Built by scripts/sw-plugin.mjs: ${precache.length} files precached.\n` +
            `const PRECACHE = ${JSON.stringify(precache, null, 1)};\n` +
            `const VERSION = '${version}';\n\n${code}`,
        });
      },
    },
  };
}
