// What the phone budget waits for in a page, read from the page itself: the core holding an
// entry's slice (window.__yilu.coreState, web/src/core/wasm_core.js) with the guide or the form
// on screen, and the service worker done installing — so a "repeat visit" is one.

/**
 * Waits until the core holds `kind/id` and `selector` is in the page (and, with `validate`, the
 * core answers a validate of the entry: the live check works); resolves to the page's clock then
 * (ms from navigation start) and the core's timings. Rejects when the core failed.
 */
export async function waitCoreAndShown(page, { kind, id, selector, validate = false, timeout = 30000 }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const handle = await page.waitForFunction(
      ({ key, selector }) => {
        const y = window.__yilu;
        if (!y) return false;
        const s = y.coreState;
        if (s.status === "failed") return { failed: s.error || "core failed" };
        if (!s.entries.includes(key) || !document.querySelector(selector)) return false;
        return true;
      },
      { key: `${kind}/${id}`, selector },
      { polling: "raf", timeout: Math.max(1, deadline - Date.now()) },
    );
    const v = await handle.jsonValue();
    if (v.failed) throw new Error(`the core failed to load: ${v.failed}`);
    // Read in the page once the conditions hold; a validate is a message to the core's worker
    // and back, so "usable" is when its answer is in.
    const t = await page.evaluate(
      async ({ validate, kind, id }) => {
        const y = window.__yilu;
        const s = y.coreState;
        if (validate) {
          const r = await y.callCore({
            op: "validate",
            [kind]: id,
            application: { answers: {}, fields: {}, materials: {} },
          });
          if (!r || !r.ok) return null;
        }
        // The core's worker fetches the .wasm itself (its resource timing is the worker's; the
        // core reports when it ended); on the forms the page does (its own resource timing).
        const w = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
        return {
          at: performance.now(),
          sliceReadyAt: s.sliceReadyAt,
          readyAt: s.readyAt,
          instantiatedAt: s.instantiatedAt,
          wasmResponseEnd: s.wasmDownloadedAt || (w ? w.responseEnd : null),
          wasmTransferSize: w ? w.transferSize : null,
          calendarMs: s.calendarMs,
          catalogMs: s.catalogMs,
          instantiateMs: s.instantiateMs,
        };
      },
      { validate, kind, id },
    );
    if (t) return t;
    if (Date.now() > deadline) throw new Error(`the core never answered validate for ${kind}/${id}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Waits for the page's service worker (if the build registers one) to be active with nothing
 * installing, then for the network to be quiet for `quietMs` (what the worker keeps after
 * taking control). Resolves to 'active', 'none' (no worker registered) or 'timeout'.
 */
export async function settle(page, wire, { quietMs = 1000, timeout = 20000 } = {}) {
  const state = await page
    .evaluate(async (timeout) => {
      const sw = navigator.serviceWorker;
      if (!sw) return "none";
      const t0 = performance.now();
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
      while (document.readyState !== "complete" && performance.now() - t0 < timeout) await sleep(50);
      const loadedAt = performance.now();
      while (performance.now() - t0 < timeout) {
        const reg = await sw.getRegistration();
        if (reg && reg.active && !reg.installing && !reg.waiting) return "active";
        // The page registers its worker on load: none a second after load is none at all.
        if (!reg && performance.now() - loadedAt > 1000) return "none";
        await sleep(100);
      }
      return "timeout";
    }, timeout)
    .catch(() => "timeout");
  let n = -1;
  const t0 = Date.now();
  while (Date.now() - t0 < timeout) {
    const m = wire.entries().length;
    if (m === n) break;
    n = m;
    await new Promise((r) => setTimeout(r, quietMs));
  }
  return state;
}
