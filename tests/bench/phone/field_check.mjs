// The field check on the phone: the core's `validate` of the 出生一件事 form's first stage
// (the fields of its items' catalog examples), the call the form makes on each keystroke, timed
// in the page after a warm-up (the engine tiers hot wasm code up): mean of 1,000 calls, median
// and p95 of 300. Budget < 1 ms.
import { phoneContext } from './server.mjs';

export async function fieldCheck(browser, srv, bundleId = 'birth') {
  // The examples are in the whole catalog (slices carry what the rules need, not examples).
  const catalog = await (await fetch(`${srv.base}/api/v1/catalog`)).json();
  const bundle = catalog.bundles.find((b) => b.id === bundleId);
  const fields = {};
  for (const id of bundle.stages[0].items) {
    const it = catalog.items.find((i) => i.id === id);
    const app = it?.example?.application || it?.example || {};
    Object.assign(fields, app.fields || {});
  }
  const req = { op: 'validate', bundle: bundleId, stage: 1, application: { fields, materials: {} } };
  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  try {
    await page.goto(`${srv.base}/`);
    await page.waitForFunction(() => Boolean(window.__yilu));
    return await page.evaluate(
      async ({ req, bundleId }) => {
        if (!(await window.__yilu.ensureCore('bundle', bundleId)))
          return { ok: false, error: 'core or slice did not load' };
        const call = window.__yilu.callCore;
        // Each call goes to the core's worker and back, as a keystroke's check does.
        const r0 = await call(req);
        for (let i = 0; i < 200; i++) await call(req);
        const times = [];
        for (let i = 0; i < 300; i++) {
          const t = performance.now();
          await call(req);
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        // performance.now() is coarsened in the page; the mean of a batch is the finer number.
        const n = 1000;
        const t = performance.now();
        for (let i = 0; i < n; i++) await call(req);
        return {
          ok: Boolean(r0 && r0.ok),
          verdict: r0?.verdict || r0?.error?.code || '',
          fields: Object.keys(req.application.fields).length,
          mean_ms: +((performance.now() - t) / n).toFixed(4),
          median_ms: +times[times.length >> 1].toFixed(3),
          p95_ms: +times[Math.floor(times.length * 0.95)].toFixed(3),
        };
      },
      { req, bundleId },
    );
  } finally {
    await ctx.close();
  }
}
