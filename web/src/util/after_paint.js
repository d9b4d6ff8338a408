// Runs `fn` once the page has painted what it just rendered and the browser is idle: work a
// screen does not need (warming the rules core) then never delays that screen.
export function afterPaint(fn) {
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 200));
  requestAnimationFrame(() => setTimeout(() => idle(() => fn(), { timeout: 2000 }), 0));
}
