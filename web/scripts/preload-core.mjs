// Starts the rules core's download with the page on the pages that need it at once: the forms
// (/apply/…), whose live checks are the core. index.html gets a small inline script that, on
// those paths, names the hashed wasm glue (modulepreload) and the .wasm (preload as fetch, the
// request the page's WebAssembly.compileStreaming then uses), so they come down beside the entry
// chunk instead of after it and the route's chunk. Elsewhere the core is not on the way to the
// first screen: a guide is answered by the server's core first and the page starts the wasm once
// the guide is shown; home warms it on idle. There, an early .wasm download would only take
// bandwidth from the entry chunk and the guide's answer on a slow link.

/** The paths whose first screen waits for the core. */
export const CORE_FIRST = /^\/apply\//;

/** @returns {import('vite').Plugin} */
export function preloadCore() {
  return {
    name: 'yilu-preload-core',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const names = Object.keys(ctx.bundle || {});
        const glue = names.find((n) => /(^|\/)yilu_core-[^/]+\.mjs$/.test(n));
        const wasm = names.find((n) => /(^|\/)yilu_core-[^/]+\.wasm$/.test(n));
        if (!glue || !wasm) return html;
        const links = [
          { rel: 'modulepreload', href: `/${glue}` },
          { rel: 'preload', href: `/${wasm}`, as: 'fetch', type: 'application/wasm', crossOrigin: '' },
        ];
        const script =
          `if(${CORE_FIRST}.test(location.pathname))` +
          `${JSON.stringify(links)}.forEach(function(a){` +
          `var l=document.createElement('link');for(var k in a)l[k]=a[k];document.head.appendChild(l)})`;
        return { html, tags: [{ tag: 'script', children: script, injectTo: 'head' }] };
      },
    },
  };
}
