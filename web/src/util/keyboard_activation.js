// Enter and Space activate what Vant draws as <div role="button" tabindex="0"> (a cell or grid
// item with a link): the browser does this for real buttons only, so without it a keyboard or
// switch user can reach such a row but not open it.
export function installKeyboardActivation() {
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter' && ev.key !== ' ') return;
    const el = ev.target;
    if (!(el instanceof HTMLElement) || el.getAttribute('role') !== 'button') return;
    if (el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement || el.isContentEditable) return;
    ev.preventDefault();
    el.click();
  });
}
