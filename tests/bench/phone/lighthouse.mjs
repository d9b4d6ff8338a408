// Lighthouse (its default: the mobile preset — Moto G Power screen, simulated slow 4G and 4×
// CPU) on every resident page, performance and accessibility. Lighthouse is a devDependency of
// tests/bench (its own lock; scripts/bench.sh phone installs it) and drives Debian's chromium
// through chrome-launcher: it never downloads a browser.

/** The resident pages, by what they are (ids present in the sample and the generated catalog). */
export function residentPages(item) {
  return [
    ['home', '/'],
    ['search', `/search?q=${encodeURIComponent('社保卡')}`],
    ['window items', '/window/w_social'],
    ['department browse', '/browse/department/rsj'],
    ['life event', '/browse/event/birth'],
    ['item guide', `/guide/item/${item}`],
    ['bundle guide', '/guide/bundle/birth'],
    ['login', '/login'],
  ];
}

/** Whether lighthouse is installed in tests/bench (npm ci there). */
export async function lighthouseAvailable() {
  try {
    await import('lighthouse');
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs Lighthouse on each page of `pages` ([name, path]) against `base`; resolves to one row
 * per page: scores 0–100, LCP/FCP/TBT in ms, CLS, and the accessibility audits that failed.
 */
export async function lighthousePages(
  base,
  pages,
  { chromePath = '/usr/bin/chromium', runs = 1, log = () => {} } = {},
) {
  process.env.CHROME_PATH ||= chromePath;
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox'],
  });
  const rows = [];
  try {
    for (const [name, path] of pages) {
      // Several runs: the one of median performance score is reported (Lighthouse's advice).
      const tries = [];
      for (let i = 0; i < runs; i++) {
        const r = await lighthouse(`${base}${path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        tries.push(r.lhr);
      }
      tries.sort((a, b) => (a.categories.performance.score ?? 0) - (b.categories.performance.score ?? 0));
      const lhr = tries[tries.length >> 1];
      const audit = (id) => lhr.audits[id]?.numericValue;
      const failedA11y = Object.values(lhr.categories.accessibility.auditRefs)
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id);
      // What to look at when a number is over: the LCP element, the elements that shifted most,
      // the largest transfers, and how fast Lighthouse judged this machine (benchmarkIndex:
      // a loaded machine makes the simulated 4× CPU slower still).
      const nodeOf = (item) => item?.node?.selector || item?.node?.snippet || '';
      const lcpItems = lhr.audits['largest-contentful-paint-element']?.details?.items || [];
      const lcpNode = nodeOf(lcpItems[0]?.items?.[0] || lcpItems[0]);
      const shifts = (lhr.audits['layout-shifts']?.details?.items || [])
        .slice(0, 3)
        .map((i) => `${nodeOf(i)} ${(+i.score).toFixed(3)}`);
      const heavy = (lhr.audits['network-requests']?.details?.items || [])
        .sort((a, b) => (b.transferSize || 0) - (a.transferSize || 0))
        .slice(0, 4)
        .map(
          (i) =>
            `${new URL(i.url).pathname.replace(/^\/assets\//, '')} ${((i.transferSize || 0) / 1024).toFixed(1)} KB`,
        );
      const row = {
        page: name,
        path,
        performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
        lcp_ms: Math.round(audit('largest-contentful-paint') ?? NaN),
        cls: +(audit('cumulative-layout-shift') ?? NaN).toFixed(3),
        fcp_ms: Math.round(audit('first-contentful-paint') ?? NaN),
        tbt_ms: Math.round(audit('total-blocking-time') ?? NaN),
        speed_index_ms: Math.round(audit('speed-index') ?? NaN),
        transfer_kb: +((audit('total-byte-weight') ?? 0) / 1024).toFixed(1),
        accessibility_failed: failedA11y,
        lcp_element: lcpNode,
        layout_shifts: shifts,
        heaviest: heavy,
        benchmark_index: lhr.environment?.benchmarkIndex,
        ...(runs > 1
          ? { performance_runs: tries.map((t) => Math.round((t.categories.performance.score ?? 0) * 100)) }
          : {}),
        ...(lhr.runWarnings?.length ? { warnings: lhr.runWarnings.map((w) => String(w).slice(0, 160)) } : {}),
      };
      if (lhr.runtimeError) row.error = lhr.runtimeError.message;
      log(
        `lighthouse ${name}: performance ${row.performance}, accessibility ${row.accessibility}, LCP ${row.lcp_ms} ms, CLS ${row.cls}`,
      );
      rows.push(row);
    }
  } finally {
    await chrome.kill();
  }
  return rows;
}
