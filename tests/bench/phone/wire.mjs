// Bytes on the wire of one page, as the phone would pay for them: the page's requests from its
// DevTools session (Network.loadingFinished's encodedDataLength — headers and the body as sent,
// i.e. the transfer size), its dedicated workers' (the core's worker fetches the .wasm) from
// their own sessions, and the requests its service worker makes (the precache, slices it
// fetches), which the page's session never sees. Answers from the HTTP cache or from the
// service worker cost nothing on the wire and are listed with 0 bytes and where they came from.

/** Fast 3G as Lighthouse and DevTools define it: 150 ms latency, 1.6 Mbps down, 750 kbps up. */
export const FAST_3G = {
  offline: false,
  latency: 150,
  downloadThroughput: 200000, // bytes per second
  uploadThroughput: 750000 / 8,
  connectionType: 'cellular3g',
};

/**
 * Starts recording the page's network (call before page.goto). `emulate`: conditions for
 * Network.emulateNetworkConditions (the page's and its dedicated workers' requests: Chromium
 * throttles per target, so a service worker's fetches are not slowed).
 * @returns {Promise<{ entries(): WireEntry[], total(filter?): number, stop(): Promise<void>, cdp: any }>}
 *
 * @typedef {{ url: string, path: string, by: 'page' | 'worker' | 'sw', status: number, bytes: number,
 *   source: string, type: string, doneAt: number, failed?: string }} WireEntry
 */
export async function watchWire(context, page, { emulate = null } = {}) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // Keep the disk cache as a browser would (a fresh context starts with an empty one).
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  if (emulate) await cdp.send('Network.emulateNetworkConditions', emulate);

  /** @type {WireEntry[]} */
  const done = [];
  const shortPath = (u) => {
    try {
      const x = new URL(u);
      return x.pathname + (x.search.length > 24 ? `${x.search.slice(0, 20)}…` : x.search);
    } catch {
      return u;
    }
  };
  /**
   * Records the requests of one target's session (`on(event, handler)` subscribes to its events).
   * @param {(name: string, handler: (e: any) => void) => void} on
   * @param {'page' | 'worker'} by
   */
  const record = (on, by) => {
    /** @type {Map<string, { url: string, type: string, status: number, source: string }>} */
    const pending = new Map();
    on('Network.requestWillBeSent', (e) => {
      pending.set(e.requestId, { url: e.request.url, type: e.type || '', status: 0, source: 'network' });
    });
    on('Network.requestServedFromCache', (e) => {
      const p = pending.get(e.requestId);
      if (p) p.source = 'memory cache';
    });
    on('Network.responseReceived', (e) => {
      const p = pending.get(e.requestId) || { url: e.response.url, type: e.type || '', status: 0, source: 'network' };
      p.status = e.response.status;
      if (e.response.fromServiceWorker) p.source = 'service worker';
      else if (e.response.fromDiskCache) p.source = 'disk cache';
      else if (e.response.fromPrefetchCache) p.source = 'prefetch cache';
      pending.set(e.requestId, p);
    });
    on('Network.loadingFinished', (e) => {
      const p = pending.get(e.requestId);
      if (!p || p.url.startsWith('data:')) return;
      pending.delete(e.requestId);
      const bytes = p.source === 'network' ? e.encodedDataLength : 0;
      done.push({
        url: p.url,
        path: shortPath(p.url),
        by,
        status: p.status,
        bytes,
        source: p.source,
        type: p.type,
        doneAt: Date.now(),
      });
    });
    on('Network.loadingFailed', (e) => {
      const p = pending.get(e.requestId);
      if (!p) return;
      pending.delete(e.requestId);
      done.push({
        url: p.url,
        path: shortPath(p.url),
        by,
        status: p.status,
        bytes: 0,
        source: p.source,
        type: p.type,
        doneAt: Date.now(),
        failed: e.errorText,
      });
    });
  };
  record((name, handler) => cdp.on(name, handler), 'page');

  // Dedicated workers (the core's worker fetches the .wasm itself) are targets of their own,
  // whose requests the page's session does not see. They are attached through this session's
  // messages (Target.sendMessageToTarget: Playwright's CDP session has no child sessions),
  // held at their start until their network is recorded (and throttled as the page's).
  /** @type {Map<string, Map<string, Array<(e: any) => void>>>} */
  const workerHandlers = new Map();
  let workerMessageId = 1;
  const toWorker = (sessionId, method, params = {}) =>
    cdp
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: workerMessageId++, method, params }) })
      .catch(() => {}); // the worker ended
  cdp.on('Target.attachedToTarget', async (e) => {
    if (e.targetInfo.type === 'worker') {
      const handlers = new Map();
      workerHandlers.set(e.sessionId, handlers);
      record((name, handler) => handlers.set(name, [...(handlers.get(name) || []), handler]), 'worker');
      await toWorker(e.sessionId, 'Network.enable');
      await toWorker(e.sessionId, 'Network.setCacheDisabled', { cacheDisabled: false });
      if (emulate) await toWorker(e.sessionId, 'Network.emulateNetworkConditions', emulate);
    }
    await toWorker(e.sessionId, 'Runtime.runIfWaitingForDebugger');
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const handlers = workerHandlers.get(e.sessionId);
    if (!handlers) return;
    const m = JSON.parse(e.message);
    for (const handler of (m.method && handlers.get(m.method)) || []) handler(m.params);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });

  // The service worker's own fetches (Playwright reports them on the context with
  // request.serviceWorker() set; their transfer size is the worker session's encodedDataLength).
  // The entry is listed when the request finishes; its size arrives later (flush() waits).
  const sizing = new Set();
  const onSw = (req) => {
    if (!req.serviceWorker()) return;
    const entry = {
      url: req.url(),
      path: shortPath(req.url()),
      by: 'sw',
      status: 0,
      bytes: 0,
      source: 'cache',
      type: req.resourceType(),
      doneAt: Date.now(),
    };
    done.push(entry);
    const p = (async () => {
      try {
        const res = await req.response();
        entry.status = res ? res.status() : 0;
        const s = await req.sizes();
        entry.bytes = Math.max(0, s.responseHeadersSize + s.responseBodySize);
        if (entry.bytes) entry.source = 'network';
      } catch {
        /* the worker went away: nothing measurable */
      }
    })();
    sizing.add(p);
    p.finally(() => sizing.delete(p));
  };
  context.on('requestfinished', onSw);

  return {
    cdp,
    /** Waits (up to 5 s) for the sizes of the worker's finished requests. */
    async flush() {
      const t = new Promise((r) => setTimeout(r, 5000));
      await Promise.race([Promise.all([...sizing]), t]);
    },
    /** Every finished request so far (`before`: only those finished by that Date.now()). */
    entries(before = Infinity) {
      return done.filter((d) => d.doneAt <= before);
    },
    total(before = Infinity) {
      return done.filter((d) => d.doneAt <= before).reduce((s, d) => s + d.bytes, 0);
    },
    async stop() {
      await this.flush();
      context.off('requestfinished', onSw);
      await cdp.detach().catch(() => {});
    },
  };
}

/** Per-path bytes, heaviest first, for the report ("/assets/yilu_core-….wasm": 129,512). */
export function perUrl(entries) {
  const rows = entries.map((e) => ({
    path: e.path,
    by: e.by,
    status: e.status,
    bytes: e.bytes,
    source: e.source,
    ...(e.failed ? { failed: e.failed } : {}),
  }));
  return rows.sort((a, b) => b.bytes - a.bytes);
}
