// Search as the resident types, on /search: for each keystroke, from the input event to the
// results on screen. The input is set and an `input` event dispatched as a keystroke (or an IME
// commit: "社保" arrives as one) does; Vue re-renders in a microtask, a MutationObserver marks
// the list patched ("dom"; null when the list did not change), and the end of the next animation frame marks it painted ("frame",
// the budget's number: what the resident waits for).
import { phoneContext } from './server.mjs';

/** Keystroke sequences: each step is measured from the state the previous one left. */
export const SEQUENCES = [
  ['社保', '社保卡'],
  ['s', 'sb', 'sbk'],
  ['上户', '上户口'],
];

export async function searchKeystrokes(browser, srv, { rounds = 20 } = {}) {
  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  try {
    await page.goto(`${srv.base}/search`);
    const input = page.locator('[data-test=search-input] input');
    await input.waitFor();
    // The index is in once a query shows a count.
    await input.fill('社保');
    await page.locator('[data-test=search-count]', { hasText: '找到' }).waitFor({ timeout: 30000 });
    await input.fill('');
    await page.waitForTimeout(100);

    const steps = await page.evaluate(
      async ({ sequences, rounds }) => {
        const input = document.querySelector('[data-test=search-input] input');
        const main = document.querySelector('main');
        const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
        const afterPaint = () =>
          new Promise((r) =>
            requestAnimationFrame(() => {
              const ch = new MessageChannel();
              ch.port1.onmessage = () => r(performance.now());
              ch.port2.postMessage(0);
            }),
          );
        const type = async (value) => {
          let dom = 0;
          const mo = new MutationObserver(() => {
            if (!dom) dom = performance.now();
          });
          mo.observe(main, { subtree: true, childList: true, characterData: true });
          performance.mark('keystroke');
          const t0 = performance.now();
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          const painted = await afterPaint();
          mo.disconnect();
          performance.measure(`search ${value}`, 'keystroke');
          const first = main.querySelector('ul.entries li a');
          const count = main.querySelector('[data-test=search-count]')?.textContent.trim() || '';
          return {
            dom: dom ? dom - t0 : null,
            frame: painted - t0,
            first: first ? first.textContent.trim().slice(0, 30) : '',
            count,
          };
        };
        const out = {};
        for (let r = 0; r < rounds; r++) {
          for (const seq of sequences) {
            for (const v of seq) {
              const m = await type(v);
              (out[v] ||= []).push(m);
            }
            await type('');
            await frame();
          }
        }
        return out;
      },
      { sequences: SEQUENCES, rounds },
    );
    return steps;
  } finally {
    await ctx.close();
  }
}

/** The first keystroke on a freshly opened search page (the index's search words are built then). */
export async function firstKeystroke(browser, srv) {
  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  try {
    await page.goto(`${srv.base}/search`);
    await page.locator('[data-test=search-input] input').waitFor();
    // The index arrives on mount; wait until it is in (nothing shows that before a query, so
    // ask the network layer).
    await page.waitForLoadState('networkidle');
    return await page.evaluate(async () => {
      const input = document.querySelector('[data-test=search-input] input');
      const t0 = performance.now();
      input.value = '社保卡';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const painted = await new Promise((r) =>
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => r(performance.now());
          ch.port2.postMessage(0);
        }),
      );
      return { frame: painted - t0, results: document.querySelectorAll('ul.entries li').length };
    });
  } finally {
    await ctx.close();
  }
}
