// Starts the rules core's download with the page: index.html names the hashed wasm glue
// (modulepreload) and the .wasm (preload as fetch, the mode the glue's instantiateStreaming
// uses), so they come down beside the entry chunk instead of after it and the route's chunk.
// Every resident page uses the core (home warms it on idle), so nothing is fetched in vain.

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
        const tags = [];
        if (glue) tags.push({ tag: 'link', attrs: { rel: 'modulepreload', href: `/${glue}` }, injectTo: 'head' });
        if (wasm)
          tags.push({
            tag: 'link',
            attrs: { rel: 'preload', href: `/${wasm}`, as: 'fetch', type: 'application/wasm', crossorigin: '' },
            injectTo: 'head',
          });
        return { html, tags };
      },
    },
  };
}
