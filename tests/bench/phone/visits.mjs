// A guide page on the phone, first and again: a fresh context (empty cache, no service worker)
// opens /guide/<kind>/<id> and the bytes on the wire are counted until the core holds the
// entry's slice and the guide is on screen; after the service worker (if any) has installed,
// a new page of the same context opens it again (the repeat visit); then, with the network off
// and the resident signed in, the apply page of the entry must still show its form.
import { phoneContext, signInContext } from './server.mjs';
import { settle, waitCoreAndShown } from './page_state.mjs';
import { perUrl, watchWire } from './wire.mjs';
import { slowLink } from './slow_link.mjs';

const GUIDE_SHOWN = '[data-test=start-apply]:not([disabled])';

/** One visit of `path` in a new page of `ctx`: bytes until ready, the page's timings. */
async function visit(ctx, url, entry, { selector = GUIDE_SHOWN, validate = false, emulate = null } = {}) {
  const page = await ctx.newPage();
  const wire = await watchWire(ctx, page, { emulate });
  await page.goto(url, { waitUntil: 'commit' });
  const timing = await waitCoreAndShown(page, { ...entry, selector, validate });
  const readyWall = Date.now();
  await wire.flush();
  const untilReady = wire.entries(readyWall);
  return { page, wire, timing, bytes: wire.total(readyWall), files: perUrl(untilReady), readyWall };
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {{ base: string, session: string }} srv
 * @param {{ kind: 'item' | 'bundle', id: string }} entry
 * @param {{ offlineApply?: boolean }} [o]
 */
export async function guideVisits(browser, srv, entry, { offlineApply = false } = {}) {
  const url = `${srv.base}/guide/${entry.kind}/${entry.id}`;
  const ctx = await phoneContext(browser);
  try {
    const first = await visit(ctx, url, entry);
    const worker = await settle(first.page, first.wire);
    await first.wire.flush();
    const afterReady = first.wire.entries().filter((e) => e.doneAt > first.readyWall);
    const settled = first.wire.total();
    await first.wire.stop();
    await first.page.close();

    const again = await visit(ctx, url, entry);
    await settle(again.page, again.wire, { quietMs: 500 });
    await again.wire.stop();

    let offline = null;
    if (offlineApply) offline = await applyOffline(ctx, srv, entry, again.page);
    await again.page.close();
    return {
      first: {
        bytes: first.bytes,
        settled_bytes: settled,
        files: first.files,
        ...timingOf(first.timing),
      },
      service_worker: worker,
      after_ready: perUrl(afterReady),
      repeat: {
        bytes: again.bytes,
        files: again.files.filter((f) => f.bytes > 0 || f.source !== 'network'),
        ...timingOf(again.timing),
      },
      offline_apply: offline,
    };
  } finally {
    await ctx.close();
  }
}

/** The apply page of the entry with the network off, signed in: does the form show? */
async function applyOffline(ctx, srv, entry, openPage) {
  await openPage.evaluate((s) => localStorage.setItem('yilu.resident.session', s), srv.session);
  await signInContext(ctx, srv.session);
  await ctx.setOffline(true);
  const page = await ctx.newPage();
  const url = `${srv.base}/apply/${entry.kind}/${entry.id}`;
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: 15000 });
    const t = await waitCoreAndShown(page, { ...entry, selector: '[data-field]', validate: true, timeout: 15000 });
    const fields = await page.locator('[data-field]').count();
    return { pass: true, fields, at_ms: round(t.at) };
  } catch (e) {
    const shown = await page.evaluate(() => document.body?.innerText?.slice(0, 120) || '').catch(() => '');
    return {
      pass: false,
      reason: String(e.message || e)
        .split('\n')[0]
        .slice(0, 160),
      shown,
    };
  } finally {
    await page.close();
    await ctx.setOffline(false);
  }
}

const round = (x, d = 1) => (x === null || x === undefined ? null : +x.toFixed(d));

function timingOf(t) {
  return {
    shown_ms: round(t.at),
    slice_ready_ms: round(t.sliceReadyAt),
    core_ready_ms: round(t.readyAt),
    wasm_response_end_ms: round(t.wasmResponseEnd),
    slice_ready_after_wasm_ms: t.wasmResponseEnd === null ? null : round(t.sliceReadyAt - t.wasmResponseEnd),
    instantiated_after_wasm_ms: t.wasmResponseEnd === null ? null : round(t.instantiatedAt - t.wasmResponseEnd),
    load_calendar_ms: round(t.calendarMs),
    load_slices_ms: round(t.catalogMs),
  };
}

/**
 * The apply form of the entry on Fast 3G, signed in: ms from navigation start until its fields
 * are on screen and the core answers `validate` for it (the live check works); first visit
 * (empty cache) and repeat visit (a new page of the same context, after the worker installed).
 * `via`: 'devtools' (Network.emulateNetworkConditions on the page: its own requests only) or
 * 'link' (every request of the browser through one slow link, slow_link.mjs).
 */
export async function applyOnFast3g(browser, srv, entry, conditions, { via = 'devtools' } = {}) {
  const link = via === 'link' ? await slowLink(srv.base, conditions) : null;
  const emulate = link ? null : conditions;
  const url = `${link ? link.base : srv.base}/apply/${entry.kind}/${entry.id}`;
  const ctx = await phoneContext(browser, srv.session);
  try {
    const first = await visit(ctx, url, entry, { selector: '[data-field]', validate: true, emulate });
    await settle(first.page, first.wire);
    await first.wire.stop();
    await first.page.close();
    const again = await visit(ctx, url, entry, { selector: '[data-field]', validate: true, emulate });
    await again.wire.stop();
    await again.page.close();
    return {
      via,
      first_ms: round(first.timing.at),
      first_bytes: first.bytes,
      first_slice_ready_ms: round(first.timing.sliceReadyAt),
      repeat_ms: round(again.timing.at),
      repeat_bytes: again.bytes,
    };
  } finally {
    await ctx.close();
    if (link) await link.close();
  }
}
